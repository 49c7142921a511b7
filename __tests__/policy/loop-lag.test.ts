import { describe, expect, it } from '@jest/globals'
import { LoopLag } from '../../src/policy/loop-lag.js'

function block(ms: number): void {
  const until = Date.now() + ms
  while (Date.now() < until) {
    // Holding the event loop up, as a long synchronous task does.
  }
}

describe('LoopLag', () => {
  it('counts the time the event loop was held up, and reports its delay', async () => {
    const lag = new LoopLag()
    await new Promise(resolve => setTimeout(resolve, 60))
    const before = lag.blockedMs()
    block(400)
    // Seen even before the monitor's next tick has run.
    expect(lag.blockedMs() - before).toBeGreaterThanOrEqual(300)
    await new Promise(resolve => setTimeout(resolve, 60))
    expect(lag.blockedMs() - before).toBeGreaterThanOrEqual(300)
    expect(lag.delay().maxMs).toBeGreaterThanOrEqual(300)
  })

  it('counts next to nothing while the loop is free', async () => {
    const lag = new LoopLag()
    await new Promise(resolve => setTimeout(resolve, 300))
    expect(lag.blockedMs()).toBeLessThan(200)
  })
})
