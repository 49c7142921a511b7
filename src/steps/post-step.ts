import type { Patience } from '../cache/patience.js'
import { saveModuleCache } from '../cache/save.js'
import { summaryWanted } from '../config/inputs.js'
import { errorMessage } from '../failures/errors.js'
import type { CacheSaveReport } from '../report/types.js'
import type { Runner } from '../runner/port.js'
import { renderJobRelay } from '../report/summary/job-relay.js'
import { renderModuleCacheSave } from '../report/summary/module-cache-save.js'
import type { BuildCacheReport } from '../report/build-cache.js'
import type { CacheState, MainState } from '../runner/state.js'
import { saveBuildCacheStep, type BuildCachePostOptions } from './build-cache.js'
import { stopJobRelay } from './job-relay.js'

export interface PostOptions {
  patience?: Partial<Patience>
  /** For the build cache's save. */
  buildCache?: Omit<BuildCachePostOptions, 'patience' | 'unavailable'>
}

export interface PostResult {
  /** Absent when the cache was off or the main step never got as far as the cache. */
  report?: CacheSaveReport
  /** Absent when the build cache was off or the main step never got as far as collecting it. */
  buildCache?: BuildCacheReport
}

/**
 * The post step: saves the module cache and then the build cache according to what the main step recorded in
 * its state, and adds a section for each to the job summary. Throws only on a bug; the caller turns that into
 * a warning.
 */
export async function runPost(runner: Runner, opts: PostOptions = {}): Promise<PostResult> {
  const state = runner.mainState()
  // First, so that the journal is complete and no go command of the job is still using the relay.
  const handle = state?.jobRelay
  const jobRelay = handle ? await runner.group('Job relay', () => stopJobRelay(runner, handle)) : undefined
  if (state && jobRelay && summaryWanted(state.summary, state.outcome ?? '')) {
    try {
      renderJobRelay(jobRelay, state.jobRelay?.pid ?? 0, runner.summary)
      await runner.summary.write()
    } catch (error) {
      runner.warning(`Could not add the relay section to the job summary: ${errorMessage(error)}`)
    }
  }
  if (!state) return {}
  const { cache, buildCache } = state
  const result = cache
    ? await runner.group('Module cache', () => saveModuleCacheStep(runner, state, cache, opts))
    : {}
  if (buildCache) {
    result.buildCache = await runner.group('Build cache', () =>
      saveBuildCacheStep(
        runner,
        { ...state, buildCache },
        { ...opts.buildCache, patience: opts.patience, unavailable: result.report?.unavailable }
      )
    )
  }
  return result
}

async function saveModuleCacheStep(
  runner: Runner,
  state: MainState,
  cache: CacheState,
  opts: PostOptions
): Promise<PostResult> {
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
  try {
    renderModuleCacheSave(report, cache.matchedKey, runner.summary)
    await runner.summary.write()
  } catch (error) {
    runner.warning(`Could not add the cache section to the job summary: ${errorMessage(error)}`)
  }
  return { report }
}
