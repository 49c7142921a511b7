/**
 * Where a request starts and ends: the verified files the relay holds, one walk per file however many
 * ask for it at once (relay/walk.ts), and the prefetch's files written into go's own download cache.
 */
import { randomUUID } from 'node:crypto'
import { mkdir, rename, rm } from 'node:fs/promises'
import path from 'node:path'
import type http from 'node:http'
import type { DownloadCacheWriter } from '../go/download-cache.js'
import type { ModuleSums } from '../go/gosum.js'
import { removeFile } from '../go/modcache.js'
import { asksFor, describeProxyRequest, type ProxyRequest } from '../go/proxy-path.js'
import type { Clock } from '../policy/clock.js'
import { stopSignal, type FileRequest, type RelayContext } from './context.js'
import type { MirrorState, ProbeHeard } from './health.js'
import type { MemoryBudget, SpillSink } from './memory.js'
import { MirrorSet } from './mirrors.js'
import { FileSink } from './sinks.js'
import type { TryResult } from './try.js'
import type { Answer, FileRecord, RelayEvent, RelayPolicy } from './types.js'
import { walkMirrors } from './walk.js'

export interface StoreOptions {
  mirrors: MirrorState[]
  policy: RelayPolicy
  sums: ReadonlyMap<string, ModuleSums>
  clock: Clock
  agent: (url: URL) => http.Agent
  /** Where verified files are kept, and scratch files written. */
  storeDir: string
  /** What the relay may hold in memory of bodies and small files, across every request. */
  budget: MemoryBudget
  startedAt: number
  onProgress: () => void
  onEvent?: (event: RelayEvent) => void
  onRecord?: (record: FileRecord) => void
  forgetServed?: boolean
  /**
   * go's download cache, for the files the prefetch fetched that go has not asked for: written there,
   * go finds them instead of asking. Never for a file go asked for (go writes that itself).
   */
  cache?: DownloadCacheWriter
}

/** A verified file: zips on disk, the small files (.mod, .info) in memory while the budget has room. */
interface Kept {
  file?: string
  data?: Buffer
  size: number
  contentType: string
  record: FileRecord
  charged?: number
}

export class Store {
  private readonly inFlight = new Map<string, Promise<Answer>>()
  private readonly stored = new Map<string, Kept>()
  private filesDir: Promise<string> | undefined
  readonly records: FileRecord[] = []
  /** The latest record of each file, by the key the store uses. */
  readonly latest = new Map<string, FileRecord>()
  private readonly abort = new AbortController()
  private readonly ctx: RelayContext
  fromStore = 0

  constructor(private readonly opts: StoreOptions) {
    const base = {
      policy: opts.policy,
      clock: opts.clock,
      sums: opts.sums,
      agent: opts.agent,
      storeDir: opts.storeDir,
      budget: opts.budget,
      startedAt: opts.startedAt,
      closed: this.abort.signal,
      stopped: stopSignal(this.abort.signal, opts.policy.deadline, opts.clock.now()),
      onProgress: opts.onProgress,
      onEvent: (event: RelayEvent) => opts.onEvent?.(event)
    }
    this.ctx = { ...base, mirrors: new MirrorSet(opts.mirrors, base) }
  }

  /**
   * Answers a request, joining one already under way for the same file and reusing a stored one. With
   * `only`, just those mirrors are asked; `alongside` says the others are asked the same at once.
   */
  obtain(
    request: ProxyRequest,
    rawPath: string,
    by: 'go' | 'prefetch',
    only?: readonly MirrorState[],
    alongside = false
  ): Promise<Answer> {
    const key = storeKey(request) ?? `raw:${only ? only.map(m => m.endpoint.label).join('|') : ''}:${rawPath}`
    const stored = this.stored.get(key)
    if (stored) {
      if (by === 'go') {
        this.fromStore++
        stored.record.servedToGo = true
      }
      const { charged: _charged, ...kept } = stored
      return Promise.resolve({ ok: true, ...kept })
    }
    const running = this.inFlight.get(key)
    if (running) {
      // go now waits for it too: its next tries go ahead of the prefetch's.
      const record = this.latest.get(key)
      if (by === 'go' && record) record.servedToGo = true
      return running
    }
    const promise = this.fetch(request, rawPath, by, key, only, alongside).finally(() =>
      this.inFlight.delete(key)
    )
    void promise.then(answer => this.settled(key, answer))
    this.inFlight.set(key, promise)
    return promise
  }

  /** Whether the relay holds a verified copy of the file. */
  has(request: ProxyRequest): boolean {
    const key = storeKey(request)
    return key !== undefined && this.stored.has(key)
  }

  /** What the connectivity probe heard from a mirror, as soon as it has. */
  probed(mirror: MirrorState, verdict: ProbeHeard): void {
    this.ctx.mirrors.probed(mirror, verdict)
  }

  /** Cancels everything under way and waits (a few seconds at most) for it to let go of its files. */
  async close(): Promise<void> {
    this.abort.abort()
    this.ctx.mirrors.close()
    let timer: NodeJS.Timeout | undefined
    const bound = new Promise<void>(resolve => (timer = setTimeout(resolve, 5000)))
    await Promise.race([Promise.allSettled([...this.inFlight.values()]), bound])
    clearTimeout(timer)
  }

  /** After an answer: report it, and in a long-lived relay let go of what go now has in its own cache. */
  private settled(key: string, answer: Answer): void {
    this.opts.onRecord?.(answer.record)
    if (!this.opts.forgetServed) return
    const index = this.records.indexOf(answer.record)
    if (index >= 0) this.records.splice(index, 1)
    if (this.latest.get(key) === answer.record) this.latest.delete(key)
    const stored = this.stored.get(key)
    if (stored) {
      this.stored.delete(key)
      this.opts.budget.give(stored.charged ?? 0)
      if (stored.file) removeLater(stored.file)
    }
  }

  private async fetch(
    request: ProxyRequest,
    rawPath: string,
    by: 'go' | 'prefetch',
    key: string,
    only: readonly MirrorState[] | undefined,
    alongside: boolean
  ): Promise<Answer> {
    const record: FileRecord = {
      name: describeProxyRequest(request),
      module: 'module' in request ? request.module : undefined,
      version: request.kind === 'version' ? request.version : undefined,
      file: request.kind === 'version' ? request.file : request.kind,
      requestedBy: by,
      tries: [],
      outcome: 'failed',
      servedToGo: by === 'go'
    }
    this.records.push(record)
    this.latest.set(key, record)
    const file: FileRequest = { request, rawPath, record }
    const walked = await walkMirrors(this.ctx, file, { only, alongside })
    return 'won' in walked ? this.accept(file, key, walked.won) : walked.lost
  }

  private async accept(file: FileRequest, key: string, winner: TryResult): Promise<Answer> {
    const { request, record } = file
    winner.record.outcome = 'ok'
    record.outcome = 'ok'
    record.servedBy = winner.mirror.endpoint.label
    record.bytes = winner.sink.bytes
    const contentType = contentTypeOf(request)
    const cached = await this.intoCache(request, record, winner)
    if (cached) {
      record.cached = true
      const stored = { file: cached, size: winner.sink.bytes, contentType, record }
      this.stored.set(key, stored)
      return { ok: true, ...stored }
    }
    if (winner.sink instanceof FileSink) {
      const stored = { file: await this.keep(winner.sink.file), size: winner.sink.bytes, contentType, record }
      this.stored.set(key, stored)
      return { ok: true, ...stored }
    }
    const size = winner.sink.bytes
    const body = await (winner.sink as SpillSink).take()
    if ('file' in body) {
      // A small file the budget had no room for stays on disk, as a zip does.
      if (request.kind !== 'version') {
        removeLater(body.file)
        return { ok: true, size, file: body.file, contentType, record }
      }
      const stored = { file: await this.keep(body.file), size, contentType, record }
      this.stored.set(key, stored)
      return { ok: true, ...stored }
    }
    const { data, charged } = body
    // Kept small files stay in the budget until they are let go; an answer that is not kept leaves it now.
    if (request.kind === 'version') this.stored.set(key, { data, size, contentType, record, charged })
    else this.opts.budget.give(charged)
    return { ok: true, size, data, contentType, record }
  }

  /**
   * A verified file the prefetch fetched, written into go's download cache (unless go asked for it
   * meanwhile); the path it now has there, or undefined when it stays the relay's.
   */
  private async intoCache(
    request: ProxyRequest,
    record: FileRecord,
    winner: TryResult
  ): Promise<string | undefined> {
    const cache = this.opts.cache
    if (!cache || request.kind !== 'version' || record.servedToGo || !winner.verdict?.ok) return
    const want = this.opts.sums.get(`${request.module}@${request.version}`)
    if (request.file === 'zip') {
      // A .ziphash makes go skip its own hashing: only for a zip that hashed to go.sum's line.
      if (want?.zip === undefined || winner.verdict.hash !== want.zip) return
      const body = (winner.sink as FileSink).file
      const { result, file } = await cache.writeZip(request.module, request.version, body, want.zip)
      if (result === 'failed') return
      // go's cache holds it now, under its own name: the body's name goes.
      removeFile(body)
      return file
    }
    if (request.file === 'mod' && (want?.mod === undefined || winner.verdict.hash !== want.mod)) return
    const sink = winner.sink as SpillSink
    const { result, file } = await cache.writeSmall(
      request.module,
      request.version,
      request.file,
      await sink.read()
    )
    if (result === 'failed') return
    // On disk in go's cache now: the relay's copy, and its share of the memory budget, go.
    await sink.discard()
    return file
  }

  /** Moves a verified file from scratch into the store's own folder. */
  private async keep(scratch: string): Promise<string> {
    this.filesDir ??= (async () => {
      const dir = path.join(this.opts.storeDir, 'files')
      await mkdir(dir, { recursive: true })
      return dir
    })()
    const file = path.join(await this.filesDir, randomUUID())
    await rename(scratch, file)
    return file
  }
}

export function storeKey(request: ProxyRequest): string | undefined {
  return request.kind === 'version' ? `${request.module}@${request.version}.${request.file}` : undefined
}

/** A file an answer is still being streamed from: go has it long before this. */
function removeLater(file: string): void {
  setTimeout(() => void rm(file, { force: true }), 60_000).unref()
}

function contentTypeOf(request: ProxyRequest): string {
  if (asksFor(request, 'zip')) return 'application/zip'
  if (asksFor(request, 'info')) return 'application/json'
  return 'text/plain; charset=utf-8'
}
