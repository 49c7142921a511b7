import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { connectionPools } from '../network/agents.js'
import type { BackoffSettings } from '../policy/backoff.js'
import { realClock, type Clock } from '../policy/clock.js'
import { redactUrl } from '../security/redact.js'
import { fetchArchive, fetchIndex, type SiteOptions } from './download-site.js'
import { goPlatform, isAlias, selectRelease, toolCacheSpec, toolCacheVersion } from './releases.js'

/** The official download site, then its mirror; releases live at `<base><filename>`, the index at `<base>?mode=json&include=all`. */
export const DEFAULT_GO_BASE_URLS: readonly string[] = ['https://go.dev/dl/', 'https://dl.google.com/go/']

/** Comma-separated base URLs tried in order instead of the defaults: a corporate mirror, or a test server. */
export const GO_BASE_URLS_VARIABLE = 'GO_MOD_DOWNLOAD_GO_BASE_URLS'

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
  /** Where HTTPS_PROXY, NO_PROXY, SSL_CERT_FILE and SSL_CERT_DIR are read, as go reads them; the process's when absent. */
  env?: NodeJS.ProcessEnv
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
  const { toolCache, versionSpec: spec } = options
  if (!isAlias(spec)) {
    const cached = toolCache.find(toolCacheSpec(spec), arch)
    if (cached) return { ...installedAt(cached, goVersionOf(cached, spec), platform), source: 'tool-cache' }
  }
  const pools = connectionPools(options.env ?? process.env, { connections: 2 })
  try {
    return await download(options, platform, arch, {
      baseUrls: options.baseUrls ?? goBaseUrls(),
      maxAttempts: options.maxAttempts,
      backoff: options.backoff,
      stallTimeoutMs: options.stallTimeoutMs,
      clock: options.clock ?? realClock,
      pools,
      log: options.log ?? (() => undefined)
    })
  } finally {
    pools.close()
  }
}

/** The release the spec names, from the tool cache if it holds it by now, else downloaded into it. */
async function download(
  options: InstallOptions,
  platform: NodeJS.Platform,
  arch: string,
  sites: SiteOptions
): Promise<InstalledGo> {
  const { toolCache, versionSpec: spec } = options
  const index = await fetchIndex(sites)
  if (!index.ok) throw new ToolchainError(index.message)
  const goPlat = goPlatform(platform, arch)
  const selected = selectRelease(index.value, spec, goPlat)
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
    sites.log(`Downloading ${release.version} (${file.filename})`)
    const fetched = await fetchArchive(file, archive, sites)
    if (!fetched.ok) throw new ToolchainError(fetched.message)
    const extracted = await toolCache.extract(archive, path.join(work, 'extracted'))
    await rm(archive, { force: true })
    const goRoot = existsSync(path.join(extracted, 'go')) ? path.join(extracted, 'go') : extracted
    const dir = await toolCache.save(goRoot, cacheVersion, arch)
    keepWork = dir === goRoot
    return {
      ...installedAt(dir, release.version, platform),
      source: 'download',
      url: redactUrl(fetched.value)
    }
  } finally {
    if (!keepWork) await rm(work, { recursive: true, force: true })
  }
}

/** The go version of a cached tree, from the tool cache's go/<version>/<arch> layout, else from the spec. */
function goVersionOf(dir: string, spec: string): string {
  const fromPath = path.basename(path.dirname(dir))
  return /^\d/.test(fromPath) ? `go${fromPath}` : spec.startsWith('go') ? spec : `go${spec}`
}
