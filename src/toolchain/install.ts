import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, open, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { classify } from '../failures/classify.js'
import { classifyNodeError, nodeErrorCode } from '../failures/net-errors.js'
import { firstLine } from '../go/command.js'
import { goArch, goOs } from '../go/platform.js'
import { realClock, type Clock } from '../policy/clock.js'
import type { BackoffSettings } from '../policy/backoff.js'
import { decideFailure } from '../policy/decisions.js'
import { trySources } from '../policy/sources.js'
import { errorMessage } from '../failures/errors.js'
import { formatDuration } from '../config/duration.js'
import type { Classification } from '../failures/classes.js'
import { redactUrl } from '../security/redact.js'

/** The official download site, then its mirror; releases live at `<base><filename>`, the index at `<base>?mode=json&include=all`. */
export const DEFAULT_GO_BASE_URLS: readonly string[] = ['https://go.dev/dl/', 'https://dl.google.com/go/']

/** Comma-separated base URLs tried in order instead of the defaults: a corporate mirror, or a test server. */
export const GO_BASE_URLS_VARIABLE = 'GO_MOD_DOWNLOAD_GO_BASE_URLS'

/** One release in the download site's JSON index (newest first, as go.dev serves it). */
export interface GoRelease {
  version: string
  stable: boolean
  files: GoReleaseFile[]
}

export interface GoReleaseFile {
  filename: string
  os: string
  arch: string
  version: string
  sha256: string
  size: number
  kind: string
}

/** The tool cache operations the install needs; runner/tool-cache.ts has the runner's. */
export interface ToolCache {
  /** The cached directory for a version (an exact one or a range such as 1.23), or '' when none is cached. */
  find(version: string, arch: string): string
  extract(archive: string, dest: string): Promise<string>
  /** Copies an extracted Go root into the cache and returns where it now lives. */
  save(goRoot: string, version: string, arch: string): Promise<string>
}

export interface InstallOptions {
  /** The go-version input: 1.23, 1.23.4, go1.23.4, 1.24rc1, stable or oldstable. */
  versionSpec: string
  maxAttempts: number
  backoff: BackoffSettings
  /** A request that receives nothing for this long is abandoned and its site tried last. */
  stallTimeoutMs: number
  toolCache: ToolCache
  baseUrls?: readonly string[]
  fetch?: typeof globalThis.fetch
  clock?: Clock
  platform?: NodeJS.Platform
  /** Node's name for the architecture (x64, arm64, ...), which the tool cache also uses. */
  arch?: string
  /** Where the archive is downloaded and extracted before it is cached. */
  tempDir?: string
  log?: (line: string) => void
}

export interface InstalledGo {
  goBin: string
  binDir: string
  /** As go names it: go1.23.4. */
  version: string
  source: 'tool-cache' | 'download'
  /** The archive URL that served it, when downloaded. */
  url?: string
}

/** Go could not be found or installed; the message is the one line the step fails with. */
export class ToolchainError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ToolchainError'
  }
}

/** The base URLs from GO_MOD_DOWNLOAD_GO_BASE_URLS, each ending in a slash; the defaults when it is empty. */
export function goBaseUrls(env: NodeJS.ProcessEnv = process.env): string[] {
  const urls = (env[GO_BASE_URLS_VARIABLE] ?? '')
    .split(',')
    .map(url => url.trim())
    .filter(url => url !== '')
  return (urls.length > 0 ? urls : [...DEFAULT_GO_BASE_URLS]).map(url =>
    url.endsWith('/') ? url : `${url}/`
  )
}

/**
 * The os and arch names of go's release files for Node's platform and architecture: GOOS and GOARCH,
 * except that go.dev names its one 32-bit ARM archive (built for GOARM=6, so it runs on v6 and v7) armv6l.
 */
export function goPlatform(platform: NodeJS.Platform, arch: string): { os: string; arch: string } {
  const goarch = goArch(arch, platform)
  return { os: goOs(platform), arch: goarch === 'arm' ? 'armv6l' : goarch }
}

interface ParsedVersion {
  numbers: [number, number, number]
  /** beta sorts before rc, which sorts before the release. */
  stage: number
  pre: number
}

function parseGoVersion(version: string): ParsedVersion | undefined {
  const match = /^(?:go)?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:(beta|rc)(\d+))?$/.exec(version)
  if (!match) return undefined
  return {
    numbers: [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)],
    stage: match[4] === 'beta' ? 0 : match[4] === 'rc' ? 1 : 2,
    pre: Number(match[5] ?? 0)
  }
}

/** Orders go versions newest first; names that are not versions go last. */
export function compareGoVersionsDesc(a: string, b: string): number {
  const pa = parseGoVersion(a)
  const pb = parseGoVersion(b)
  if (!pa || !pb) return pa ? -1 : pb ? 1 : 0
  const ka = [...pa.numbers, pa.stage, pa.pre]
  const kb = [...pb.numbers, pb.stage, pb.pre]
  for (let i = 0; i < ka.length; i++) {
    if (ka[i] !== kb[i]) return (kb[i] as number) - (ka[i] as number)
  }
  return 0
}

/** The tool cache's name for a go version, as actions/setup-go stores it: go1.21rc2 is 1.21.0-rc.2. */
export function toolCacheVersion(goVersion: string): string {
  const parsed = parseGoVersion(goVersion)
  if (!parsed) return goVersion.replace(/^go/, '')
  const base = parsed.numbers.join('.')
  return parsed.stage === 2 ? base : `${base}-${parsed.stage === 0 ? 'beta' : 'rc'}.${parsed.pre}`
}

const isAlias = (spec: string): boolean => spec === 'stable' || spec === 'oldstable'

/** Whether the spec names one release (1.23.4, go1.23rc1) rather than a line of them (1.23, 1). */
function isExactSpec(spec: string): boolean {
  return /^(?:go)?\d+\.\d+(?:\.\d+|(?:beta|rc)\d+)$/.test(spec)
}

/** What to ask the tool cache for: an exact version, or a range (1.23 matches 1.23.x) it resolves itself. */
function toolCacheSpec(spec: string): string {
  return isExactSpec(spec) ? toolCacheVersion(spec) : spec.replace(/^go/, '')
}

/**
 * The release a version spec names among those with an archive for the platform: stable is the newest
 * stable release, oldstable the newest of the minor line before it, 1.23 the newest stable 1.23.x
 * (go1.23 itself before Go 1.21 named its .0), 1.23.4 exactly that release.
 */
export function selectRelease(
  releases: readonly GoRelease[],
  spec: string,
  platform: { os: string; arch: string }
): { release: GoRelease; file: GoReleaseFile } | undefined {
  const candidates = releases
    .map(release => ({ release, file: archiveFor(release, platform) }))
    .filter((c): c is { release: GoRelease; file: GoReleaseFile } => c.file !== undefined)
    .sort((a, b) => compareGoVersionsDesc(a.release.version, b.release.version))
  const stable = candidates.filter(c => c.release.stable)
  if (spec === 'stable') return stable[0]
  if (spec === 'oldstable') {
    const newest = stable[0] && minorLine(stable[0].release.version)
    return stable.find(c => minorLine(c.release.version) !== newest)
  }
  const wanted = spec.replace(/^go/, '')
  if (isExactSpec(spec)) {
    return candidates.find(c => c.release.version === `go${wanted}`)
  }
  return stable.find(c => c.release.version === `go${wanted}` || c.release.version.startsWith(`go${wanted}.`))
}

function minorLine(version: string): string {
  return parseGoVersion(version)?.numbers.slice(0, 2).join('.') ?? version
}

function archiveFor(release: GoRelease, platform: { os: string; arch: string }): GoReleaseFile | undefined {
  const files = Array.isArray(release.files) ? release.files : []
  return files.find(
    f =>
      f.kind === 'archive' &&
      f.os === platform.os &&
      f.arch === platform.arch &&
      /\.(tar\.gz|zip)$/.test(f.filename)
  )
}

/** A failed request, classified the way the engine classifies go's own failures. */
class RequestFailure extends Error {
  constructor(
    message: string,
    readonly classification: Classification
  ) {
    super(message)
  }
}

/** Classifies what fetch threw by Node's error code; a body cut short is truncated whatever the socket said. */
function networkFailure(url: string, error: unknown, duringBody: boolean): RequestFailure {
  const code = nodeErrorCode(error)
  const cause = (error as { cause?: { message?: string } }).cause
  const detail = cause?.message ?? errorMessage(error)
  const node = classifyNodeError(error)
  const classification: Classification =
    duringBody && node.class !== 'timeout' && node.class !== 'tls'
      ? { class: 'truncated', transient: true }
      : { class: node.class, transient: node.transient }
  return new RequestFailure(`${redactUrl(url)}: ${detail}${code ? ` (${code})` : ''}`, classification)
}

/** An HTTP status, in go's words, so the classifier's status rules decide it. */
function statusFailure(url: string, status: number, statusText: string): RequestFailure {
  const message = `reading ${redactUrl(url)}: ${status} ${statusText}`.trimEnd()
  return new RequestFailure(message, classify(message))
}

/**
 * One GET whose body is handed over chunk by chunk; the request is abandoned when nothing arrives for
 * the stall timeout, headers included.
 */
async function get(
  url: string,
  opts: Pick<SiteOptions, 'fetch' | 'stallTimeoutMs'>,
  onChunk: (chunk: Uint8Array) => Promise<void>
): Promise<void> {
  const controller = new AbortController()
  let stalled = false
  let timer: NodeJS.Timeout | undefined
  const arm = (): void => {
    clearTimeout(timer)
    timer = setTimeout(() => {
      stalled = true
      controller.abort()
    }, opts.stallTimeoutMs)
  }
  const stallFailure = (): RequestFailure =>
    new RequestFailure(`${redactUrl(url)}: no progress for ${formatDuration(opts.stallTimeoutMs)}`, {
      class: 'stalled',
      transient: true
    })
  arm()
  try {
    let response: Response
    try {
      response = await opts.fetch(url, { signal: controller.signal, redirect: 'follow' })
    } catch (error) {
      throw stalled ? stallFailure() : networkFailure(url, error, false)
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined)
      throw statusFailure(url, response.status, response.statusText)
    }
    if (!response.body) return
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        arm()
        await onChunk(chunk).catch((error: unknown) => {
          // The runner's disk, not the site: no other site can fix it.
          throw new RequestFailure(`writing ${redactUrl(url)}: ${String(error)}`, {
            class: 'local',
            transient: false
          })
        })
      }
    } catch (error) {
      if (error instanceof RequestFailure) throw error
      throw stalled ? stallFailure() : networkFailure(url, error, true)
    }
  } finally {
    clearTimeout(timer)
  }
}

interface SiteFailure {
  base: string
  tries: number
  failure: RequestFailure
}

type SiteOptions = Pick<
  Required<InstallOptions>,
  'versionSpec' | 'maxAttempts' | 'backoff' | 'stallTimeoutMs' | 'baseUrls' | 'fetch' | 'clock' | 'log'
>

/** Runs a request against each base URL in turn under the module download policy (see trySources). */
async function fromAnySite<T>(
  what: string,
  opts: SiteOptions,
  request: (base: string) => Promise<T>
): Promise<T> {
  const failures = new Map<string, SiteFailure>()
  const result = await trySources<string, T>(
    {
      sources: opts.baseUrls,
      maxTries: opts.maxAttempts,
      backoff: opts.backoff,
      clock: opts.clock,
      waiting: (base, delayMs) =>
        opts.log(`Trying ${what} from ${redactUrl(base)} again in ${formatDuration(delayMs)}`)
    },
    async (base, { tryNumber }) => {
      try {
        return { ok: true, value: await request(base) }
      } catch (error) {
        const failure =
          error instanceof RequestFailure
            ? error
            : new RequestFailure(errorMessage(error), { class: 'unknown', transient: true })
        opts.log(`${what}: ${failure.classification.class}: ${failure.message}`)
        failures.set(base, { base, tries: tryNumber, failure })
        // The archive's bits are checked against the index as they arrive: a mismatch is this site's.
        const decision = decideFailure(failure.classification, {
          onChecksumMismatch: 'fallback',
          fetchedBadCopy: true
        })
        return { ok: false, decisions: [decision], classes: [failure.classification.class] }
      }
    }
  )
  if (result.ok) return result.value
  throw new ToolchainError(giveUp(what, [...failures.values()]))
}

function giveUp(what: string, failures: readonly SiteFailure[]): string {
  const detail = failures
    .map(
      f =>
        `${redactUrl(f.base)} ${f.failure.classification.class} after ${f.tries} tr${f.tries === 1 ? 'y' : 'ies'} (${firstLine(f.failure.message)})`
    )
    .join('; ')
  return `Could not download ${what}: ${detail}`
}

async function fetchIndex(opts: SiteOptions): Promise<GoRelease[]> {
  return fromAnySite('the Go release index', opts, async base => {
    const url = `${base}?mode=json&include=all`
    const chunks: Uint8Array[] = []
    await get(url, opts, async chunk => void chunks.push(chunk))
    let releases: unknown
    try {
      releases = JSON.parse(Buffer.concat(chunks).toString('utf8'))
    } catch {
      throw new RequestFailure(`${redactUrl(url)}: the release index is not JSON`, {
        class: 'bad-response',
        transient: false
      })
    }
    if (!Array.isArray(releases)) {
      throw new RequestFailure(`${redactUrl(url)}: the release index is not a list of releases`, {
        class: 'bad-response',
        transient: false
      })
    }
    return releases as GoRelease[]
  })
}

/** Downloads the archive into `dest`, hashing it on the way; bits that differ from the index are refused. */
async function fetchArchive(file: GoReleaseFile, dest: string, opts: SiteOptions): Promise<string> {
  return fromAnySite(file.filename, opts, async base => {
    const url = `${base}${file.filename}`
    const hash = createHash('sha256')
    const handle = await open(dest, 'w')
    try {
      await get(url, opts, async chunk => {
        hash.update(chunk)
        await handle.write(chunk)
      })
    } finally {
      await handle.close()
    }
    const actual = hash.digest('hex')
    if (actual !== file.sha256.toLowerCase()) {
      throw new RequestFailure(
        `${redactUrl(url)}: sha256 ${actual} differs from the index's ${file.sha256}; the archive was discarded`,
        { class: 'checksum-mismatch', transient: false }
      )
    }
    return url
  })
}

function installedAt(dir: string, version: string, platform: NodeJS.Platform): Omit<InstalledGo, 'source'> {
  const exe = platform === 'win32' ? 'go.exe' : 'go'
  // actions/setup-go caches the Go root itself; a tree that kept the archive's go/ folder works too.
  for (const binDir of [path.join(dir, 'bin'), path.join(dir, 'go', 'bin')]) {
    if (existsSync(path.join(binDir, exe))) return { goBin: path.join(binDir, exe), binDir, version }
  }
  throw new ToolchainError(`Go ${version} in ${dir} has no bin/${exe}`)
}

/**
 * Finds Go in the tool cache, or downloads, verifies and caches it: the release index resolves the version
 * to an exact release and gives its sha256, and both come from the first site that answers.
 */
export async function installGo(options: InstallOptions): Promise<InstalledGo> {
  const platform = options.platform ?? process.platform
  const arch = options.arch ?? os.arch()
  const toolCache = options.toolCache
  const opts: SiteOptions = {
    ...options,
    baseUrls: options.baseUrls ?? goBaseUrls(),
    fetch: options.fetch ?? globalThis.fetch,
    clock: options.clock ?? realClock,
    log: options.log ?? (() => undefined)
  }
  const spec = opts.versionSpec

  if (!isAlias(spec)) {
    const cached = toolCache.find(toolCacheSpec(spec), arch)
    if (cached) return { ...installedAt(cached, goVersionOf(cached, spec), platform), source: 'tool-cache' }
  }

  const releases = await fetchIndex(opts)
  const goPlat = goPlatform(platform, arch)
  const selected = selectRelease(releases, spec, goPlat)
  if (!selected) {
    throw new ToolchainError(
      `Go ${spec} is not in the release index for ${goPlat.os}/${goPlat.arch}: check the go-version input`
    )
  }
  const { release, file } = selected
  const cacheVersion = toolCacheVersion(release.version)
  const cached = toolCache.find(cacheVersion, arch)
  if (cached) return { ...installedAt(cached, release.version, platform), source: 'tool-cache' }

  const tempBase = options.tempDir ?? (process.env.RUNNER_TEMP || os.tmpdir())
  await mkdir(tempBase, { recursive: true })
  const work = await mkdtemp(path.join(tempBase, 'go-dist-'))
  let keepWork = false
  try {
    const archive = path.join(work, file.filename)
    opts.log(`Downloading ${release.version} (${file.filename})`)
    const url = await fetchArchive(file, archive, opts)
    const extracted = await toolCache.extract(archive, path.join(work, 'extracted'))
    await rm(archive, { force: true })
    const goRoot = existsSync(path.join(extracted, 'go')) ? path.join(extracted, 'go') : extracted
    const dir = await toolCache.save(goRoot, cacheVersion, arch)
    keepWork = dir === goRoot
    return { ...installedAt(dir, release.version, platform), source: 'download', url: redactUrl(url) }
  } finally {
    if (!keepWork) await rm(work, { recursive: true, force: true })
  }
}

/** The go version of a cached tree, from the tool cache's go/<version>/<arch> layout, else from the spec. */
function goVersionOf(dir: string, spec: string): string {
  const fromPath = path.basename(path.dirname(dir))
  return /^\d/.test(fromPath) ? `go${fromPath}` : spec.startsWith('go') ? spec : `go${spec}`
}
