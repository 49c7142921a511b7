import { readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { redactMirror } from '../security/redact.js'
import type { MirrorEndpoint } from './upstream.js'

export interface NetrcEntry {
  machine: string
  login: string
  password: string
}

/** Parses a netrc file as cmd/go reads it (machine, login, password; `default` and macdef ignored). */
export function parseNetrc(text: string): NetrcEntry[] {
  const tokens = text.split(/\s+/).filter(t => t !== '')
  const entries: NetrcEntry[] = []
  let current: NetrcEntry | undefined
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]
    if (token === 'machine') {
      current = { machine: tokens[++i] ?? '', login: '', password: '' }
      entries.push(current)
    } else if (token === 'default' || token === 'macdef') {
      // go stops at a default entry and skips macro definitions.
      current = undefined
      if (token === 'default') break
    } else if (current && token === 'login') current.login = tokens[++i] ?? ''
    else if (current && token === 'password') current.password = tokens[++i] ?? ''
  }
  return entries.filter(e => e.machine !== '' && e.login !== '')
}

/** The netrc go would read: $NETRC, else ~/.netrc (on Windows ~/_netrc first). */
export function readNetrc(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform
): NetrcEntry[] {
  const home = env.HOME || env.USERPROFILE || os.homedir()
  const candidates = env.NETRC
    ? [env.NETRC]
    : platform === 'win32'
      ? [path.join(home, '_netrc'), path.join(home, '.netrc')]
      : [path.join(home, '.netrc')]
  for (const file of candidates) {
    try {
      return parseNetrc(readFileSync(file, 'utf8'))
    } catch {
      // No netrc there.
    }
  }
  return []
}

/**
 * A mirror entry as the relay reaches it: credentials from the URL's userinfo (or, for https, the
 * netrc) become a Basic header for that origin, and the URL keeps none.
 */
export function mirrorEndpoint(value: string, netrc: readonly NetrcEntry[]): MirrorEndpoint {
  const label = redactMirror(value)
  const url = new URL(value)
  if (url.protocol === 'file:') {
    if (!url.pathname.endsWith('/')) url.pathname = `${url.pathname}/`
    return { value, label, kind: 'file', base: url }
  }
  let authorization: string | undefined
  if (url.username !== '' || url.password !== '') {
    const user = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`
    authorization = `Basic ${Buffer.from(user).toString('base64')}`
  } else if (url.protocol === 'https:') {
    const entry = netrc.find(e => e.machine === url.hostname)
    if (entry) authorization = `Basic ${Buffer.from(`${entry.login}:${entry.password}`).toString('base64')}`
  }
  url.username = ''
  url.password = ''
  if (!url.pathname.endsWith('/')) url.pathname = `${url.pathname}/`
  url.search = ''
  url.hash = ''
  return { value, label, kind: 'http', base: url, authorization }
}

/** Every form of a mirror's credentials that could reach a log line, for masking. */
export function credentialForms(endpoint: MirrorEndpoint): string[] {
  if (!endpoint.authorization) return []
  const encoded = endpoint.authorization.slice('Basic '.length)
  const plain = Buffer.from(encoded, 'base64').toString('utf8')
  const password = plain.slice(plain.indexOf(':') + 1)
  return [endpoint.authorization, encoded, password, encodeURIComponent(password)].filter(f => f.length >= 3)
}
