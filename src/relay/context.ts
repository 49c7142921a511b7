/**
 * What the steps of a request share (relay/store.ts, walk.ts, hedge.ts, try.ts): one context per relay,
 * and one file request per file asked for.
 */
import { setMaxListeners } from 'node:events'
import type http from 'node:http'
import type { ModuleSums } from '../go/gosum.js'
import type { ProxyRequest } from '../go/proxy-path.js'
import type { Clock } from '../policy/clock.js'
import type { MemoryBudget } from './memory.js'
import type { MirrorSet } from './mirrors.js'
import type { FileRecord, RelayEvent, RelayPolicy } from './types.js'

export interface RelayContext {
  readonly policy: RelayPolicy
  readonly clock: Clock
  readonly mirrors: MirrorSet
  /** What go.sum records: a copy is checked against it before it counts. */
  readonly sums: ReadonlyMap<string, ModuleSums>
  readonly agent: (url: URL) => http.Agent
  /** Where scratch files are written and verified files kept. */
  readonly storeDir: string
  /** What the relay may hold in memory of bodies and small files, across every request. */
  readonly budget: MemoryBudget
  /** Clock time the relay started: tries are reported from it. */
  readonly startedAt: number
  /** Aborted when the relay closes: everything under way stops. */
  readonly closed: AbortSignal
  /** Aborted when the relay closes or the step's deadline passes: made once, for every request. */
  readonly stopped: AbortSignal
  /** Any progress on any request: the download's watchdog counts it. */
  onProgress(): void
  onEvent(event: RelayEvent): void
}

/** One file a request asks for, as each step of its walk sees it. */
export interface FileRequest {
  request: ProxyRequest
  /** The path below a mirror's base, as go spells it. */
  rawPath: string
  /** Everything the relay did for the file, filled in as it goes. */
  record: FileRecord
}

/** A line about a file for the log. */
export function fileEvent(
  ctx: Pick<RelayContext, 'onEvent'>,
  kind: RelayEvent['kind'],
  record: FileRecord,
  mirror: string,
  text: string
): void {
  ctx.onEvent({ kind, file: record.name, mirror, text, module: record.module, version: record.version })
}

/**
 * What the relay's requests run under: its close and the step's deadline, one signal for all of them.
 * Each request in flight listens to it.
 */
export function stopSignal(closed: AbortSignal, deadline: number, now: number): AbortSignal {
  // Node's timers hold at most 2^31-1 ms; a longer timeout would fire at once.
  const left = Math.min(2 ** 31 - 1, Math.max(1, deadline - now))
  const stopped = AbortSignal.any([closed, AbortSignal.timeout(left)])
  setMaxListeners(0, stopped)
  return stopped
}
