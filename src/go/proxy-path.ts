import { escapeModulePath } from './modcache.js'
import { isCanonicalVersion, modulePathProblem, unescapeCase, versionProblem } from './module-path.js'

/** The files of one module version a module proxy serves. */
export type VersionFile = 'info' | 'mod' | 'zip'

/** What a path below a module proxy's base asks for, as cmd/go sends it. */
export type ProxyRequest =
  | { kind: 'version'; module: string; version: string; file: VersionFile }
  | { kind: 'list'; module: string }
  | { kind: 'latest'; module: string }
  | { kind: 'sumdb'; name: string; rest: string }

/** A request for one module version's file of the given kind (`.zip`, `.mod` or `.info`). */
export function asksFor<F extends VersionFile>(
  request: ProxyRequest | undefined,
  file: F
): request is Extract<ProxyRequest, { kind: 'version' }> & { file: F } {
  return request?.kind === 'version' && request.file === file
}

/**
 * Undoes go's case-encoding (`!a` is `A`); undefined where go's own decoder would refuse the text:
 * an upper-case letter, or a `!` not followed by a lower-case one.
 */
export function decodeCase(escaped: string): string | undefined {
  return unescapeCase(escaped)
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

/**
 * The request a decoded path makes, by the protocol's grammar: `<module>/@v/list`, `<module>/@latest`,
 * `<module>/@v/<version>.info|.mod|.zip` with the module path checked as go checks it (x/mod's
 * CheckPath) and the version too (canonical for .mod and .zip, as go asks for no other), and the
 * checksum database's own requests. Anything else is undefined: no other path is ever forwarded.
 */
function parseDecodedPath(path: string): ProxyRequest | undefined {
  if (path.startsWith('sumdb/')) return parseSumdbPath(path.slice('sumdb/'.length))
  const module = (escaped: string): string | undefined => {
    const decoded = unescapeCase(escaped)
    return decoded !== undefined && modulePathProblem(decoded) === undefined ? decoded : undefined
  }
  if (path.endsWith('/@v/list')) {
    const found = module(path.slice(0, -'/@v/list'.length))
    return found ? { kind: 'list', module: found } : undefined
  }
  if (path.endsWith('/@latest')) {
    const found = module(path.slice(0, -'/@latest'.length))
    return found ? { kind: 'latest', module: found } : undefined
  }
  const match = VERSION_FILE.exec(path)
  if (!match) return undefined
  const found = module(match[1] as string)
  const version = unescapeCase(match[2] as string)
  const file = match[3] as VersionFile
  if (!found || version === undefined || versionProblem(version) !== undefined) return undefined
  if (file !== 'info' && !isCanonicalVersion(version)) return undefined
  return { kind: 'version', module: found, version, file }
}

/** What go asks of a checksum database through a proxy (x/mod's sumdb client and tlog tiles). */
const SUMDB_OPERATION = /^(.+?)\/(supported|latest|lookup\/.+|tile\/.+)$/

/** A checksum database name as go allows it: a host, optionally with a port and a path. */
const SUMDB_NAME = /^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?(?::\d{1,5})?(?:\/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)*$/

function parseSumdbPath(path: string): ProxyRequest | undefined {
  const match = SUMDB_OPERATION.exec(path)
  if (!match) return undefined
  const name = match[1] as string
  const operation = match[2] as string
  if (!SUMDB_NAME.test(name) || name.split('/').some(part => /^\.+$/.test(part) || part.endsWith('.')))
    return undefined
  if (operation === 'supported' || operation === 'latest') return { kind: 'sumdb', name, rest: operation }
  if (operation.startsWith('lookup/')) {
    const rest = lookupOperation(operation.slice('lookup/'.length))
    return rest ? { kind: 'sumdb', name, rest } : undefined
  }
  const tile = tilePath(operation)
  return tile ? { kind: 'sumdb', name, rest: tile } : undefined
}

/** `lookup/<module>@<version>`, both case-encoded, for a valid module path and a canonical version. */
function lookupOperation(text: string): string | undefined {
  const at = text.lastIndexOf('@')
  if (at < 0) return undefined
  const module = unescapeCase(text.slice(0, at))
  const version = unescapeCase(text.slice(at + 1))
  if (module === undefined || modulePathProblem(module) !== undefined) return undefined
  if (version === undefined || !isCanonicalVersion(version)) return undefined
  return `lookup/${escapeModulePath(module)}@${escapeModulePath(version)}`
}

/** Tiles per level of a path element (tlog's pathBase). */
const TILE_BASE = 1000

/**
 * A transparency-log tile path, `tile/<H>/<L>/<NNN>...[.p/<W>]` or `tile/<H>/data/...`, when it is
 * exactly how tlog spells that tile (so that no two spellings name one tile); undefined otherwise.
 */
export function tilePath(text: string): string | undefined {
  const parts = text.split('/')
  if (parts.length < 4 || parts[0] !== 'tile' || !/^\d{1,2}$/.test(parts[1] as string)) return undefined
  const height = Number(parts[1])
  const level = parts[2] as string
  if (height < 1 || height > 30 || !(level === 'data' || /^\d{1,2}$/.test(level))) return undefined
  let width = 2 ** height
  let numbers = parts.slice(3)
  const last = numbers.at(-2)
  if (last?.endsWith('.p')) {
    const w = numbers.at(-1) as string
    if (!/^[1-9]\d{0,9}$/.test(w) || Number(w) >= width) return undefined
    width = Number(w)
    numbers = [...numbers.slice(0, -2), last.slice(0, -'.p'.length)]
  }
  let index = 0n
  for (const [i, element] of numbers.entries()) {
    const digits = i < numbers.length - 1 ? /^x(\d{3})$/.exec(element)?.[1] : /^(\d{3})$/.exec(element)?.[1]
    if (digits === undefined) return undefined
    index = index * BigInt(TILE_BASE) + BigInt(digits)
  }
  const spelled = spellTile(height, level === 'data' ? 'data' : String(Number(level)), index, width)
  return spelled === text ? spelled : undefined
}

function spellTile(height: number, level: string, index: bigint, width: number): string {
  const base = BigInt(TILE_BASE)
  let path = String(index % base).padStart(3, '0')
  for (let n = index / base; n > 0n; n /= base) path = `x${String(n % base).padStart(3, '0')}/${path}`
  return `tile/${height}/${level}/${path}${width === 2 ** height ? '' : `.p/${width}`}`
}

/** The checksum database go consults through its proxies, from GOSUMDB as go reads it; undefined when none. */
export function proxiedSumdb(gosumdb: string | undefined): string | undefined {
  const value = (gosumdb ?? '').trim()
  // go turns this alias into a name with its own URL, which bypasses proxies.
  if (value === 'off' || value === 'sum.golang.google.cn') return undefined
  const fields = value === '' ? ['sum.golang.org'] : value.split(/\s+/)
  // A URL after the key sends go to it directly, never through a proxy.
  if (fields.length !== 1) return undefined
  const name = (fields[0] as string).split('+')[0] as string
  return SUMDB_NAME.test(name) ? name : undefined
}

/**
 * The path below a mirror's base for a parsed request, rebuilt from its parts and spelled as go
 * spells it (case-encoded, then percent-encoded): what the relay asks a mirror for, never the text
 * it was sent.
 */
export function upstreamPath(request: ProxyRequest): string {
  switch (request.kind) {
    case 'version':
      return versionFilePath(request.module, request.version, request.file)
    case 'list':
      return `${escapedPath(request.module)}/@v/list`
    case 'latest':
      return `${escapedPath(request.module)}/@latest`
    case 'sumdb':
      return pathEscape(`sumdb/${request.name}/${request.rest}`)
  }
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
