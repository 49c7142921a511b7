import { actionsLog, cacheService } from '../runner/cache-service.js'
import { captureLibraryOutput, type LibraryOutput } from '../runner/cache-output.js'
import { downloadRoot, removeTree } from '../go/modcache.js'
import { formatDuration } from '../config/duration.js'
import { errorMessage } from '../failures/errors.js'
import type { CacheRestoreReport } from '../report/types.js'
import { libraryMessage, libraryPath, librarySize, withinBudget, type CacheLog } from './library.js'
import { exists, mergeTree, snapshotDir, treeSize } from './snapshot.js'
import { verifyDownloadCache } from './verify.js'

export const DEFAULT_RESTORE_BUDGET_MS = 2 * 60_000

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
