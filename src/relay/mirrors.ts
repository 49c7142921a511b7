/**
 * The relay's mirrors over a run: the order to ask them in, and their ups and downs. A mirror goes
 * down on silence (health.ts `Liveness` has the rule); while it is down a background request goes to
 * it now and then, and its first answer puts it back in its listed place.
 */
import type { RelayContext } from './context.js'
import { hedgeDelay } from './hedge.js'
import type { MirrorState, ProbeHeard } from './health.js'
import { MAX_INFO_BYTES } from './memory.js'
import { nowhere } from './sinks.js'
import { fetchUpstream } from './upstream.js'

export class MirrorSet {
  private readonly trialTimers = new Set<NodeJS.Timeout>()

  constructor(
    /** As listed. */
    readonly list: readonly MirrorState[],
    private readonly ctx: Omit<RelayContext, 'mirrors'>
  ) {}

  /**
   * Mirrors in the order to try: healthy ones as listed, then those a probe or the breaker found
   * unwell, then those that are down.
   */
  order(): MirrorState[] {
    const now = this.ctx.clock.now()
    const usable = this.list.filter(m => !m.misconfigured)
    const down = usable.filter(m => m.liveness.isDown())
    const well = usable.filter(m => !m.suspect && !m.breaker.isOpen(now) && !down.includes(m))
    const unwell = usable.filter(m => !well.includes(m) && !down.includes(m))
    return [...well, ...unwell, ...down]
  }

  /** Whether a mirror can be asked now: set up right, its breaker closed, and not down. */
  usable(mirror: MirrorState): boolean {
    return !mirror.misconfigured && !mirror.breaker.isOpen(this.ctx.clock.now()) && !mirror.liveness.isDown()
  }

  /** What the connectivity probe heard from a mirror, as soon as it has. */
  probed(mirror: MirrorState, verdict: ProbeHeard): void {
    if (mirror.liveness.probed(verdict, this.ctx.clock.now())) {
      this.wentDown(mirror, 'the probe had no answer from it')
    }
  }

  /** Any answer from a mirror: one that was down is back, in its listed place. */
  heardFrom(mirror: MirrorState): void {
    if (!mirror.liveness.answered()) return
    mirror.suspect = false
    this.ctx.onEvent({
      kind: 'up',
      file: '',
      mirror: mirror.endpoint.label,
      text: 'answered again: no longer down, and asked in its listed place'
    })
  }

  wentDown(mirror: MirrorState, why: string): void {
    this.scheduleTrial(mirror)
    this.ctx.onEvent({
      kind: 'down',
      file: '',
      mirror: mirror.endpoint.label,
      text: `${why}, and none since the relay started: down; asked only after the other mirrors, for ${hedgeDelay(this.ctx.policy, mirror)} ms at most, and again in the background now and then`
    })
  }

  /** Stops the background requests to come. */
  close(): void {
    for (const timer of this.trialTimers) clearTimeout(timer)
  }

  /** The next background request to a down mirror (half-open), at the time its liveness says. */
  private scheduleTrial(mirror: MirrorState): void {
    if (this.ctx.closed.aborted || mirror.endpoint.kind !== 'http') return
    const wait = mirror.liveness.claimTrial(this.ctx.clock.now())
    if (wait === undefined) return
    const timer = setTimeout(() => {
      this.trialTimers.delete(timer)
      void this.trial(mirror)
    }, wait)
    timer.unref()
    this.trialTimers.add(timer)
  }

  /**
   * One request to a down mirror's root, in the background, with the full stall window: no one waits
   * for it, and any answer (its status line is enough) ends the downtime. Not counted among the
   * mirror's requests: it fetches nothing for anyone.
   */
  private async trial(mirror: MirrorState): Promise<void> {
    const control = new AbortController()
    let answered = !mirror.liveness.isDown()
    if (!answered) {
      await fetchUpstream({
        mirror: mirror.endpoint,
        path: '',
        sink: nowhere(),
        limit: MAX_INFO_BYTES,
        signals: [control.signal, this.ctx.stopped],
        stallTimeoutMs: this.ctx.policy.stallTimeoutMs,
        agent: this.ctx.agent,
        onHeaders: () => {
          answered = true
          control.abort()
          this.heardFrom(mirror)
        }
      })
    }
    mirror.liveness.trialDone(answered, this.ctx.clock.now())
    this.scheduleTrial(mirror)
  }
}
