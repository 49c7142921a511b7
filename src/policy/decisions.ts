import type { Classification, FailureClass } from '../failures/classes.js'

/** What happens after a failure: try the same source again, move to the next one, or stop. */
export type Decision = 'retry' | 'next-mirror' | 'fail'

/** The on-checksum-mismatch input: move to the next mirror, or fail the step. */
export type ChecksumMismatchMode = 'fallback' | 'fail'

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
    note: 'a mirror may not carry `golang.org/toolchain`, and the working directory fails when none has it; a toolchain download that hit a network error takes that network class instead; with `GOTOOLCHAIN=local` forbidding the switch it fails at once'
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
  /** The bad copy came from the source in this try, as opposed to the local cache. */
  fetchedBadCopy: boolean
}

export function decideFailure(failure: Classification, ctx: PolicyContext): Decision {
  if (failure.class === 'checksum-mismatch' && ctx.onChecksumMismatch === 'fail') return 'fail'
  // A setting of the job that go cannot work with is the same whichever mirror is asked.
  if (failure.misconfigured !== undefined) return 'fail'
  const policy = DECISIONS[failure.class]
  // A corrupt local copy is purged and fetched again from the same mirror; bad bits from a mirror mean moving on.
  if (policy.fromLocalCache !== undefined && !ctx.fetchedBadCopy) return policy.fromLocalCache
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
