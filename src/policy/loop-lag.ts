/**
 * How long this process's event loop has been held up. While it is, no socket is read, so a clock that
 * measures a mirror's silence must not count that time: the relay's own lag is not the mirror's.
 */
import { monitorEventLoopDelay, performance, type IntervalHistogram } from 'node:perf_hooks'

const TICK_MS = 20

export class LoopLag {
  private blocked = 0
  private last = performance.now()
  private readonly timer: NodeJS.Timeout
  private readonly histogram: IntervalHistogram

  constructor() {
    this.timer = setInterval(() => {
      const now = performance.now()
      const late = now - this.last - TICK_MS
      // A timer is a little late now and then; only a real hold-up counts.
      if (late > 5) this.blocked += late
      this.last = now
    }, TICK_MS)
    this.timer.unref()
    this.histogram = monitorEventLoopDelay({ resolution: 10 })
    this.histogram.enable()
  }

  /** ms the loop has been held up since this monitor started; differences give the lag over a span. */
  blockedMs(): number {
    // A hold-up still going on counts too: the tick that will measure it has not run yet.
    const pending = performance.now() - this.last - TICK_MS
    return this.blocked + (pending > 5 ? pending : 0)
  }

  /** The event loop's delay, p99 and max in ms, since the monitor started. */
  delay(): { p99Ms: number; maxMs: number } {
    return {
      p99Ms: Math.round(this.histogram.percentile(99) / 1e5) / 10,
      maxMs: Math.round(this.histogram.max / 1e5) / 10
    }
  }
}

let shared: LoopLag | undefined

/** The process's one monitor, started on first use. */
export function loopLag(): LoopLag {
  shared ??= new LoopLag()
  return shared
}
