import { actionsLog, cacheService } from '../runner/cache-service.js'
import { captureLibraryOutput, type LibraryOutput } from '../runner/cache-output.js'
import { downloadRoot, removeTree } from '../go/modcache.js'
import { formatDuration } from '../config/duration.js'
import { errorMessage } from '../failures/errors.js'
import type { CacheSaveReport } from '../report/types.js'
import { libraryMessage, libraryPath, librarySize, withinBudget, type CacheLog } from './library.js'
import { pruneDownloadCache } from './prune.js'
import { exists, linkTree, snapshotDir, treeSize } from './snapshot.js'

export const DEFAULT_SAVE_BUDGET_MS = 5 * 60_000

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
