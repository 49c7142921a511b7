import type { ModuleRef } from '../../../testkit/modset.js'

/** A module graph the contenders download: a generated set or the seeded real graph. */
export interface BenchSet {
  /** For tables and logs: `100 modules`, `caddy v2.11.9`. */
  label: string
  /** The modules every contender must leave in the cache (what plain `go mod download` fetches). */
  modules: ModuleRef[]
  /** The mirror's files, in GOPROXY layout, keyed by path without the leading slash. */
  files: Map<string, Buffer>
  /** go.sum's hashes by `path@version` and `path@version/go.mod`. */
  sums: Map<string, string>
  writeConsumer(dir: string): Promise<void>
}

/** The machine table's row that names the node the bundled action ran under. */
export const ACTION_NODE_ROW = 'node running the action'

/** The module sets: two generated sizes and the seeded real graph. */
export type SetId = '100' | '1000' | 'real'

export const SET_IDS: SetId[] = ['100', '1000', 'real']

export const SET_LABELS: Record<SetId, string> = {
  '100': '100 modules',
  '1000': '1,000 modules',
  real: 'real graph (caddy v2.11.9)'
}

/**
 * plain, wrapper: go against mirror A only. action: the action with A alone (one mirror); actionBuild:
 * the same with `modules: build`, which fetches what plain go does. pipe, action2: go's `A|B` chain and
 * the action with A then B (two mirrors, B healthy).
 */
export type ContenderId = 'plain' | 'wrapper' | 'action' | 'actionBuild' | 'pipe' | 'action2'

export const CONTENDERS: ContenderId[] = ['plain', 'wrapper', 'action', 'actionBuild', 'pipe', 'action2']

export const CONTENDER_LABELS: Record<ContenderId, string> = {
  plain: 'plain go (GOPROXY=A)',
  wrapper: 'retry wrapper (3×, 10 s)',
  action: 'this action (A)',
  actionBuild: 'this action (A), modules: build',
  pipe: 'go, GOPROXY=A|B',
  action2: 'this action (A, B)'
}

/** How many mirrors a contender is given. */
export function mirrorsOf(contender: ContenderId): 1 | 2 {
  return contender === 'pipe' || contender === 'action2' ? 2 : 1
}

export function isAction(contender: ContenderId): boolean {
  return contender === 'action' || contender === 'actionBuild' || contender === 'action2'
}

export interface Resources {
  cpuMs: number
  maxRssMb: number
}

/** One contender's run of one scenario, set and seed. */
export interface RunResult {
  set: SetId
  scenario: string
  seed: number
  contender: ContenderId
  /** Finished successfully and the cache it left is complete and passes `go mod verify` offline. */
  green: boolean
  /** The contender's own wall time, verification excluded; the cap when it hit the cap. */
  ms: number
  hitCap: boolean
  /** The cap this run had. */
  capMs?: number
  /** The machine's one-minute load average when the run started. */
  load1?: number
  /** The contender reported success (exit 0, or outcome success for the action). */
  claimedSuccess: boolean
  /** Every module's zip, ziphash (equal to go.sum), .mod and extracted tree are in the cache. */
  complete: boolean
  verified: boolean
  verifyMs?: number
  /** Not run again: a scenario without random faults fails the same way on every seed. */
  carried?: boolean
  /** go processes run (wrapper tries, action attempts). */
  attempts?: number
  /** The action's own CPU time and peak RSS (VmHWM), measured at its exit. */
  resources?: Resources
  /** The same as the action's report gives them. */
  reportedResources?: Resources
  /** CPU time of the go processes the action ran (its reaped children), from /proc/self/stat at its exit. */
  goCpuMs?: number
  /** `path@version` of each entry of the action's `failed-modules` output. */
  failedModules?: string[]
  /** Of the modules the scenario took away from every mirror, how many `failed-modules` named. */
  missingNamed?: number
  missingTotal?: number
  /** `GOPROXY=off go mod tidy -diff` succeeded on the cache the run left; absent when not checked. */
  tidyOffline?: boolean
  /** The first `GOPROXY=off go build ./...` on the cache the run left: whether it built, and how long it took. */
  buildOffline?: boolean
  buildOfflineMs?: number
  /** The relay's hedges and stalled requests over every mirror (the action only). */
  hedges?: number
  stalls?: number
  /** The action's event-loop delay, p99 and max, as its report gives them. */
  loopP99Ms?: number
  loopMaxMs?: number
  /** The relay's bodies and small files in memory at most, in MiB. */
  relayPeakMb?: number
  /** Why it is not green, in one line. */
  detail?: string
}

/** Statistics for one contender in one scenario on one set, over every seed. */
export interface Cell {
  set: SetId
  scenario: string
  contender: ContenderId
  runs: number
  green: number
  /** Median time to green with failures counted as never; null when at least half failed. */
  medianMs: number | null
  /** medianMs over the median time to green of plain go in the healthy scenario on the same set. */
  ratio: number | null
  /** Median time until a run ended, green or not. */
  medianAnyMs: number
  /** Median time until a failed run gave up (or hit the cap); null when none failed. */
  redMs: number | null
  slowestGreenMs: number | null
  maxRssMb: number | null
  maxCpuMs: number | null
  /** The largest ratio of the action's own CPU to its go processes' CPU over the seeds. */
  maxCpuShare: number | null
  /** The largest peak RSS the action's own report gave. */
  maxReportedRssMb: number | null
  maxAttempts: number | null
  /** The fewest of the modules missing everywhere that `failed-modules` named in any run. */
  minMissingNamed: number | null
  missingTotal: number | null
  /** Runs whose cache passed `GOPROXY=off go mod tidy -diff`, of the runs checked. */
  tidyOk: number
  tidyChecked: number
  /** Runs whose first offline `go build ./...` built, of the runs checked, and its median time. */
  buildOk: number
  buildChecked: number
  medianBuildMs: number | null
  /** All the CPU a run used, its go processes included (the action's: node, its threads and go). */
  medianTotalCpuMs: number | null
  maxHedges: number | null
  maxStalls: number | null
  maxLoopP99Ms: number | null
  maxLoopMaxMs: number | null
  maxRelayPeakMb: number | null
}

export interface GoalResult {
  id: string
  title: string
  /** null when the bench did not run what the goal needs. */
  pass: boolean | null
  measured: string
  target: string
  /** How far off a missed goal is, in words; empty when it passes. */
  shortfall: string
}
