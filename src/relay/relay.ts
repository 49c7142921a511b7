import { randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import os from 'node:os'
import { pipeline } from 'node:stream'
import path from 'node:path'
import { realClock, type Clock } from '../policy/clock.js'
import { readGoSums, type ModuleSums } from '../go/gosum.js'
import { matchesPrefixPatterns, noProxyPatterns } from '../go/private-paths.js'
import {
  describeProxyRequest,
  parseProxyPath,
  proxiedSumdb,
  upstreamPath,
  type ProxyRequest
} from '../go/proxy-path.js'
import { connectionPools } from '../network/agents.js'
import { handleControl, type ControlRoute } from './control.js'
import { credentialForms, mirrorEndpoint, readNetrc } from './credentials.js'
import { MirrorState, type ProbeHeard } from './health.js'
import type { DownloadCacheWriter } from '../go/download-cache.js'
import { MemoryBudget } from './memory.js'
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
  /**
   * Control requests (relay/control.ts): `secret` for the shutdown only the job's post step asks for,
   * `joinSecret` for the later uses of the action in the job, which register their go.sum files and
   * watch the relay's progress.
   */
  control?: { secret: string; joinSecret?: string; onShutdown: () => void }
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
  const storeDir =
    opts.storeDir ?? opts.cache?.scratch ?? (await mkdtemp(path.join(os.tmpdir(), 'go-mod-relay-')))
  await mkdir(path.join(storeDir, 'tmp'), { recursive: true })
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
  const noProxy = noProxyPatterns(opts.env)
  const sumdbSupport = new Map<string, Promise<MirrorState[]>>()
  const privateRecords: FileRecord[] = []

  const supportingMirrors = (name: string): Promise<MirrorState[]> => {
    let found = sumdbSupport.get(name)
    if (!found) {
      const request: ProxyRequest = { kind: 'sumdb', name, rest: 'supported' }
      const http = mirrors.filter(m => m.endpoint.kind === 'http')
      // Each mirror is asked at once: a down one is not waited for beyond a hedge delay.
      found = Promise.all(
        http.map(async m =>
          (await store.obtain(request, upstreamPath(request), 'go', [m], http.length > 1)).ok ? m : undefined
        )
      ).then(list => list.filter((m): m is MirrorState => m !== undefined))
      sumdbSupport.set(name, found)
    }
    return found
  }

  // The one checksum database go asks through a proxy: any other name is refused, never forwarded.
  const sumdbName = proxiedSumdb(opts.env.GOSUMDB)
  const answer = async (request: ProxyRequest): Promise<Answer | { private: string }> => {
    if (request.kind !== 'sumdb') {
      if (noProxy !== '' && matchesPrefixPatterns(noProxy, request.module)) {
        privateRecords.push({
          name: describeProxyRequest(request),
          module: request.module,
          requestedBy: 'go',
          tries: [],
          outcome: 'private',
          servedToGo: false
        })
        return {
          private: `${request.module} matches GONOPROXY/GOPRIVATE: the relay does not forward private module paths\n`
        }
      }
      return store.obtain(request, upstreamPath(request), 'go')
    }
    if (request.name !== sumdbName) {
      return {
        ok: false,
        status: 404,
        text: `the relay proxies no checksum database by that name\n`,
        record: sumdbRecord(request)
      }
    }
    const supporting = await supportingMirrors(request.name)
    if (request.rest === 'supported') {
      return supporting.length > 0
        ? {
            ok: true,
            size: 0,
            data: Buffer.alloc(0),
            contentType: 'text/plain; charset=utf-8',
            record: sumdbRecord(request)
          }
        : // go takes anything but a 404 here as final for the whole process: say no mirror proxies it.
          {
            ok: false,
            status: 404,
            text: `no mirror proxies the checksum database ${request.name}\n`,
            record: sumdbRecord(request)
          }
    }
    if (supporting.length === 0) {
      return {
        ok: false,
        status: 404,
        text: `no mirror proxies the checksum database ${request.name}\n`,
        record: sumdbRecord(request)
      }
    }
    return store.obtain(request, upstreamPath(request), 'go', supporting)
  }

  const prefix = `/${secret}/`
  const server: Server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) sendText(res, 500, 'the relay failed on this request\n')
      else res.destroy()
    })
  })
  const control = opts.control
  const routes: ControlRoute[] = control
    ? [
        {
          secret: control.secret,
          actions: { shutdown: async () => ({ stopping: true }) },
          after: () => control.onShutdown()
        },
        ...(control.joinSecret
          ? [
              {
                secret: control.joinSecret,
                actions: {
                  gosum: async (args: Record<string, unknown>) => ({ modules: await addSums(args.files) }),
                  progress: async () => ({ progress })
                }
              }
            ]
          : [])
      ]
    : []
  // A later use of the action registers its go.sum files: the relay checks their modules too.
  const addSums = async (files: unknown): Promise<number> => {
    if (!Array.isArray(files) || !files.every(f => typeof f === 'string' && path.isAbsolute(f))) {
      throw new Error('files must be absolute paths')
    }
    let added = 0
    for (const [key, entry] of await readGoSums(files as string[])) {
      if (sums.has(key)) continue
      sums.set(key, entry)
      added++
    }
    return added
  }
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const target = req.url ?? '/'
    if (handleControl(req, res, routes)) return
    if (!target.startsWith(prefix)) return sendText(res, 403, 'forbidden\n')
    opts.onRequest?.()
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'only GET and HEAD\n')
    // Only what parses as a module proxy request goes on, and only as the relay spells it again.
    const request = parseProxyPath(target.slice(prefix.length).split('?')[0] as string)
    if (!request) return sendText(res, 404, 'not a module proxy path\n')
    const result = await answer(request)
    if ('private' in result) return sendText(res, 404, result.private)
    if (!result.ok) return sendText(res, result.status, result.text)
    if (res.destroyed) return
    res.writeHead(200, { 'Content-Type': result.contentType, 'Content-Length': result.size })
    if (req.method === 'HEAD') return void res.end()
    if (result.data) return void res.end(result.data)
    // pipeline closes the file when go hangs up halfway.
    pipeline(createReadStream(result.file as string), res, () => undefined)
  }
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
      return { ...buildReport(store, mirrors, privateRecords), memory: { peakBytes, limitBytes } }
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

function sendText(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent || res.destroyed) return
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text)
  })
  res.end(text)
}

function sumdbRecord(request: ProxyRequest): FileRecord {
  return {
    name: describeProxyRequest(request),
    file: 'sumdb',
    requestedBy: 'go',
    tries: [],
    outcome: 'ok',
    servedToGo: true
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
      bytes: store.records.reduce((sum, r) => sum + (r.bytes ?? 0), 0)
    }
  }
}
