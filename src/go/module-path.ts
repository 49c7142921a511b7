/**
 * Module paths and versions by the rules of golang.org/x/mod/module and x/mod/semver: what go itself
 * accepts, and so everything a module proxy can be asked for.
 */

/** What kind of path a path is checked as: each allows a different set of characters. */
export type PathKind = 'module' | 'import' | 'file'

/** Reserved device names on Windows, refused as the part of an element before its first dot. */
const WINDOWS_RESERVED = new Set([
  'con',
  'prn',
  'aux',
  'nul',
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9].flatMap(n => [`com${n}`, `lpt${n}`])
])

const FILE_PUNCTUATION = new Set([...'!#$%&()+,-.=@[]^_{}~ '])

function isAsciiAlnum(c: string): boolean {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

function charAllowed(c: string, kind: PathKind): boolean {
  if (isAsciiAlnum(c) || c === '-' || c === '.' || c === '_' || c === '~') return true
  if (kind === 'import') return c === '+'
  if (kind === 'file') return FILE_PUNCTUATION.has(c) || (c > '\u007f' && /^\p{L}$/u.test(c))
  return false
}

/** Why one element of a path is refused, or undefined when it is fine. */
export function elementProblem(elem: string, kind: PathKind): string | undefined {
  if (elem === '') return 'empty path element'
  if (/^\.+$/.test(elem)) return `invalid path element ${JSON.stringify(elem)}`
  if (elem.startsWith('.') && kind === 'module') return 'leading dot in path element'
  if (elem.endsWith('.')) return 'trailing dot in path element'
  for (const c of elem) if (!charAllowed(c, kind)) return `invalid char ${JSON.stringify(c)}`
  const short = elem.split('.')[0] as string
  if (WINDOWS_RESERVED.has(short.toLowerCase())) return `${short} is a reserved name on Windows`
  // A tilde followed by digits is how Windows spells a short name: two spellings of one file.
  if (kind !== 'file' && /~\d+$/.test(short)) return 'trailing tilde and digits in path element'
  return undefined
}

function pathProblem(path: string, kind: PathKind): string | undefined {
  if (!isWellFormed(path)) return 'invalid UTF-8'
  if (path === '') return 'empty string'
  if (path.startsWith('-') && kind !== 'file') return 'leading dash'
  if (path.includes('//')) return 'double slash'
  if (path.endsWith('/')) return 'trailing slash'
  for (const elem of path.split('/')) {
    const problem = elementProblem(elem, kind)
    if (problem) return problem
  }
  return undefined
}

function isWellFormed(text: string): boolean {
  return !/[\uD800-\uDFFF]/.test(text.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''))
}

/** Why a module path is refused (x/mod's CheckPath), or undefined when go would use it. */
export function modulePathProblem(path: string): string | undefined {
  const problem = pathProblem(path, 'module')
  if (problem) return problem
  const first = path.split('/')[0] as string
  if (first === '') return 'leading slash'
  if (!first.includes('.')) return 'missing dot in first path element'
  if (!/^[a-z0-9.-]+$/.test(first)) return 'invalid char in first path element'
  if (!splitPathVersion(path)) return 'invalid version suffix'
  return undefined
}

/** Why an import path is refused (x/mod's CheckImportPath), or undefined. */
export function importPathProblem(path: string): string | undefined {
  return pathProblem(path, 'import')
}

/** Why a slash-separated file path is refused (x/mod's CheckFilePath), or undefined. */
export function filePathProblem(path: string): string | undefined {
  return pathProblem(path, 'file')
}

/**
 * A module path split into its prefix and major-version suffix (`/v2`, or `.v1` for gopkg.in);
 * undefined when the suffix is one no module may have (`/v1`, `/v0`, `/v2.0`, `/v02`).
 */
export function splitPathVersion(path: string): { prefix: string; major: string } | undefined {
  if (path.startsWith('gopkg.in/')) {
    const match = /^(.+)(\.v\d*(?:-unstable)?)$/.exec(path)
    const major = match?.[2]
    if (!match || !major || major.length <= 2 || (major[2] === '0' && major !== '.v0')) return undefined
    return { prefix: match[1] as string, major }
  }
  const match = /^(.*[^/])\/(v[0-9.]+)$/.exec(path)
  if (!match) return { prefix: path, major: '' }
  const major = match[2] as string
  if (!/^v[1-9]\d*$/.test(major) || major === 'v1') return undefined
  return { prefix: match[1] as string, major: `/${major}` }
}

const SEMVER =
  /^v(0|[1-9]\d*)(?:\.(0|[1-9]\d*)(?:\.(0|[1-9]\d*)(-(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*)?(\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?)?)?$/

/** Whether a version is valid semver as x/mod reads it (`v1`, `v1.2` and `v1.2.3-pre+build` all are). */
export function isSemver(version: string): boolean {
  return SEMVER.test(version)
}

/**
 * The canonical form of a version (x/mod's module.CanonicalVersion): `vMAJOR.MINOR.PATCH[-pre]`, the
 * build suffix dropped except `+incompatible`; '' when the version is not semver.
 */
export function canonicalVersion(version: string): string {
  const match = SEMVER.exec(version)
  if (!match) return ''
  const [, major, minor = '0', patch = '0', pre = '', build = ''] = match
  return `v${major}.${minor}.${patch}${pre}${build === '+incompatible' ? build : ''}`
}

/** Whether go would ask a proxy for this version's .mod or .zip: only canonical versions. */
export function isCanonicalVersion(version: string): boolean {
  return version !== '' && canonicalVersion(version) === version
}

/**
 * Why a version is refused as a query (`@v/<version>.info` takes branch names and hashes too, as
 * x/mod's EscapeVersion does): a file-name element of ASCII without `!`; undefined when fine.
 */
export function versionProblem(version: string): string | undefined {
  if (version.includes('!')) return 'exclamation mark in version'
  if (/[^\u0020-\u007e]/.test(version)) return 'non-ASCII character in version'
  const problem = elementProblem(version, 'file')
  return problem === undefined ? undefined : `disallowed version string: ${problem}`
}

/** Go's case-encoding of module paths and versions in URLs and the module cache: `Azure` is `!azure`. */
export function escapeCase(text: string): string {
  return text.replace(/[A-Z]/g, c => '!' + c.toLowerCase())
}

/**
 * Undoes go's case-encoding (`!a` is `A`); undefined where go's own decoder would refuse the text:
 * an upper-case letter, a non-ASCII character, or a `!` not followed by a lower-case letter.
 */
export function unescapeCase(escaped: string): string | undefined {
  let out = ''
  for (let i = 0; i < escaped.length; i++) {
    const c = escaped[i] as string
    if (c > '\u007f' || (c >= 'A' && c <= 'Z')) return undefined
    if (c !== '!') {
      out += c
      continue
    }
    const next = escaped[i + 1]
    if (next === undefined || next < 'a' || next > 'z') return undefined
    out += next.toUpperCase()
    i++
  }
  return out
}
