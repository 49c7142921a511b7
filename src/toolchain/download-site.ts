/** Fetching from Go's download sites: one GET over the action's pools, each site tried in turn under the retry policy. */
import { createHash } from 'node:crypto'
import { open } from 'node:fs/promises'
import type { IncomingMessage } from 'node:http'
import { formatDuration } from '../config/duration.js'
import type { Classification } from '../failures/classes.js'
import { classify } from '../failures/classify.js'
import { errorMessage } from '../failures/errors.js'
import { classifyNodeError, nodeErrorCode } from '../failures/net-errors.js'
import { firstLine } from '../go/command.js'
import { sendGet, type ConnectionPools } from '../network/agents.js'
import type { BackoffSettings } from '../policy/backoff.js'
import type { Clock } from '../policy/clock.js'
import { decideFailure } from '../policy/decisions.js'
import { trySources } from '../policy/sources.js'
import { StallWatch } from '../policy/stall.js'
import { redactUrl } from '../security/redact.js'
import type { GoRelease, GoReleaseFile } from './releases.js'

/** A failed request, classified the way the engine classifies go's own failures. */
class RequestFailure extends Error {
  constructor(
    message: string,
    readonly classification: Classification
  ) {
    super(message)
  }
}

/** Classifies what the request threw by Node's error code; a body cut short is truncated whatever the socket said. */
function networkFailure(url: string, error: unknown, duringBody: boolean): RequestFailure {
  const code = nodeErrorCode(error)
  const cause = (error as { cause?: { message?: string } }).cause
  const detail = cause?.message ?? errorMessage(error)
  const node = classifyNodeError(error)
  const classification: Classification =
    duringBody && node.class !== 'timeout' && node.class !== 'tls'
      ? { class: 'truncated', transient: true }
      : { class: node.class, transient: node.transient }
  return new RequestFailure(`${redactUrl(url)}: ${detail}${code ? ` (${code})` : ''}`, classification)
}

/** An HTTP status, in go's words, so the classifier's status rules decide it. */
function statusFailure(url: string, status: number, statusText: string): RequestFailure {
  const message = `reading ${redactUrl(url)}: ${status} ${statusText}`.trimEnd()
  return new RequestFailure(message, classify(message))
}

/** Redirects followed at most, as go's client does. */
const MAX_REDIRECTS = 10

/**
 * One GET through the pools whose body is handed over chunk by chunk, following redirects as go's client
 * does (never from https to plain http); abandoned when nothing arrives for the stall timeout.
 */
async function get(
  url: string,
  opts: Pick<SiteOptions, 'pools' | 'stallTimeoutMs'>,
  onChunk: (chunk: Uint8Array) => Promise<void>
): Promise<void> {
  const controller = new AbortController()
  let stalled = false
  const watch = new StallWatch({
    stallTimeoutMs: opts.stallTimeoutMs,
    onStall: () => {
      stalled = true
      controller.abort()
    }
  })
  const stallFailure = (): RequestFailure =>
    new RequestFailure(`${redactUrl(url)}: no progress for ${formatDuration(opts.stallTimeoutMs)}`, {
      class: 'stalled',
      transient: true
    })
  const headers = { 'accept-encoding': 'identity', 'user-agent': 'go-mod-download-action' }
  try {
    let target = new URL(url)
    let response: IncomingMessage
    for (let hop = 0; ; hop++) {
      try {
        response = await sendGet(target, {
          headers,
          signals: [controller.signal],
          agent: opts.pools.forUrl(target)
        })
      } catch (error) {
        throw stalled ? stallFailure() : networkFailure(url, error, false)
      }
      watch.answered()
      const status = response.statusCode ?? 0
      const location = response.headers.location
      if (status < 300 || status >= 400 || status === 304 || !location) break
      response.resume()
      const next = redirectTarget(target, location)
      if (typeof next === 'string' || hop >= MAX_REDIRECTS) {
        const why = typeof next === 'string' ? next : `more than ${MAX_REDIRECTS} redirects`
        throw new RequestFailure(`${redactUrl(url)}: ${why}`, { class: 'bad-response', transient: false })
      }
      target = next
    }
    const status = response.statusCode ?? 0
    if (status !== 200) {
      response.resume()
      throw statusFailure(url, status, response.statusMessage ?? '')
    }
    const length = Number(response.headers['content-length'] ?? Number.NaN)
    let received = 0
    try {
      for await (const chunk of response as AsyncIterable<Buffer>) {
        received += chunk.length
        watch.progress(chunk.length)
        await onChunk(chunk).catch((error: unknown) => {
          // The runner's disk, not the site: no other site can fix it.
          throw new RequestFailure(`writing ${redactUrl(url)}: ${String(error)}`, {
            class: 'local',
            transient: false
          })
        })
      }
    } catch (error) {
      if (error instanceof RequestFailure) throw error
      throw stalled ? stallFailure() : networkFailure(url, error, true)
    }
    if (Number.isInteger(length) && received !== length) {
      throw new RequestFailure(`${redactUrl(url)}: unexpected EOF`, { class: 'truncated', transient: true })
    }
  } finally {
    watch.stop()
    controller.abort()
  }
}

/** Where a redirect leads, or why it is not followed. */
function redirectTarget(from: URL, location: string): URL | string {
  let next: URL
  try {
    next = new URL(location, from)
  } catch {
    return 'a redirect to an unreadable location'
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') return 'a redirect to a URL that is not HTTP'
  if (from.protocol === 'https:' && next.protocol !== 'https:') return 'a redirect from https to plain http'
  return next
}

interface SiteFailure {
  base: string
  tries: number
  failure: RequestFailure
}

/** What fetching from the download sites takes: the sites, the retry policy, and the pools to reach them. */
export interface SiteOptions {
  baseUrls: readonly string[]
  maxAttempts: number
  backoff: BackoffSettings
  stallTimeoutMs: number
  clock: Clock
  pools: ConnectionPools
  log: (line: string) => void
}

/** What came from the first site that could serve it, or why none could, in one line. */
export type FromSites<T> = { ok: true; value: T } | { ok: false; message: string }

/** Runs a request against each base URL in turn under the module download policy (see trySources). */
async function fromAnySite<T>(
  what: string,
  opts: SiteOptions,
  request: (base: string) => Promise<T>
): Promise<FromSites<T>> {
  const failures = new Map<string, SiteFailure>()
  const result = await trySources<string, T>(
    {
      sources: opts.baseUrls,
      maxTries: opts.maxAttempts,
      backoff: opts.backoff,
      clock: opts.clock,
      waiting: (base, delayMs) =>
        opts.log(`Trying ${what} from ${redactUrl(base)} again in ${formatDuration(delayMs)}`)
    },
    async (base, { tryNumber }) => {
      try {
        return { ok: true, value: await request(base) }
      } catch (error) {
        const failure =
          error instanceof RequestFailure
            ? error
            : new RequestFailure(errorMessage(error), { class: 'unknown', transient: true })
        opts.log(`${what}: ${failure.classification.class}: ${failure.message}`)
        failures.set(base, { base, tries: tryNumber, failure })
        // The archive's bits are checked against the index as they arrive: a mismatch is this site's.
        const decision = decideFailure(failure.classification, {
          onChecksumMismatch: 'fallback',
          fetchedBadCopy: true
        })
        return { ok: false, decisions: [decision], classes: [failure.classification.class] }
      }
    }
  )
  if (result.ok) return { ok: true, value: result.value }
  return { ok: false, message: giveUp(what, [...failures.values()]) }
}

function giveUp(what: string, failures: readonly SiteFailure[]): string {
  const detail = failures
    .map(
      f =>
        `${redactUrl(f.base)} ${f.failure.classification.class} after ${f.tries} tr${f.tries === 1 ? 'y' : 'ies'} (${firstLine(f.failure.message)})`
    )
    .join('; ')
  return `Could not download ${what}: ${detail}`
}

/** The release index from the first site that serves one. */
export async function fetchIndex(opts: SiteOptions): Promise<FromSites<GoRelease[]>> {
  return fromAnySite('the Go release index', opts, async base => {
    const url = `${base}?mode=json&include=all`
    const chunks: Uint8Array[] = []
    await get(url, opts, async chunk => void chunks.push(chunk))
    let releases: unknown
    try {
      releases = JSON.parse(Buffer.concat(chunks).toString('utf8'))
    } catch {
      throw new RequestFailure(`${redactUrl(url)}: the release index is not JSON`, {
        class: 'bad-response',
        transient: false
      })
    }
    if (!Array.isArray(releases)) {
      throw new RequestFailure(`${redactUrl(url)}: the release index is not a list of releases`, {
        class: 'bad-response',
        transient: false
      })
    }
    return releases as GoRelease[]
  })
}

/** Downloads the archive into `dest`, hashing it on the way; bits that differ from the index are refused. */
export async function fetchArchive(
  file: GoReleaseFile,
  dest: string,
  opts: SiteOptions
): Promise<FromSites<string>> {
  return fromAnySite(file.filename, opts, async base => {
    const url = `${base}${file.filename}`
    const hash = createHash('sha256')
    const handle = await open(dest, 'w')
    try {
      await get(url, opts, async chunk => {
        hash.update(chunk)
        await handle.write(chunk)
      })
    } finally {
      await handle.close()
    }
    const actual = hash.digest('hex')
    if (actual !== file.sha256.toLowerCase()) {
      throw new RequestFailure(
        `${redactUrl(url)}: sha256 ${actual} differs from the index's ${file.sha256}; the archive was discarded`,
        { class: 'checksum-mismatch', transient: false }
      )
    }
    return url
  })
}
