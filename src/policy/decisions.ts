import type { ChecksumMismatchMode } from '../config/inputs.js'
import { CLASS_TRAITS, type FailureClass } from '../failures/classes.js'
import type { Decision, ModuleFailure } from '../download/types.js'

/** What a failure class calls for; the README's decision table is generated from these. */
export interface ClassPolicy {
  transient: Decision
  permanent: Decision
  /** For a checksum mismatch whose bad copy came from the local cache, not from the mirror. */
  fromLocalCache?: Decision
  /** When go's message makes a failure of the class transient, for the README (where it changes the decision). */
  transientWhen?: string
  /** What else to know about the decision, for the README. */
  note?: string
}

/**
 * What each class calls for, when the failure is transient and when it is not. Some transient
 * failures still move on at once: a refused connection or a silent mirror is better left for later.
 */
export const DECISIONS: Readonly<Record<FailureClass, ClassPolicy>> = {
  'not-found': {
    transient: 'retry',
    permanent: 'next-mirror',
    transientWhen:
      "the server response says the proxy's upstream failed (`temporarily unavailable`, `fetch timed out`, `bad upstream`)"
  },
  forbidden: { transient: 'next-mirror', permanent: 'next-mirror' },
  'rate-limited': { transient: 'retry', permanent: 'retry' },
  'server-error': { transient: 'retry', permanent: 'retry' },
  connection: { transient: 'next-mirror', permanent: 'next-mirror' },
  dns: {
    transient: 'retry',
    permanent: 'next-mirror',
    transientWhen:
      'the resolver failed (`server misbehaving`, a timeout) rather than the name (`no such host`)'
  },
  timeout: { transient: 'retry', permanent: 'retry' },
  reset: { transient: 'retry', permanent: 'retry' },
  truncated: { transient: 'retry', permanent: 'retry' },
  tls: { transient: 'next-mirror', permanent: 'next-mirror' },
  'bad-response': { transient: 'retry', permanent: 'next-mirror' },
  'checksum-mismatch': {
    transient: 'next-mirror',
    permanent: 'next-mirror',
    fromLocalCache: 'retry',
    note: 'the bad copy is purged from the module cache first; `on-checksum-mismatch: fail` fails instead'
  },
  sumdb: {
    transient: 'retry',
    permanent: 'fail',
    transientWhen: 'the lookup hit a transient error (5xx, 429, a network error)'
  },
  auth: { transient: 'fail', permanent: 'fail', note: 'no mirror can fix these' },
  'invalid-version': { transient: 'fail', permanent: 'fail', note: 'no mirror can fix these' },
  toolchain: {
    transient: 'retry',
    permanent: 'next-mirror',
    note: 'a mirror may not carry `golang.org/toolchain`, and the working directory fails when none has it; a toolchain download that hit a network error takes that network class instead'
  },
  local: { transient: 'fail', permanent: 'fail', note: 'no mirror can fix these' },
  stalled: { transient: 'next-mirror', permanent: 'next-mirror' },
  unknown: {
    transient: 'retry',
    permanent: 'retry',
    note: 'an unrecognised message is given the benefit of the doubt'
  }
}

export interface PolicyContext {
  onChecksumMismatch: ChecksumMismatchMode
  /** Modules whose bad copy was fetched in this attempt (as opposed to read from the local cache). */
  fetchedThisAttempt: (failure: ModuleFailure) => boolean
}

export function decideFailure(failure: ModuleFailure, ctx: PolicyContext): Decision {
  if (failure.class === 'checksum-mismatch' && ctx.onChecksumMismatch === 'fail') return 'fail'
  const policy = DECISIONS[failure.class]
  // A corrupt local copy is purged and fetched again from the same mirror; bad bits from a mirror mean moving on.
  if (policy.fromLocalCache !== undefined && !ctx.fetchedThisAttempt(failure)) return policy.fromLocalCache
  return failure.transient ? policy.transient : policy.permanent
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
  const boost = classes.some(c => CLASS_TRAITS[c].slowBackoff) ? 2 : 0
  const ceiling = Math.min(settings.maxMs, settings.baseMs * 2 ** (retry - 1 + boost))
  return Math.round(random() * ceiling)
}
