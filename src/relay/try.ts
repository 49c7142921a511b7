/**
 * One try: one request to one mirror, its body into a sink, the copy checked against go.sum, and the
 * outcome judged once. The judgement feeds the mirror's health here and the walk's next step after.
 */
import path from 'node:path'
import type { FailureClass } from '../failures/classes.js'
import { classifyStatus } from '../failures/classify.js'
import { asksFor, type ProxyRequest } from '../go/proxy-path.js'
import { scratchName } from '../go/disk.js'
import {
  decideRequest,
  MIRROR_RULES,
  type ChecksumMismatchMode,
  type RequestAction,
  type RequestFailure
} from '../policy/decisions.js'
import { loopLag } from '../policy/loop-lag.js'
import type { FileRequest, RelayContext } from './context.js'
import type { MirrorState } from './health.js'
import {
  MAX_INFO_BYTES,
  MAX_LIST_BYTES,
  MAX_SUMDB_BYTES,
  MOD_IN_MEMORY_BYTES,
  SpillSink,
  verifyModDigest
} from './memory.js'
import { FileSink, nowhere, type BodySink } from './sinks.js'
import type { TryRecord } from './types.js'
import { fetchUpstream, type UpstreamResult } from './upstream.js'
import {
  anticipateZip,
  MAX_MOD_BYTES,
  MAX_ZIP_BYTES,
  verifyInfo,
  verifyText,
  verifyZip,
  type Verdict
} from './verify.js'

/** What a failed try calls for at the request level, as policy/decisions.ts decides it. */
export interface Judgement {
  class: FailureClass
  transient: boolean
  /** retry: same mirror again; next: the next mirror; stop: no mirror is asked any more. */
  action: RequestAction
  /** The mirror itself looks unwell: counts toward its breaker. */
  unhealthy: boolean
  notFound?: boolean
  /** The mirror is down and was not waited for beyond one hedge delay: its silence says nothing of the file. */
  down?: boolean
  retryAfterMs?: number
  /** The Retry-After is an appointment: keeping it uses up no try. */
  appointment?: boolean
  detail: string
}

export interface TryResult {
  mirror: MirrorState
  record: TryRecord
  result: UpstreamResult
  sink: BodySink
  verdict?: Verdict
  /** What a failure calls for, judged once; none for a verified copy. */
  judgement?: Judgement
  /** Given up before it was sent. */
  unsent?: boolean
}

/** A body cut short, to be asked for again from where it stopped. */
export interface Resume {
  sink: BodySink
  etag?: string
}

export interface TryOptions {
  /** Sent because the copies before it went quiet. */
  hedge: boolean
  control: AbortController
  resume?: Resume
  /** The wait before it (backoff or Retry-After), for the report. */
  waitedMs?: number
  /** Asked once a connection slot is free: false gives the try up before it is sent. */
  wanted?: () => boolean
}

export interface StartedTry {
  run: Promise<TryResult>
  /**
   * ms since the try last moved (sent, answered, 8 KiB of body), the relay's own lag left out; 0 until
   * sent, and 0 once the whole body is in (while the copy is checked).
   */
  quietFor(): number
  /** Gives its connection slot back before it ends. */
  yieldSlot(): void
  sent(): boolean
}

const HEDGE_PROGRESS_BYTES = 8 * 1024

export function succeeded(t: TryResult): boolean {
  return t.result.kind === 'ok' && t.verdict?.ok === true
}

/** Starts one try on a mirror once it has a connection slot; the result is judged and accounted for. */
export function startTry(
  ctx: RelayContext,
  file: FileRequest,
  mirror: MirrorState,
  opts: TryOptions
): StartedTry {
  const { request, record } = file
  const { control, resume } = opts
  const wanted = opts.wanted ?? (() => true)
  // Waiting for a free connection slot is not the mirror's silence: the clock starts once it is sent.
  // Nor is the relay's own lag: time the event loop was held up is left out.
  let last: number | undefined
  let lagAtLast = 0
  // Once the body is in, the mirror owes nothing more: the time the copy takes to be checked is the
  // relay's, and no hedge goes out for it.
  let received = false
  const lag = loopLag()
  const mark = (): void => {
    last = ctx.clock.now()
    lagAtLast = lag.blockedMs()
  }
  let release: (() => void) | undefined
  let released = false
  const giveBack = (): void => {
    if (released || !release) return
    released = true
    release()
  }
  let sinceMark = 0
  const tryRecord: TryRecord = {
    mirror: mirror.endpoint.label,
    hedge: opts.hedge,
    startMs: ctx.clock.now() - ctx.startedAt,
    durationMs: 0,
    bytes: 0,
    outcome: 'failed',
    waitedMs: opts.waitedMs,
    resumedAt: resume && resume.sink.bytes > 0 ? resume.sink.bytes : undefined
  }
  record.tries.push(tryRecord)
  const run = (async (): Promise<TryResult> => {
    release = await mirror.slots.acquire(record.servedToGo, control.signal)
    if (control.signal.aborted || !wanted()) {
      // Given up before it was sent: no request, and no try to report.
      giveBack()
      record.tries.splice(record.tries.indexOf(tryRecord), 1)
      const result: UpstreamResult = { kind: 'error', class: 'stalled', transient: true, detail: 'cancelled' }
      return {
        mirror,
        record: tryRecord,
        result,
        sink: resume?.sink ?? nowhere(),
        judgement: judge(result, ctx.policy.onChecksumMismatch),
        unsent: true
      }
    }
    const started = ctx.clock.now()
    mark()
    tryRecord.startMs = started - ctx.startedAt
    const sink = resume?.sink ?? newSink(ctx, request)
    mirror.stats.requests++
    try {
      const result = await fetchUpstream({
        mirror: mirror.endpoint,
        path: file.rawPath,
        sink,
        limit: limitFor(request),
        signals: [control.signal, ctx.stopped],
        stallTimeoutMs: ctx.policy.stallTimeoutMs,
        resume: resume ? { etag: resume.etag } : undefined,
        agent: ctx.agent,
        onHeaders: () => {
          mark()
          tryRecord.firstByteMs = ctx.clock.now() - started
          ctx.mirrors.heardFrom(mirror)
          ctx.onProgress()
        },
        // A thread to hash a large zip starts while its body arrives, not once it is in.
        onBody: asksFor(request, 'zip') ? anticipateZip : undefined,
        onData: bytes => {
          // A trickle is not progress worth waiting for: the hedge clock moves on every 8 KiB or so.
          sinceMark += bytes
          if (sinceMark >= HEDGE_PROGRESS_BYTES) {
            sinceMark = 0
            mark()
          }
          mirror.stats.bytes += bytes
          ctx.onProgress()
        }
      })
      received = true
      if (sink instanceof FileSink) await sink.close()
      tryRecord.durationMs = ctx.clock.now() - started
      tryRecord.bytes = sink.bytes
      if (result.kind === 'status') {
        tryRecord.status = result.status
        tryRecord.detail = `${result.status} ${result.statusText}`.trim()
        if (result.status === 404 || result.status === 410) mirror.stats.answered = true
      } else if (result.kind === 'error') {
        tryRecord.detail = result.detail
      }
      let verdict: Verdict | undefined
      if (result.kind === 'ok') {
        tryRecord.status = 200
        verdict = await verify(ctx, request, sink)
        if (!verdict.ok) tryRecord.detail = verdict.reason
      }
      const out: TryResult = { mirror, record: tryRecord, result, sink, verdict }
      if (!succeeded(out)) out.judgement = judgeTry(result, verdict, ctx.policy.onChecksumMismatch)
      account(ctx, out)
      return out
    } finally {
      giveBack()
      ctx.onProgress()
    }
  })()
  const quietFor = (): number =>
    last === undefined || received
      ? 0
      : Math.max(0, Math.round(ctx.clock.now() - last - (lag.blockedMs() - lagAtLast)))
  return { run, quietFor, yieldSlot: giveBack, sent: () => last !== undefined }
}

/** Where a body goes: a zip to a file, anything else to memory while the budget has room. */
function newSink(ctx: RelayContext, request: ProxyRequest): BodySink {
  const scratch = path.join(ctx.storeDir, 'tmp')
  if (asksFor(request, 'zip')) {
    return new FileSink(scratchName(scratch))
  }
  return new SpillSink({
    dir: scratch,
    budget: ctx.budget,
    inMemoryBytes: asksFor(request, 'mod') ? MOD_IN_MEMORY_BYTES : Infinity
  })
}

async function verify(ctx: RelayContext, request: ProxyRequest, sink: BodySink): Promise<Verdict> {
  if (request.kind !== 'version') return verifyText((sink as SpillSink).head)
  const sums = ctx.sums.get(`${request.module}@${request.version}`)
  if (request.file === 'zip') return verifyZip((sink as FileSink).file, sums?.zip, sink.bytes)
  const small = sink as SpillSink
  if (request.file === 'mod') return verifyModDigest(small.head, small.sha256(), sums?.mod)
  return verifyInfo(await small.read(), request.version)
}

/** Stats and health after a try; a cancelled hedge loser is settled by the race. */
function account(ctx: RelayContext, t: TryResult): void {
  const { mirror, record, judgement } = t
  if (!judgement) {
    mirror.stats.ok++
    mirror.stats.answered = true
    mirror.budget.answered()
    mirror.breaker.success()
    if (record.firstByteMs !== undefined) mirror.latencies.add(record.firstByteMs)
    return
  }
  if (t.result.kind === 'error' && t.result.detail === 'cancelled') return
  if (t.result.kind === 'error' && t.result.misconfigured && !mirror.misconfigured) {
    mirror.misconfigured = t.result.detail
    ctx.onEvent({
      kind: 'misconfigured',
      file: '',
      mirror: mirror.endpoint.label,
      text: `${t.result.detail}: skipped for the rest of the run`
    })
  }
  record.class = judgement.class
  mirror.countFailure(judgement.class)
  if (judgement.unhealthy && mirror.breaker.failure(ctx.clock.now())) {
    mirror.stats.breakerTrips++
    ctx.onEvent({
      kind: 'breaker',
      file: '',
      mirror: mirror.endpoint.label,
      text: `${judgement.detail}: skipped for a while after ${mirror.breaker.trips === 1 ? 'repeated' : 'more'} failures`
    })
  }
}

/** A copy stopped because its mirror is down: its silence, not a failure to judge or retry. */
export function cutShort(t: TryResult, why: 'unsent' | 'quiet'): TryResult {
  if (t.result.kind !== 'error' || t.result.detail !== 'cancelled') return t
  const { mirror, record } = t
  record.class = 'stalled'
  if (why === 'unsent') {
    record.detail = 'not asked: the mirror is down'
    return { ...t, judgement: downJudgement(record.detail) }
  }
  record.detail = `no answer for ${record.durationMs} ms; the mirror is down`
  mirror.countFailure('stalled')
  return { ...t, judgement: downJudgement(record.detail) }
}

/** A down mirror's silence: no word on the file, and no reason to try it again now. */
export function downJudgement(detail: string): Judgement {
  const { action, breaker } = MIRROR_RULES.down
  return { class: 'stalled', transient: true, action, unhealthy: breaker, down: true, detail }
}

/** The judgement of a try that did not bring a verified copy. */
export function judgeTry(
  result: UpstreamResult,
  verdict: Verdict | undefined,
  onChecksumMismatch: ChecksumMismatchMode
): Judgement {
  return verdict && !verdict.ok
    ? verdictJudgement(verdict, onChecksumMismatch)
    : judge(result as Exclude<UpstreamResult, { kind: 'ok' }>, onChecksumMismatch)
}

/** A failed answer judged by the decision table: its class, then what the request and the mirror's health make of it. */
export function judge(
  result: Exclude<UpstreamResult, { kind: 'ok' }>,
  onChecksumMismatch: ChecksumMismatchMode
): Judgement {
  if (result.kind === 'error') {
    const failure = { class: result.class, transient: result.transient, misconfigured: result.misconfigured }
    return judged(failure, result.detail, onChecksumMismatch)
  }
  const { class: failureClass, transient } = classifyStatus(result.status, result.text)
  const detail = `${result.status} ${result.statusText}`.trim()
  return judged({ class: failureClass, transient }, detail, onChecksumMismatch, result.retryAfterMs)
}

/** A copy that fails its checks: a mismatch with go.sum, or a garbled copy. */
function verdictJudgement(
  verdict: Extract<Verdict, { ok: false }>,
  onChecksumMismatch: ChecksumMismatchMode
): Judgement {
  const failure: RequestFailure = verdict.mismatch
    ? { class: 'checksum-mismatch', transient: false }
    : { class: 'bad-response', transient: true }
  return judged(failure, verdict.reason, onChecksumMismatch)
}

function judged(
  failure: RequestFailure,
  detail: string,
  onChecksumMismatch: ChecksumMismatchMode,
  retryAfterMs?: number
): Judgement {
  const { action, breaker, appointment } = decideRequest(failure, onChecksumMismatch)
  return {
    class: failure.class,
    transient: failure.transient,
    action,
    unhealthy: breaker,
    ...(failure.class === 'not-found' && !failure.transient ? { notFound: true } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    ...(appointment && retryAfterMs !== undefined ? { appointment: true } : {}),
    detail
  }
}

function limitFor(request: ProxyRequest): number {
  if (request.kind === 'sumdb') return MAX_SUMDB_BYTES
  if (request.kind !== 'version') return MAX_LIST_BYTES
  if (request.file === 'info') return MAX_INFO_BYTES
  return request.file === 'zip' ? MAX_ZIP_BYTES + 1 : MAX_MOD_BYTES
}
