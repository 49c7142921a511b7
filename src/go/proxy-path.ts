import { escapeModulePath } from './modcache.js'

/** The files of one module version a module proxy serves. */
export type VersionFile = 'info' | 'mod' | 'zip'

/** What a path below a module proxy's base asks for, as cmd/go sends it. */
export type ProxyRequest =
  | { kind: 'version'; module: string; version: string; file: VersionFile }
  | { kind: 'list'; module: string }
  | { kind: 'latest'; module: string }
  | { kind: 'sumdb'; name: string; rest: string }

/**
 * Undoes go's case-encoding (`!a` is `A`); undefined where go's own decoder would refuse the text:
 * an upper-case letter, or a `!` not followed by a lower-case one.
 */
export function decodeCase(escaped: string): string | undefined {
  let out = ''
  for (let i = 0; i < escaped.length; i++) {
    const c = escaped[i] as string
    if (c === '!') {
      const next = escaped[i + 1]
      if (next === undefined || next < 'a' || next > 'z') return undefined
      out += next.toUpperCase()
      i++
    } else if (c >= 'A' && c <= 'Z') {
      return undefined
    } else {
      out += c
    }
  }
  return out
}

const VERSION_FILE = /^(.+)\/@v\/(.+)\.(info|mod|zip)$/

/**
 * Parses a request path relative to a proxy base (no leading slash), as it arrives on the wire: go
 * percent-encodes the `!` of its case-encoding, so the path is percent-decoded first, then case-decoded.
 */
export function parseProxyPath(rawPath: string): ProxyRequest | undefined {
  const path = percentDecode(rawPath)
  return path === undefined ? undefined : parseDecodedPath(path)
}

/**
 * What a request URL asks of a mirror, when the URL lies below the mirror's base. URLs are compared
 * parsed, as go prints them and as the user wrote them may differ: scheme and host in any case, a
 * default port or none, userinfo (go prints `user:xxxxx@`) or none, the path percent-encoded or not.
 */
export function proxyRequestOf(url: string, base: string): ProxyRequest | undefined {
  const rest = pathBelow(url, base)
  return rest === undefined ? undefined : parseDecodedPath(rest)
}

/** Whether a request URL lies below a mirror's base, compared as proxyRequestOf compares them. */
export function isBelowBase(url: string, base: string): boolean {
  return pathBelow(url, base) !== undefined
}

/**
 * What tells mirrors apart: the base as proxyRequestOf compares it, without trailing slashes, and
 * the userinfo, which picks the account. Entries that are not URLs (`direct`, `off`) are their text.
 */
export function mirrorKey(entry: string): string {
  const place = locate(entry)
  if (!place) return entry
  const { username, password } = new URL(entry)
  return `${place.origin}${place.path.replace(/\/+$/, '')} ${username}:${password}`
}

/** The entries with each mirror kept once, where it first appears (`A, A/, B, b` is `A, B`). */
export function distinctMirrors(entries: readonly string[]): string[] {
  const seen = new Set<string>()
  return entries.filter(entry => {
    const key = mirrorKey(entry)
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** The percent-decoded path of `url` below `base`, or undefined when it is elsewhere. */
function pathBelow(url: string, base: string): string | undefined {
  const request = locate(url)
  const mirror = locate(base)
  if (!request || !mirror || request.origin !== mirror.origin) return undefined
  const prefix = `${mirror.path.replace(/\/+$/, '')}/`
  return request.path.startsWith(prefix) ? request.path.slice(prefix.length) : undefined
}

/** A URL reduced to what names the place: scheme and host as the URL parser normalises them, and the decoded path. */
function locate(text: string): { origin: string; path: string } | undefined {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return undefined
  }
  const path = percentDecode(url.pathname)
  return path === undefined ? undefined : { origin: `${url.protocol}//${url.host}`, path }
}

function percentDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text)
  } catch {
    return undefined
  }
}

function parseDecodedPath(path: string): ProxyRequest | undefined {
  if (path.includes('\0') || path.split('/').some(part => part === '..' || part === '.')) return undefined
  if (path.startsWith('sumdb/')) {
    const slash = path.indexOf('/', 'sumdb/'.length)
    if (slash < 0) return undefined
    return { kind: 'sumdb', name: path.slice('sumdb/'.length, slash), rest: path.slice(slash + 1) }
  }
  if (path.endsWith('/@v/list')) {
    const module = decodeCase(path.slice(0, -'/@v/list'.length))
    return module ? { kind: 'list', module } : undefined
  }
  if (path.endsWith('/@latest')) {
    const module = decodeCase(path.slice(0, -'/@latest'.length))
    return module ? { kind: 'latest', module } : undefined
  }
  const match = VERSION_FILE.exec(path)
  if (!match) return undefined
  const module = decodeCase(match[1] as string)
  const version = decodeCase(match[2] as string)
  if (!module || !version || version.includes('/')) return undefined
  return { kind: 'version', module, version, file: match[3] as VersionFile }
}

/** The path below a proxy base that asks for a version file, spelled as cmd/go spells it. */
export function versionFilePath(module: string, version: string, file: VersionFile): string {
  return `${escapedPath(module)}/@v/${escapedPath(version)}.${file}`
}

/** A module path or version as it appears in a request URL: case-encoded, then percent-encoded like go. */
export function escapedPath(text: string): string {
  return pathEscape(escapeModulePath(text))
}

/** Go's url.PathEscape applied to each segment: `!` becomes `%21`, `+` and `@` stay as they are. */
function pathEscape(text: string): string {
  return text
    .split('/')
    .map(segment => encodeURIComponent(segment).replace(/[!'()*]|%(?:24|26|2B|3A|3D|40)/g, escapeGo))
    .join('/')
}

function escapeGo(match: string): string {
  return match.length === 1 ? `%${match.charCodeAt(0).toString(16).toUpperCase()}` : decodeURIComponent(match)
}

/** A short name for what a request is about, for people: `m@v .zip`, `m list`. */
export function describeProxyRequest(request: ProxyRequest): string {
  switch (request.kind) {
    case 'version':
      return `${request.module}@${request.version} .${request.file}`
    case 'list':
      return `${request.module} version list`
    case 'latest':
      return `${request.module}@latest`
    case 'sumdb':
      return `checksum database ${request.name} ${request.rest}`
  }
}
