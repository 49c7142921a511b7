import type { ChecksumMismatchMode } from '../config/inputs.js'
import type { Decision, FailureClass, ModuleFailure } from './types.js'

/**
 * What each class calls for, when the failure is transient and when it is not. Some transient
 * failures still move on at once: a refused connection or a silent mirror is better left for later.
 */
const DECISIONS: Record<FailureClass, { transient: Decision; permanent: Decision }> = {
  'not-found': { transient: 'retry', permanent: 'next-mirror' },
  forbidden: { transient: 'next-mirror', permanent: 'next-mirror' },
  'rate-limited': { transient: 'retry', permanent: 'retry' },
  'server-error': { transient: 'retry', permanent: 'retry' },
  connection: { transient: 'next-mirror', permanent: 'next-mirror' },
  dns: { transient: 'retry', permanent: 'next-mirror' },
  timeout: { transient: 'retry', permanent: 'retry' },
  reset: { transient: 'retry', permanent: 'retry' },
  truncated: { transient: 'retry', permanent: 'retry' },
  tls: { transient: 'next-mirror', permanent: 'next-mirror' },
  'bad-response': { transient: 'retry', permanent: 'next-mirror' },
  'checksum-mismatch': { transient: 'next-mirror', permanent: 'next-mirror' },
  sumdb: { transient: 'retry', permanent: 'fail' },
  auth: { transient: 'fail', permanent: 'fail' },
  'invalid-version': { transient: 'fail', permanent: 'fail' },
  toolchain: { transient: 'retry', permanent: 'next-mirror' },
  local: { transient: 'fail', permanent: 'fail' },
  stalled: { transient: 'next-mirror', permanent: 'next-mirror' },
  unknown: { transient: 'retry', permanent: 'retry' }
}

/** Classes that say the mirror itself is unhealthy: later working directories try it last. */
const DEMOTING = new Set<FailureClass>(['connection', 'dns', 'tls', 'stalled'])

/** Classes whose retry waits longer: hammering a rate limiter only extends the limit. */
const SLOW_BACKOFF = new Set<FailureClass>(['rate-limited'])

export interface PolicyContext {
  onChecksumMismatch: ChecksumMismatchMode
  /** Modules whose bad copy was fetched in this attempt (as opposed to read from the local cache). */
  fetchedThisAttempt: (failure: ModuleFailure) => boolean
}

export function decideFailure(failure: ModuleFailure, ctx: PolicyContext): Decision {
  if (failure.class === 'checksum-mismatch') {
    if (ctx.onChecksumMismatch === 'fail') return 'fail'
    // A corrupt local copy is purged and fetched again from the same mirror; bad bits from a mirror mean moving on.
    return ctx.fetchedThisAttempt(failure) ? 'next-mirror' : 'retry'
  }
  const decisions = DECISIONS[failure.class]
  return failure.transient ? decisions.transient : decisions.permanent
}

/**
 * The decision for a whole attempt: any failure that no mirror can fix stops the run; otherwise retry
 * while some failure is worth retrying here and tries remain; otherwise move to the next mirror.
 */
export function decideAttempt(
  decisions: readonly Decision[],
  tryNumber: number,
  maxAttempts: number
): Decision {
  if (decisions.includes('fail')) return 'fail'
  if (decisions.includes('retry') && tryNumber < maxAttempts) return 'retry'
  return 'next-mirror'
}

export function demotes(failureClass: FailureClass): boolean {
  return DEMOTING.has(failureClass)
}

export interface BackoffSettings {
  baseMs: number
  maxMs: number
}

/**
 * Exponential backoff with full jitter: a uniform wait in [0, min(max, base * 2^(retry-1))].
 * Rate limits start two doublings higher.
 */
export function backoffDelay(
  retry: number,
  classes: readonly FailureClass[],
  settings: BackoffSettings,
  random: () => number
): number {
  const boost = classes.some(c => SLOW_BACKOFF.has(c)) ? 2 : 0
  const ceiling = Math.min(settings.maxMs, settings.baseMs * 2 ** (retry - 1 + boost))
  return Math.round(random() * ceiling)
}
