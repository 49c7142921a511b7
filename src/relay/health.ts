import type { FailureClass } from '../failures/classes.js'
import type { RelayMirrorStats } from './types.js'
import type { MirrorEndpoint } from './upstream.js'

/**
 * A circuit breaker per mirror, after Envoy's consecutive-failure ejection: a few connection, DNS,
 * TLS or stall failures in a row open it, and the mirror is skipped for a cool-down that grows with
 * each trip; then one request is let through (half-open) and its outcome closes or reopens it.
 */
export class Breaker {
  trips = 0
  private consecutive = 0
  private openUntil = 0
  private trial = false

  constructor(
    private readonly threshold = 3,
    private readonly coolDownMs = 30_000,
    private readonly maxCoolDownMs = 300_000
  ) {}

  /** Whether a request may go to the mirror now; a half-open breaker lets one through at a time. */
  allows(now: number): boolean {
    if (this.openUntil === 0) return true
    if (now < this.openUntil || this.trial) return false
    this.trial = true
    return true
  }

  isOpen(now: number): boolean {
    return this.openUntil !== 0 && (now < this.openUntil || this.trial)
  }

  success(): void {
    this.consecutive = 0
    this.openUntil = 0
    this.trial = false
  }

  /** A failure that says the mirror itself is unwell; returns true when this one opened the breaker. */
  failure(now: number): boolean {
    this.consecutive++
    const reopen = this.trial
    this.trial = false
    if (!reopen && (this.openUntil !== 0 || this.consecutive < this.threshold)) return false
    this.trips++
    this.openUntil = now + Math.min(this.maxCoolDownMs, this.coolDownMs * this.trips)
    return true
  }
}

/** Files a down mirror is remembered to have left unanswered, at most: a bound for a relay that runs for days. */
const MAX_UNANSWERED_FILES = 10_000

/** What the connectivity probe heard from a mirror: any HTTP answer, or nothing (silent, refused, unresolvable). */
export type ProbeHeard = 'answered' | 'down'

/**
 * The relay's rule for a down mirror, kept here in one place (what a request does on a down mirror,
 * as after any failure, is policy/decisions.ts `MIRROR_RULES` and `decideRequest`). A mirror is down
 * when the probe heard nothing from it, or when a request to it has gone unanswered past one hedge
 * delay and it has answered nothing (no status at all) since the relay started. A down mirror is
 * asked only after every other mirror; once another mirror was asked, it is no hedge's target and is
 * waited for one hedge delay at most, so silence costs the step one hedge delay, not a stall window
 * per request. Only silence makes a mirror down: one that answered anything, however
 * slowly, keeps the full stall window. While it is down, a request goes to it in the background now
 * and then (half-open: at once, then after `retryMs`, doubling up to `maxRetryMs`), with the full stall
 * window; any answer ends the downtime. A file it left unanswered while down is not asked of it again
 * until then.
 */
export class Liveness {
  private heard = false
  private down = false
  private readonly unansweredFiles = new Set<string>()
  private trialAt = 0
  private failedTrials = 0
  private trialBusy = false

  constructor(
    private readonly retryMs = 30_000,
    private readonly maxRetryMs = 300_000
  ) {}

  isDown(): boolean {
    return this.down
  }

  /** The probe's verdict; returns true when it made the mirror down. What the relay heard itself counts more. */
  probed(verdict: ProbeHeard, now: number): boolean {
    if (verdict === 'answered') {
      this.heard = true
      return false
    }
    return !this.heard && this.goDown(now)
  }

  /** Any answer from the mirror, whatever its status; returns true when it ended a downtime. */
  answered(): boolean {
    this.heard = true
    const was = this.down
    this.down = false
    this.unansweredFiles.clear()
    return was
  }

  /** A request for the file went unanswered while the mirror was down. */
  unanswered(file: string): void {
    if (this.down && this.unansweredFiles.size < MAX_UNANSWERED_FILES) this.unansweredFiles.add(file)
  }

  /** Whether the mirror, still down, already left the file unanswered: then it is not asked again. */
  leftUnanswered(file: string): boolean {
    return this.down && this.unansweredFiles.has(file)
  }

  /** A request to the mirror has had no answer for `quietMs`; returns true when this made the mirror down. */
  quiet(quietMs: number, hedgeMs: number, now: number): boolean {
    if (this.heard || quietMs < hedgeMs) return false
    return this.goDown(now)
  }

  /**
   * How long a request may wait for the mirror's answer: one hedge delay when it is down and another
   * mirror was asked first, the stall window otherwise (the last mirror standing is waited for).
   */
  patienceMs(stallMs: number, hedgeMs: number, askedElsewhere: boolean): number {
    return this.down && askedElsewhere ? Math.min(stallMs, hedgeMs) : stallMs
  }

  /**
   * The wait before the next background request, taking its turn; undefined when the mirror is not
   * down or one is already waiting or under way.
   */
  claimTrial(now: number): number | undefined {
    if (!this.down || this.trialBusy) return undefined
    this.trialBusy = true
    return Math.max(0, this.trialAt - now)
  }

  /** The background request ended; without an answer the next one waits twice as long. */
  trialDone(answered: boolean, now: number): void {
    this.trialBusy = false
    if (answered || !this.down) return
    this.failedTrials++
    this.trialAt = now + Math.min(this.maxRetryMs, this.retryMs * 2 ** (this.failedTrials - 1))
  }

  private goDown(now: number): boolean {
    if (this.down) return false
    this.down = true
    this.failedTrials = 0
    this.trialAt = now
    return true
  }
}

/**
 * A retry budget per mirror (a token bucket, as in gRPC's throttling and Brooker's retry buckets, set
 * for the failure rates a flaky mirror really has): every answered request adds a token and every retry
 * or hedge takes half of one. A mirror keeps its retries while it needs at most about two per success;
 * one that fails most requests runs dry and gets only first tries.
 */
export class RetryBudget {
  private tokens: number

  constructor(
    private readonly max = 100,
    initial = 20,
    private readonly cost = 0.5
  ) {
    this.tokens = initial
  }

  answered(): void {
    this.tokens = Math.min(this.max, this.tokens + 1)
  }

  /** Takes the price of a retry or a hedge; false when the budget is spent. */
  take(): boolean {
    if (this.tokens < this.cost) return false
    this.tokens -= this.cost
    return true
  }
}

/** Recent latencies of one mirror, for the hedge deadline and the report's percentiles. */
export class Latencies {
  private readonly recent: number[] = []
  private readonly all: number[] = []
  /** The recent latencies in order, kept as they come and go: the hedge clock asks for them on every request. */
  private readonly recentSorted: number[] = []

  constructor(
    private readonly recentSize = 200,
    private readonly keep = 20_000
  ) {}

  add(ms: number): void {
    this.recent.push(ms)
    this.recentSorted.splice(insertionPoint(this.recentSorted, ms), 0, ms)
    if (this.recent.length > this.recentSize) {
      const gone = this.recent.shift() as number
      this.recentSorted.splice(insertionPoint(this.recentSorted, gone) - 1, 1)
    }
    if (this.all.length < this.keep) this.all.push(ms)
  }

  /** The p-th percentile (0 to 100) of recent latencies, or undefined before any. */
  recentPercentile(p: number): number | undefined {
    return rank(this.recentSorted, p)
  }

  percentile(p: number): number | undefined {
    return percentile(this.all, p)
  }
}

/** Where `value` goes in `sorted` to stay sorted: after every element equal to it. */
function insertionPoint(sorted: readonly number[], value: number): number {
  let low = 0
  let high = sorted.length
  while (low < high) {
    const mid = (low + high) >>> 1
    if ((sorted[mid] as number) <= value) low = mid + 1
    else high = mid
  }
  return low
}

export function percentile(values: readonly number[], p: number): number | undefined {
  return rank(
    [...values].sort((a, b) => a - b),
    p
  )
}

/** The p-th percentile of values already sorted. */
function rank(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[index]
}

/** At most `limit` holders at once; the rest wait in order, urgent ones (go's own requests) first. */
export class Semaphore {
  private active = 0
  private readonly urgent: (() => void)[] = []
  private readonly waiting: (() => void)[] = []

  constructor(private readonly limit: number) {}

  /** A slot, once one is free; a waiter whose signal aborts leaves the queue and gets none (a no-op release). */
  async acquire(urgent = false, signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return () => undefined
    if (this.active >= this.limit) {
      const queue = urgent ? this.urgent : this.waiting
      const granted = await new Promise<boolean>(resolve => {
        const grant = (): void => {
          signal?.removeEventListener('abort', leave)
          resolve(true)
        }
        const leave = (): void => {
          const at = queue.indexOf(grant)
          if (at >= 0) queue.splice(at, 1)
          resolve(false)
        }
        queue.push(grant)
        signal?.addEventListener('abort', leave, { once: true })
      })
      if (!granted) return () => undefined
    } else this.active++
    let released = false
    return () => {
      if (released) return
      released = true
      const next = this.urgent.shift() ?? this.waiting.shift()
      if (next) next()
      else this.active--
    }
  }
}

/** One mirror and its health, as the relay sees it. */
export class MirrorState {
  readonly breaker = new Breaker()
  readonly budget = new RetryBudget()
  readonly latencies = new Latencies()
  readonly liveness: Liveness
  readonly slots: Semaphore
  suspect: boolean
  /** Why the mirror's own setup makes it useless (a redirect loop, say): skipped for the rest of the run. */
  misconfigured?: string
  readonly stats: RelayMirrorStats

  constructor(
    readonly endpoint: MirrorEndpoint,
    concurrency: number,
    suspect: boolean,
    downRetryMs = 30_000
  ) {
    this.liveness = new Liveness(downRetryMs, 10 * downRetryMs)
    this.slots = new Semaphore(concurrency)
    this.suspect = suspect
    this.stats = emptyMirrorStats(endpoint.label)
  }

  /** One more failure of the class in the mirror's tally. */
  countFailure(failureClass: FailureClass): void {
    this.stats.failuresByClass[failureClass] = (this.stats.failuresByClass[failureClass] ?? 0) + 1
  }
}

/** A mirror's counters before its first request. */
export function emptyMirrorStats(mirror: string): RelayMirrorStats {
  return {
    mirror,
    requests: 0,
    ok: 0,
    retries: 0,
    hedges: 0,
    hedgesWon: 0,
    breakerTrips: 0,
    bytes: 0,
    failuresByClass: {},
    answered: false
  }
}
