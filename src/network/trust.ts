import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import tls, { createSecureContext, type SecureContext } from 'node:tls'

const PEM = /-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g

/** The PEM certificates in a file; none when it cannot be read. */
function certificatesIn(file: string): string[] {
  try {
    return readFileSync(file, 'utf8').match(PEM) ?? []
  } catch {
    return []
  }
}

/** The files in SSL_CERT_DIR's directories (separated as PATH is), as go on Unix reads them. */
function filesIn(dirs: string): string[] {
  return dirs
    .split(path.delimiter)
    .filter(dir => dir !== '')
    .flatMap(dir => {
      try {
        return readdirSync(dir).map(name => path.join(dir, name))
      } catch {
        return []
      }
    })
}

/**
 * One TLS context with those certificates for every connection of the process (probes and relay):
 * building one parses them all, 11 to 13 ms for node's and the system's. Undefined when node's own
 * store is all there is, which node shares between its connections itself.
 */
export function trustedContext(env: NodeJS.ProcessEnv): SecureContext | undefined {
  const key = trustKey(env)
  if (!contexts.has(key)) {
    const ca = trustedCertificates(env)
    contexts.set(key, ca ? createSecureContext({ ca }) : undefined)
  }
  return contexts.get(key)
}

const contexts = new Map<string, SecureContext | undefined>()

/** The TLS context of `ca` when a caller gives its own list (built once per list), else `trustedContext`. */
export function contextFor(env: NodeJS.ProcessEnv, ca?: string[]): SecureContext | undefined {
  if (!ca) return trustedContext(env)
  let made = given.get(ca)
  if (!made) given.set(ca, (made = createSecureContext({ ca })))
  return made
}

const given = new WeakMap<string[], SecureContext>()

/** What decides the trusted certificates beyond the system's and node's own. */
function trustKey(env: NodeJS.ProcessEnv): string {
  return `${env.SSL_CERT_FILE ?? ''}\0${env.SSL_CERT_DIR ?? ''}`
}

/**
 * The certificates go would trust, as near as node gets: the system store where node can read it
 * (node 22.15 and later), node's own, and SSL_CERT_FILE and SSL_CERT_DIR, which go also reads.
 * Read each time: `trustedContext` keeps what the process needs.
 */
export function trustedCertificates(env: NodeJS.ProcessEnv): string[] | undefined {
  const read = (tls as { getCACertificates?: (type?: string) => string[] }).getCACertificates
  const system = read
    ? (() => {
        try {
          return read('system')
        } catch {
          return []
        }
      })()
    : []
  const fromFile = [
    ...(env.SSL_CERT_FILE ? certificatesIn(env.SSL_CERT_FILE) : []),
    ...(env.SSL_CERT_DIR ? filesIn(env.SSL_CERT_DIR).flatMap(certificatesIn) : [])
  ]
  if (system.length === 0 && fromFile.length === 0) return undefined
  const bundled = read ? read('default') : [...tls.rootCertificates]
  return [...new Set([...bundled, ...system, ...fromFile])]
}
