/**
 * Body buffers live outside V8's heap, and V8 collects them only once tens of MiB of them are dead: a
 * relay moving hundreds of MiB would hold that much for nothing. After every few MiB of bodies passed
 * on, a young-generation collection (a few ms) frees them.
 */
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

const EVERY_BYTES = 8 * 1024 * 1024

type Collector = (options: { type: 'minor' }) => void

let collector: Collector | undefined | null
let dropped = 0

function collectorOf(): Collector | undefined {
  if (collector === undefined) {
    try {
      setFlagsFromString('--expose-gc')
      collector = runInNewContext('gc') as Collector
    } catch {
      collector = null
    }
  }
  return collector ?? undefined
}

/** Counts body bytes this thread has let go of, and collects them once there are enough. */
export function bodyDropped(bytes: number): void {
  dropped += bytes
  if (dropped < EVERY_BYTES) return
  dropped = 0
  collectorOf()?.({ type: 'minor' })
}
