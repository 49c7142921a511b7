import { describe, expect, it } from '@jest/globals'
import { Breaker, Latencies, Liveness, RetryBudget, Semaphore, percentile } from '../../src/relay/health.js'

describe('Breaker', () => {
  it('opens after three failures in a row, lets one trial through after the cool-down, and grows it', () => {
    const breaker = new Breaker(3, 1000, 5000)
    expect(breaker.failure(0)).toBe(false)
    expect(breaker.failure(0)).toBe(false)
    expect(breaker.failure(0)).toBe(true)
    expect(breaker.allows(500)).toBe(false)
    expect(breaker.allows(1000)).toBe(true)
    // Only one trial at a time while half-open.
    expect(breaker.allows(1000)).toBe(false)
    expect(breaker.failure(1000)).toBe(true)
    expect(breaker.allows(2999)).toBe(false)
    expect(breaker.allows(3000)).toBe(true)
    breaker.success()
    expect(breaker.allows(3000)).toBe(true)
    expect(breaker.isOpen(3000)).toBe(false)
    expect(breaker.trips).toBe(2)
  })

  it('forgets failures once a request succeeds', () => {
    const breaker = new Breaker(3, 1000)
    breaker.failure(0)
    breaker.failure(0)
    breaker.success()
    expect(breaker.failure(0)).toBe(false)
    expect(breaker.isOpen(0)).toBe(false)
  })
})

describe('Liveness', () => {
  it('is down once a request goes unanswered past one hedge delay, only while nothing ever answered', () => {
    const silent = new Liveness()
    expect(silent.quiet(999, 1000, 0)).toBe(false)
    expect(silent.isDown()).toBe(false)
    expect(silent.quiet(1000, 1000, 0)).toBe(true)
    expect(silent.isDown()).toBe(true)
    // Said once: the next quiet request changes nothing.
    expect(silent.quiet(5000, 1000, 0)).toBe(false)

    const slow = new Liveness()
    slow.answered()
    expect(slow.quiet(60_000, 1000, 0)).toBe(false)
    expect(slow.isDown()).toBe(false)
  })

  it('takes the probe at its word unless the mirror has answered since', () => {
    const silent = new Liveness()
    expect(silent.probed('down', 0)).toBe(true)
    expect(silent.isDown()).toBe(true)
    expect(silent.answered()).toBe(true)
    expect(silent.isDown()).toBe(false)
    expect(silent.probed('down', 0)).toBe(false)

    const heard = new Liveness()
    heard.probed('answered', 0)
    expect(heard.quiet(60_000, 1000, 0)).toBe(false)
  })

  it('waits one hedge delay for a down mirror when another was asked, and the stall window otherwise', () => {
    const liveness = new Liveness()
    expect(liveness.patienceMs(20_000, 1000, true)).toBe(20_000)
    liveness.probed('down', 0)
    expect(liveness.patienceMs(20_000, 1000, true)).toBe(1000)
    // The last mirror standing is waited for.
    expect(liveness.patienceMs(20_000, 1000, false)).toBe(20_000)
  })

  it('remembers the files a down mirror left unanswered until it answers', () => {
    const liveness = new Liveness()
    liveness.unanswered('a.mod')
    expect(liveness.leftUnanswered('a.mod')).toBe(false)
    liveness.probed('down', 0)
    liveness.unanswered('a.mod')
    expect(liveness.leftUnanswered('a.mod')).toBe(true)
    expect(liveness.leftUnanswered('b.mod')).toBe(false)
    liveness.answered()
    expect(liveness.leftUnanswered('a.mod')).toBe(false)
    liveness.probed('down', 0)
    expect(liveness.leftUnanswered('a.mod')).toBe(false)
  })

  it('asks a down mirror again in the background at once, then after a wait that doubles, one at a time', () => {
    const liveness = new Liveness(1000, 3000)
    expect(liveness.claimTrial(0)).toBeUndefined()
    liveness.quiet(1000, 1000, 0)
    expect(liveness.claimTrial(0)).toBe(0)
    expect(liveness.claimTrial(0)).toBeUndefined()
    liveness.trialDone(false, 100)
    expect(liveness.claimTrial(100)).toBe(1000)
    liveness.trialDone(false, 1100)
    expect(liveness.claimTrial(1100)).toBe(2000)
    liveness.trialDone(false, 3100)
    expect(liveness.claimTrial(3100)).toBe(3000)
    liveness.trialDone(true, 6100)
    liveness.answered()
    expect(liveness.claimTrial(6100)).toBeUndefined()
  })
})

describe('RetryBudget', () => {
  it('keeps retrying a mirror that needs two retries per success, and runs dry on one that fails them all', () => {
    const flaky = new RetryBudget(100, 20, 0.5)
    for (let i = 0; i < 1000; i++) {
      expect(flaky.take()).toBe(true)
      expect(flaky.take()).toBe(true)
      flaky.answered()
    }
    const dead = new RetryBudget(100, 20, 0.5)
    let granted = 0
    for (let i = 0; i < 1000; i++) if (dead.take()) granted++
    expect(granted).toBe(40)
  })
})

describe('Latencies and percentile', () => {
  it('reports nearest-rank percentiles of what it saw', () => {
    expect(percentile([], 50)).toBeUndefined()
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3)
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10)
    const latencies = new Latencies(3)
    for (const ms of [100, 1, 2]) latencies.add(ms)
    expect(latencies.recentPercentile(100)).toBe(100)
    latencies.add(3)
    expect(latencies.recentPercentile(100)).toBe(3)
    expect(latencies.percentile(100)).toBe(100)
  })

  it('keeps the recent window in order as latencies come and go, repeats included', () => {
    const latencies = new Latencies(7)
    const seen: number[] = []
    let x = 17
    for (let i = 0; i < 500; i++) {
      x = (x * 31 + 7) % 23
      latencies.add(x)
      seen.push(x)
      const window = seen.slice(-7)
      for (const p of [1, 25, 50, 95, 100]) expect(latencies.recentPercentile(p)).toBe(percentile(window, p))
    }
  })
})

describe('Semaphore', () => {
  it('lets urgent waiters ahead of the others', async () => {
    const slots = new Semaphore(1)
    const order: string[] = []
    const first = await slots.acquire()
    const later = slots.acquire().then(release => (order.push('prefetch'), release))
    const urgent = slots.acquire(true).then(release => (order.push('go'), release))
    first()
    ;(await urgent)()
    ;(await later)()
    expect(order).toEqual(['go', 'prefetch'])
  })

  it('lets a waiter that gives up leave the queue without taking a slot', async () => {
    const slots = new Semaphore(1)
    const first = await slots.acquire()
    const control = new AbortController()
    const gaveUp = slots.acquire(false, control.signal)
    const next = slots.acquire()
    control.abort()
    ;(await gaveUp)()
    first()
    const release = await next
    // The one slot went to the waiter that stayed; the released no-op left the count alone.
    let third = false
    void slots.acquire().then(() => (third = true))
    await new Promise(resolve => setImmediate(resolve))
    expect(third).toBe(false)
    release()
    await new Promise(resolve => setImmediate(resolve))
    expect(third).toBe(true)
  })
})
