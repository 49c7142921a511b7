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

  constructor(
    private readonly recentSize = 200,
    private readonly keep = 20_000
  ) {}

  add(ms: number): void {
    this.recent.push(ms)
    if (this.recent.length > this.recentSize) this.recent.shift()
    if (this.all.length < this.keep) this.all.push(ms)
  }

  /** The p-th percentile (0 to 100) of recent latencies, or undefined before any. */
  recentPercentile(p: number): number | undefined {
    return percentile(this.recent, p)
  }

  percentile(p: number): number | undefined {
    return percentile(this.all, p)
  }
}

export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined
  const sorted = [...values].sort((a, b) => a - b)
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[index]
}

/** At most `limit` holders at once; the rest wait in order, urgent ones (go's own requests) first. */
export class Semaphore {
  private active = 0
  private readonly urgent: (() => void)[] = []
  private readonly waiting: (() => void)[] = []

  constructor(private readonly limit: number) {}

  async acquire(urgent = false): Promise<() => void> {
    if (this.active >= this.limit) {
      await new Promise<void>(resolve => (urgent ? this.urgent : this.waiting).push(resolve))
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
