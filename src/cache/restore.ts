/** The main step's half of the module cache: restore into a private staging directory, verify, move into place. */
import path from 'node:path'
import { downloadRoot, removeTree } from '../go/modcache.js'
import { formatDuration } from '../config/duration.js'
import { errorMessage } from '../failures/errors.js'
import type { CacheRestoreReport } from '../report/types.js'
import { actionsCacheService, type CacheLog, type CacheService } from '../runner/cache-service.js'
import { cacheState, type CacheState } from '../runner/state.js'
import { cacheKey } from './key.js'
import { DEFAULT_PATIENCE, watch, type Patience } from './patience.js'
import { exists, mergeTree, scratchDir } from './snapshot.js'
import { verifyDownloadCache } from './verify.js'

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
  patience?: Partial<Patience>
  /**
   * Called once, as soon as it is clear the download may need a mirror: the lookup found no entry or another
   * key, the restore failed, or the restored cache lacks a file. Never called on a complete exact hit.
   */
  onNetworkNeeded?: () => void
  service?: CacheService
  /** Defaults to the service's log. */
  log?: CacheLog
}

/**
 * Restores the module download cache before the download: into a staging directory of this run's own that go
 * never reads, moved into place only when the restore finished, then verified against go.sum. Never throws.
 */
export async function restoreModuleCache(opts: RestoreOptions): Promise<CacheRestoreReport> {
  const service = opts.service ?? actionsCacheService
  const log = opts.log ?? service.log
  const patience = { ...DEFAULT_PATIENCE, ...opts.patience }
  const report: CacheRestoreReport = { enabled: opts.enabled ?? true, key: opts.key, hit: 'miss', purged: [] }
  if (!report.enabled) return report
  let networkNeeded = false
  const needNetwork = () => {
    if (networkNeeded) return
    networkNeeded = true
    opts.onNetworkNeeded?.()
  }
  const miss = (warning: string, extra: Partial<CacheRestoreReport> = {}): CacheRestoreReport => {
    needNetwork()
    log.warning(warning)
    return { ...report, ...extra, hit: 'miss', warning }
  }
  if (!service.available()) {
    return miss(
      'The GitHub cache service is not configured on this runner; starting without a module cache.',
      {
        noService: true
      }
    )
  }
  const restoreKeys = opts.restoreKeys ?? [opts.key.slice(0, opts.key.lastIndexOf('-') + 1)]
  const started = Date.now()
  let staging: string | undefined
  try {
    staging = await scratchDir(opts.modCache, 'restore')
    const dir = staging
    const watched = await watch(progress => service.restore(dir, opts.key, restoreKeys, progress), patience, {
      onProgress: p => {
        if (p.kind === 'found' && p.key !== opts.key) needNetwork()
      }
    })
    report.restoreMs = Date.now() - started
    // Trouble before the service answered means it cannot be used; the post step does not try it again.
    const unavailable = (reason: string) => (watched.stage === 'service' ? reason : undefined)
    if ('abandoned' in watched) {
      return miss(`Gave up on the module cache restore: ${watched.abandoned}; starting without a cache.`, {
        restoreMs: report.restoreMs,
        unavailable: unavailable(watched.abandoned)
      })
    }
    const { key: matchedKey, failure, sizeBytes } = watched.value
    if (matchedKey === undefined) {
      if (failure) {
        return miss(`Could not restore the module cache: ${failure}`, {
          restoreMs: report.restoreMs,
          unavailable: unavailable(failure)
        })
      }
      needNetwork()
      log.info(`No module cache entry for ${opts.key} or ${restoreKeys.join(', ')}.`)
      return report
    }
    const restored = path.join(staging, 'download')
    if (!(await exists(restored))) {
      return miss(
        `The module cache entry ${matchedKey} did not restore into ${restored}; starting without a cache.`,
        {
          restoreMs: report.restoreMs
        }
      )
    }
    report.sizeBytes = sizeBytes
    await mergeTree(restored, downloadRoot(opts.modCache))
    report.matchedKey = matchedKey
    report.hit = matchedKey === opts.key ? 'exact' : 'partial'
  } catch (error) {
    return miss(`Could not restore the module cache: ${errorMessage(error)}`, { restoreMs: report.restoreMs })
  } finally {
    if (staging !== undefined) removeTree(staging)
  }
  const verifyStarted = Date.now()
  let missing: string[] = []
  try {
    ;({ purged: report.purged, missing } = await verifyDownloadCache(opts.modCache, opts.goSumFiles))
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
  report.complete = report.hit === 'exact' && report.purged.length === 0 && missing.length === 0
  if (!report.complete) needNetwork()
  log.info(
    `Module cache ${report.hit === 'exact' ? 'hit' : 'restored from'} ${report.matchedKey} in ${formatDuration(report.restoreMs ?? 0)}` +
      `, verified in ${formatDuration(report.verifyMs)}.`
  )
  if (report.complete) log.info('It holds every file go.sum names for the download, so no mirror is probed.')
  else if (report.hit === 'exact' && missing.length > 0) {
    log.info(`It lacks ${missing.length} file(s) go.sum names, such as ${missing[0]}; go fetches them.`)
  }
  return report
}

/**
 * The main step's whole part in the cache: the key, the restore, and the state the post step saves by.
 * `cacheDependencyPath` is the input's lines; the working directories are absolute.
 */
export async function restoreJobCache(opts: {
  cacheDependencyPath: readonly string[]
  workingDirectories: readonly string[]
  modCache: string
  onNetworkNeeded: () => void
  log?: CacheLog
}): Promise<{ report: CacheRestoreReport; state?: CacheState }> {
  const { key, goSumFiles } = await cacheKey({
    dependencyPath: opts.cacheDependencyPath.join('\n'),
    workingDirectories: opts.workingDirectories
  })
  const report = await restoreModuleCache({
    key,
    modCache: opts.modCache,
    goSumFiles,
    onNetworkNeeded: opts.onNetworkNeeded,
    log: opts.log
  })
  return { report, state: cacheState(report, opts.modCache, goSumFiles) }
}
