import type { DownloadReport } from '../download/types.js'
import type { ConnectivityReport } from '../network/types.js'
import type { PrefetchReport } from '../relay/prefetch.js'
import type { RelayReport } from '../relay/types.js'

export type Outcome = 'success' | 'vendor' | 'failure'

/** What happened to the module cache in the main step (filled by src/cache/restore.ts). */
export interface CacheRestoreReport {
  enabled: boolean
  key: string
  /** The key of the entry restored, when one was. */
  matchedKey?: string
  hit: 'exact' | 'partial' | 'miss'
  sizeBytes?: number
  restoreMs?: number
  /** Time spent hashing the restored zips and .mod files against go.sum. */
  verifyMs?: number
  /** Modules whose restored copy failed verification and were purged. */
  purged: string[]
  /** Why the restore was abandoned or counted as a miss, when it was. */
  warning?: string
  /** An exact hit that verified and holds every file go.sum names for the download: no mirror is needed. */
  complete?: boolean
  /** Why the cache service could not be used at all, when it could not; the post step then does not try it. */
  unavailable?: string
  /** The runner has no cache service at all (a local run, a server without one). */
  noService?: boolean
}

/** What happened to the module cache in the post step. */
export interface CacheSaveReport {
  saved: boolean
  key: string
  sizeBytes?: number
  saveMs?: number
  /** Why nothing was saved, in a sentence for the summary. */
  skipped?: string
  /** Why the cache service could not be used, when it could not: later saves of this step do not try it. */
  unavailable?: string
}

/** The whole run, as written to the JSON report and rendered into the summary. */
export interface RunReport {
  outcome: Outcome
  /** The settings the run used, with secrets removed. */
  settings: Record<string, unknown>
  goVersion: string
  download: DownloadReport
  cache?: CacheRestoreReport
  /** Findings about the job's own environment (weakened verification, and the like). */
  warnings: string[]
  /** Set when outcome is vendor: the working directories that build from vendor/. */
  vendor?: string[]
  /** The action's own CPU time and peak memory (go's processes not included). */
  resources?: {
    cpuMs: number
    maxRssMb: number
    /** The event loop's delay over the step: a loop held up stops every socket and every clock. */
    eventLoopDelayP99Ms?: number
    eventLoopDelayMaxMs?: number
  }
  /** What probing the mirrors found, and the settings that shape go's requests. */
  connectivity?: ConnectivityReport
  /** What the relay did per mirror and per file that needed help, when go went through it. */
  relay?: RelayReport & { prefetch?: PrefetchReport }
  /** Whether go.sum holds every line go build needs, checked after a successful download. */
  goSum?: GoSumReport
}

/** The go.sum check of every working directory. */
export interface GoSumReport {
  dirs: GoSumDirReport[]
  /** The checksum database that vouched for modules go.sum has no line for; absent with GOSUMDB=off. */
  checksumDatabase?: string
  durationMs: number
}

export interface GoSumDirReport {
  /** As given in the inputs. */
  workdir: string
  /**
   * What go build does about a missing line: `stops` (-mod=readonly, go's default) fails the step;
   * `adds` (the job's GOFLAGS=-mod=mod, or a go.work workspace) is a warning.
   */
  handling: 'stops' | 'adds'
  /** The directory is in a go.work workspace, whose go.work.sum counts. */
  workspace?: boolean
  missing: MissingSumReport[]
  /** Why it was not checked, when it was not. */
  skipped?: string
  /** Why no go list was needed to know that nothing is missing. */
  complete?: string
  /** What go said when it could not answer; nothing is reported missing then. */
  inconclusive?: string
  durationMs: number
}

/** A line go.sum lacks, and where it belongs. */
export interface MissingSumReport {
  /** Empty when go named only the package. */
  module: string
  version: string
  /** The module's own hash (`zip`) or its go.mod file's. */
  line: 'zip' | 'go.mod'
  /** The package that needs it, when go named one. */
  package?: string
  message: string
  /** Where an annotation points: the go.sum line beside which it belongs, else the go.mod line requiring it. */
  file?: string
  startLine?: number
  /** GONOSUMDB (or GOPRIVATE) keeps the module from the checksum database: nothing vouched for it. */
  noChecksumDatabase?: boolean
}
