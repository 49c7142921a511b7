import type { Patience } from '../cache/patience.js'
import { saveModuleCache } from '../cache/save.js'
import { formatDuration } from '../config/duration.js'
import { summaryWanted } from '../config/inputs.js'
import { errorMessage } from '../failures/errors.js'
import { formatBytes } from '../report/format.js'
import type { CacheSaveReport } from '../report/types.js'
import type { Runner } from '../runner/port.js'
import { renderJobRelay } from '../report/job-relay.js'
import { stopJobRelay } from './job-relay.js'

export interface PostOptions {
  patience?: Partial<Patience>
}

export interface PostResult {
  /** Absent when the cache was off or the main step never got as far as the cache. */
  report?: CacheSaveReport
  summary?: string
}

/** The cache section of the job summary, in a line or two. */
export function cacheSummary(report: CacheSaveReport, matchedKey: string): string {
  const restored = matchedKey === '' ? 'Nothing was restored.' : `Restored from \`${matchedKey}\`.`
  const saved = report.saved
    ? `Saved as \`${report.key}\`` +
      (report.sizeBytes !== undefined ? `, ${formatBytes(report.sizeBytes)}` : '') +
      (report.saveMs !== undefined ? ` in ${formatDuration(report.saveMs)}` : '') +
      '.'
    : (report.skipped ?? 'Not saved.')
  return `\n### Module cache (post step)\n\n${restored} ${saved}\n`
}

/**
 * The post step: saves the module cache according to what the main step recorded in its state, and adds a
 * cache section to the job summary. Throws only on a bug; the caller turns that into a warning.
 */
export async function runPost(runner: Runner, opts: PostOptions = {}): Promise<PostResult> {
  const state = runner.mainState()
  // First, so that the journal is complete and no go command of the job is still using the relay.
  const jobRelay = state?.jobRelay ? await stopJobRelay(runner, state.jobRelay) : undefined
  if (state && jobRelay && summaryWanted(state.summary, state.outcome ?? '')) {
    try {
      renderJobRelay(jobRelay, state.jobRelay?.pid ?? 0, runner.summary)
      await runner.summary.write()
    } catch (error) {
      runner.warning(`Could not add the relay section to the job summary: ${errorMessage(error)}`)
    }
  }
  const cache = state?.cache
  if (!state || !cache) return {}
  const report = await saveModuleCache({
    key: cache.key,
    modCache: cache.modCache,
    goSumFiles: cache.goSumFiles,
    outcome: state.outcome ?? '',
    exactHit: cache.exactHit,
    clean: cache.clean,
    unavailable: cache.unavailable,
    patience: opts.patience,
    log: runner
  })
  if (!summaryWanted(state.summary, state.outcome ?? '')) return { report }
  const summary = cacheSummary(report, cache.matchedKey)
  try {
    runner.summary.addRaw(summary, true)
    await runner.summary.write()
  } catch (error) {
    runner.warning(`Could not add the cache section to the job summary: ${errorMessage(error)}`)
  }
  return { report, summary }
}
