import type { Readable } from 'node:stream'
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib'
import { STATUS_CODES, type Agent } from 'node:http'
import type { FailureClass } from '../failures/classes.js'
import { classifyNodeError } from '../failures/net-errors.js'
import { sendGet } from '../network/agents.js'
import { bodyDropped } from '../policy/collect.js'
import { loopLag } from '../policy/loop-lag.js'
import { StallWatch } from '../policy/stall.js'
import { redactUrl } from '../security/redact.js'
import { fetchFile } from './file-mirror.js'
import type { BodySink } from './sinks.js'

/** One mirror as the relay reaches it. */
export interface MirrorEndpoint {
  /** The GOPROXY entry as the user wrote it, credentials included. */
  value: string
  /** As shown to people: credentials redacted. */
  label: string
  kind: 'http' | 'file'
  /** The base URL without credentials, ending in a slash. */
  base: URL
  /** `Basic ...` from the URL's userinfo or the netrc; sent to this mirror's origin only. */
  authorization?: string
}

export interface UpstreamRequest {
  mirror: MirrorEndpoint
  /** The path below the mirror's base, rebuilt from the parsed request and percent-encoded as go spells it. */
  path: string
  sink: BodySink
  /** The most bytes a body may have; more is a bad response. */
  limit: number
  /** The request's own cancel and the relay's stop: either ending ends the request. */
  signals: readonly AbortSignal[]
  stallTimeoutMs: number
  /** Ask for the rest of a body cut short, from `sink.bytes`. */
  resume?: { etag?: string }
  agent: (url: URL) => Agent
  onHeaders?: () => void
  /** A body is about to be read: its length, when the answer says (NaN when not). */
  onBody?: (bytes: number) => void
  onData?: (bytes: number) => void
}

export type UpstreamResult =
  | { kind: 'ok'; bytes: number; contentType?: string; etag?: string; acceptRanges: boolean }
  | { kind: 'status'; status: number; statusText: string; text: string; retryAfterMs?: number }
  | {
      kind: 'error'
      class: FailureClass
      transient: boolean
      detail: string
      /** Headers had arrived: the body was cut, and a Range request may resume it. */
      resumable?: { etag?: string }
      /** The mirror's own setup is wrong (its redirects): no request to it will do better. */
      misconfigured?: boolean
    }

/**
 * A body slower than this over a whole stall window counts as stalled (a trickle is a stall with
 * manners); one that is nearly done needs only its remaining bytes.
 */
const MIN_BYTES_PER_SECOND = 128
const MAX_REDIRECTS = 10

/** Sends one GET to one mirror and streams the body into the sink; never throws, never retries. */
export async function fetchUpstream(req: UpstreamRequest): Promise<UpstreamResult> {
  if (req.mirror.kind === 'file') return fetchFile(req)
  let url = belowBase(req.mirror.base, req.path)
  if (!url) return badResponse('a path outside the mirror', false)
  const visited = new Set<string>()
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    visited.add(url.href)
    // Credentials go to the mirror itself only: its origin, below its base path, on every hop.
    const authorization = isBelowBase(url, req.mirror.base) ? req.mirror.authorization : undefined
    const result = await fetchOnce(req, url, authorization)
    if (result.kind !== 'redirect') return result
    let next: URL
    try {
      next = new URL(result.location, url)
    } catch {
      return badResponse(
        `redirect to an unreadable location ${JSON.stringify(result.location.slice(0, 100))}`
      )
    }
    // Where a mirror's redirects lead is its configuration: asking again changes nothing.
    if (next.protocol !== 'http:' && next.protocol !== 'https:')
      return misconfigured(`redirects to a ${next.protocol.slice(0, 20)} URL, which is not HTTP`)
    if (url.protocol === 'https:' && next.protocol !== 'https:')
      return misconfigured(`redirects from https to ${redactUrl(next.origin)}, which is not secure`)
    if (visited.has(next.href)) return misconfigured('redirects in a loop')
    url = next
  }
  return misconfigured(`redirects more than ${MAX_REDIRECTS} times`)
}

function misconfigured(detail: string): UpstreamResult {
  return { kind: 'error', class: 'bad-response', transient: false, detail, misconfigured: true }
}

/**
 * The URL of a path below a mirror's base: the base's own path with the path appended, and checked
 * to be still below it once parsed (the path is one the relay rebuilt, so this never fails in practice).
 */
export function belowBase(base: URL, path: string): URL | undefined {
  if (path.startsWith('/') || path.includes('\\') || path.includes('?') || path.includes('#'))
    return undefined
  const url = new URL(base.href)
  url.pathname = `${base.pathname}${path}`
  return isBelowBase(url, base) ? url : undefined
}

/** Whether a URL has the base's origin and lies below its path: where a mirror's credentials may go. */
export function isBelowBase(url: URL, base: URL): boolean {
  return (
    url.origin === base.origin &&
    url.username === '' &&
    url.password === '' &&
    url.pathname.startsWith(base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`)
  )
}

type OnceResult = UpstreamResult | { kind: 'redirect'; location: string }

async function fetchOnce(req: UpstreamRequest, url: URL, authorization?: string): Promise<OnceResult> {
  const stall = new AbortController()
  let stalled = false
  let headersSeen = false
  let received = 0
  let expected = Number.NaN
  const watch = new StallWatch({
    stallTimeoutMs: req.stallTimeoutMs,
    // The relay's own hold-ups are not the mirror's silence: the stall clock leaves them out.
    lag: loopLag(),
    minBytesPerSecond: MIN_BYTES_PER_SECOND,
    onStall: () => {
      stalled = true
      stall.abort()
    }
  })
  const headers: Record<string, string> = {
    'accept-encoding': 'identity',
    'user-agent': 'go-mod-download-action (relay)'
  }
  if (authorization) headers.authorization = authorization
  const offset = req.resume ? req.sink.bytes : 0
  if (req.resume && offset > 0) {
    headers.range = `bytes=${offset}-`
    if (req.resume.etag && !req.resume.etag.startsWith('W/')) headers['if-range'] = req.resume.etag
  }
  try {
    const response = await sendGet(url, {
      headers,
      signals: [...req.signals, stall.signal],
      agent: req.agent(url)
    })
    headersSeen = true
    watch.answered()
    req.onHeaders?.()
    const status = response.statusCode ?? 0
    const header = (name: string): string | undefined => {
      const value = response.headers[name]
      return Array.isArray(value) ? value[0] : value
    }
    if (status >= 300 && status < 400 && status !== 304 && header('location')) {
      response.resume()
      return { kind: 'redirect', location: header('location') as string }
    }
    if (status !== 200 && !(status === 206 && offset > 0)) {
      const text = await readText(response, 4096)
      return {
        kind: 'status',
        status,
        statusText: STATUS_CODES[status] ?? '',
        text,
        retryAfterMs: parseRetryAfter(header('retry-after'))
      }
    }
    const etag = header('etag')
    const acceptRanges = header('accept-ranges') === 'bytes'
    if (status === 206) {
      const range = /^bytes (\d+)-\d+\/(?:\d+|\*)$/.exec(header('content-range') ?? '')
      const etagChanged = req.resume?.etag !== undefined && etag !== undefined && etag !== req.resume.etag
      if (!range || Number(range[1]) !== offset || etagChanged) {
        response.destroy()
        await req.sink.reset()
        return {
          kind: 'error',
          class: 'bad-response',
          transient: true,
          detail: 'a Range answer that does not fit'
        }
      }
    } else if (offset > 0) {
      await req.sink.reset()
    }
    const encoding = (header('content-encoding') ?? 'identity').toLowerCase()
    const decoder = decoderFor(encoding)
    if (decoder === null) return badResponse(`unsupported Content-Encoding ${encoding.slice(0, 40)}`)
    if (!decoder) expected = Number(header('content-length') ?? Number.NaN)
    watch.expect(expected)
    if (expected > req.limit) {
      response.destroy()
      return badResponse(`the body is larger than ${req.limit} bytes`)
    }
    req.onBody?.(expected)
    const body: Readable = decoder ? response.pipe(decoder) : response
    if (decoder) response.on('error', error => decoder.destroy(error))
    for await (const chunk of body as AsyncIterable<Buffer>) {
      received += chunk.length
      watch.progress(chunk.length)
      if (req.sink.bytes + chunk.length > req.limit) {
        // Destroyed rather than aborted: an abort would raise an error on a body no one listens to now.
        response.destroy()
        return badResponse(`the body is larger than ${req.limit} bytes`)
      }
      await req.sink.write(chunk)
      req.onData?.(chunk.length)
      bodyDropped(chunk.length)
    }
    const length = Number(header('content-length') ?? Number.NaN)
    if (!decoder && Number.isInteger(length) && received !== length) {
      return {
        kind: 'error',
        class: 'truncated',
        transient: true,
        detail: 'unexpected EOF',
        resumable: { etag }
      }
    }
    return {
      kind: 'ok',
      bytes: req.sink.bytes,
      contentType: header('content-type'),
      etag,
      acceptRanges: acceptRanges || status === 206
    }
  } catch (error) {
    if (stalled) {
      return {
        kind: 'error',
        class: 'stalled',
        transient: true,
        detail: headersSeen
          ? `no progress for ${seconds(req.stallTimeoutMs)} in the body`
          : `no answer for ${seconds(req.stallTimeoutMs)}`,
        resumable: headersSeen ? {} : undefined
      }
    }
    if (req.signals.some(signal => signal.aborted)) {
      const timedOut = req.signals.some(
        signal => signal.aborted && (signal.reason as { name?: string } | undefined)?.name === 'TimeoutError'
      )
      return timedOut
        ? { kind: 'error', class: 'timeout', transient: true, detail: "the step's time budget ran out" }
        : { kind: 'error', class: 'stalled', transient: true, detail: 'cancelled' }
    }
    const failure = classifyUpstreamError(error)
    // Once the headers are in, a connection that drops is a body cut short.
    if (headersSeen && failure.class === 'reset')
      return { ...failure, class: 'truncated', detail: 'unexpected EOF', resumable: {} }
    return { ...failure, resumable: headersSeen && failure.transient ? {} : undefined }
  } finally {
    watch.stop()
  }
}

function decoderFor(encoding: string): ReturnType<typeof createGunzip> | undefined | null {
  if (encoding === 'identity' || encoding === '') return undefined
  if (encoding === 'gzip' || encoding === 'x-gzip') return createGunzip()
  if (encoding === 'deflate') return createInflate()
  if (encoding === 'br') return createBrotliDecompress()
  return null
}

/** A garbled answer may be a passing fault; a refused redirect is not. */
function badResponse(detail: string, transient = true): UpstreamResult {
  return { kind: 'error', class: 'bad-response', transient, detail }
}

async function readText(body: Readable, max: number): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      if (size < max) chunks.push(chunk.subarray(0, max - size))
      size += chunk.length
      if (size >= max) break
    }
  } catch {
    // What arrived of an error page is enough.
  }
  body.destroy()
  return Buffer.concat(chunks).toString('utf8')
}

/** Retry-After as seconds or an HTTP date, in ms from now; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined) return undefined
  const text = value.trim()
  if (/^\d+$/.test(text)) return Number(text) * 1000
  const date = Date.parse(text)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`
}

/** A Node error on an upstream request as a failure class, in go's words (failures/net-errors.ts). */
function classifyUpstreamError(error: unknown): {
  kind: 'error'
  class: FailureClass
  transient: boolean
  detail: string
} {
  const known = classifyNodeError(error)
  return {
    kind: 'error',
    class: known.class,
    transient: known.transient,
    detail: known.message.slice(0, 200)
  }
}
