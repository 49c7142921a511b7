import { existsSync, statSync } from 'node:fs'
import path from 'node:path'
import { parseDuration } from './duration.js'
import type { ChecksumMismatchMode } from '../policy/decisions.js'
import { escapeControls, findControl } from '../security/log-text.js'
import { redactEntry, redactUrl } from '../security/redact.js'

export type SummaryMode = 'always' | 'on-failure' | 'never'

/** Whether the `summary` input asks for a summary after a run with this outcome (main and post alike). */
export function summaryWanted(mode: string, outcome: string): boolean {
  return mode === 'always' || (mode === 'on-failure' && outcome === 'failure')
}

/** Every input of the action, read and validated once. Keys follow action.yml. */
export interface Inputs {
  workingDirectories: string[]
  /** Mirrors as GOPROXY entries, in order; empty when the input is empty (the job's GOPROXY applies). */
  proxies: string[]
  maxAttempts: number
  retryDelayMs: number
  retryMaxDelayMs: number
  stallTimeoutMs: number
  timeoutMs: number
  onChecksumMismatch: ChecksumMismatchMode
  privateModules: string[]
  token: string
  vendorFallback: boolean
  cache: boolean
  cacheDependencyPath: string[]
  summary: SummaryMode
  exportProxy: boolean
  goVersion: string
  /** Probe every mirror before the first attempt and try unreachable ones last. */
  probe: boolean
  /** Upstream requests in flight at once, per mirror. */
  concurrency: number
  /** What ends up in the module cache: every module go.sum names, or what the build needs. */
  modules: ModulesMode
  /** Keep the relay running for the later steps of the job. */
  jobProxy: boolean
  /** Whose runs restore and save the Go build cache. */
  buildCache: BuildCacheMode
  /** What sets this job's build outputs apart that go env does not show; GITHUB_JOB when the input is empty. */
  buildCacheVariant: string
}

export type ModulesMode = 'go.sum' | 'build'

/** `on`: default-branch runs save, other runs restore, tag and release runs neither; `always`: every run both. */
export type BuildCacheMode = 'off' | 'on' | 'always'

/** A bad input value; its message is the one line the step fails with, control characters shown as escapes. */
export class InputError extends Error {
  /** `detail` says what is wrong with this value when `accepted` alone does not. */
  constructor(input: string, value: string, accepted: string, detail?: string) {
    const why = detail === undefined ? '' : `: ${escapeControls(detail)}`
    super(`Input '${input}' has the value '${escapeControls(value)}', but it accepts ${accepted}${why}.`)
    this.name = 'InputError'
  }
}

/** Every input action.yml declares. */
export const INPUT_NAMES = [
  'working-directory',
  'proxies',
  'max-attempts',
  'retry-delay',
  'retry-max-delay',
  'stall-timeout',
  'timeout',
  'on-checksum-mismatch',
  'private-modules',
  'token',
  'vendor-fallback',
  'cache',
  'cache-dependency-path',
  'summary',
  'export-proxy',
  'go-version',
  'probe',
  'concurrency',
  'modules',
  'job-proxy',
  'build-cache',
  'build-cache-variant'
] as const

/** Inputs that take one item per line. */
const LIST_INPUTS: ReadonlySet<string> = new Set([
  'working-directory',
  'proxies',
  'private-modules',
  'cache-dependency-path'
])

export type InputReader = (name: string) => string

/** Reads inputs the way the runner passes them: INPUT_<NAME> with spaces as underscores. */
export function readEnvInput(env: NodeJS.ProcessEnv = process.env): InputReader {
  return name => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim()
}

const DEFAULTS: Record<string, string> = {
  'working-directory': '.',
  'max-attempts': '3',
  'retry-delay': '100ms',
  'retry-max-delay': '30s',
  'stall-timeout': '60s',
  timeout: '10m',
  'on-checksum-mismatch': 'fallback',
  'vendor-fallback': 'true',
  cache: 'true',
  summary: 'always',
  'export-proxy': 'true',
  probe: 'true',
  concurrency: '16',
  modules: 'go.sum',
  'job-proxy': 'false',
  'build-cache': 'true'
}

/** Splits a list input on newlines (and, where the input allows it, on commas and pipes). */
export function splitList(value: string, separators: RegExp = /\n/): string[] {
  return value
    .split(separators)
    .map(item => item.trim())
    .filter(item => item !== '')
}

/** Splits a GOPROXY-style list: the action decides fallback itself, so `,` and `|` mean the same. */
export function splitGoproxy(value: string): string[] {
  return splitList(value, /[\n,|]/)
}

const DURATION_FORM = "a duration such as '500ms', '2s', '1m' or '1m30s'"

export function readInputs(read: InputReader = readEnvInput(), workspace = process.cwd()): Inputs {
  for (const name of INPUT_NAMES) checkControls(name, read(name))
  const get = (name: string): string => read(name) || DEFAULTS[name] || ''

  const duration = (name: string, min: number): number => {
    const value = get(name)
    const ms = parseDuration(value)
    if (ms === undefined || ms < min) {
      throw new InputError(name, value, min > 0 ? `${DURATION_FORM}, greater than zero` : DURATION_FORM)
    }
    return ms
  }

  const boolean = (name: string): boolean => {
    const value = get(name)
    if (/^(true|True|TRUE)$/.test(value)) return true
    if (/^(false|False|FALSE)$/.test(value)) return false
    throw new InputError(name, value, "'true' or 'false'")
  }

  const oneOf = <T extends string>(name: string, accepted: readonly T[]): T => {
    const value = get(name)
    if (!(accepted as readonly string[]).includes(value)) {
      throw new InputError(
        name,
        value,
        accepted
          .map(a => `'${a}'`)
          .join(', ')
          .replace(/, ([^,]*)$/, ' or $1')
      )
    }
    return value as T
  }

  const buildCacheMode = (): BuildCacheMode => {
    const value = get('build-cache')
    if (/^(always|Always|ALWAYS)$/.test(value)) return 'always'
    if (/^(true|True|TRUE|false|False|FALSE)$/.test(value)) return boolean('build-cache') ? 'on' : 'off'
    throw new InputError('build-cache', value, "'true', 'false' or 'always'")
  }

  const workingDirectories = splitList(get('working-directory'))
  for (const dir of workingDirectories) {
    const problem = workingDirectoryProblem(path.resolve(workspace, dir))
    if (problem !== undefined) {
      throw new InputError(
        'working-directory',
        dir,
        `directories, one per line and relative to the workspace (${workspace}), that hold a go.mod or a go.work`,
        problem
      )
    }
  }

  const mirrors = splitList(get('proxies')).flatMap(line => {
    const entries = splitGoproxy(line)
    for (const entry of entries) checkMirror(entry, line)
    return entries
  })
  mirrors.forEach((mirror, index) => {
    if (mirror === 'off' && index !== mirrors.length - 1) {
      throw new InputError(
        'proxies',
        mirror,
        "'off' only as the last entry, since nothing after it is ever asked"
      )
    }
  })

  const wholeNumber = (name: string, min: number, max: number): number => {
    const text = get(name)
    if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
      throw new InputError(name, text, `a whole number from ${min} to ${max}`)
    }
    return Number(text)
  }
  const maxAttempts = wholeNumber('max-attempts', 1, 100)
  const concurrency = wholeNumber('concurrency', 1, 256)

  const privateModules = splitList(get('private-modules'), /[\n,]/)
  for (const pattern of privateModules) {
    if (/\s/.test(pattern) || pattern.includes('|')) {
      throw new InputError(
        'private-modules',
        pattern,
        'GOPRIVATE patterns such as github.com/acme/* (commas or newlines between them)'
      )
    }
  }

  const goVersion = get('go-version')
  if (goVersion && !/^(go)?\d+(\.\d+){0,2}((rc|beta)\d+)?$|^(stable|oldstable)$/.test(goVersion)) {
    throw new InputError('go-version', goVersion, "a Go version such as '1.23', '1.23.4' or 'stable'")
  }

  const retryDelayMs = duration('retry-delay', 0)
  const retryMaxDelayMs = duration('retry-max-delay', 0)
  if (retryMaxDelayMs < retryDelayMs) {
    throw new InputError(
      'retry-max-delay',
      get('retry-max-delay'),
      `a duration no shorter than retry-delay (${get('retry-delay')})`
    )
  }

  return {
    workingDirectories,
    proxies: mirrors,
    maxAttempts,
    retryDelayMs,
    retryMaxDelayMs,
    stallTimeoutMs: duration('stall-timeout', 1),
    timeoutMs: duration('timeout', 1),
    onChecksumMismatch: oneOf('on-checksum-mismatch', ['fallback', 'fail'] as const),
    privateModules,
    token: read('token'),
    vendorFallback: boolean('vendor-fallback'),
    cache: boolean('cache'),
    cacheDependencyPath: splitList(get('cache-dependency-path')),
    summary: oneOf('summary', ['always', 'on-failure', 'never'] as const),
    exportProxy: boolean('export-proxy'),
    goVersion,
    probe: boolean('probe'),
    concurrency,
    modules: oneOf('modules', ['go.sum', 'build'] as const),
    jobProxy: boolean('job-proxy'),
    buildCache: buildCacheMode(),
    buildCacheVariant: read('build-cache-variant')
  }
}

/** What keeps a directory from being downloaded in: it is missing, a file, or has no go.mod or go.work. */
function workingDirectoryProblem(abs: string): string | undefined {
  if (!existsSync(abs)) return `${abs} does not exist`
  if (!statSync(abs).isDirectory()) return `${abs} is a file, not a directory`
  if (existsSync(path.join(abs, 'go.mod')) || existsSync(path.join(abs, 'go.work'))) return undefined
  return `${abs} holds neither a go.mod nor a go.work`
}

/** A control character in an input is a typo at best and a forged log line at worst: refused, never echoed raw. */
function checkControls(name: string, value: string): void {
  const list = LIST_INPUTS.has(name)
  const control = findControl(value, list)
  if (control === undefined) return
  const item = value.split('\n').find(line => findControl(line) !== undefined) ?? value
  const shown = name === 'token' ? '***' : name === 'proxies' ? redactUrl(item) : item
  const allowed = list ? ' other than the line breaks between items' : ''
  throw new InputError(name, shown, `no control characters${allowed} (found ${escapeControls(control)})`)
}

const MIRROR_FORM = "https://, http:// or file:// URLs, 'direct' or 'off', one per line"

/** Checks one entry of a `proxies` line; the error never shows credentials, whole or split. */
function checkMirror(mirror: string, line: string): void {
  if (mirror === 'direct' || mirror === 'off') return
  let url: URL | undefined
  try {
    url = new URL(mirror)
  } catch {
    url = undefined
  }
  if (
    url &&
    ['https:', 'http:', 'file:'].includes(url.protocol) &&
    (url.protocol === 'file:' || url.hostname)
  ) {
    return
  }
  if (!line.includes('@')) throw new InputError('proxies', redactEntry(mirror), MIRROR_FORM)
  // A separator inside the userinfo splits it: any piece of the line may hold a part of a password.
  const hidden = line.replace(
    /^(.*?:\/\/)?.*@/,
    (_match, scheme: string | undefined) => `${scheme ?? ''}***@`
  )
  const split = /[,|]/.test(line)
    ? "; credentials need ',' and '|' percent-encoded (%2C, %7C), since go's GOPROXY splits on them too"
    : ''
  throw new InputError('proxies', hidden, `${MIRROR_FORM}${split}`)
}
