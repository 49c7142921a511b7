/** The post step's half of the module cache: snapshot what go.sum names, verify it, save it under the key. */
import path from 'node:path'
import { eachLimited } from '../go/disk.js'
import { readGoSums } from '../go/gosum.js'
import { downloadRoot, purgeModule, removeTree } from '../go/modcache.js'
import { formatDuration } from '../config/duration.js'
import { errorMessage } from '../failures/errors.js'
import type { CacheSaveReport } from '../report/types.js'
import {
  actionsCacheService,
  type CacheLog,
  type CacheService,
  type SaveResult
} from '../runner/cache-service.js'
import { DEFAULT_PATIENCE, watch, type Patience } from './patience.js'
import { keptFiles } from './prune.js'
import { exists, linkFiles, linkTree, scratchDir, treeSize, versionDirs } from './snapshot.js'
import { hashChecks, runHashChecks, type HashCheck } from './verify.js'

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
  /** Why the main step could not use the cache service at all, when it could not. */
  unavailable?: string
  patience?: Partial<Patience>
  service?: CacheService
  /** Defaults to the service's log. */
  log?: CacheLog
}

/**
 * Links into `snapshot` what an entry keeps of the download cache, in one walk, and returns the hash checks
 * of the snapshot's files, or undefined when go.sum names none of the downloads.
 */
async function snapshotDownloads(
  download: string,
  snapshot: string,
  goSumFiles: readonly string[]
): Promise<HashCheck[] | undefined> {
  const sums = await readGoSums(goSumFiles)
  const checks: HashCheck[] = []
  let linked = false
  await eachLimited(await versionDirs(download), 8, async ({ dir, relative, modulePath, names }) => {
    const kept = keptFiles(names, modulePath, sums)
    if (kept.length === 0) return
    linked = true
    const target = path.join(snapshot, relative)
    await linkFiles(dir, target, kept)
    checks.push(...hashChecks(target, modulePath, kept, sums))
  })
  if (!linked) return undefined
  const sumdb = path.join(download, 'sumdb')
  if (await exists(sumdb)) await linkTree(sumdb, path.join(snapshot, 'sumdb'))
  return checks
}

/**
 * Saves the pruned download cache under the key when the download completed, the key was not an exact hit
 * and the restored cache verified. What it archives is verified again first. Never throws: every failure is
 * a warning (or a notice when another job saved the key first or the token may only read) and a `skipped`
 * sentence.
 */
export async function saveModuleCache(opts: SaveOptions): Promise<CacheSaveReport> {
  const service = opts.service ?? actionsCacheService
  const log = opts.log ?? service.log
  const patience = { ...DEFAULT_PATIENCE, ...opts.patience }
  const skip = (skipped: string, level: keyof CacheLog = 'info', unavailable?: string): CacheSaveReport => {
    log[level](skipped)
    return { saved: false, key: opts.key, skipped, ...(unavailable !== undefined ? { unavailable } : {}) }
  }
  const given = (watched: { abandoned: string; stage: string }) =>
    watched.stage === 'service' ? watched.abandoned : undefined
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
  if (opts.unavailable) {
    return skip(
      `Not saved: the cache service could not be used in the main step (${opts.unavailable}), so this job does not try it again.`,
      'warning',
      opts.unavailable
    )
  }
  if (!service.available())
    return skip('Not saved: the GitHub cache service is not configured on this runner.')
  const exists409 = () =>
    skip(`Not saved: the cache entry ${opts.key} already exists; another job saved it first.`, 'notice')

  const started = Date.now()
  let scratch: string | undefined
  try {
    if (!(await exists(downloadRoot(opts.modCache))))
      return skip('Not saved: the module cache holds no downloads.')
    scratch = await scratchDir(opts.modCache, 'save')
    const snapshot = path.join(scratch, 'download')
    const checks = await snapshotDownloads(downloadRoot(opts.modCache), snapshot, opts.goSumFiles)
    if (!checks) return skip('Not saved: none of the downloaded modules is named in go.sum.')
    const { bad, bytes } = await runHashChecks(checks)
    if (bad.length > 0) {
      for (const { modulePath, version } of bad) purgeModule(opts.modCache, modulePath, version)
      const names = bad.map(b => `${b.modulePath}@${b.version}`).sort()
      return skip(
        `Not saved: ${names.length} module version(s) in the module cache no longer match go.sum (${names.join(', ')}); ` +
          'they were removed, so go downloads them again.',
        'warning'
      )
    }

    // Another job saving the same files at the same time can make tar fail; by the next lookup it has often saved.
    let result: SaveResult | undefined
    for (let round = 1; result === undefined; round++) {
      const lookup = await watch(progress => service.lookup(opts.key, [], progress), patience)
      if ('abandoned' in lookup) return skip(`Not saved: ${lookup.abandoned}.`, 'warning', given(lookup))
      if (lookup.value.key === opts.key) return exists409()
      if (lookup.value.failure)
        return skip(`Not saved: the cache service failed: ${lookup.value.failure}`, 'warning')
      const dir = scratch
      const saved = await watch(progress => service.save(dir, opts.key, progress), patience, {
        stage: 'local',
        sizeBytes: bytes
      })
      if ('abandoned' in saved) return skip(`Not saved: ${saved.abandoned}.`, 'warning', given(saved))
      if (saved.value.saved || saved.value.reason !== 'touched' || round === 2) result = saved.value
    }
    if (!result.saved) {
      if (result.reason === 'exists') return exists409()
      if (result.reason === 'denied')
        return skip("Not saved: this run's token may only read the cache (cache write denied).", 'notice')
      return skip(`Not saved: ${result.message}`, 'warning')
    }
    const sizeBytes = result.sizeBytes ?? (await treeSize(snapshot))
    const saveMs = Date.now() - started
    log.info(`Saved the module cache as ${opts.key} (${sizeBytes} bytes) in ${formatDuration(saveMs)}.`)
    return { saved: true, key: opts.key, sizeBytes, saveMs }
  } catch (error) {
    return skip(`Not saved: ${errorMessage(error)}`, 'warning')
  } finally {
    // An abandoned save may still be archiving the snapshot; pulling it away makes that attempt fail.
    if (scratch !== undefined) removeTree(scratch)
  }
}
