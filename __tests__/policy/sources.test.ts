import { describe, expect, it } from '@jest/globals'
import type { Clock } from '../../src/policy/clock.js'
import type { Decision } from '../../src/policy/decisions.js'
import { trySources, type TryOutcome } from '../../src/policy/sources.js'

/** A clock that moves only when the loop sleeps, and answers the middle of every jitter range. */
function testClock(): Clock & { slept: number[] } {
  let now = 0
  const slept: number[] = []
  return {
    slept,
    now: () => now,
    sleep: async ms => {
      slept.push(ms)
      now += ms
    },
    random: () => 0.5
  }
}

const failing = (
  decision: Decision,
  cls: 'server-error' | 'rate-limited' = 'server-error'
): TryOutcome<string> => ({
  ok: false,
  decisions: [decision],
  classes: [cls]
})

/** Plays scripted outcomes per source and records every try as `source#try`. */
function scripted(script: Record<string, TryOutcome<string>[]>) {
  const tries: string[] = []
  const run = async (source: string, attempt: { tryNumber: number }): Promise<TryOutcome<string>> => {
    tries.push(`${source}#${attempt.tryNumber}`)
    return script[source]?.shift() ?? failing('next-mirror')
  }
  return { tries, run }
}

const settings = { maxTries: 3, backoff: { baseMs: 100, maxMs: 1000 } }

describe('trySources', () => {
  it('retries a source after a jittered backoff and answers with the source that served', async () => {
    const clock = testClock()
    const { tries, run } = scripted({ a: [failing('retry'), failing('retry'), { ok: true, value: 'bits' }] })
    const result = await trySources({ ...settings, sources: ['a', 'b'], clock }, run)
    expect(result).toEqual({ ok: true, value: 'bits', source: 'a' })
    expect(tries).toEqual(['a#1', 'a#2', 'a#3'])
    expect(clock.slept).toEqual([50, 100])
  })

  it('moves on when the tries run out or a failure calls for the next source, without waiting', async () => {
    const clock = testClock()
    const { tries, run } = scripted({
      a: [failing('retry'), failing('retry'), failing('retry')],
      b: [failing('next-mirror')],
      c: [{ ok: true, value: 'bits' }]
    })
    const result = await trySources({ ...settings, sources: ['a', 'b', 'c'], clock }, run)
    expect(result).toMatchObject({ ok: true, source: 'c' })
    expect(tries).toEqual(['a#1', 'a#2', 'a#3', 'b#1', 'c#1'])
    expect(clock.slept).toEqual([50, 100])
  })

  it('stops at once on a failure no source can fix, and says which decision it took', async () => {
    const decided: string[] = []
    const { tries, run } = scripted({ a: [failing('fail')], b: [{ ok: true, value: 'never asked' }] })
    const result = await trySources(
      {
        ...settings,
        sources: ['a', 'b'],
        clock: testClock(),
        decided: (source, decision, tryNumber) => decided.push(`${source}#${tryNumber} ${decision}`)
      },
      run
    )
    expect(result).toEqual({ ok: false, reason: 'fail' })
    expect(tries).toEqual(['a#1'])
    expect(decided).toEqual(['a#1 fail'])
  })

  it('lets a retry wait longer after a rate limit', async () => {
    const clock = testClock()
    const { run } = scripted({ a: [failing('retry', 'rate-limited'), { ok: true, value: 'bits' }] })
    await trySources({ ...settings, sources: ['a'], clock }, run)
    expect(clock.slept).toEqual([200])
  })

  it('starts no try, and no backoff, that would end past the deadline', async () => {
    const clock = testClock()
    const { tries, run } = scripted({ a: [failing('retry'), failing('retry')] })
    const result = await trySources({ ...settings, sources: ['a'], clock, deadline: 120 }, run)
    expect(result).toEqual({ ok: false, reason: 'deadline' })
    expect(tries).toEqual(['a#1', 'a#2'])
    expect(clock.slept).toEqual([50])
  })

  it('says when every source was used up', async () => {
    const { tries, run } = scripted({})
    expect(await trySources({ ...settings, sources: ['a', 'b'], clock: testClock() }, run)).toEqual({
      ok: false,
      reason: 'exhausted'
    })
    expect(tries).toEqual(['a#1', 'b#1'])
  })
})
