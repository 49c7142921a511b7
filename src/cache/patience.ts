/**
 * How long a cache operation may go on: as long as it makes progress (the service answers, bytes arrive),
 * within a bound that grows with the entry's size, and never through more than a retry or so of the library.
 */
import { formatDuration } from '../config/duration.js'
import { errorMessage } from '../failures/errors.js'
import type { CacheCall, CacheProgress } from '../runner/cache-service.js'

export interface Patience {
  /** How long the cache service may stay silent, or a transfer stand still, before the operation is given up. */
  quietMs: number
  /** The slowest average rate, over the entry's size, at which a restore or save may keep going. */
  minBytesPerSecond: number
  /** Failed requests the library may repeat before the operation is given up. */
  retries: number
}

const MIB = 1024 * 1024

export const DEFAULT_PATIENCE: Patience = { quietMs: 10_000, minBytesPerSecond: 2 * MIB, retries: 1 }

// tar runs at disk speed, far above any link's; its allowance only has to grow with the size.
const LOCAL_BYTES_PER_SECOND = 20 * MIB

/** Where an operation was when it ended: waiting for the service, moving bytes, or running tar. */
export type Stage = 'service' | 'transfer' | 'local'

export type Watched<T> = { value: T; stage: Stage } | { abandoned: string; stage: Stage }

export interface WatchOptions {
  /** Where the operation starts: a save archives first. */
  stage?: Stage
  /** The entry's size when known beforehand. */
  sizeBytes?: number
  /** Sees every progress event too (the restore reports the lookup's answer from it). */
  onProgress?: (p: CacheProgress) => void
}

/** Runs `start` and waits for it while it makes progress; abandons it, saying why, once it stops. */
export function watch<T>(
  start: (onProgress: (p: CacheProgress) => void) => CacheCall<T>,
  patience: Patience,
  opts: WatchOptions = {}
): Promise<Watched<T>> {
  const now = Date.now
  const started = now()
  let stage: Stage = opts.stage ?? 'service'
  let last = started
  let done = 0
  let total = opts.sizeBytes
  let failures = 0
  let verdict: string | undefined
  let give: (reason: string) => void = () => undefined

  const onProgress = (p: CacheProgress) => {
    opts.onProgress?.(p)
    switch (p.kind) {
      case 'request':
        stage = 'service'
        last = now()
        return
      case 'answer':
      case 'found':
        last = now()
        return
      case 'retry':
        failures++
        if (failures > patience.retries) give(`the cache service failed ${failures} times (${p.error})`)
        return
      case 'transfer':
        stage = 'transfer'
        last = now()
        return
      case 'traffic':
        done = p.bytes
        last = now()
        return
      case 'size':
        total = p.bytes
        return
      case 'local':
        stage = 'local'
        last = now()
    }
  }

  const size = () => Math.max(done, total ?? 0)
  const entry = () => (total === undefined ? '' : ` (a ${total}-byte entry)`)
  const stillness = (): string | undefined => {
    const quiet = now() - last
    if (stage === 'local') {
      const allowance = patience.quietMs + (size() / LOCAL_BYTES_PER_SECOND) * 1000
      return quiet > allowance ? `tar made no progress in ${formatDuration(allowance)}` : undefined
    }
    if (quiet <= patience.quietMs) return undefined
    if (stage === 'service')
      return `the cache service did not answer within ${formatDuration(patience.quietMs)}`
    return `the transfer stalled: no bytes moved for ${formatDuration(patience.quietMs)}${entry()}`
  }
  const slowness = (): string | undefined => {
    const elapsed = now() - started
    const bound = 2 * patience.quietMs + (size() / patience.minBytesPerSecond) * 1000
    return elapsed > bound ? `the transfer was too slow: ${formatDuration(elapsed)}${entry()}` : undefined
  }

  return new Promise<Watched<T>>((resolve, reject) => {
    let call: CacheCall<T> | undefined
    const timer = setInterval(
      () => {
        const reason = stillness() ?? slowness()
        if (reason) give(reason)
      },
      Math.min(250, patience.quietMs / 4)
    )
    give = reason => {
      if (verdict !== undefined) return
      verdict = reason
      clearInterval(timer)
      call?.abandon()
      resolve({ abandoned: reason, stage })
    }
    try {
      call = start(onProgress)
    } catch (error) {
      clearInterval(timer)
      reject(error)
      return
    }
    if (verdict !== undefined) call.abandon()
    call.settled.then(
      value => {
        if (verdict !== undefined) return
        verdict = 'settled'
        clearInterval(timer)
        resolve({ value, stage })
      },
      (error: unknown) => give(errorMessage(error))
    )
  })
}
