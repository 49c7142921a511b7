import { createHash } from 'node:crypto'
import { copyFile, link, mkdir, readFile, readdir, rename, rm, rmdir, stat } from 'node:fs/promises'
import path from 'node:path'
import { actionsLog, cacheService } from '../runner/cache-service.js'
import { captureLibraryOutput, type LibraryOutput } from '../runner/cache-output.js'
import { hashGoMod, hashModuleZip, readGoSums, type ModuleSums } from '../go/gosum.js'
import { downloadRoot, purgeModule, removeTree, unescapeModulePath } from '../go/modcache.js'
import { goArch, goOs } from '../go/platform.js'
import { formatDuration } from '../config/duration.js'
import { errorMessage } from '../failures/errors.js'
import type { CacheRestoreReport, CacheSaveReport } from '../report/types.js'

/** Where cache messages go; @actions/core by default, a collector in tests. */
export interface CacheLog {
  info(message: string): void
  warning(message: string): void
  notice(message: string): void
}

export const DEFAULT_RESTORE_BUDGET_MS = 2 * 60_000
export const DEFAULT_SAVE_BUDGET_MS = 5 * 60_000

/** `go-mod-<os>-<arch>-`, the restore key every key of this runner's platform starts with. */
export function cacheKeyPrefix(
  platform: NodeJS.Platform = process.platform,
  arch: string = process.arch
): string {
  return `go-mod-${goOs(platform)}-${goArch(arch, platform)}-`
}

export interface CacheKeyOptions {
  /** The `cache-dependency-path` input: glob patterns, one per line; empty for every go.sum and go.work.sum. */
  dependencyPath: string
  /** Working directories (absolute, or relative to `workspace`). */
  workingDirectories: readonly string[]
  /** Base of relative patterns; GITHUB_WORKSPACE, else the current directory. */
  workspace?: string
  platform?: NodeJS.Platform
  arch?: string
}

/** The patterns that name the files the key hashes, made absolute. */
export function dependencyPatterns(opts: CacheKeyOptions): string[] {
  const workspace = opts.workspace ?? process.env.GITHUB_WORKSPACE ?? process.cwd()
  const given = opts.dependencyPath
    .split(/\r?\n/)
    .map(p => p.trim())
    .filter(p => p !== '' && !p.startsWith('#'))
  const patterns =
    given.length > 0
      ? given
      : opts.workingDirectories.flatMap(dir => [
          path.join(dir, '**', 'go.sum'),
          path.join(dir, '**', 'go.work.sum')
        ])
  return patterns.map(p => {
    const negated = p.startsWith('!')
    const body = negated ? p.slice(1) : p
    const absolute = path.isAbsolute(body) || body.startsWith('~') ? body : path.resolve(workspace, body)
    return (negated ? '!' : '') + absolute
  })
}

/** Every go.sum and go.work.sum under the working directories: what verification and pruning go by. */
export async function goSumFiles(workingDirectories: readonly string[]): Promise<string[]> {
  const patterns = dependencyPatterns({ dependencyPath: '', workingDirectories })
  return (
    await cacheService.glob(
      [...patterns, ...workingDirectories.map(d => `!${path.join(d, '**', 'vendor', '**')}`)].join('\n')
    )
  ).sort()
}

/**
 * `go-mod-<os>-<arch>-<sha256 over the matched files' contents, in path order>`. Not glob's hashFiles:
 * it skips files outside GITHUB_WORKSPACE and hashes in glob order, and every existing key would change.
 */
export async function cacheKey(opts: CacheKeyOptions): Promise<string> {
  const files = (await cacheService.glob(dependencyPatterns(opts).join('\n'))).sort()
  const outer = createHash('sha256')
  for (const file of files) {
    const inner = createHash('sha256').update(await readFile(file))
    outer.update(inner.digest())
  }
  return cacheKeyPrefix(opts.platform, opts.arch) + outer.digest('hex')
}

/** Where cache entries are staged: restored into before go sees them, and built from the module cache to save. */
export function snapshotDir(modCache: string): string {
  return path.join(modCache, 'cache', 'download-snapshot')
}

// The library keys entries by the path strings too: a snapshot inside the working directory (a GOMODCACHE in
// the workspace) is named relative to it, so matrix jobs in different checkouts share entries.
function libraryPath(snapshot: string): string {
  const relativePath = path.relative(process.cwd(), snapshot)
  return relativePath === '' || relativePath.startsWith('..') || path.isAbsolute(relativePath)
    ? snapshot
    : relativePath
}

/** Waits for `settled` at most `ms`; undefined when the budget ran out first. */
async function withinBudget<T>(settled: Promise<T>, ms: number): Promise<{ value: T } | undefined> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<undefined>(resolve => {
    timer = setTimeout(() => resolve(undefined), ms)
  })
  try {
    return await Promise.race([settled.then(value => ({ value })), timeout])
  } finally {
    clearTimeout(timer)
  }
}

function libraryMessage(output: LibraryOutput, prefix: string): string | undefined {
  return output.lines.find(l => l.message.startsWith(prefix))?.message
}

function librarySize(output: LibraryOutput, pattern: RegExp): number | undefined {
  for (const line of output.lines) {
    const match = pattern.exec(line.message)
    if (match) return Number(match[1])
  }
  return undefined
}

async function treeSize(dir: string): Promise<number> {
  let total = 0
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => [])
  for (const e of entries) {
    if (e.isFile()) total += (await stat(path.join(e.parentPath, e.name)).catch(() => ({ size: 0 }))).size
  }
  return total
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false
  )
}

interface VersionDir {
  dir: string
  modulePath: string
}

/** Every `<escaped path>/@v` directory under a download cache (the checksum database cache aside). */
async function versionDirs(download: string): Promise<VersionDir[]> {
  const found: VersionDir[] = []
  const walk = async (dir: string, rel: string[]): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
    for (const e of entries) {
      if (!e.isDirectory()) continue
      if (rel.length === 0 && e.name === 'sumdb') continue
      const child = path.join(dir, e.name)
      if (e.name === '@v') found.push({ dir: child, modulePath: unescapeModulePath(rel.join('/')) })
      else await walk(child, [...rel, e.name])
    }
  }
  await walk(download, [])
  return found
}

const VERSION_FILE = /^(.+)\.(zip|ziphash|mod|info|partial|lock)$/

function versionFile(name: string): { version: string; ext: string } | undefined {
  const match = VERSION_FILE.exec(name)
  if (!match) return undefined
  return { version: unescapeModulePath(match[1] as string), ext: match[2] as string }
}

async function zipMatches(dir: string, escVersion: string, want: string): Promise<boolean> {
  let got: string
  try {
    got = hashModuleZip(await readFile(path.join(dir, `${escVersion}.zip`)))
  } catch {
    return false
  }
  if (got !== want) return false
  // go trusts the .ziphash without re-hashing the zip, so a wrong one is as bad as a wrong zip.
  const ziphash = await readFile(path.join(dir, `${escVersion}.ziphash`), 'utf8').catch(() => undefined)
  return ziphash === undefined || ziphash.trim() === want
}

async function goModMatches(dir: string, escVersion: string, want: string): Promise<boolean> {
  try {
    return hashGoMod(await readFile(path.join(dir, `${escVersion}.mod`))) === want
  } catch {
    return false
  }
}

/** Runs `work` over `items`, `limit` at a time. */
async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>
): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T)
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}

/**
 * `go mod verify` for the download cache: every zip and .mod that go.sum records a hash for is hashed and
 * compared; a mismatching or unreadable one is purged with its extracted tree. Zips go.sum has no hash for
 * lose their .ziphash, so go re-hashes and checks them before any use. Returns the purged `path@version`s.
 */
export async function verifyDownloadCache(
  modCache: string,
  goSumPaths: readonly string[]
): Promise<string[]> {
  const sums = await readGoSums(goSumPaths)
  const checks: Array<{
    dir: string
    modulePath: string
    version: string
    escVersion: string
    what: 'zip' | 'mod'
  }> = []
  for (const { dir, modulePath } of await versionDirs(downloadRoot(modCache))) {
    for (const name of await readdir(dir).catch(() => [])) {
      const file = versionFile(name)
      if (!file || (file.ext !== 'zip' && file.ext !== 'mod')) continue
      const escVersion = name.slice(0, -(file.ext.length + 1))
      const recorded = sums.get(`${modulePath}@${file.version}`)
      if (file.ext === 'zip' && !recorded?.zip) {
        await rm(path.join(dir, `${escVersion}.ziphash`), { force: true })
        continue
      }
      if (file.ext === 'mod' && !recorded?.mod) continue
      checks.push({ dir, modulePath, version: file.version, escVersion, what: file.ext })
    }
  }
  const bad = new Map<string, { modulePath: string; version: string }>()
  await eachLimited(checks, 4, async check => {
    const recorded = sums.get(`${check.modulePath}@${check.version}`) as ModuleSums
    const ok =
      check.what === 'zip'
        ? await zipMatches(check.dir, check.escVersion, recorded.zip as string)
        : await goModMatches(check.dir, check.escVersion, recorded.mod as string)
    if (!ok)
      bad.set(`${check.modulePath}@${check.version}`, {
        modulePath: check.modulePath,
        version: check.version
      })
  })
  for (const { modulePath, version } of bad.values()) purgeModule(modCache, modulePath, version)
  return [...bad.keys()].sort()
}

async function removeEmptyDirs(dir: string, keepRoot = true): Promise<boolean> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => undefined)
  if (!entries) return false
  let empty = true
  for (const e of entries) {
    if (e.isDirectory() && (await removeEmptyDirs(path.join(dir, e.name), false))) continue
    empty = false
  }
  if (empty && !keepRoot) {
    await rmdir(dir).catch(() => undefined)
    return true
  }
  return empty
}

/**
 * Keeps in a download cache only what the go.sum files name: .mod and .info of every listed version, zip and
 * .ziphash of those with a zip hash (so a restore can verify them), the `list` of kept modules and the
 * checksum database cache. Returns the `path@version`s removed.
 */
export async function pruneDownloadCache(download: string, goSumPaths: readonly string[]): Promise<string[]> {
  const sums = await readGoSums(goSumPaths)
  const removed = new Set<string>()
  for (const { dir, modulePath } of await versionDirs(download)) {
    const names = await readdir(dir).catch(() => [])
    let kept = false
    for (const name of names) {
      if (name === 'list') continue
      const file = versionFile(name)
      const recorded = file ? sums.get(`${modulePath}@${file.version}`) : undefined
      const keep =
        file !== undefined &&
        recorded !== undefined &&
        (file.ext === 'zip' || file.ext === 'ziphash'
          ? recorded.zip !== undefined
          : file.ext === 'mod' || file.ext === 'info')
      if (keep) {
        kept = true
        continue
      }
      await rm(path.join(dir, name), { force: true })
      if (file && !recorded && ['zip', 'mod', 'info'].includes(file.ext))
        removed.add(`${modulePath}@${file.version}`)
    }
    if (!kept) await rm(path.join(dir, 'list'), { force: true })
  }
  await removeEmptyDirs(download)
  return [...removed].sort()
}

/** Mirrors `src` into `dst` with hard links (copies where linking fails); both sit in the module cache. */
async function linkTree(src: string, dst: string): Promise<void> {
  await mkdir(dst, { recursive: true })
  for (const e of await readdir(src, { withFileTypes: true })) {
    const from = path.join(src, e.name)
    const to = path.join(dst, e.name)
    if (e.isDirectory()) await linkTree(from, to)
    else if (e.isFile()) await link(from, to).catch(() => copyFile(from, to))
  }
}

/** Moves what `src` holds into `dst`, keeping files `dst` already has; `src` is gone afterwards. */
async function mergeTree(src: string, dst: string): Promise<void> {
  if (!(await exists(dst))) {
    await mkdir(path.dirname(dst), { recursive: true })
    await rename(src, dst)
    return
  }
  for (const e of await readdir(src, { withFileTypes: true })) {
    const from = path.join(src, e.name)
    const to = path.join(dst, e.name)
    if (e.isDirectory()) await mergeTree(from, to)
    else if (!(await exists(to))) await rename(from, to)
  }
  await rm(src, { recursive: true, force: true })
}

export interface RestoreOptions {
  key: string
  /** Defaults to the key's platform prefix, `go-mod-<os>-<arch>-`. */
  restoreKeys?: string[]
  /** Absolute GOMODCACHE. */
  modCache: string
  /** Absolute go.sum and go.work.sum paths of the working directories. */
  goSumFiles: readonly string[]
  /** The `cache` input; when false nothing is restored. */
  enabled?: boolean
  /** A restore slower than this is abandoned and counts as a miss. */
  budgetMs?: number
  log?: CacheLog
}

/**
 * Restores the module download cache before the download: into a staging directory go never reads, moved
 * into place only when the restore finished within the budget, then verified against go.sum. Never throws.
 */
export async function restoreModuleCache(opts: RestoreOptions): Promise<CacheRestoreReport> {
  const log = opts.log ?? actionsLog
  const budgetMs = opts.budgetMs ?? DEFAULT_RESTORE_BUDGET_MS
  const report: CacheRestoreReport = { enabled: opts.enabled ?? true, key: opts.key, hit: 'miss', purged: [] }
  if (!report.enabled) return report
  const miss = (warning: string): CacheRestoreReport => {
    log.warning(warning)
    return { ...report, hit: 'miss', warning }
  }
  if (!cacheService.isFeatureAvailable()) {
    return miss('The GitHub cache service is not configured on this runner; starting without a module cache.')
  }
  const snapshot = snapshotDir(opts.modCache)
  const restoreKeys = opts.restoreKeys ?? [opts.key.slice(0, opts.key.lastIndexOf('-') + 1)]
  const started = Date.now()
  let matchedKey: string | undefined
  let output: LibraryOutput
  try {
    removeTree(snapshot)
    const call = captureLibraryOutput(() =>
      cacheService.restoreCache([libraryPath(snapshot)], opts.key, restoreKeys)
    )
    output = call.output
    const result = await withinBudget(call.settled, budgetMs)
    if (!result) {
      return miss(
        `Restoring the module cache took longer than ${formatDuration(budgetMs)}; abandoned it and starting without a cache.`
      )
    }
    matchedKey = result.value
  } catch (error) {
    return miss(`Could not restore the module cache: ${errorMessage(error)}`)
  }
  report.restoreMs = Date.now() - started
  if (matchedKey === undefined) {
    const failure = libraryMessage(output, 'Failed to restore:')
    if (failure)
      return { ...miss(`Could not restore the module cache: ${failure}`), restoreMs: report.restoreMs }
    log.info(`No module cache entry for ${opts.key} or ${restoreKeys.join(', ')}.`)
    return report
  }
  try {
    if (!(await exists(snapshot))) {
      return miss(
        `The module cache entry ${matchedKey} did not restore into ${snapshot}; starting without a cache.`
      )
    }
    report.sizeBytes = librarySize(output, /Cache Size: .*\((\d+) B\)/) ?? (await treeSize(snapshot))
    await mergeTree(snapshot, downloadRoot(opts.modCache))
  } catch (error) {
    removeTree(snapshot)
    return miss(`Could not put the restored module cache in place: ${errorMessage(error)}`)
  }
  report.matchedKey = matchedKey
  report.hit = matchedKey === opts.key ? 'exact' : 'partial'
  const verifyStarted = Date.now()
  try {
    report.purged = await verifyDownloadCache(opts.modCache, opts.goSumFiles)
  } catch (error) {
    // Without a verdict nothing restored can be trusted, so go must fetch everything and this run not save.
    removeTree(downloadRoot(opts.modCache))
    report.purged = ['all restored modules']
    report.warning = `Could not verify the restored module cache, so it was removed: ${errorMessage(error)}`
    log.warning(report.warning)
  }
  report.verifyMs = Date.now() - verifyStarted
  if (report.purged.length > 0 && !report.warning) {
    report.warning =
      `Purged ${report.purged.length} module version(s) from the restored cache whose files do not match go.sum ` +
      `(${report.purged.join(', ')}); go downloads them again and this run will not save the cache.`
    log.warning(report.warning)
  }
  log.info(
    `Module cache ${report.hit === 'exact' ? 'hit' : 'restored from'} ${matchedKey} in ${formatDuration(report.restoreMs)}` +
      `, verified in ${formatDuration(report.verifyMs)}.`
  )
  return report
}

export interface SaveOptions {
  key: string
  modCache: string
  goSumFiles: readonly string[]
  /** The run's outcome: only `success` saves. */
  outcome: string
  /** The key was restored exactly, so the entry exists already. */
  exactHit: boolean
  /** Verification of the restored cache purged nothing. */
  clean: boolean
  budgetMs?: number
  log?: CacheLog
}

/**
 * Saves the pruned download cache under the key when the download completed, the key was not an exact hit
 * and the restored cache verified. Never throws: every failure is a warning (or a notice when another job
 * saved the key first or the token may only read) and a `skipped` sentence.
 */
export async function saveModuleCache(opts: SaveOptions): Promise<CacheSaveReport> {
  const log = opts.log ?? actionsLog
  const budgetMs = opts.budgetMs ?? DEFAULT_SAVE_BUDGET_MS
  const skip = (skipped: string, level: keyof CacheLog = 'info'): CacheSaveReport => {
    log[level](skipped)
    return { saved: false, key: opts.key, skipped }
  }
  if (opts.outcome !== 'success') {
    return skip(
      opts.outcome === 'vendor'
        ? 'Not saved: the build used vendor/, so the module cache is incomplete.'
        : 'Not saved: the download did not complete.'
    )
  }
  if (opts.exactHit)
    return skip(`Not saved: the cache was restored from ${opts.key} itself, so it is up to date.`)
  if (!opts.clean) {
    return skip(
      'Not saved: verification purged modules from the restored cache, so this run does not pass it on.'
    )
  }
  if (!cacheService.isFeatureAvailable())
    return skip('Not saved: the GitHub cache service is not configured on this runner.')

  const snapshot = snapshotDir(opts.modCache)
  const started = Date.now()
  try {
    removeTree(snapshot)
    if (!(await exists(downloadRoot(opts.modCache))))
      return skip('Not saved: the module cache holds no downloads.')
    await linkTree(downloadRoot(opts.modCache), snapshot)
    await pruneDownloadCache(snapshot, opts.goSumFiles)
    const sizeOnDisk = await treeSize(snapshot)
    if (sizeOnDisk === 0) return skip('Not saved: none of the downloaded modules is named in go.sum.')

    const remaining = () => Math.max(0, budgetMs - (Date.now() - started))
    const lookup = captureLibraryOutput(() =>
      cacheService.restoreCache([libraryPath(snapshot)], opts.key, [], { lookupOnly: true })
    )
    const found = await withinBudget(lookup.settled, remaining())
    if (!found) {
      return skip(
        `Not saved: the cache service did not answer within ${formatDuration(budgetMs)}.`,
        'warning'
      )
    }
    if (found.value === opts.key) {
      return skip(
        `Not saved: the cache entry ${opts.key} already exists; another job saved it first.`,
        'notice'
      )
    }
    const lookupFailure = libraryMessage(lookup.output, 'Failed to restore:')
    if (lookupFailure) return skip(`Not saved: the cache service failed: ${lookupFailure}`, 'warning')

    const save = captureLibraryOutput(() => cacheService.saveCache([libraryPath(snapshot)], opts.key))
    const saved = await withinBudget(save.settled, remaining())
    if (!saved) {
      return skip(
        `Not saved: saving the module cache took longer than ${formatDuration(budgetMs)}.`,
        'warning'
      )
    }
    if (saved.value === -1) return classifySaveFailure(save.output, opts.key, skip)
    const sizeBytes = librarySize(save.output, /^File Size: (\d+)$/) ?? sizeOnDisk
    const saveMs = Date.now() - started
    log.info(`Saved the module cache as ${opts.key} (${sizeBytes} bytes) in ${formatDuration(saveMs)}.`)
    return { saved: true, key: opts.key, sizeBytes, saveMs }
  } catch (error) {
    return skip(`Not saved: ${errorMessage(error)}`, 'warning')
  } finally {
    // An abandoned save may still be archiving the snapshot; pulling it away makes that attempt fail.
    removeTree(snapshot)
  }
}

function classifySaveFailure(
  output: LibraryOutput,
  key: string,
  skip: (sentence: string, level: keyof CacheLog) => CacheSaveReport
): CacheSaveReport {
  const text = output.lines.map(l => l.message).join('\n')
  if (/already exists|\(409\)/.test(text)) {
    return skip(`Not saved: the cache entry ${key} already exists; another job saved it first.`, 'notice')
  }
  if (/cache write denied|\(403\)/i.test(text)) {
    return skip("Not saved: this run's token may only read the cache (cache write denied).", 'notice')
  }
  const reason =
    libraryMessage(output, 'Failed to reserve cache:') ??
    libraryMessage(output, 'Failed to save:') ??
    libraryMessage(output, 'Cache reservation failed:') ??
    libraryMessage(output, 'Cache save skipped') ??
    'the cache library gave no reason'
  return skip(`Not saved: ${reason}`, 'warning')
}
