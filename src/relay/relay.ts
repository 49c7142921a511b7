import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import type { DownloadCacheWriter } from '../go/download-cache.js'
import type { ModuleSums } from '../go/gosum.js'
import { makeScratch } from '../go/disk.js'
import { describeProxyRequest, parseProxyPath, upstreamPath, type ProxyRequest } from '../go/proxy-path.js'
import { connectionPools } from '../network/agents.js'
import { realClock, type Clock } from '../policy/clock.js'
import { credentialForms, mirrorEndpoint, readNetrc } from './credentials.js'
import { MirrorState, type ProbeHeard } from './health.js'
import { MemoryBudget } from './memory.js'
import { relayRoutes, sendText, type ControlOptions } from './routes.js'
import { Store, storeKey } from './store.js'
import type { Answer, FileRecord, RelayEvent, RelayPolicy, RelayReport } from './types.js'

export interface RelayOptions {
  /** The mirrors to serve from, as GOPROXY entries (https, http or file URLs, credentials included), in order. */
  mirrors: readonly string[]
  /** Mirrors a probe found unreachable: asked after the others. */
  tryLast?: readonly string[]
  /** What the probe heard from mirrors so far (later verdicts go to `Relay.probed`): a silent one is down. */
  heard?: Readonly<Record<string, ProbeHeard>>
  /** What go.sum records; files with a hash are checked against it before go sees them. */
  sums: ReadonlyMap<string, ModuleSums>
  /** Where HTTPS_PROXY, NO_PROXY, NETRC, GOPRIVATE, GONOPROXY and GOSUMDB (go's effective values) are read. */
  env: NodeJS.ProcessEnv
  policy: RelayPolicy
  clock?: Clock
  /** Trusted certificates (PEM) for https mirrors; those go would trust in `env` when absent. */
  ca?: string[]
  /** A directory of the relay's own for the files it holds; removed on close. */
  storeDir?: string
  /** go's download cache, which the prefetch's verified files go into (its scratch folder holds the store). */
  cache?: DownloadCacheWriter
  onEvent?: (event: RelayEvent) => void
  /** Called with each file's record once the relay has answered for it. */
  onRecord?: (record: FileRecord) => void
  /** Keep only what is still being served: a long-lived relay drops each file once go has it. */
  forgetServed?: boolean
  /** Control requests: the post step's shutdown, and the later uses of the action in the job (routes.ts). */
  control?: ControlOptions
  /** Called on every request from go (for an idle timer). */
  onRequest?: () => void
  /** The path prefix, when the caller made (and masked) it before anything was logged. */
  secret?: string
  /** What the relay may hold in memory of bodies and small files at once (RELAY_MEMORY_BYTES by default). */
  memoryBytes?: number
}

/** A Go module proxy on 127.0.0.1 in front of the mirrors, under the action's policy per request. */
export interface Relay {
  /** The GOPROXY entry for go: `http://127.0.0.1:<port>/<secret>`. */
  url: string
  /** The path prefix every request must carry; a secret, to be masked in the log. */
  secret: string
  /** Every form of the mirrors' credentials, to be masked in the log. */
  secrets: string[]
  /** Grows whenever the relay makes progress on any request: the download's watchdog reads it. */
  progress(): number
  /** The relay's record of the file a request URL asks for, when it was asked. */
  explain(url: string): FileRecord | undefined
  /** Fetches a file into the relay's store (the prefetch), as go would ask for it. */
  fetch(request: ProxyRequest, by?: 'go' | 'prefetch'): Promise<Answer>
  /** Whether the relay holds a verified copy. */
  holds(request: ProxyRequest): boolean
  /** What the probe heard from a mirror (a GOPROXY entry as listed), once it has. */
  probed(mirror: string, heard: ProbeHeard): void
  report(): RelayReport
  /** Bytes of bodies and small files held in memory: now, at most so far, and the budget. */
  memory(): { heldBytes: number; peakBytes: number; limitBytes: number }
  /** Stops listening, ends every connection and upstream request, and removes the store. */
  close(): Promise<void>
}

/** An unguessable path prefix for the relay: go refuses credentials on an http:// proxy, so the secret is a path. */
export function newRelaySecret(): string {
  return randomBytes(16).toString('hex')
}

/** Starts the relay on a port the OS chooses, with an unguessable path prefix. */
export async function startRelay(opts: RelayOptions): Promise<Relay> {
  const clock = opts.clock ?? realClock
  const startedAt = clock.now()
  const secret = opts.secret ?? newRelaySecret()
  // Inside the cache writer's scratch folder (on the cache's file system, so its files can be linked
  // into place), in a folder of the relay's own: the writer still writes there after the relay closes.
  const storeDir =
    opts.storeDir ??
    (opts.cache
      ? path.join(opts.cache.scratch, 'relay')
      : await mkdtemp(path.join(os.tmpdir(), 'go-mod-relay-')))
  await makeScratch(path.join(storeDir, 'tmp'))
  const netrc = readNetrc(opts.env)
  const mirrors = opts.mirrors.map(value => {
    const endpoint = mirrorEndpoint(value, netrc)
    const suspect = opts.tryLast?.includes(value) ?? false
    return new MirrorState(endpoint, opts.policy.concurrency, suspect, opts.policy.downRetryMs)
  })
  const pools = connectionPools(opts.env, { connections: opts.policy.concurrency + 2, ca: opts.ca })
  let progress = 0
  const budget = new MemoryBudget(opts.memoryBytes)
  const sums = new Map(opts.sums)
  const store = new Store({
    budget,
    mirrors,
    policy: opts.policy,
    sums,
    clock,
    agent: url => pools.forUrl(url),
    storeDir,
    startedAt,
    onProgress: () => progress++,
    onEvent: opts.onEvent,
    onRecord: opts.onRecord,
    forgetServed: opts.forgetServed,
    cache: opts.cache
  })
  const probed = (value: string, heard: ProbeHeard): void => {
    const index = opts.mirrors.indexOf(value)
    const mirror = mirrors[index]
    if (mirror) store.probed(mirror, heard)
  }
  for (const [value, heard] of Object.entries(opts.heard ?? {})) probed(value, heard)
  const prefix = `/${secret}/`
  const routes = relayRoutes({
    store,
    mirrors,
    env: opts.env,
    sums,
    prefix,
    progress: () => progress,
    control: opts.control,
    onRequest: opts.onRequest
  })
  const server: Server = createServer((req, res) => {
    void routes.handle(req, res).catch(() => {
      if (!res.headersSent) sendText(res, 500, 'the relay failed on this request\n')
      else res.destroy()
    })
  })
  const sockets = new Set<Socket>()
  server.on('connection', socket => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  server.on('clientError', (_error, socket) => socket.destroy())
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const url = `http://127.0.0.1:${port}/${secret}`

  return {
    url,
    secret,
    secrets: mirrors.flatMap(m => credentialForms(m.endpoint)),
    progress: () => progress,
    explain(requestUrl) {
      const at = requestUrl.indexOf(prefix)
      if (at < 0) return undefined
      const request = parseProxyPath(requestUrl.slice(at + prefix.length).split('?')[0] as string)
      if (!request) return undefined
      const key = storeKey(request)
      if (key) return store.latest.get(key)
      return [...store.records].reverse().find(r => r.name === describeProxyRequest(request))
    },
    fetch: (request, by = 'prefetch') => store.obtain(request, upstreamPath(request), by),
    holds: request => store.has(request),
    probed,
    report: () => {
      const { peakBytes, limitBytes } = budget.usage()
      return { ...buildReport(store, mirrors, routes.privateRecords), memory: { peakBytes, limitBytes } }
    },
    memory: () => budget.usage(),
    async close() {
      await store.close()
      await new Promise<void>(resolve => {
        server.close(() => resolve())
        for (const socket of sockets) socket.destroy()
      })
      pools.close()
      await rm(storeDir, { recursive: true, force: true, maxRetries: 5 }).catch(() => undefined)
    }
  }
}

/** What the relay did, for the report: per mirror, and per file that needed help or failed. */
function buildReport(
  store: Store,
  mirrors: readonly MirrorState[],
  privateRecords: readonly FileRecord[]
): RelayReport {
  const files = store.records.filter(
    r =>
      r.outcome !== 'cancelled' &&
      (r.outcome !== 'ok' ||
        r.tries.length > 1 ||
        (r.servedBy !== undefined && r.servedBy !== r.tries[0]?.mirror))
  )
  return {
    mirrors: mirrors
      .filter(m => m.stats.requests > 0)
      .map(m => ({
        ...m.stats,
        p50Ms: m.latencies.percentile(50),
        p95Ms: m.latencies.percentile(95),
        ...(m.liveness.isDown() ? { down: true } : {})
      })),
    files: [...files, ...privateRecords],
    totals: {
      files: store.records.length,
      servedToGo: store.records.filter(r => r.servedToGo).length,
      fromStore: store.fromStore,
      intoCache: store.records.filter(r => r.cached).length,
      bytes: store.records.reduce((sum, r) => sum + (r.bytes ?? 0), 0)
    }
  }
}
