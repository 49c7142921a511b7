import type { ModuleRef } from '../../testkit/modset.js'

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

export type ContenderId = 'plain' | 'pipe' | 'wrapper' | 'action'

export const CONTENDERS: ContenderId[] = ['plain', 'pipe', 'wrapper', 'action']

export const CONTENDER_LABELS: Record<ContenderId, string> = {
  plain: 'plain go (GOPROXY=A)',
  pipe: 'go, GOPROXY=A|B',
  wrapper: 'retry wrapper (3×, 10 s)',
  action: 'this action (A, then B)'
}

export interface Resources {
  cpuMs: number
  maxRssMb: number
}

/** One contender's run of one scenario, size and seed. */
export interface RunResult {
  size: number
  scenario: string
  seed: number
  contender: ContenderId
  /** Finished successfully and the cache it left is complete and passes `go mod verify` offline. */
  green: boolean
  /** The contender's own wall time, verification excluded; the cap when it hit the cap. */
  ms: number
  hitCap: boolean
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
  /** When the action's first attempt on the healthy mirror B started, in ms since its process started. */
  firstHealthyMs?: number
  /** Why it is not green, in one line. */
  detail?: string
}

/** Statistics for one contender in one scenario at one size, over every seed. */
export interface Cell {
  size: number
  scenario: string
  contender: ContenderId
  runs: number
  green: number
  /** Median time to green with failures counted as never; null when at least half failed. */
  medianMs: number | null
  /** medianMs over the median time to green of plain go in the healthy scenario at the same size. */
  ratio: number | null
  /** Median time until a failed run gave up (or hit the cap); null when none failed. */
  redMs: number | null
  slowestGreenMs: number | null
  maxRssMb: number | null
  maxCpuMs: number | null
  /** The largest peak RSS the action's own report gave. */
  maxReportedRssMb: number | null
  /** The latest start of the action's first attempt on the healthy mirror, over every run. */
  maxFirstHealthyMs: number | null
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
