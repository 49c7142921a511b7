import type { BackoffSettings } from '../policy/backoff.js'
import type { ChecksumMismatchMode } from '../policy/decisions.js'
import type { Inputs } from './inputs.js'

/**
 * How hard the action tries, as the inputs set it: one policy read by go's attempts, the relay's
 * requests (the step's and the job's) and the Go download alike.
 */
export interface RetryPolicy {
  /** Tries per request per mirror, and go processes per working directory (`max-attempts`). */
  maxAttempts: number
  /** The jittered wait before a retry (`retry-delay`, `retry-max-delay`). */
  backoff: BackoffSettings
  /** A request or a go process that makes no progress for this long is stopped (`stall-timeout`). */
  stallTimeoutMs: number
  /** Upstream requests in flight at once, per mirror (`concurrency`). */
  concurrency: number
  /** Whether a copy that does not match go.sum moves on to the next mirror or fails the step. */
  onChecksumMismatch: ChecksumMismatchMode
}

/** The retry policy the inputs ask for. */
export function retryPolicy(
  inputs: Pick<
    Inputs,
    | 'maxAttempts'
    | 'retryDelayMs'
    | 'retryMaxDelayMs'
    | 'stallTimeoutMs'
    | 'concurrency'
    | 'onChecksumMismatch'
  >
): RetryPolicy {
  return {
    maxAttempts: inputs.maxAttempts,
    backoff: { baseMs: inputs.retryDelayMs, maxMs: inputs.retryMaxDelayMs },
    stallTimeoutMs: inputs.stallTimeoutMs,
    concurrency: inputs.concurrency,
    onChecksumMismatch: inputs.onChecksumMismatch
  }
}
