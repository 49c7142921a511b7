/**
 * Hedging, after The Tail at Scale and gRPC's hedging policy: a try that has not answered (or whose body
 * has stopped moving) within its mirror's hedge delay is sent again, to the next mirror or to the same
 * one on a fresh connection, and the first verified copy wins. A down mirror (health.ts `Liveness`) is no
 * hedge's target once another mirror was asked, and is waited for one hedge delay at most.
 */
import { decideRequest } from '../policy/decisions.js'
import { fileEvent, type FileRequest, type RelayContext } from './context.js'
import type { MirrorState } from './health.js'
import { discard } from './sinks.js'
import { cutShort, startTry, succeeded, type Resume, type StartedTry, type TryResult } from './try.js'
import type { RelayPolicy } from './types.js'

/** Copies of one try beyond the first: a second hedge goes out when the first goes quiet too. */
const MAX_HEDGES = 2

export interface RaceOptions {
  /** Where a hedge goes: the next usable mirror, or this one again on a new connection. */
  hedgeTarget: () => MirrorState
  resume?: Resume
  waitedMs?: number
  /** Another mirror was asked for the file already: then a down one is not waited for. */
  askedElsewhere: boolean
}

/** The winner, when a copy was verified; the primary try, judged, for the walk to act on otherwise. */
export interface RaceOutcome {
  winner?: TryResult
  loser: TryResult
}

/** The hedge deadline of a mirror: its recent p95 time to first byte, never below the floor. */
export function hedgeDelay(policy: RelayPolicy, mirror: MirrorState): number {
  const floor = policy.hedgeFloorMs ?? 1000
  const p95 = mirror.latencies.recentPercentile(95) ?? 0
  return Math.min(Math.max(floor, p95), Math.max(floor, policy.stallTimeoutMs / 2))
}

interface Copy extends StartedTry {
  target: MirrorState
  control: AbortController
  result?: TryResult
  cut?: 'unsent' | 'quiet'
}

/**
 * One try on a mirror, with at most two hedges: when the copies under way have not answered (or their
 * bodies have not moved) within the mirror's hedge deadline, the same request goes to the next mirror (or
 * to the same one on a fresh connection) and the first verified copy wins; the others are cancelled.
 */
export async function race(
  ctx: RelayContext,
  file: FileRequest,
  mirror: MirrorState,
  opts: RaceOptions
): Promise<RaceOutcome> {
  const { policy } = ctx
  const { hedgeTarget, askedElsewhere } = opts
  const primaryControl = new AbortController()
  const primary: Copy = {
    target: mirror,
    control: primaryControl,
    ...startTry(ctx, file, mirror, {
      hedge: false,
      control: primaryControl,
      resume: opts.resume,
      waitedMs: opts.waitedMs,
      // Once its mirror is down, a try still waiting for a connection slot gives way to the next mirror.
      wanted: () => !mirror.liveness.isDown() || hedgeTarget() === mirror
    })
  }
  const hedges: Copy[] = []
  let primaryResult: TryResult | undefined
  const hedgeMs = hedgeDelay(policy, mirror)
  // Whether a mirror other than the copy's own was asked for the file: then a down one is not waited for.
  const elsewhere = (copy: Copy): boolean =>
    copy.target !== mirror ||
    askedElsewhere ||
    hedges.some(h => h.result !== undefined && h.target !== mirror)
  const watchSilence = (): void => {
    const now = ctx.clock.now()
    for (const copy of [primary, ...hedges]) {
      if (copy.result || copy.cut) continue
      const { liveness } = copy.target
      const copyHedgeMs = hedgeDelay(policy, copy.target)
      const quiet = copy.quietFor()
      if (liveness.quiet(quiet, copyHedgeMs, now))
        ctx.mirrors.wentDown(copy.target, `no answer for ${Math.round(quiet)} ms`)
      const patience = liveness.patienceMs(policy.stallTimeoutMs, copyHedgeMs, elsewhere(copy))
      if (patience < policy.stallTimeoutMs && quiet >= patience) {
        copy.cut = 'quiet'
        copy.control.abort()
      } else if (copy === primary && liveness.isDown() && !copy.sent() && hedgeTarget() !== mirror) {
        // Still waiting for a connection slot when its mirror went down: the next mirror is asked instead.
        copy.cut = 'unsent'
        copy.control.abort()
      }
    }
  }

  const outcome = await new Promise<RaceOutcome>(resolve => {
    const finish = (value: RaceOutcome): void => {
      clearInterval(timer)
      resolve(value)
    }
    const settle = (): void => {
      if (primaryResult && succeeded(primaryResult)) {
        for (const h of hedges) h.control.abort()
        return finish({ winner: primaryResult, loser: primaryResult })
      }
      const won = hedges.find(h => h.result && succeeded(h.result))
      if (won?.result) {
        primaryControl.abort()
        for (const h of hedges) if (h !== won) h.control.abort()
        return finish({ winner: won.result, loser: won.result })
      }
      if (primaryResult && hedges.every(h => h.result)) finish({ loser: primaryResult })
    }
    const timer = setInterval(
      () => {
        watchSilence()
        if (hedges.length >= MAX_HEDGES || primaryResult || ctx.clock.now() >= policy.deadline) return
        // A hedge goes out when every copy under way has been quiet for the hedge delay.
        const quietFor = Math.min(
          primary.quietFor(),
          ...hedges.map(h => (h.result ? Infinity : h.quietFor()))
        )
        if (quietFor < hedgeMs) return
        // The silence that sends a hedge may make the mirror down: settled before its slots are given up.
        watchSilence()
        const target = hedgeTarget()
        // A down mirror is no hedge's target once another mirror has been asked, not even on a new connection.
        const another = askedElsewhere || hedges.some(h => h.target !== mirror)
        if ((target.liveness.isDown() && another) || !target.budget.take()) return
        // A copy gone quiet no longer counts against `concurrency`: stalled bodies must not starve the mirror.
        // A down mirror's slots stay taken while the hedge goes elsewhere: its waiters go to the next mirror too.
        for (const copy of [primary, ...hedges])
          if (!copy.target.liveness.isDown() || copy.target === target) copy.yieldSlot()
        mirror.stats.hedges++
        const control = new AbortController()
        const hedge: Copy = { target, control, ...startTry(ctx, file, target, { hedge: true, control }) }
        hedges.push(hedge)
        const where = target === mirror ? 'the same mirror on a new connection' : target.endpoint.label
        fileEvent(
          ctx,
          'hedge',
          file.record,
          mirror.endpoint.label,
          `no progress for ${quietFor} ms; asking ${where} too`
        )
        void hedge.run.then(result => {
          hedge.result = hedge.cut ? cutShort(result, hedge.cut) : result
          settle()
        })
      },
      Math.max(20, Math.min(250, Math.floor(hedgeMs / 4)))
    )
    timer.unref()
    void primary.run.then(result => {
      const cut = primary.cut ?? (result.unsent ? 'unsent' : undefined)
      primaryResult = cut ? cutShort(result, cut) : result
      primary.result = primaryResult
      settle()
    })
  })

  if (outcome.winner) {
    if (outcome.winner.record.hedge) outcome.winner.mirror.stats.hedgesWon++
    for (const run of [primary.run, ...hedges.map(h => h.run)]) {
      void run.then(async result => {
        if (result === outcome.winner) return
        result.record.outcome = 'lost'
        if (!result.record.hedge && !result.unsent) quietLoser(ctx, result)
        await discard(result.sink)
      })
    }
  } else {
    for (const h of hedges) void h.run.then(result => discard(result.sink))
  }
  return outcome
}

/** A copy that lost to a hedge without ever answering tells the breaker the mirror went quiet. */
function quietLoser(ctx: RelayContext, loser: TryResult): void {
  if (loser.record.firstByteMs !== undefined) return
  loser.record.class = 'stalled'
  loser.record.detail = 'no answer before another copy arrived'
  const { mirror } = loser
  mirror.countFailure('stalled')
  const { breaker } = decideRequest({ class: 'stalled', transient: true }, ctx.policy.onChecksumMismatch)
  if (breaker && mirror.breaker.failure(ctx.clock.now())) mirror.stats.breakerTrips++
}
