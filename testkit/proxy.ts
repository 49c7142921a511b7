import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { readFileSync } from 'node:fs'
import type { AddressInfo, Socket } from 'node:net'
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'
import { unzipSync, zipSync, type Zippable } from 'fflate'
import { prng, unescapeModulePath } from './modset.js'

export type FileKind = 'info' | 'mod' | 'zip' | 'list'

export type FaultKind =
  | 'status'
  | 'reset'
  | 'truncate'
  | 'hang'
  | 'hang-body'
  | 'slow'
  | 'tamper'
  | 'html'
  | 'redirect'
  | 'gzip'
  | 'endless'
  | 'trickle'
  | 'huge'

/** What a fault's predicate sees of a request. */
export interface RequestInfo {
  /** URL path without the leading slash, as the files map keys it. */
  path: string
  /** Unescaped module path, when the URL is in GOPROXY layout. */
  module?: string
  version?: string
  file?: FileKind
}

export type FaultMatch = ((req: RequestInfo) => boolean) | { module?: string | RegExp; file?: FileKind }

export interface Fault {
  kind: FaultKind
  /** Which requests the fault applies to; all when absent. */
  match?: FaultMatch
  /** Chance (0 to 1) that a matching request is hit, drawn from the proxy's seeded PRNG. */
  probability?: number
  /**
   * How many requests the fault hits, counted per URL path: `times: 2` fails the first two requests of
   * every matching file and lets the third through.
   */
  times?: number
  /** For `status`: the HTTP status to answer with. */
  status?: number
  /** For `slow`: how long to wait before answering (default 1000). Other kinds wait this long first. */
  delayMs?: number
  /** For `status`: a Retry-After header (seconds) to send with it. */
  retryAfter?: number
  /** For `status`: the body to send instead of the default text. */
  body?: string
  /** For `redirect`: the base URL the request is sent on to (the same path is appended). */
  location?: string
  /** For `trickle`: the bytes written every 250 ms (default 4). */
  chunkBytes?: number
  /** For `huge`: the size of the body, sent chunked, shaped as the file asked for (default 15 MiB). */
  bytes?: number
}

export type LogStatus = number | 'reset' | 'hang' | 'truncated'

export interface LogEntry {
  /** Date.now() when the proxy answered or acted (after any delay). */
  time: number
  path: string
  status: LogStatus
  /** The fault that answered, if any. */
  fault?: FaultKind
  /** The Range header of the request, when it had one. */
  range?: string
  /** Date.now() when the whole body of a file served had been handed to the socket. */
  sent?: number
}

export interface Proxy {
  url: string
  name: string
  log: LogEntry[]
  /** Paths of the requests that carried an Authorization header. */
  credentialed: string[]
  /** The most requests it was answering at once. */
  peakInFlight(): number
  setFaults(faults: Fault[]): void
  /** Stops listening and ends every open connection, hung ones included. */
  close(): Promise<void>
}

export interface ProxyOptions {
  files: Map<string, Buffer>
  faults?: Fault[]
  seed?: number
  name?: string
  /** Every answer waits this long first: a mirror across a real network rather than on loopback. */
  latencyMs?: number
  /** An Authorization header every request must carry; others get a 401. */
  authorization?: string
  /** Serve https with this certificate (for 127.0.0.1) instead of plain http. */
  tls?: { certFile: string; keyFile: string }
  /** The path the module files are served below (`/my mirror`), as a company mirror's GOPROXY root is. */
  basePath?: string
}

const FILE_RE = /^(.+)\/@v\/(?:(list)|(.+)\.(info|mod|zip))$/

export function describeRequest(path: string): RequestInfo {
  const m = FILE_RE.exec(path)
  if (!m) return { path }
  const module = unescapeModulePath(m[1]!)
  if (m[2]) return { path, module, file: 'list' }
  return { path, module, version: unescapeModulePath(m[3]!), file: m[4] as FileKind }
}

function matches(match: FaultMatch | undefined, req: RequestInfo): boolean {
  if (!match) return true
  if (typeof match === 'function') return match(req)
  if (match.file !== undefined && match.file !== req.file) return false
  if (match.module !== undefined) {
    if (req.module === undefined) return false
    if (typeof match.module === 'string' ? match.module !== req.module : !match.module.test(req.module))
      return false
  }
  return true
}

/** The same zip with one file's content changed: still valid, but its hash no longer matches go.sum. */
export function tamperZip(zip: Buffer): Buffer {
  const entries = unzipSync(new Uint8Array(zip))
  const names = Object.keys(entries).sort()
  const victim = names.find(n => n.endsWith('.go')) ?? names.find(n => !n.endsWith('/go.mod')) ?? names[0]
  const out: Zippable = {}
  for (const name of names) {
    const data = entries[name]!
    out[name] = name === victim ? Buffer.concat([data, Buffer.from('// tampered\n')]) : data
  }
  return Buffer.from(zipSync(out, { mtime: new Date('2024-01-02T03:04:05Z') }))
}

/** Starts a GOPROXY-protocol server on 127.0.0.1 serving `files`, with optional injected faults. */
export async function startProxy(opts: ProxyOptions): Promise<Proxy> {
  const { files } = opts
  const name = opts.name ?? 'proxy'
  const rand = prng(opts.seed ?? 1)
  let faults: Fault[] = opts.faults ?? []
  let hits = new Map<Fault, Map<string, number>>()
  const log: LogEntry[] = []
  const sockets = new Set<Socket>()
  const timers = new Set<NodeJS.Timeout>()
  const tampered = new Map<string, Buffer>()
  let closed = false

  const credentialed: string[] = []
  const record = (path: string, status: LogStatus, fault?: FaultKind, range?: string): LogEntry => {
    const entry: LogEntry = { time: Date.now(), path, status }
    if (fault) entry.fault = fault
    if (range) entry.range = range
    log.push(entry)
    return entry
  }

  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t)
      if (!closed) fn()
    }, ms)
    timers.add(t)
  }

  const pickFault = (req: RequestInfo): Fault | undefined => {
    for (const f of faults) {
      if (!matches(f.match, req)) continue
      // Body faults need a body to damage; on other paths they do not apply.
      const body = files.get(req.path)
      const needsBody = ['truncate', 'hang-body', 'gzip', 'trickle', 'html'].includes(f.kind)
      if (needsBody && !body) continue
      if (f.kind === 'tamper' && (!body || (req.file !== 'zip' && req.file !== 'mod'))) continue
      let perPath = hits.get(f)
      if (!perPath) hits.set(f, (perPath = new Map()))
      const n = perPath.get(req.path) ?? 0
      if (f.times !== undefined && n >= f.times) continue
      if (f.probability !== undefined && rand() >= f.probability) continue
      perPath.set(req.path, n + 1)
      return f
    }
    return undefined
  }

  const sendText = (
    res: ServerResponse,
    path: string,
    status: number,
    text: string,
    fault?: FaultKind,
    headers: Record<string, string | number> = {}
  ) => {
    record(path, status, fault)
    res.writeHead(status, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
      ...headers
    })
    res.end(text)
  }

  // Serves a file, honouring `Range: bytes=N-` (206) as a caching mirror would.
  const serve = (req: IncomingMessage, res: ServerResponse, path: string, body: Buffer | undefined) => {
    if (!body) return sendText(res, path, 404, 'not found\n')
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '')
    const from = range ? Number(range[1]) : 0
    const sent = (entry: LogEntry) => res.on('finish', () => (entry.sent = Date.now()))
    if (range && from < body.length) {
      sent(record(path, 206, undefined, req.headers.range))
      res.writeHead(206, {
        'Content-Type': contentType(path),
        'Content-Length': body.length - from,
        'Content-Range': `bytes ${from}-${body.length - 1}/${body.length}`,
        'Accept-Ranges': 'bytes'
      })
      return res.end(req.method === 'HEAD' ? undefined : body.subarray(from))
    }
    sent(record(path, 200))
    res.writeHead(200, {
      'Content-Type': contentType(path),
      'Content-Length': body.length,
      'Accept-Ranges': 'bytes'
    })
    res.end(req.method === 'HEAD' ? undefined : body)
  }

  const applyFault = (req: IncomingMessage, res: ServerResponse, info: RequestInfo, f: Fault) => {
    const { path } = info
    const body = files.get(path)
    switch (f.kind) {
      case 'status': {
        const status = f.status ?? 503
        return sendText(
          res,
          path,
          status,
          f.body ?? `${status} ${STATUS_CODES[status] ?? ''} (${name}: injected fault)\n`,
          'status',
          f.retryAfter === undefined ? {} : { 'Retry-After': String(f.retryAfter) }
        )
      }
      case 'html': {
        const page = '<!DOCTYPE html>\n<html><body><form action="/login">Sign in</form></body></html>\n'
        record(path, 200, 'html')
        res.writeHead(200, { 'Content-Type': 'text/html', 'Content-Length': Buffer.byteLength(page) })
        return res.end(page)
      }
      case 'redirect': {
        record(path, 302, 'redirect')
        res.writeHead(302, {
          Location: `${f.location ?? ''}/${req.url?.replace(/^\/+/, '') ?? ''}`,
          'Content-Length': 0
        })
        return res.end()
      }
      case 'gzip': {
        const data = gzipSync(body!)
        record(path, 200, 'gzip')
        res.writeHead(200, {
          'Content-Type': contentType(path),
          'Content-Encoding': 'gzip',
          'Content-Length': data.length
        })
        return res.end(data)
      }
      case 'endless': {
        // Chunked, never finished: a mirror stuck in a loop.
        record(path, 200, 'endless')
        res.writeHead(200, { 'Content-Type': contentType(path) })
        const chunk = Buffer.alloc(64 * 1024, 0x61)
        const pump = () => {
          if (closed || res.destroyed) return
          if (res.write(chunk)) setImmediate(pump)
          else res.once('drain', pump)
        }
        return pump()
      }
      case 'trickle': {
        // A few bytes a second, with the right length: steady, but hopelessly slow.
        const data = body!
        const chunk = f.chunkBytes ?? 4
        record(path, 200, 'trickle')
        res.writeHead(200, { 'Content-Type': contentType(path), 'Content-Length': data.length })
        let sent = 0
        const drip = () => {
          if (closed || res.destroyed || sent >= data.length) return res.end()
          res.write(data.subarray(sent, sent + chunk))
          sent += chunk
          later(250, drip)
        }
        return drip()
      }
      case 'huge': {
        // A well-formed answer of absurd size, with no Content-Length to warn the client.
        const data = hugeBody(info, f.bytes ?? 15 * 1024 * 1024)
        record(path, 200, 'huge')
        res.writeHead(200, { 'Content-Type': contentType(path) })
        let sent = 0
        const pump = () => {
          while (!closed && !res.destroyed && sent < data.length) {
            const chunk = data.subarray(sent, sent + 64 * 1024)
            sent += chunk.length
            if (!res.write(chunk)) return res.once('drain', pump)
          }
          if (sent >= data.length) res.end()
        }
        return pump()
      }
      case 'reset':
        record(path, 'reset', 'reset')
        return req.socket.destroy()
      case 'hang':
        // The socket stays open until the client gives up or the proxy closes.
        return record(path, 'hang', 'hang')
      case 'truncate':
      case 'hang-body': {
        const data = body!
        record(path, f.kind === 'truncate' ? 'truncated' : 'hang', f.kind)
        res.writeHead(200, { 'Content-Type': contentType(path), 'Content-Length': data.length })
        // Destroy only once the half body has reached the socket, so the client sees it cut short.
        res.write(data.subarray(0, Math.floor(data.length / 2)), () => {
          if (f.kind === 'truncate') req.socket.destroy()
        })
        return
      }
      case 'slow':
        return serve(req, res, path, body)
      case 'tamper': {
        let bad = tampered.get(path)
        if (!bad) {
          bad = info.file === 'zip' ? tamperZip(body!) : Buffer.concat([body!, Buffer.from('// tampered\n')])
          tampered.set(path, bad)
        }
        record(path, 200, 'tamper')
        res.writeHead(200, { 'Content-Type': contentType(path), 'Content-Length': bad.length })
        return res.end(req.method === 'HEAD' ? undefined : bad)
      }
    }
  }

  const load = { now: 0, peak: 0 }
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    load.now++
    load.peak = Math.max(load.peak, load.now)
    res.once('close', () => load.now--)
    if (opts.latencyMs) later(opts.latencyMs, () => handle(req, res))
    else handle(req, res)
  }
  const server = opts.tls
    ? createHttpsServer(
        { cert: readFileSync(opts.tls.certFile), key: readFileSync(opts.tls.keyFile) },
        onRequest
      )
    : createServer(onRequest)
  const base = (opts.basePath ?? '').replace(/^\/+|\/+$/g, '')
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    let path: string
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname).replace(/^\/+/, '')
    } catch {
      return sendText(res, req.url ?? '', 400, 'bad request\n')
    }
    if (base !== '') {
      if (!path.startsWith(`${base}/`)) return sendText(res, path, 404, 'not found\n')
      path = path.slice(base.length + 1)
    }
    if (req.headers.authorization) credentialed.push(path)
    if (opts.authorization !== undefined && req.headers.authorization !== opts.authorization) {
      return sendText(res, path, 401, 'unauthorized\n')
    }
    const info = describeRequest(path)
    const f = pickFault(info)
    if (!f) {
      if (path.startsWith('sumdb/')) return sendText(res, path, 404, 'not found\n')
      return serve(req, res, path, files.get(path))
    }
    const delay = f.delayMs ?? (f.kind === 'slow' ? 1000 : 0)
    if (delay > 0) later(delay, () => applyFault(req, res, info, f))
    else applyFault(req, res, info, f)
  }
  server.on('connection', s => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  // A client that resets its end mid-answer is normal here (go killed by a test).
  server.on('clientError', (_err, socket) => socket.destroy())

  await new Promise<void>((ok, fail) => {
    server.once('error', fail)
    server.listen(0, '127.0.0.1', () => ok())
  })
  const { port } = server.address() as AddressInfo

  const root = base === '' ? '' : `/${base.split('/').map(encodeURIComponent).join('/')}`
  return {
    url: `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}${root}`,
    name,
    log,
    credentialed,
    peakInFlight: () => load.peak,
    setFaults(f: Fault[]) {
      faults = f
      hits = new Map()
    },
    async close() {
      closed = true
      for (const t of timers) clearTimeout(t)
      timers.clear()
      const done = new Promise<void>(ok => server.close(() => ok()))
      for (const s of sockets) s.destroy()
      await done
    }
  }
}

/** A body of `size` bytes that reads as the file asked for: JSON for .info, a go.mod, version lines. */
function hugeBody(info: RequestInfo, size: number): Buffer {
  const shape = (head: string, tail: string): Buffer => {
    const pad = Math.max(0, size - head.length - tail.length)
    return Buffer.concat([Buffer.from(head), Buffer.alloc(pad, 0x61), Buffer.from(tail)])
  }
  if (info.file === 'info')
    return shape(`{"Version":"${info.version}","Origin":{"VCS":"git","Pad":"`, '"}}\n')
  if (info.file === 'mod') return shape(`module ${info.module}\n\n// `, '\n')
  if (info.file === 'list') return Buffer.alloc(size, 'v0.0.1\n')
  return Buffer.alloc(size, 0x61)
}

function contentType(path: string): string {
  if (path.endsWith('.info')) return 'application/json'
  if (path.endsWith('.zip')) return 'application/zip'
  return 'text/plain; charset=utf-8'
}

/** An http://127.0.0.1:PORT URL where nothing listens: connecting to it is refused. */
export async function refusedUrl(): Promise<string> {
  const server = createServer()
  await new Promise<void>(ok => server.listen(0, '127.0.0.1', () => ok()))
  const { port } = server.address() as AddressInfo
  await new Promise<void>(ok => server.close(() => ok()))
  return `http://127.0.0.1:${port}`
}

/** Writes the files into `dir` and returns the `file://` URL that serves them as GOPROXY. */
export async function startFileMirror(files: Map<string, Buffer>, dir: string): Promise<string> {
  const root = resolve(dir)
  for (const [path, data] of files) {
    const target = join(root, path)
    await mkdir(dirname(target), { recursive: true })
    await writeFile(target, data)
  }
  return pathToFileURL(root).href
}

/**
 * Reads a directory in GOPROXY layout (a module cache's `cache/download`, say) into the map `files`
 * a proxy serves, keyed by the path relative to `dir` with `/` separators.
 */
export async function loadFileTree(dir: string): Promise<Map<string, Buffer>> {
  const root = resolve(dir)
  const files = new Map<string, Buffer>()
  for (const entry of await readdir(root, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue
    const full = join(entry.parentPath, entry.name)
    files.set(relative(root, full).split(sep).join('/'), await readFile(full))
  }
  return files
}
