import type { FailureClass, Misconfiguration } from '../failures/classes.js'
import type { Decision } from '../policy/decisions.js'

// Fields named `proxy` hold a mirror (a GOPROXY entry) or where go was pointed: the name is the JSON report's
// and the outputs'.

/** One module that an attempt could not fetch, as go reported it (or as the watchdog inferred it). */
export interface ModuleFailure {
  /** Module path; empty when go failed before naming one. */
  module: string
  version: string
  class: FailureClass
  transient: boolean
  /** For a `local` failure: the setting go cannot work with. */
  misconfigured?: Misconfiguration
  /** Where the attempt pointed go, or the mirrors the relay asked, as shown (credentials redacted). */
  proxy: string
  message: string
  /** Working directory (as given in the inputs) whose download hit the failure. */
  workdir: string
  /** Classed by the relay from what the mirrors answered, not from go's words; no bad copy reached go. */
  fromRelay?: boolean
}

/** Where go is pointed for every go process of the download: one GOPROXY value, the same on every try. */
export interface GoSource {
  /** GOPROXY for go, credentials included. */
  goproxy: string
  /** The value as shown in the log and the report. */
  label: string
  /** The module proxies in it (the relay, or the mirrors), secrets included, and how each is shown. */
  bases: readonly { url: string; label: string }[]
}

/** The relay as the engine sees it: where go is pointed, and what the relay knows of go's requests. */
export interface RelayRoute {
  /** GOPROXY for go: the relay, then `direct` when the mirrors list it. */
  goproxy: string
  /** The relay as shown in the log and the report. */
  label: string
  /** The relay's base URL, secret included: matched in go's output, never shown. */
  base: string
  /** Grows with every sign of life of the relay, deliberate waits included: go is never stalled while it does. */
  progress(): number
  /** The relay's account of a request go made to it and reported as failed. */
  explain(url: string): RelayAccount | undefined
}

/** What the relay says of a file it could not serve. */
export interface RelayAccount {
  class: FailureClass
  transient: boolean
  /** The mirrors asked, as shown to people. */
  mirrors: string
}

/** One HTTP request seen in `go -x` output. */
export interface RequestRecord {
  url: string
  /** Mirror the URL belongs to, or the URL's origin when it is not a mirror (a checksum database, a VCS host). */
  origin: string
  status?: number
  error?: string
  ms?: number
}

export type StopReason = 'stalled' | 'timeout'

/** One `go mod download` process. */
export interface Attempt {
  /** 1-based, across the whole run. */
  number: number
  workdir: string
  /** Where go was pointed (the relay, or the mirrors joined by pipes), as shown to users. */
  proxy: string
  /** 1-based count of attempts for this working directory. */
  try: number
  /** Backoff slept before this attempt started. */
  delayMs: number
  /** Start, in ms since the run began. */
  startMs: number
  durationMs: number
  exitCode: number | null
  stopped?: StopReason
  /** The last request that had not been answered when the attempt was stopped. */
  pendingUrl?: string
  /** Modules go reported as fetched (or already present). */
  modulesOk: number
  requests: RequestRecord[]
  failures: ModuleFailure[]
  /** What the engine did next. */
  decision: Decision | 'done'
}

export interface MirrorStats {
  /** The mirror, as shown to users. */
  proxy: string
  requests: number
  /** Requests answered 2xx. */
  ok: number
  failuresByClass: Partial<Record<FailureClass, number>>
  /** Median latency of answered requests (the relay's). */
  medianMs?: number
  /** The relay's breaker took it out of service at some point. */
  demoted: boolean
  /** At least one request answered 2xx. */
  answered: boolean
}

export interface RecoveredModule {
  module: string
  version: string
  class: FailureClass
  /** Attempts it took, counting the one that succeeded. */
  attempts: number
  /** Where go was pointed when it got it, or the mirror that served it to the relay. */
  proxy: string
  /** For a module the relay recovered: the mirrors that failed it and what they answered. */
  relayed?: { failedOn: string[]; trail: string }
}

export interface PurgedModule {
  module: string
  version: string
  /** The module proxy that served the bad copy, or where go was pointed. */
  proxy: string
}

export interface WorkdirResult {
  workdir: string
  ok: boolean
  /** Where go was pointed by the attempt that completed this working directory, as shown. */
  completedBy?: string
}

export interface DownloadReport {
  outcome: 'success' | 'failure'
  durationMs: number
  workdirs: WorkdirResult[]
  attempts: Attempt[]
  /** Failures that survived every attempt (the last word on each module). */
  failed: ModuleFailure[]
  recovered: RecoveredModule[]
  mirrors: MirrorStats[]
  /** Modules whose cached copy was removed after a checksum mismatch. */
  purged: PurgedModule[]
  /** GOPROXY for later steps, joined with pipes, credentials redacted. */
  exportProxy: string
  /** True when the step's time budget ran out. */
  timedOut: boolean
  /** The step's time budget (the `timeout` input). */
  timeoutMs: number
}
