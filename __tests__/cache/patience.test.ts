import { describe, expect, it } from '@jest/globals'
import { watch, type Patience } from '../../src/cache/patience.js'
import type { CacheCall, CacheProgress } from '../../src/runner/cache-service.js'

const PATIENCE: Patience = { quietMs: 300, minBytesPerSecond: 10_000, retries: 1 }

/**
 * A call that reports `script` (progress events at offsets in ms) and settles with `value` at `endMs`,
 * or never; `abandoned` says whether the watch gave it up.
 */
function scripted(
  script: Array<[number, CacheProgress]>,
  endMs?: number
): { start: (onProgress: (p: CacheProgress) => void) => CacheCall<string>; abandoned: () => boolean } {
  let abandoned = false
  const timers: NodeJS.Timeout[] = []
  const start = (onProgress: (p: CacheProgress) => void): CacheCall<string> => {
    for (const [at, p] of script) timers.push(setTimeout(() => onProgress(p), at))
    const settled = new Promise<string>(resolve => {
      if (endMs !== undefined) timers.push(setTimeout(() => resolve('done'), endMs))
    })
    return {
      settled,
      abandon() {
        abandoned = true
        for (const t of timers) clearTimeout(t)
      }
    }
  }
  return { start, abandoned: () => abandoned }
}

function traffic(from: number, to: number, every: number): Array<[number, CacheProgress]> {
  const events: Array<[number, CacheProgress]> = []
  for (let at = from, bytes = 1; at <= to; at += every, bytes++) events.push([at, { kind: 'traffic', bytes }])
  return events
}

describe('watch', () => {
  it('waits as long as bytes keep moving, past the quiet allowance many times over', async () => {
    const call = scripted(
      [[10, { kind: 'transfer' }], [20, { kind: 'size', bytes: 20_000 }], ...traffic(50, 1900, 100)],
      2000
    )
    const result = await watch(call.start, PATIENCE)
    expect(result).toEqual({ value: 'done', stage: 'transfer' })
    expect(call.abandoned()).toBe(false)
  })

  it('gives up on a service that does not answer, and on a transfer that stops', async () => {
    const silent = scripted([[10, { kind: 'request' }]])
    expect(await watch(silent.start, PATIENCE)).toEqual({
      abandoned: 'the cache service did not answer within 300 ms',
      stage: 'service'
    })
    expect(silent.abandoned()).toBe(true)
    const stopped = scripted([
      [10, { kind: 'transfer' }],
      [20, { kind: 'size', bytes: 5000 }],
      ...traffic(50, 400, 50)
    ])
    expect(await watch(stopped.start, PATIENCE)).toEqual({
      abandoned: 'the transfer stalled: no bytes moved for 300 ms (a 5000-byte entry)',
      stage: 'transfer'
    })
  })

  it('gives up on a transfer slower than the bound its size sets, though it never stops', async () => {
    // 2 × 300 ms + 5000 bytes at 10,000 bytes/s: 1.1 s, and this one would take 3 s.
    const crawl = scripted(
      [[10, { kind: 'transfer' }], [20, { kind: 'size', bytes: 5000 }], ...traffic(50, 2900, 100)],
      3000
    )
    const result = await watch(crawl.start, PATIENCE)
    expect(result).toMatchObject({ stage: 'transfer' })
    expect('abandoned' in result && result.abandoned).toMatch(
      /^the transfer was too slow: 1\.\d s \(a 5000-byte entry\)$/
    )
  })

  it('lets the library retry a failed request once, not twice', async () => {
    const once = scripted(
      [
        [10, { kind: 'request' }],
        [20, { kind: 'retry', error: 'Failed request: (500)' }],
        [100, { kind: 'answer' }]
      ],
      150
    )
    expect(await watch(once.start, PATIENCE)).toEqual({ value: 'done', stage: 'service' })
    const twice = scripted([
      [10, { kind: 'retry', error: 'Failed request: (500)' }],
      [50, { kind: 'retry', error: 'Failed request: (502)' }]
    ])
    expect(await watch(twice.start, PATIENCE)).toEqual({
      abandoned: 'the cache service failed 2 times (Failed request: (502))',
      stage: 'service'
    })
  })

  it("gives tar on this machine time that grows with the entry's size", async () => {
    // 300 ms + 40 MiB at 20 MiB/s: 2.3 s of quiet while tar runs.
    const tar = scripted(
      [
        [10, { kind: 'size', bytes: 40 * 1024 * 1024 }],
        [20, { kind: 'local' }]
      ],
      1500
    )
    expect(await watch(tar.start, { ...PATIENCE, minBytesPerSecond: 10 * 1024 * 1024 })).toEqual({
      value: 'done',
      stage: 'local'
    })
  })
})
