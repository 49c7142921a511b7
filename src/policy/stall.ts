/**
 * The stall watch every transfer of the action runs under (a go process, one request to a mirror, the Go
 * download): it fires once nothing has moved for the stall window, or, with a trickle floor, once a
 * body that still moves has brought less than the floor over a whole window.
 */
import type { LoopLag } from './loop-lag.js'

export interface StallOptions {
  stallTimeoutMs: number
  /** Called once, when the transfer has stalled; the watch then stops. */
  onStall: () => void
  /** Called at each look before the verdict, for progress that has to be polled (a file growing, a counter). */
  look?: (now: number) => void
  now?: () => number
  /** This process's lag monitor: time its event loop was held up is its own, not the source's silence. */
  lag?: Pick<LoopLag, 'blockedMs'>
  /** Once the source has answered, a body slower than this over a whole window is a stall with manners. */
  minBytesPerSecond?: number
}

/** How often a watch looks: often enough for a short window, at most once a second. */
export function stallTick(stallTimeoutMs: number): number {
  return Math.max(20, Math.min(1000, Math.floor(stallTimeoutMs / 5)))
}

export class StallWatch {
  private last: number
  private lagAtLast: number
  private readonly started: number
  private received = 0
  private expected = Number.NaN
  private answeredYet = false
  /** Bytes received at each look within the last window, for the trickle floor. */
  private readonly window: { at: number; total: number }[]
  private readonly timer: NodeJS.Timeout
  private readonly now: () => number

  constructor(private readonly opts: StallOptions) {
    this.now = opts.now ?? Date.now
    this.started = this.now()
    this.last = this.started
    this.lagAtLast = opts.lag?.blockedMs() ?? 0
    this.window = [{ at: this.started, total: 0 }]
    this.timer = setInterval(() => this.check(), stallTick(opts.stallTimeoutMs))
    this.timer.unref()
  }

  /** Something arrived: a line, a status line, or `bytes` of a body. */
  progress(bytes = 0): void {
    this.received += bytes
    this.last = this.now()
    this.lagAtLast = this.opts.lag?.blockedMs() ?? 0
  }

  /** The source answered (its headers came): progress, and from now on a trickle counts as a stall. */
  answered(): void {
    this.answeredYet = true
    this.progress()
  }

  /** The bytes the body will bring, when its length is known: one nearly done needs only the rest. */
  expect(bytes: number): void {
    this.expected = bytes
  }

  stop(): void {
    clearInterval(this.timer)
  }

  private check(): void {
    const now = this.now()
    this.opts.look?.(now)
    const stall = this.opts.stallTimeoutMs
    const lagged = (this.opts.lag?.blockedMs() ?? 0) - this.lagAtLast
    const silent = now - this.last - lagged >= stall
    if (silent || (this.answeredYet && this.trickles(now))) {
      this.stop()
      this.opts.onStall()
    }
  }

  private trickles(now: number): boolean {
    const perSecond = this.opts.minBytesPerSecond
    if (perSecond === undefined) return false
    const stall = this.opts.stallTimeoutMs
    this.window.push({ at: now, total: this.received })
    while (this.window.length > 1 && (this.window[1] as { at: number }).at <= now - stall) this.window.shift()
    const oldest = this.window[0] as { at: number; total: number }
    const floor = Math.min(
      (perSecond * stall) / 1000,
      Number.isNaN(this.expected) ? Number.POSITIVE_INFINITY : this.expected - oldest.total
    )
    return now - this.started >= stall && this.received - oldest.total < floor
  }
}
