import { afterEach, describe, expect, it } from '@jest/globals'
import { StallWatch, stallTick, type StallOptions } from '../../src/policy/stall.js'

// Each watch runs on a fake clock moved by the test; its looks still come from a real timer, every 20 ms.
const STALL_MS = 100
const watches: StallWatch[] = []

afterEach(() => {
  for (const watch of watches.splice(0)) watch.stop()
})

function watch(extra: Partial<StallOptions> = {}) {
  let now = 0
  const state = { stalls: 0, looks: 0 }
  const w = new StallWatch({
    stallTimeoutMs: STALL_MS,
    now: () => now,
    onStall: () => state.stalls++,
    ...extra,
    look: at => {
      state.looks++
      extra.look?.(at)
    }
  })
  watches.push(w)
  return { watch: w, state, advance: (ms: number) => void (now += ms) }
}

/** Long enough for several looks. */
const looks = (): Promise<void> => new Promise(resolve => setTimeout(resolve, 5 * stallTick(STALL_MS)))

describe('StallWatch', () => {
  it('fires once when nothing moves for the stall window, and not before', async () => {
    const { state, advance } = watch()
    advance(STALL_MS - 1)
    await looks()
    expect(state.stalls).toBe(0)
    advance(1)
    await looks()
    expect(state.stalls).toBe(1)
    advance(10 * STALL_MS)
    await looks()
    expect(state.stalls).toBe(1)
  })

  it('counts any progress, a line as much as a chunk of a body', async () => {
    const { watch: w, state, advance } = watch()
    for (let i = 0; i < 5; i++) {
      advance(STALL_MS - 10)
      w.progress(i % 2 === 0 ? 0 : 4096)
      await looks()
    }
    expect(state.stalls).toBe(0)
  })

  it('lets a look find progress it polls, before its verdict', async () => {
    let grown = false
    const {
      watch: w,
      state,
      advance
    } = watch({
      look: () => {
        if (grown) w.progress()
        grown = false
      }
    })
    advance(STALL_MS)
    grown = true
    await looks()
    expect(state.stalls).toBe(0)
    expect(state.looks).toBeGreaterThan(0)
  })

  it("leaves out the time this process's event loop was held up", async () => {
    let blocked = 0
    const { state, advance } = watch({ lag: { blockedMs: () => blocked } })
    advance(3 * STALL_MS)
    blocked = 2 * STALL_MS + 10
    await looks()
    expect(state.stalls).toBe(0)
    advance(10)
    await looks()
    expect(state.stalls).toBe(1)
  })

  it('takes a body that trickles below the floor for a stall, once the source has answered', async () => {
    const { watch: w, state, advance } = watch({ minBytesPerSecond: 1000 })
    // Before the answer a trickle floor does not apply: only silence counts.
    for (let i = 0; i < 4; i++) {
      advance(STALL_MS / 2)
      w.progress(1)
      await looks()
    }
    expect(state.stalls).toBe(0)
    w.answered()
    // 1000 bytes a second is 100 bytes a window: 20 bytes every half window is a trickle.
    for (let i = 0; i < 6 && state.stalls === 0; i++) {
      advance(STALL_MS / 2)
      w.progress(20)
      await looks()
    }
    expect(state.stalls).toBe(1)
  })

  it('keeps a body at the floor, and asks of one nearly done only its remaining bytes', async () => {
    const steady = watch({ minBytesPerSecond: 1000 })
    steady.watch.answered()
    for (let i = 0; i < 6; i++) {
      steady.advance(STALL_MS / 2)
      steady.watch.progress(60)
      await looks()
    }
    expect(steady.state.stalls).toBe(0)

    // 130 bytes: 100 at once, then the last 30 over a whole window, fewer than the floor's 100.
    const ending = (expected?: number) => {
      const w = watch({ minBytesPerSecond: 1000 })
      w.watch.answered()
      if (expected !== undefined) w.watch.expect(expected)
      return w
    }
    const known = ending(130)
    const unknown = ending()
    for (const bytes of [100, 15, 15]) {
      for (const w of [known, unknown]) {
        w.advance(STALL_MS / 2)
        w.watch.progress(bytes)
      }
      await looks()
    }
    expect(known.state.stalls).toBe(0)
    expect(unknown.state.stalls).toBe(1)
  })
})

describe('stallTick', () => {
  it('looks five times a window, at least every 20 ms and at most once a second', () => {
    expect(stallTick(100)).toBe(20)
    expect(stallTick(2000)).toBe(400)
    expect(stallTick(60_000)).toBe(1000)
    expect(stallTick(10)).toBe(20)
  })
})
