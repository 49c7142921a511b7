/**
 * The relay's routes, one per kind of request as goproxy serves them: module files from the store, the
 * checksum database through the mirrors that proxy it, private paths refused without a word to any
 * mirror, and the control requests of the job's post step and of its later uses of the action.
 */
import { createReadStream } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import { pipeline } from 'node:stream'
import { readGoSums, type ModuleSums } from '../go/gosum.js'
import { matchesPrefixPatterns, noProxyPatterns } from '../go/private-paths.js'
import {
  describeProxyRequest,
  parseProxyPath,
  proxiedSumdb,
  upstreamPath,
  type ProxyRequest
} from '../go/proxy-path.js'
import { handleControl, type ControlRoute } from './control.js'
import type { MirrorState } from './health.js'
import type { Store } from './store.js'
import type { Answer, FileRecord } from './types.js'

/**
 * Control requests (relay/control.ts): `secret` for the shutdown only the job's post step asks for,
 * `joinSecret` for the later uses of the action in the job, which register their go.sum files and
 * watch the relay's progress.
 */
export interface ControlOptions {
  secret: string
  joinSecret?: string
  onShutdown: () => void
}

export interface RouteOptions {
  store: Store
  mirrors: readonly MirrorState[]
  /** Where GONOPROXY, GOPRIVATE and GOSUMDB are read. */
  env: NodeJS.ProcessEnv
  /** What go.sum records; later uses of the action add to it. */
  sums: Map<string, ModuleSums>
  /** The path prefix every request from go carries: `/<secret>/`. */
  prefix: string
  progress: () => number
  control?: ControlOptions
  /** Called on every request from go. */
  onRequest?: () => void
}

export interface Routes {
  /** Serves one request: a control request, or one from go. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>
  /** The private paths go asked for: never forwarded, only reported. */
  readonly privateRecords: readonly FileRecord[]
}

export function relayRoutes(opts: RouteOptions): Routes {
  const privateRecords: FileRecord[] = []
  const files = moduleFiles(opts, privateRecords)
  const sumdb = checksumDatabase(opts)
  const control = controlRoutes(opts)
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const target = req.url ?? '/'
    if (handleControl(req, res, control)) return
    if (!target.startsWith(opts.prefix)) return sendText(res, 403, 'forbidden\n')
    opts.onRequest?.()
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'only GET and HEAD\n')
    // Only what parses as a module proxy request goes on, and only as the relay spells it again.
    const request = parseProxyPath(target.slice(opts.prefix.length).split('?')[0] as string)
    if (!request) return sendText(res, 404, 'not a module proxy path\n')
    const result = await (request.kind === 'sumdb' ? sumdb(request) : files(request))
    if ('private' in result) return sendText(res, 404, result.private)
    if (!result.ok) return sendText(res, result.status, result.text)
    if (res.destroyed) return
    res.writeHead(200, { 'Content-Type': result.contentType, 'Content-Length': result.size })
    if (req.method === 'HEAD') return void res.end()
    if (result.data) return void res.end(result.data)
    // pipeline closes the file when go hangs up halfway.
    pipeline(createReadStream(result.file as string), res, () => undefined)
  }
  return { handle, privateRecords }
}

/** A module's files from the store, unless its path is private: then no mirror hears of it. */
function moduleFiles(
  opts: RouteOptions,
  privateRecords: FileRecord[]
): (request: Exclude<ProxyRequest, { kind: 'sumdb' }>) => Promise<Answer | { private: string }> {
  const noProxy = noProxyPatterns(opts.env)
  return async request => {
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
    return opts.store.obtain(request, upstreamPath(request), 'go')
  }
}

/**
 * The checksum database go uses (the one GOSUMDB names), through the mirrors that proxy it; any other
 * name is refused, never forwarded. Which mirrors proxy it is asked once per name, of all at once.
 */
function checksumDatabase(
  opts: RouteOptions
): (request: Extract<ProxyRequest, { kind: 'sumdb' }>) => Promise<Answer> {
  const name = proxiedSumdb(opts.env.GOSUMDB)
  const support = new Map<string, Promise<MirrorState[]>>()
  const supportingMirrors = (db: string): Promise<MirrorState[]> => {
    let found = support.get(db)
    if (!found) {
      const request: ProxyRequest = { kind: 'sumdb', name: db, rest: 'supported' }
      const http = opts.mirrors.filter(m => m.endpoint.kind === 'http')
      // Each mirror is asked at once: a down one is not waited for beyond a hedge delay.
      found = Promise.all(
        http.map(async m =>
          (await opts.store.obtain(request, upstreamPath(request), 'go', [m], http.length > 1)).ok
            ? m
            : undefined
        )
      ).then(list => list.filter((m): m is MirrorState => m !== undefined))
      support.set(db, found)
    }
    return found
  }
  const refused = (request: ProxyRequest, text: string): Answer => ({
    ok: false,
    status: 404,
    text,
    record: sumdbRecord(request)
  })
  return async request => {
    if (request.name !== name)
      return refused(request, `the relay proxies no checksum database by that name\n`)
    const supporting = await supportingMirrors(request.name)
    // go takes anything but a 404 to `supported` as final for the whole process: say no mirror proxies it.
    if (supporting.length === 0)
      return refused(request, `no mirror proxies the checksum database ${request.name}\n`)
    if (request.rest === 'supported') {
      return {
        ok: true,
        size: 0,
        data: Buffer.alloc(0),
        contentType: 'text/plain; charset=utf-8',
        record: sumdbRecord(request)
      }
    }
    return opts.store.obtain(request, upstreamPath(request), 'go', supporting)
  }
}

/** The post step's shutdown, and the go.sum files and progress of the job's later uses of the action. */
function controlRoutes(opts: RouteOptions): ControlRoute[] {
  const control = opts.control
  if (!control) return []
  // A later use of the action registers its go.sum files: the relay checks their modules too.
  const addSums = async (files: unknown): Promise<number> => {
    if (!Array.isArray(files) || !files.every(f => typeof f === 'string' && path.isAbsolute(f))) {
      throw new Error('files must be absolute paths')
    }
    let added = 0
    for (const [key, entry] of await readGoSums(files as string[])) {
      if (opts.sums.has(key)) continue
      opts.sums.set(key, entry)
      added++
    }
    return added
  }
  const shutdown: ControlRoute = {
    secret: control.secret,
    actions: { shutdown: async () => ({ stopping: true }) },
    after: () => control.onShutdown()
  }
  if (!control.joinSecret) return [shutdown]
  const join: ControlRoute = {
    secret: control.joinSecret,
    actions: {
      gosum: async (args: Record<string, unknown>) => ({ modules: await addSums(args.files) }),
      progress: async () => ({ progress: opts.progress() })
    }
  }
  return [shutdown, join]
}

export function sendText(res: ServerResponse, status: number, text: string): void {
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
