/**
 * The build cache in the two steps: the main step starts it beside the module cache and collects it before
 * it ends; the post step saves it and adds its section to the summary.
 */
import type { BuildSaveOptions, SaveThreshold } from '../cache/build-save.js'
import type { Patience } from '../cache/patience.js'
import { summaryWanted, type Inputs } from '../config/inputs.js'
import { errorMessage } from '../failures/errors.js'
import type { CommandRunner } from '../go/command.js'
import type { BuildCacheReport } from '../report/build-cache.js'
import { renderBuildCache } from '../report/summary/build-cache.js'
import type { CacheRestoreReport } from '../report/types.js'
import type { CacheLog, CacheService } from '../runner/cache-service.js'
import { execCommand } from '../runner/exec.js'
import type { Runner } from '../runner/port.js'
import type { BuildCacheState, MainState } from '../runner/state.js'
import { guardedRunner } from './log-guard.js'

export interface BuildCacheStart {
  /** Waits for the restore and writes its log lines in a group of their own; undefined when the input is off. */
  finish(): Promise<BuildCacheState | undefined>
}

export interface BuildCacheStartOptions {
  runner: Runner
  inputs: Pick<Inputs, 'buildCache' | 'buildCacheVariant' | 'cacheDependencyPath'>
  goBin: string
  /** Absolute working directories; go env runs in the first. */
  workdirs: readonly string[]
  env: NodeJS.ProcessEnv
  /** The module cache's restore: the build cache's waits for it, since the cache library does one at a time. */
  moduleRestore: Promise<{ report: CacheRestoreReport }>
  run?: CommandRunner
  service?: CacheService
  patience?: Partial<Patience>
}

type Line = { level: keyof CacheLog; message: string }

/**
 * Starts the build cache's part of the main step: the trust policy, go env, the key, then, once the module
 * cache's restore is done, the restore. Its lines are kept until `finish`, so they do not land in the middle
 * of the download's. Never throws.
 */
export function startBuildCache(opts: BuildCacheStartOptions): BuildCacheStart {
  if (opts.inputs.buildCache === 'off') return { finish: async () => undefined }
  const mode = opts.inputs.buildCache
  // Read now: while a cache restore runs, the library's GITHUB_WORKSPACE is borrowed.
  const env = { ...opts.env }
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd()
  const lines: Line[] = []
  const log: CacheLog = {
    info: message => void lines.push({ level: 'info', message }),
    warning: message => void lines.push({ level: 'warning', message }),
    notice: message => void lines.push({ level: 'notice', message })
  }
  const work = (async (): Promise<BuildCacheState> => {
    // Loaded on demand, as the module cache's code is: the cache library is most of the bundle.
    const { restoreJobBuildCache } = await import('../cache/build-restore.js')
    return restoreJobBuildCache({
      mode,
      variant: opts.inputs.buildCacheVariant,
      cacheDependencyPath: opts.inputs.cacheDependencyPath,
      workdirs: opts.workdirs,
      workspace,
      goBin: opts.goBin,
      run: opts.run ?? execCommand,
      env,
      moduleRestore: opts.moduleRestore.then(
        r => r.report,
        () => undefined
      ),
      patience: opts.patience,
      service: opts.service,
      log
    })
  })()
  // Nobody may be waiting yet when it fails.
  work.catch(() => undefined)
  return {
    async finish() {
      return opts.runner.group('Build cache', async () => {
        let state: BuildCacheState | undefined
        try {
          state = await work
        } catch (error) {
          log.warning(`Build cache not used: ${errorMessage(error)}`)
        }
        for (const line of lines) opts.runner[line.level](line.message)
        return state
      })
    }
  }
}

export interface BuildCachePostOptions {
  patience?: Partial<Patience>
  threshold?: Partial<SaveThreshold>
  /** Why the module cache's save could not use the cache service, when it could not. */
  unavailable?: string
  service?: CacheService
}

/** The post step's part: saves the build cache by the main step's state and adds its summary section. */
export async function saveBuildCacheStep(
  runner: Runner,
  state: MainState & { buildCache: BuildCacheState },
  opts: BuildCachePostOptions = {}
): Promise<BuildCacheReport> {
  const { saveBuildCache } = await import('../cache/build-save.js')
  const save: BuildSaveOptions = {
    state: state.buildCache,
    outcome: state.outcome ?? '',
    unavailable: opts.unavailable,
    threshold: opts.threshold,
    patience: opts.patience,
    service: opts.service,
    // Its lines name GOCACHE as the job's environment gives it.
    log: guardedRunner(runner)
  }
  const report = await saveBuildCache(save)
  if (!summaryWanted(state.summary, state.outcome ?? '')) return report
  try {
    renderBuildCache(report, runner.summary)
    await runner.summary.write()
  } catch (error) {
    runner.warning(`Could not add the build cache section to the job summary: ${errorMessage(error)}`)
  }
  return report
}
