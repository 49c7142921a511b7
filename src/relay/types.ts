import type { FailureClass } from '../failures/classes.js'
import type { BackoffSettings } from '../policy/backoff.js'
import type { ChecksumMismatchMode } from '../policy/decisions.js'

export interface RelayPolicy {
  /** Tries per request per mirror for transient failures (the `max-attempts` input). */
  maxAttempts: number
  backoff: BackoffSettings
  stallTimeoutMs: number
  /** Upstream requests in flight per mirror. */
  concurrency: number
  onChecksumMismatch: ChecksumMismatchMode
  /** Clock time after which nothing new starts and everything in flight is stopped. */
  deadline: number
  /** The least time before a request with no answer is hedged. */
  hedgeFloorMs?: number
  /**
   * How long a down mirror is left alone before one request goes to it again in the background
   * (half-open); doubled after each one it leaves unanswered, up to ten times as long.
   */
  downRetryMs?: number
}

/** A file as the relay answers go: the body on disk or in memory, or an error status with a reason. */
export type Answer =
  | { ok: true; size: number; file?: string; data?: Buffer; contentType: string; record: FileRecord }
  | { ok: false; status: number; text: string; record: FileRecord }

/** Something worth a line in the log. */
export interface RelayEvent {
  kind: 'retry' | 'hedge' | 'breaker' | 'mismatch' | 'failed' | 'misconfigured' | 'down' | 'up'
  file: string
  mirror: string
  text: string
  module?: string
  version?: string
}

/** How one upstream request to one mirror ended. */
export interface TryRecord {
  /** The mirror as shown to people (credentials redacted). */
  mirror: string
  /** Started because the request before it had not answered in time (a hedge). */
  hedge: boolean
  /** ms since the relay started. */
  startMs: number
  durationMs: number
  /** Time to the response headers, when they came. */
  firstByteMs?: number
  status?: number
  class?: FailureClass
  /** Short, for people: `503 Service Unavailable`, `connection refused`, `checksum mismatch`. */
  detail?: string
  bytes: number
  /** ok: served; lost: a hedge that another copy beat; failed: anything else. */
  outcome: 'ok' | 'failed' | 'lost'
  /** The wait before this try (backoff or Retry-After), in ms. */
  waitedMs?: number
  /** Resumed with a Range request from this offset. */
  resumedAt?: number
}

/** Everything the relay did for one file, from the first request for it to its answer. */
export interface FileRecord {
  /** `m@v .zip`, `m version list`, ... */
  name: string
  module?: string
  version?: string
  file?: 'info' | 'mod' | 'zip' | 'list' | 'latest' | 'sumdb'
  /** Who asked first. */
  requestedBy: 'go' | 'prefetch'
  tries: TryRecord[]
  /**
   * ok: served; not-found: every mirror said so; failed: no mirror served it; private: never forwarded;
   * cancelled: the relay stopped before it was done (a prefetch go never needed).
   */
  outcome: 'ok' | 'not-found' | 'failed' | 'private' | 'cancelled'
  /** The mirror that served it. */
  servedBy?: string
  bytes?: number
  /** For a failure: the class that decided it and what to tell go and people. */
  failure?: { class: FailureClass; transient: boolean; message: string }
  /** Mirrors whose copy did not match go.sum. */
  mismatched?: string[]
  /** Served to go (as opposed to only prefetched). */
  servedToGo: boolean
  /** Written into go's download cache, where go found it. */
  cached?: boolean
}

export interface RelayMirrorStats {
  mirror: string
  requests: number
  /** Answered 2xx. */
  ok: number
  retries: number
  hedges: number
  hedgesWon: number
  breakerTrips: number
  bytes: number
  p50Ms?: number
  p95Ms?: number
  failuresByClass: Partial<Record<FailureClass, number>>
  /** At least one request answered 2xx, or a 404/410 that says the mirror speaks the protocol. */
  answered: boolean
  /** Down when the relay stopped: silent since it started, or since the probe found it so. */
  down?: boolean
}

export interface RelayReport {
  mirrors: RelayMirrorStats[]
  /** Files that needed more than one try, a hedge or another mirror, and files that failed. */
  files: FileRecord[]
  /** Totals over every file. */
  totals: {
    files: number
    servedToGo: number
    fromStore: number
    bytes: number
    /** Files the prefetch wrote into go's download cache, where go found them without asking. */
    intoCache?: number
  }
  /** The bodies and small files held in memory at most, against the relay's bound. */
  memory?: { peakBytes: number; limitBytes: number }
}
