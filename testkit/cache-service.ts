import { randomUUID } from 'node:crypto'
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import {
  BlobSASPermissions,
  BlobServiceClient,
  generateBlobSASQueryParameters,
  SASProtocol,
  StorageSharedKeyCredential
} from '@azure/storage-blob'
import { DEV_ACCOUNT, DEV_ACCOUNT_KEY } from './azurite.js'

/**
 * How the stand-in misbehaves: `error` answers every call with a twirp internal error (HTTP 500), `hang`
 * accepts calls and never answers, `read-only` denies writes the way a read-only runtime token is denied,
 * `read-denied` refuses lookups the way a token without readable scopes is refused. `stall-blob` answers
 * lookups with a download URL whose GET is accepted and never answered; `slow-blob` serves the download at
 * `bytesPerSecond`. Uploads go to Azurite directly either way.
 */
export type CacheServiceFault =
  'none' | 'error' | 'hang' | 'read-only' | 'read-denied' | 'stall-blob' | 'slow-blob'

export type CacheMethod = 'GetCacheEntryDownloadURL' | 'CreateCacheEntry' | 'FinalizeCacheEntryUpload'

export interface FaultOptions {
  /** The calls `error` and `hang` hit; every call when absent. */
  methods?: CacheMethod[]
  /** For `slow-blob`: the download's rate (default 64 KiB/s). */
  bytesPerSecond?: number
}

export interface CacheEntryInfo {
  id: number
  key: string
  version: string
  /** Set once FinalizeCacheEntryUpload accepted the upload; only finalized entries are found. */
  sizeBytes?: number
  finalized: boolean
}

export interface CacheService {
  /** The value for ACTIONS_RESULTS_URL (with a trailing slash, as the runner gives it). */
  url: string
  token: string
  /** The environment @actions/cache reads to talk to this service. */
  env: Record<string, string>
  /** Sets the fault; connections held open by the one before are ended, as when an outage ends. */
  setFault(fault: CacheServiceFault, options?: FaultOptions): void
  entries(): CacheEntryInfo[]
  /** The twirp methods called so far, in order, with `blob download` for each download through the stand-in. */
  calls(): string[]
  /** Stops listening and ends every open connection, hung calls included. */
  close(): Promise<void>
}

const SERVICE = 'github.actions.results.api.v1.CacheService'
const CONTAINER = 'actions-cache'
const BLOB_ROUTE = '/blob/'
const AZURE_HOST = `${DEV_ACCOUNT}.blob.core.windows.net`

interface Entry extends CacheEntryInfo {
  blob: string
  created: number
}

function twirpError(res: ServerResponse, status: number, code: string, msg: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json' })
  res.end(JSON.stringify({ code, msg }))
}

function json(res: ServerResponse, body: unknown): void {
  res.writeHead(200, { 'Content-Type': 'application/json' })
  res.end(JSON.stringify(body))
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>)
}

/**
 * A local stand-in for the GitHub Actions cache service (v2, the twirp API @actions/cache 6 speaks): entries
 * keyed by key and version, lookups by exact key then prefix (newest first) over the key and restore keys,
 * and uploads and downloads through SAS URLs of a real Azurite blob store. Listens on 127.0.0.1.
 */
export async function startCacheService(opts: {
  blobEndpoint: string
  token?: string
  /**
   * Hands out download URLs on an Azure blob host name, as GitHub does, so the library downloads with the
   * Azure SDK; `env` then routes that host through this server as an HTTP proxy.
   */
  azureHost?: boolean
}): Promise<CacheService> {
  const token = opts.token ?? 'test-runtime-token'
  const credential = new StorageSharedKeyCredential(DEV_ACCOUNT, DEV_ACCOUNT_KEY)
  const blobs = new BlobServiceClient(opts.blobEndpoint, credential)
  await blobs.getContainerClient(CONTAINER).createIfNotExists()

  let fault: CacheServiceFault = 'none'
  let faultOptions: FaultOptions = {}
  const held = new Set<ServerResponse>()
  const calls: string[] = []
  let nextId = 1
  const entries: Entry[] = []
  const sockets = new Set<Socket>()
  let base = ''

  const signedUrl = (blob: string, permissions: string): string => {
    const sas = generateBlobSASQueryParameters(
      {
        containerName: CONTAINER,
        blobName: blob,
        permissions: BlobSASPermissions.parse(permissions),
        protocol: SASProtocol.HttpsAndHttp,
        startsOn: new Date(Date.now() - 60_000),
        expiresOn: new Date(Date.now() + 60 * 60_000)
      },
      credential
    ).toString()
    return `${opts.blobEndpoint}/${CONTAINER}/${blob}?${sas}`
  }

  const find = (key: string, restoreKeys: string[], version: string): Entry | undefined => {
    const candidates = entries
      .filter(e => e.finalized && e.version === version)
      .sort((a, b) => b.created - a.created)
    for (const wanted of [key, ...restoreKeys]) {
      const exact = candidates.find(e => e.key === wanted)
      if (exact) return exact
      const prefixed = candidates.find(e => e.key.startsWith(wanted))
      if (prefixed) return prefixed
    }
    return undefined
  }

  const createEntry = (res: ServerResponse, body: Record<string, unknown>) => {
    const key = String(body.key ?? '')
    const version = String(body.version ?? '')
    if (key === '' || version === '')
      return twirpError(res, 400, 'invalid_argument', 'key and version are required')
    if (fault === 'read-only')
      return json(res, { ok: false, message: 'cache write denied: token has no writable scopes' })
    if (entries.some(e => e.key === key && e.version === version)) {
      return twirpError(
        res,
        409,
        'already_exists',
        'cache entry with the same key, version, and scope already exists'
      )
    }
    const id = nextId++
    const entry: Entry = {
      id,
      key,
      version,
      finalized: false,
      blob: `${id}-${randomUUID()}`,
      created: Date.now()
    }
    entries.push(entry)
    json(res, { ok: true, signed_upload_url: signedUrl(entry.blob, 'cw') })
  }

  const finalizeEntry = async (res: ServerResponse, body: Record<string, unknown>) => {
    const key = String(body.key ?? '')
    const version = String(body.version ?? '')
    const entry = entries.find(e => e.key === key && e.version === version && !e.finalized)
    if (!entry) return twirpError(res, 404, 'not_found', 'cache entry not found')
    const size = Number(body.size_bytes ?? 0)
    let stored: number
    try {
      stored =
        (await blobs.getContainerClient(CONTAINER).getBlobClient(entry.blob).getProperties()).contentLength ??
        -1
    } catch {
      return json(res, { ok: false, message: 'cache entry upload not found' })
    }
    if (stored !== size)
      return json(res, { ok: false, message: `uploaded ${stored} bytes, finalize says ${size}` })
    entry.finalized = true
    entry.sizeBytes = size
    entry.created = Date.now()
    json(res, { ok: true, entry_id: String(entry.id) })
  }

  const downloadUrl = (res: ServerResponse, body: Record<string, unknown>) => {
    if (fault === 'read-denied') {
      return twirpError(res, 403, 'permission_denied', 'cache read denied: token has no readable scopes')
    }
    const restoreKeys = Array.isArray(body.restore_keys) ? body.restore_keys.map(String) : []
    const entry = find(String(body.key ?? ''), restoreKeys, String(body.version ?? ''))
    if (!entry) return json(res, { ok: false })
    const direct = signedUrl(entry.blob, 'r')
    const route = BLOB_ROUTE + direct.slice(opts.blobEndpoint.length + 1)
    // Under a blob fault the download goes through this server, which passes it on from Azurite or not.
    const url = opts.azureHost
      ? `http://${AZURE_HOST}${route}`
      : fault === 'stall-blob' || fault === 'slow-blob'
        ? `${base}${route}`
        : direct
    json(res, { ok: true, signed_download_url: url, matched_key: entry.key })
  }

  const serveBlob = (route: string, req: IncomingMessage, res: ServerResponse) => {
    calls.push('blob download')
    if (fault === 'stall-blob') return void held.add(res)
    const upstream = request(`${opts.blobEndpoint}/${route.slice(BLOB_ROUTE.length)}`, {
      method: req.method,
      headers: { ...req.headers, host: new URL(opts.blobEndpoint).host }
    })
    upstream.on('response', async answer => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      const rate = faultOptions.bytesPerSecond ?? 64 * 1024
      for await (const chunk of answer as AsyncIterable<Buffer>) {
        for (let at = 0; at < chunk.length; at += Math.ceil(rate / 10)) {
          if (res.destroyed) return
          res.write(chunk.subarray(at, at + Math.ceil(rate / 10)))
          if (fault === 'slow-blob') await new Promise(ok => setTimeout(ok, 100))
        }
      }
      res.end()
    })
    upstream.on('error', error => {
      if (!res.headersSent) twirpError(res, 502, 'unavailable', error.message)
      else res.destroy()
    })
    req.pipe(upstream)
  }

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    // A request through this server as a proxy names the whole URL.
    const target = req.url?.startsWith('http://') ? new URL(req.url) : undefined
    const route = target ? target.pathname + target.search : (req.url ?? '')
    if (route.startsWith(BLOB_ROUTE)) return serveBlob(route, req, res)
    const prefix = `/twirp/${SERVICE}/`
    const method = req.url?.startsWith(prefix) ? req.url.slice(prefix.length) : ''
    calls.push(method)
    const hit = (faultOptions.methods ?? [method]).includes(method as CacheMethod)
    if (fault === 'hang' && hit) return void held.add(res)
    if (req.method !== 'POST' || method === '') return twirpError(res, 404, 'bad_route', 'no such route')
    if (req.headers.authorization !== `Bearer ${token}`)
      return twirpError(res, 401, 'unauthenticated', 'bad token')
    if (fault === 'error' && hit) return twirpError(res, 500, 'internal', 'internal error')
    const body = await readJson(req)
    switch (method) {
      case 'CreateCacheEntry':
        return createEntry(res, body)
      case 'FinalizeCacheEntryUpload':
        return finalizeEntry(res, body)
      case 'GetCacheEntryDownloadURL':
        return downloadUrl(res, body)
      default:
        return twirpError(res, 404, 'bad_route', 'no such method')
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(error => {
      if (!res.headersSent) twirpError(res, 500, 'internal', (error as Error).message)
    })
  })
  server.on('connection', socket => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  await new Promise<void>(ok => server.listen(0, '127.0.0.1', ok))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
  base = url.slice(0, -1)

  return {
    url,
    token,
    env: {
      ACTIONS_RESULTS_URL: url,
      ACTIONS_RUNTIME_TOKEN: token,
      ACTIONS_CACHE_SERVICE_V2: 'true',
      ...(opts.azureHost ? { HTTP_PROXY: base, NO_PROXY: '127.0.0.1,localhost' } : {})
    },
    setFault(next, options = {}) {
      fault = next
      faultOptions = options
      for (const res of held) res.destroy()
      held.clear()
    },
    calls() {
      return [...calls]
    },
    entries() {
      return entries.map(({ id, key, version, sizeBytes, finalized }) => ({
        id,
        key,
        version,
        sizeBytes,
        finalized
      }))
    },
    close() {
      return new Promise<void>(ok => {
        server.close(() => ok())
        for (const socket of sockets) socket.destroy()
      })
    }
  }
}
