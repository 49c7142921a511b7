import type { Classification, FailureClass } from '../failures/classes.js'
import { DISGUISED_OUTAGE_WORDS } from '../failures/classify.js'

/** What happens after a failure: try the same source again, move to the next one, or stop. */
export type Decision = 'retry' | 'next-mirror' | 'fail'

/** What the relay does with one request after a failed try: the same mirror again, the next mirror, or stop. */
export type RequestAction = 'retry' | 'next' | 'stop'

/** The on-checksum-mismatch input: move to the next mirror, or fail the step. */
export type ChecksumMismatchMode = 'fallback' | 'fail'

/** What a failure on one request to a mirror calls for in the relay; the README's relay table is generated from these. */
export interface RequestPolicy {
  transient: RequestAction
  permanent: RequestAction
  /** The failure counts against the mirror's health: repeated ones open its breaker. */
  breaker: boolean
  /** A `Retry-After` with it is an appointment: kept without using up a try, unless another mirror can answer now. */
  appointment?: boolean
  /** Why the relay does so, in one line, for the README. */
  why?: string
}

/** What a failure class calls for; the README's decision tables are generated from these. */
export interface ClassPolicy {
  /** For a go process: run go again (retry), or give up on this source. */
  transient: Decision
  permanent: Decision
  /** For a checksum mismatch whose bad copy came from the local cache, not from the mirror. */
  fromLocalCache?: Decision
  /** When a failure of the class is transient, for the README (where it changes the decision). */
  transientWhen?: string
  /** What else to know about the decision, for the README. */
  note?: string
  /** For one request in the relay; none for go's own failures, which no answer from a mirror is put in. */
  request?: RequestPolicy
}

const quoted = (words: readonly string[]): string => words.map(w => `\`${w}\``).join(', ')

/**
 * What each class calls for, when the failure is transient and when it is not: for a go process, and
 * for one request in the relay. Some transient failures still move on at once: a refused connection
 * or a silent mirror is better left for later.
 */
export const DECISIONS: Readonly<Record<FailureClass, ClassPolicy>> = {
  'not-found': {
    transient: 'retry',
    permanent: 'next-mirror',
    transientWhen: `the answer's text says the mirror's own upstream failed (${quoted(DISGUISED_OUTAGE_WORDS)})`,
    request: {
      transient: 'retry',
      permanent: 'next',
      breaker: false,
      why: 'a 404 never opens the breaker, not even one that hides an outage behind the mirror'
    }
  },
  forbidden: {
    transient: 'next-mirror',
    permanent: 'next-mirror',
    request: { transient: 'next', permanent: 'next', breaker: false }
  },
  'rate-limited': {
    transient: 'retry',
    permanent: 'retry',
    request: { transient: 'retry', permanent: 'retry', breaker: false, appointment: true }
  },
  'server-error': {
    transient: 'retry',
    permanent: 'retry',
    request: { transient: 'retry', permanent: 'retry', breaker: false }
  },
  connection: {
    transient: 'next-mirror',
    permanent: 'next-mirror',
    request: { transient: 'next', permanent: 'next', breaker: true }
  },
  dns: {
    transient: 'retry',
    permanent: 'next-mirror',
    transientWhen:
      'the resolver failed (`server misbehaving`, a timeout) rather than the name (`no such host`)',
    request: { transient: 'retry', permanent: 'next', breaker: true }
  },
  timeout: {
    transient: 'retry',
    permanent: 'retry',
    request: {
      transient: 'retry',
      permanent: 'retry',
      breaker: true,
      why: 'one timeout may pass, but a mirror that keeps timing out is out of reach'
    }
  },
  reset: {
    transient: 'retry',
    permanent: 'retry',
    request: { transient: 'retry', permanent: 'retry', breaker: false }
  },
  truncated: {
    transient: 'retry',
    permanent: 'retry',
    request: { transient: 'retry', permanent: 'retry', breaker: false }
  },
  tls: {
    transient: 'next-mirror',
    permanent: 'next-mirror',
    request: { transient: 'next', permanent: 'next', breaker: true }
  },
  'bad-response': {
    transient: 'retry',
    permanent: 'next-mirror',
    request: {
      transient: 'next',
      permanent: 'next',
      breaker: false,
      why: 'a garbled body or a login page tends to come again from the same mirror, and cmd/go never asks it twice'
    }
  },
  'checksum-mismatch': {
    transient: 'next-mirror',
    permanent: 'next-mirror',
    fromLocalCache: 'retry',
    note: 'the bad copy is purged from the module cache first; `on-checksum-mismatch: fail` fails instead',
    request: {
      transient: 'next',
      permanent: 'next',
      breaker: false,
      why: 'go.sum decides whichever mirror serves the file; `on-checksum-mismatch: fail` stops instead'
    }
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
  local: {
    transient: 'fail',
    permanent: 'fail',
    note: 'no mirror can fix these',
    request: {
      transient: 'next',
      permanent: 'next',
      breaker: false,
      why: "in the relay only a file:// mirror's folder that cannot be read, which another mirror can stand in for"
    }
  },
  stalled: {
    transient: 'next-mirror',
    permanent: 'next-mirror',
    request: {
      transient: 'next',
      permanent: 'next',
      breaker: true,
      why: 'a mirror that went silent for the stall window, its hedges unanswered too, is left for later'
    }
  },
  unknown: {
    transient: 'retry',
    permanent: 'retry',
    note: 'an unrecognised message is given the benefit of the doubt',
    request: { transient: 'retry', permanent: 'retry', breaker: false }
  }
}

/** A state of the mirror that decides for a request before the failure's class does. */
export interface MirrorRule {
  action: RequestAction
  breaker: boolean
  /** When it applies, for the README. */
  when: string
  /** What else happens, and why, for the README. */
  why: string
}

/** The mirror's own state, which decides before the class (relay/health.ts keeps it). */
export const MIRROR_RULES = {
  down: {
    action: 'next',
    breaker: false,
    when: 'the mirror is down: it has answered nothing since the relay started',
    why: "its silence says nothing of the file: asked last and once per file while down, waited for one hedge delay at most, never a hedge's target once another mirror was asked"
  },
  misconfigured: {
    action: 'next',
    breaker: false,
    when: 'a redirect that loops, leads to a scheme other than http(s), or from https to http',
    why: 'no file can come through it: one warning, then the mirror is skipped for the rest of the run'
  }
} as const satisfies Record<string, MirrorRule>

/** One failed request to a mirror, as the relay saw it. */
export interface RequestFailure {
  class: FailureClass
  transient: boolean
  /** The mirror's redirects cannot work. */
  misconfigured?: boolean
  /** The mirror is down and was not waited for: its silence is no failure of the request. */
  down?: boolean
}

export interface RequestDecision {
  action: RequestAction
  /** The failure counts against the mirror's health. */
  breaker: boolean
  /** A Retry-After is an appointment, not a failed try. */
  appointment: boolean
}

/** What the relay does with a request after a failed try, and whether the mirror's health pays for it. */
export function decideRequest(
  failure: RequestFailure,
  onChecksumMismatch: ChecksumMismatchMode
): RequestDecision {
  const rule = failure.down
    ? MIRROR_RULES.down
    : failure.misconfigured
      ? MIRROR_RULES.misconfigured
      : undefined
  if (rule) return { action: rule.action, breaker: rule.breaker, appointment: false }
  // A class no answer from a mirror is put in is read as an unrecognised one.
  const policy = DECISIONS[failure.class].request ?? (DECISIONS.unknown.request as RequestPolicy)
  const stop = failure.class === 'checksum-mismatch' && onChecksumMismatch === 'fail'
  return {
    action: stop ? 'stop' : failure.transient ? policy.transient : policy.permanent,
    breaker: policy.breaker,
    appointment: policy.appointment === true
  }
}

/**
 * Whether a failed request is asked of the same mirror again: when its decision says so, or when it would
 * move on from a transient failure and no other mirror is left (the last mirror standing is not given up on).
 */
export function askAgain(
  decision: { action: RequestAction; transient: boolean },
  othersLeft: boolean
): boolean {
  return decision.action === 'retry' || (!othersLeft && decision.transient && decision.action === 'next')
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
