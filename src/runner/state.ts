import type { SummaryMode } from '../config/inputs.js'
import type { CacheRestoreReport, Outcome } from '../report/types.js'

/** What the main step passes to the post step: one object, saved under one state key. */
export interface MainState {
  /** The summary input, so that the post step adds its section under the same rule. */
  summary: SummaryMode
  /** Absent until the main step has finished the download. */
  outcome?: Outcome
  /** Absent when the cache was off or the main step stopped before the restore. */
  cache?: CacheState
  /** The relay left running for later steps (job-proxy), for the post step to stop and read. */
  jobRelay?: JobRelayState
  /** Absent when the build cache was off or the main step stopped before its restore ended. */
  buildCache?: BuildCacheState
}

/** What the post step needs to prune and save the build cache, or why this job leaves it alone. */
export interface BuildCacheState {
  /** Why the job neither restored nor saves the build cache; nothing below is meaningful then. */
  skipped?: string
  key: string
  /** The key of the entry restored, '' when nothing was. */
  matchedKey: string
  /** Absolute GOCACHE. */
  gocache: string
  /** When the restored entries were marked unused (ms since the epoch): go's later uses mark them newer. */
  restoredAt: number
  restoredEntries: number
  restoredBytes: number
  /** How long the restore took, when it restored anything. */
  restoreMs?: number
  /** The file listing the restored entries (`xx/<id>-a`), when any were restored. */
  manifest?: string
  /** Why this job does not save, when it does not; the post step says it once more. */
  saveBlocked?: string
  /** The reason is a notice (a read-only cache), not a plain log line. */
  saveBlockedNotice?: boolean
  /** Why the cache service could not be used in the main step, when it could not. */
  unavailable?: string
}

/** How the post step finds the later steps' relay: by the pid it recorded, and a secret of its own. */
export interface JobRelayState {
  pid: number
  port: number
  /** The path of the relay's shutdown request: only the post step knows it. */
  controlSecret: string
  /** The relay's private directory: its journal and log. */
  dir: string
}

/** What the post step needs to save the module cache. */
export interface CacheState {
  key: string
  /** The key of the entry restored, '' when nothing was. */
  matchedKey: string
  exactHit: boolean
  /** Verification of the restored cache purged nothing. */
  clean: boolean
  /** Absolute GOMODCACHE. */
  modCache: string
  /** Absolute go.sum and go.work.sum paths, for the prune before the save. */
  goSumFiles: string[]
  /** Why the main step could not use the cache service at all, when it could not. */
  unavailable?: string
}

/** The state key the main state is saved under. */
export const MAIN_STATE_KEY = 'main'

/** The cache part of the state after a restore; undefined when the cache is off. */
export function cacheState(
  report: CacheRestoreReport,
  modCache: string,
  goSumFiles: readonly string[]
): CacheState | undefined {
  if (!report.enabled) return undefined
  return {
    key: report.key,
    matchedKey: report.matchedKey ?? '',
    exactHit: report.hit === 'exact',
    clean: report.purged.length === 0,
    modCache,
    goSumFiles: [...goSumFiles],
    ...(report.unavailable !== undefined ? { unavailable: report.unavailable } : {})
  }
}

export function serializeMainState(state: MainState): string {
  return JSON.stringify(state)
}

/** The state the main step saved; undefined when it saved none. Throws on anything it did not write. */
export function parseMainState(text: string): MainState | undefined {
  if (text === '') return undefined
  const value: unknown = JSON.parse(text)
  const state = value as MainState
  const summaries: unknown[] = ['always', 'on-failure', 'never']
  const outcomes: unknown[] = [undefined, 'success', 'vendor', 'failure']
  if (!isObject(value) || !summaries.includes(state.summary) || !outcomes.includes(state.outcome)) {
    throw new Error(`the main step's state is not one it writes: ${text.slice(0, 200)}`)
  }
  if (state.cache !== undefined && !isCacheState(state.cache)) {
    throw new Error(`the main step's cache state is not one it writes: ${text.slice(0, 200)}`)
  }
  if (state.buildCache !== undefined && !isBuildCacheState(state.buildCache)) {
    throw new Error(`the main step's build cache state is not one it writes: ${text.slice(0, 200)}`)
  }
  if (state.jobRelay !== undefined && !isJobRelayState(state.jobRelay)) {
    throw new Error(`the main step's relay state is not one it writes: ${text.slice(0, 200)}`)
  }
  return state
}

function isJobRelayState(value: unknown): value is JobRelayState {
  if (!isObject(value)) return false
  const relay = value as unknown as JobRelayState
  return (
    Number.isInteger(relay.pid) &&
    Number.isInteger(relay.port) &&
    typeof relay.controlSecret === 'string' &&
    typeof relay.dir === 'string'
  )
}

function isCacheState(value: unknown): value is CacheState {
  if (!isObject(value)) return false
  const cache = value as unknown as CacheState
  return (
    typeof cache.key === 'string' &&
    typeof cache.matchedKey === 'string' &&
    typeof cache.exactHit === 'boolean' &&
    typeof cache.clean === 'boolean' &&
    typeof cache.modCache === 'string' &&
    Array.isArray(cache.goSumFiles) &&
    cache.goSumFiles.every(file => typeof file === 'string') &&
    (cache.unavailable === undefined || typeof cache.unavailable === 'string')
  )
}

function isBuildCacheState(value: unknown): value is BuildCacheState {
  if (!isObject(value)) return false
  const build = value as unknown as BuildCacheState
  const optional = (v: unknown, type: string) => v === undefined || typeof v === type
  return (
    typeof build.key === 'string' &&
    typeof build.matchedKey === 'string' &&
    typeof build.gocache === 'string' &&
    Number.isFinite(build.restoredAt) &&
    Number.isInteger(build.restoredEntries) &&
    Number.isInteger(build.restoredBytes) &&
    optional(build.skipped, 'string') &&
    optional(build.restoreMs, 'number') &&
    optional(build.manifest, 'string') &&
    optional(build.saveBlocked, 'string') &&
    optional(build.saveBlockedNotice, 'boolean') &&
    optional(build.unavailable, 'string')
  )
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
