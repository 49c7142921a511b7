import { randomUUID } from 'node:crypto'
import { mkdir, rename, rm } from 'node:fs/promises'
import path from 'node:path'
import type http from 'node:http'
import type { Clock } from '../policy/clock.js'
import { backoffDelay, type BackoffSettings } from '../policy/backoff.js'
import { loopLag } from '../policy/loop-lag.js'
import type { FailureClass } from '../failures/classes.js'
import type { ModuleSums } from '../go/gosum.js'
import { describeProxyRequest, type ProxyRequest } from '../go/proxy-path.js'
import { MirrorState, type ProbeHeard } from './health.js'
import type { DownloadCacheWriter } from '../go/download-cache.js'
import { downloadDir, escapeModulePath } from '../go/modcache.js'
import type { FileRecord, TryRecord } from './types.js'
import { FileSink, discard, nowhere, type BodySink } from './sinks.js'
import { fetchUpstream, type UpstreamResult } from './upstream.js'
import {
  MAX_INFO_BYTES,
  MAX_LIST_BYTES,
  MAX_SUMDB_BYTES,
  MOD_IN_MEMORY_BYTES,
  SpillSink,
  verifyModDigest,
  type MemoryBudget
} from './memory.js'
import { MAX_MOD_BYTES, MAX_ZIP_BYTES, verifyInfo, verifyText, verifyZip, type Verdict } from './verify.js'

export interface RelayPolicy {
  /** Tries per request per mirror for transient failures (the `max-attempts` input). */
  maxAttempts: number
  backoff: BackoffSettings
  stallTimeoutMs: number
  /** Upstream requests in flight per mirror. */
  concurrency: number
  onChecksumMismatch: 'fallback' | 'fail'
  /** Clock time after which nothing new starts and everything in flight is stopped. */
  deadline: number
  /** The least time before a request with no answer is hedged. */
  hedgeFloorMs?: number
  /**
   * How long a down mirror is left alone before one request goes to it again in the background
   * (half-open); doubled after each one it leaves unanswered, up to ten times as long.
   */
  downRetryMs?: number
}

/** A file as the relay answers go: the body on disk or in memory, or an error status with a reason. */
export type Answer =
  | { ok: true; size: number; file?: string; data?: Buffer; contentType: string; record: FileRecord }
  | { ok: false; status: number; text: string; record: FileRecord }

/** What a request class of failure calls for at the request level. */
interface Judgement {
  class: FailureClass
  transient: boolean
  /** retry: same mirror again; next: the next mirror; stop: no mirror will do better. */
  action: 'retry' | 'next' | 'stop'
  /** The mirror itself looks unwell: counts toward its breaker. */
  unhealthy: boolean
  notFound?: boolean
  /** The mirror is down and was not waited for beyond one hedge delay: its silence says nothing of the file. */
  down?: boolean
  retryAfterMs?: number
  detail: string
}

const HEDGE_PROGRESS_BYTES = 8 * 1024
/** Copies of one try beyond the first: a second hedge goes out when the first goes quiet too. */
const MAX_HEDGES = 2
const MAX_PUSHBACKS = 10

/** Athens, goproxy and Artifactory answer 404/410 when their own upstream fetch failed. */
const DISGUISED_OUTAGE = /temporarily unavailable|fetch timed out|bad upstream|timeout|try again/i

export function judge(result: Exclude<UpstreamResult, { kind: 'ok' }>): Judgement {
  if (result.kind === 'error') {
    const action =
      result.class === 'connection' || result.class === 'tls' || result.class === 'local'
        ? 'next'
        : result.class === 'bad-response' || (result.class === 'dns' && !result.transient)
          ? 'next'
          : 'retry'
    const unhealthy = ['connection', 'dns', 'tls', 'stalled', 'timeout'].includes(result.class)
    return { class: result.class, transient: result.transient, action, unhealthy, detail: result.detail }
  }
  const status = result.status
  const detail = `${status} ${result.statusText}`.trim()
  const base = { detail, unhealthy: false, retryAfterMs: result.retryAfterMs }
  if (status === 404 || status === 410) {
    if (DISGUISED_OUTAGE.test(result.text)) {
      return { ...base, class: 'not-found', transient: true, action: 'retry' }
    }
    return { ...base, class: 'not-found', transient: false, action: 'next', notFound: true }
  }
  if (status === 401 || status === 403)
    return { ...base, class: 'forbidden', transient: false, action: 'next' }
  if (status === 429) return { ...base, class: 'rate-limited', transient: true, action: 'retry' }
  if (status === 408 || status >= 500)
    return { ...base, class: 'server-error', transient: true, action: 'retry' }
  return { ...base, class: 'bad-response', transient: false, action: 'next' }
}

export interface FetcherOptions {
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

/** Something worth a line in the log. */
export interface RelayEvent {
  kind: 'retry' | 'hedge' | 'breaker' | 'mismatch' | 'failed' | 'misconfigured' | 'down' | 'up'
  file: string
  mirror: string
  text: string
  module?: string
  version?: string
}

interface TryResult {
  mirror: MirrorState
  record: TryRecord
  result: UpstreamResult
  sink: BodySink
  verdict?: Verdict
  /** Stopped after one hedge delay because the mirror is down. */
  down?: boolean
  /** Given up before it was sent. */
  unsent?: boolean
}

/**
 * Fetches files from the mirrors under the policy, one request at a time: retries on the same mirror
 * with backoff, hedges a request that has not answered, moves on after a refusal or a not-found, trips
 * a mirror's breaker, and checks every file against go.sum before it counts as fetched.
 */
export class Fetcher {
  private readonly inFlight = new Map<string, Promise<Answer>>()
  /** Verified files: zips on disk, the small files (.mod, .info) in memory while the budget has room. */
  private readonly stored = new Map<
    string,
    { file?: string; data?: Buffer; size: number; contentType: string; record: FileRecord; charged?: number }
  >()
  private filesDir: Promise<string> | undefined
  readonly records: FileRecord[] = []
  /** The latest record of each file, by the key the store uses. */
  readonly latest = new Map<string, FileRecord>()
  private readonly abort = new AbortController()
  private readonly trialTimers = new Set<NodeJS.Timeout>()
  fromStore = 0

  constructor(private readonly opts: FetcherOptions) {}

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

  /** Whether the relay holds a verified copy of the file. */
  has(request: ProxyRequest): boolean {
    const key = storeKey(request)
    return key !== undefined && this.stored.has(key)
  }

  /** Cancels everything under way and waits (a few seconds at most) for it to let go of its files. */
  async close(): Promise<void> {
    this.abort.abort()
    for (const timer of this.trialTimers) clearTimeout(timer)
    let timer: NodeJS.Timeout | undefined
    const bound = new Promise<void>(resolve => (timer = setTimeout(resolve, 5000)))
    await Promise.race([Promise.allSettled([...this.inFlight.values()]), bound])
    clearTimeout(timer)
  }

  private now(): number {
    return this.opts.clock.now()
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
    const { policy } = this.opts
    const order = this.order().filter(m => !only || only.includes(m))
    const failures: { mirror: MirrorState; judgement: Judgement }[] = []
    let skipped = 0
    const broken = this.opts.mirrors.filter(m => m.misconfigured && (!only || only.includes(m)))

    const giveUp = (status: number, cls: FailureClass, transient: boolean, text: string): Answer => {
      record.outcome = this.abort.signal.aborted ? 'cancelled' : status === 404 ? 'not-found' : 'failed'
      record.failure = { class: cls, transient, message: text }
      // go's copy of the text names the file; the log line names it already.
      const prefix = `${record.name}: `
      if (status !== 404)
        this.event('failed', record, '', text.startsWith(prefix) ? text.slice(prefix.length) : text)
      return { ok: false, status, text: goText(text), record }
    }
    const usable = (from: number): MirrorState[] =>
      order.slice(from).filter(o => !o.misconfigured && !o.breaker.isOpen(this.now()) && !o.liveness.isDown())

    const deferred = new Set<MirrorState>()
    for (let m = 0; m < order.length; m++) {
      const mirror = order[m] as MirrorState
      if (mirror.misconfigured) continue
      // One that went down since the request began waits behind the others too.
      if (mirror.liveness.isDown() && !deferred.has(mirror) && usable(m + 1).length > 0) {
        deferred.add(mirror)
        order.push(mirror)
        continue
      }
      // Asked already, it left the file unanswered: the others' answer stands without another wait.
      if (failures.length > 0 && mirror.liveness.leftUnanswered(rawPath)) {
        const detail = 'not asked again: it left this file unanswered, and the mirror is down'
        failures.push({ mirror, judgement: { ...DOWN, detail } })
        continue
      }
      // Where every mirror asked so far lacks the file, one whose breaker is open still has its say, once.
      const lastWord =
        mirror.breaker.isOpen(this.now()) &&
        !mirror.liveness.isDown() &&
        failures.length > 0 &&
        failures.every(f => f.judgement.notFound)
      // A down mirror is asked last, whatever its breaker says, and waited for as its liveness allows.
      const skip =
        !mirror.liveness.isDown() &&
        !lastWord &&
        !mirror.breaker.allows(this.now()) &&
        (usable(m + 1).length > 0 || failures.length > 0)
      if (skip) {
        skipped++
        continue
      }
      let resume: { sink: BodySink; etag?: string } | undefined
      let waited: number | undefined
      let pushbacks = 0
      for (let attempt = 1; attempt <= (lastWord ? 1 : policy.maxAttempts); attempt++) {
        if (this.now() >= policy.deadline) {
          if (resume) await discard(resume.sink)
          return giveUp(502, 'timeout', true, `${record.name}: the step's time budget ran out`)
        }
        const hedgeTarget = (): MirrorState => usable(m + 1)[0] ?? mirror
        const askedElsewhere = alongside || failures.some(f => f.mirror !== mirror)
        const outcome = await this.race(
          request,
          rawPath,
          mirror,
          hedgeTarget,
          record,
          resume,
          waited,
          askedElsewhere
        )
        if (outcome.winner) return this.accept(request, key, outcome.winner, record)
        const loser = outcome.loser
        const judgement = judgementOf(loser)
        failures.push({ mirror, judgement })
        if (judgement.class === 'checksum-mismatch') {
          record.mismatched = [...new Set([...(record.mismatched ?? []), mirror.endpoint.label])]
          this.event('mismatch', record, mirror.endpoint.label, judgement.detail)
          if (policy.onChecksumMismatch === 'fail') {
            await discard(loser.sink)
            return giveUp(
              502,
              'checksum-mismatch',
              false,
              `${record.name}: ${mirror.endpoint.label} served a copy that does not match go.sum`
            )
          }
        }
        const cut = loser.result.kind === 'error' ? loser.result.resumable : undefined
        if (cut && loser.sink.bytes > 0) resume = { sink: loser.sink, etag: cut.etag }
        else {
          resume = undefined
          await discard(loser.sink)
        }
        if (judgement.down && !loser.unsent) mirror.liveness.unanswered(rawPath)
        if (judgement.notFound || judgement.down) break
        const alone = usable(m + 1).length === 0
        const worthIt =
          judgement.action === 'retry' || (alone && judgement.transient && judgement.action === 'next')
        // A rate limit that says when to come back is an appointment, not a failed try (at most ten).
        const pushback =
          judgement.class === 'rate-limited' &&
          judgement.retryAfterMs !== undefined &&
          pushbacks < MAX_PUSHBACKS
        // Another mirror that can answer now beats waiting for this one's appointment.
        if (pushback && !alone) break
        if (pushback) {
          pushbacks++
          attempt--
        }
        if (attempt >= policy.maxAttempts || !worthIt || !mirror.budget.take()) break
        waited = this.waitBefore(attempt, judgement)
        if (this.now() + waited >= policy.deadline) break
        mirror.stats.retries++
        this.event(
          'retry',
          record,
          mirror.endpoint.label,
          `${judgement.detail}; try ${attempt + 1} of ${policy.maxAttempts} in ${waited} ms`
        )
        if (waited > 0) await this.pause(waited)
      }
      if (resume) await discard(resume.sink)
    }

    // A mirror's last word counts: a 503 that turned into a 404 on the next try is a not-found.
    const lastWords = new Map<MirrorState, Judgement>()
    for (const f of failures) lastWords.set(f.mirror, f.judgement)
    const words = [...lastWords.values()]
    // A down mirror's silence is no word on the file: the others' not-found stands.
    const heard = [...lastWords].filter(([, j]) => !j.down)
    const down = [...lastWords].filter(([, j]) => j.down).map(([d]) => d.endpoint.label)
    if (heard.length > 0 && skipped === 0 && heard.every(([, j]) => j.notFound)) {
      const silent = down.length > 0 ? `; ${down.join(', ')} down (no answer since the relay started)` : ''
      return giveUp(
        404,
        'not-found',
        false,
        `${record.name}: not found on ${heard.map(([l]) => l.endpoint.label).join(', ')}${silent}`
      )
    }
    if (words.length === 0 && broken.length > 0) {
      const reasons = broken.map(b => `${b.endpoint.label} ${b.misconfigured}`)
      return giveUp(502, 'bad-response', false, `${record.name}: ${reasons.join('; ')}`)
    }
    if (words.length === 0)
      return giveUp(502, 'connection', true, `${record.name}: every mirror is unreachable`)
    const decisive =
      [...failures].reverse().find(f => !f.judgement.notFound) ??
      (failures[failures.length - 1] as { judgement: Judgement })
    return giveUp(
      502,
      decisive.judgement.class,
      decisive.judgement.transient,
      `${record.name}: ${summarise(failures)}`
    )
  }

  /** A deliberate wait, which tells the download's watchdog every second that the relay is still at work. */
  private async pause(ms: number): Promise<void> {
    const until = this.now() + ms
    while (this.now() < until && !this.abort.signal.aborted) {
      await this.opts.clock.sleep(Math.min(1000, until - this.now()))
      this.opts.onProgress()
    }
  }

  private event(kind: RelayEvent['kind'], record: FileRecord, mirror: string, text: string): void {
    this.opts.onEvent?.({
      kind,
      file: record.name,
      mirror,
      text,
      module: record.module,
      version: record.version
    })
  }

  /**
   * Mirrors in the order to try: healthy ones as listed, then those a probe or the breaker found
   * unwell, then those that are down.
   */
  private order(): MirrorState[] {
    const now = this.now()
    const usable = this.opts.mirrors.filter(m => !m.misconfigured)
    const down = usable.filter(m => m.liveness.isDown())
    const well = usable.filter(m => !m.suspect && !m.breaker.isOpen(now) && !down.includes(m))
    const unwell = usable.filter(m => !well.includes(m) && !down.includes(m))
    return [...well, ...unwell, ...down]
  }

  /** What the connectivity probe heard from a mirror, as soon as it has. */
  probed(mirror: MirrorState, verdict: ProbeHeard): void {
    if (mirror.liveness.probed(verdict, this.now())) this.wentDown(mirror, 'the probe had no answer from it')
  }

  /** Any answer from a mirror: one that was down is back, in its listed place. */
  private heardFrom(mirror: MirrorState): void {
    if (!mirror.liveness.answered()) return
    mirror.suspect = false
    this.opts.onEvent?.({
      kind: 'up',
      file: '',
      mirror: mirror.endpoint.label,
      text: 'answered again: no longer down, and asked in its listed place'
    })
  }

  /** The next background request to a down mirror (half-open), at the time its liveness says. */
  private scheduleTrial(mirror: MirrorState): void {
    if (this.abort.signal.aborted || mirror.endpoint.kind !== 'http') return
    const wait = mirror.liveness.claimTrial(this.now())
    if (wait === undefined) return
    const timer = setTimeout(() => {
      this.trialTimers.delete(timer)
      void this.trial(mirror)
    }, wait)
    timer.unref()
    this.trialTimers.add(timer)
  }

  /**
   * One request to a down mirror's root, in the background, with the full stall window: no one waits
   * for it, and any answer (its status line is enough) ends the downtime. Not counted among the
   * mirror's requests: it fetches nothing for anyone.
   */
  private async trial(mirror: MirrorState): Promise<void> {
    const control = new AbortController()
    let answered = !mirror.liveness.isDown()
    if (!answered) {
      await fetchUpstream({
        mirror: mirror.endpoint,
        path: '',
        sink: nowhere(),
        limit: MAX_INFO_BYTES,
        signal: AbortSignal.any([
          control.signal,
          this.abort.signal,
          deadlineSignal(this.opts.policy.deadline, this.now())
        ]),
        stallTimeoutMs: this.opts.policy.stallTimeoutMs,
        agent: this.opts.agent,
        onHeaders: () => {
          answered = true
          control.abort()
          this.heardFrom(mirror)
        }
      })
    }
    mirror.liveness.trialDone(answered, this.now())
    this.scheduleTrial(mirror)
  }

  private waitBefore(attempt: number, judgement: Judgement): number {
    const { policy } = this.opts
    const left = Math.max(0, policy.deadline - this.now())
    if (judgement.retryAfterMs !== undefined)
      return Math.min(judgement.retryAfterMs, policy.backoff.maxMs, left)
    return Math.min(backoffDelay(attempt, [judgement.class], policy.backoff, this.opts.clock.random), left)
  }

  /** The hedge deadline of a mirror: its recent p95 time to first byte, never below the floor. */
  private hedgeDelay(mirror: MirrorState): number {
    const floor = this.opts.policy.hedgeFloorMs ?? 1000
    const p95 = mirror.latencies.recentPercentile(95) ?? 0
    return Math.min(Math.max(floor, p95), Math.max(floor, this.opts.policy.stallTimeoutMs / 2))
  }

  /**
   * One try on a mirror, with at most one hedge: when the try has not answered (or its body has not
   * moved) within the mirror's hedge deadline, the same request goes to the next mirror (or to the same
   * one on a fresh connection) and the first verified copy wins; the other is cancelled. Without a
   * winner, the primary try is returned for the caller to judge.
   */
  private async race(
    request: ProxyRequest,
    rawPath: string,
    mirror: MirrorState,
    hedgeTarget: () => MirrorState,
    record: FileRecord,
    resume: { sink: BodySink; etag?: string } | undefined,
    waitedMs: number | undefined,
    askedElsewhere: boolean
  ): Promise<{ winner?: TryResult; loser: TryResult }> {
    const primaryControl = new AbortController()
    const primary = {
      target: mirror,
      control: primaryControl,
      // Once its mirror is down, a try still waiting for a connection slot gives way to the next mirror.
      ...this.startTry(
        request,
        rawPath,
        mirror,
        false,
        record,
        primaryControl,
        resume,
        waitedMs,
        () => !mirror.liveness.isDown() || hedgeTarget() === mirror
      ),
      result: undefined as TryResult | undefined,
      cut: undefined as 'unsent' | 'quiet' | undefined
    }
    const hedges: (typeof primary)[] = []
    let primaryResult: TryResult | undefined
    const hedgeMs = this.hedgeDelay(mirror)
    // Whether a mirror other than the copy's own was asked for the file: then a down one is not waited for.
    const elsewhere = (copy: typeof primary): boolean =>
      copy.target !== mirror ||
      askedElsewhere ||
      hedges.some(h => h.result !== undefined && h.target !== mirror)
    const watchSilence = (): void => {
      const now = this.now()
      for (const copy of [primary, ...hedges]) {
        if (copy.result || copy.cut) continue
        const { liveness } = copy.target
        const copyHedgeMs = this.hedgeDelay(copy.target)
        const quiet = copy.quietFor()
        if (liveness.quiet(quiet, copyHedgeMs, now))
          this.wentDown(copy.target, `no answer for ${Math.round(quiet)} ms`)
        const patience = liveness.patienceMs(this.opts.policy.stallTimeoutMs, copyHedgeMs, elsewhere(copy))
        if (patience < this.opts.policy.stallTimeoutMs && quiet >= patience) {
          copy.cut = 'quiet'
          copy.control.abort()
        } else if (copy === primary && liveness.isDown() && !copy.sent() && hedgeTarget() !== mirror) {
          // Still waiting for a connection slot when its mirror went down: the next mirror is asked instead.
          copy.cut = 'unsent'
          copy.control.abort()
        }
      }
    }

    const outcome = await new Promise<{ winner?: TryResult; loser: TryResult }>(resolve => {
      const finish = (value: { winner?: TryResult; loser: TryResult }): void => {
        clearInterval(timer)
        resolve(value)
      }
      const settle = (): void => {
        if (primaryResult && succeeded(primaryResult)) {
          for (const h of hedges) h.control.abort()
          return finish({ winner: primaryResult, loser: primaryResult })
        }
        const won = hedges.find(h => h.result && succeeded(h.result))
        if (won?.result) {
          primaryControl.abort()
          for (const h of hedges) if (h !== won) h.control.abort()
          return finish({ winner: won.result, loser: won.result })
        }
        if (primaryResult && hedges.every(h => h.result)) finish({ loser: primaryResult })
      }
      const timer = setInterval(
        () => {
          watchSilence()
          if (hedges.length >= MAX_HEDGES || primaryResult || this.now() >= this.opts.policy.deadline) return
          // A hedge goes out when every copy under way has been quiet for the hedge delay.
          const quietFor = Math.min(
            primary.quietFor(),
            ...hedges.map(h => (h.result ? Infinity : h.quietFor()))
          )
          if (quietFor < hedgeMs) return
          // The silence that sends a hedge may make the mirror down: settled before its slots are given up.
          watchSilence()
          const target = hedgeTarget()
          // A down mirror is no hedge's target once another mirror has been asked, not even on a new connection.
          const another = askedElsewhere || hedges.some(h => h.target !== mirror)
          if ((target.liveness.isDown() && another) || !target.budget.take()) return
          // A copy gone quiet no longer counts against `concurrency`: stalled bodies must not starve the mirror.
          // A down mirror's slots stay taken while the hedge goes elsewhere: its waiters go to the next mirror too.
          for (const copy of [primary, ...hedges])
            if (!copy.target.liveness.isDown() || copy.target === target) copy.yieldSlot()
          mirror.stats.hedges++
          const control = new AbortController()
          const started = this.startTry(request, rawPath, target, true, record, control, undefined, undefined)
          const hedge: typeof primary = { target, control, ...started, result: undefined, cut: undefined }
          hedges.push(hedge)
          const where = target === mirror ? 'the same mirror on a new connection' : target.endpoint.label
          this.event(
            'hedge',
            record,
            mirror.endpoint.label,
            `no progress for ${quietFor} ms; asking ${where} too`
          )
          void hedge.run.then(result => {
            hedge.result = hedge.cut ? this.cutShort(result, hedge.cut) : result
            settle()
          })
        },
        Math.max(20, Math.min(250, Math.floor(hedgeMs / 4)))
      )
      timer.unref()
      void primary.run.then(result => {
        const cut = primary.cut ?? (result.unsent ? 'unsent' : undefined)
        primaryResult = cut ? this.cutShort(result, cut) : result
        primary.result = primaryResult
        settle()
      })
    })

    if (outcome.winner) {
      if (outcome.winner.record.hedge) outcome.winner.mirror.stats.hedgesWon++
      for (const run of [primary.run, ...hedges.map(h => h.run)]) {
        void run.then(async result => {
          if (result === outcome.winner) return
          result.record.outcome = 'lost'
          if (!result.record.hedge && !result.unsent) this.quietLoser(result)
          await discard(result.sink)
        })
      }
    } else {
      for (const h of hedges) void h.run.then(result => discard(result.sink))
    }
    return outcome
  }

  /** A copy stopped because its mirror is down: its silence, not a failure to judge or retry. */
  private cutShort(result: TryResult, why: 'unsent' | 'quiet'): TryResult {
    if (result.result.kind !== 'error' || result.result.detail !== 'cancelled') return result
    const { mirror, record } = result
    record.class = 'stalled'
    if (why === 'unsent') {
      record.detail = 'not asked: the mirror is down'
      return { ...result, down: true }
    }
    record.detail = `no answer for ${record.durationMs} ms; the mirror is down`
    mirror.stats.failuresByClass.stalled = (mirror.stats.failuresByClass.stalled ?? 0) + 1
    return { ...result, down: true }
  }

  private wentDown(mirror: MirrorState, why: string): void {
    this.scheduleTrial(mirror)
    this.opts.onEvent?.({
      kind: 'down',
      file: '',
      mirror: mirror.endpoint.label,
      text: `${why}, and none since the relay started: down; asked only after the other mirrors, for ${this.hedgeDelay(mirror)} ms at most, and again in the background now and then`
    })
  }

  /** A copy that lost to a hedge without ever answering tells the breaker the mirror went quiet. */
  private quietLoser(loser: TryResult): void {
    if (loser.record.firstByteMs !== undefined) return
    loser.record.class = 'stalled'
    loser.record.detail = 'no answer before another copy arrived'
    const { mirror } = loser
    mirror.stats.failuresByClass.stalled = (mirror.stats.failuresByClass.stalled ?? 0) + 1
    if (mirror.breaker.failure(this.now())) mirror.stats.breakerTrips++
  }

  private startTry(
    request: ProxyRequest,
    rawPath: string,
    mirror: MirrorState,
    hedge: boolean,
    record: FileRecord,
    control: AbortController,
    resume: { sink: BodySink; etag?: string } | undefined,
    waitedMs: number | undefined,
    wanted: () => boolean = () => true
  ): { run: Promise<TryResult>; quietFor: () => number; yieldSlot: () => void; sent: () => boolean } {
    // Waiting for a free connection slot is not the mirror's silence: the clock starts once it is sent.
    // Nor is the relay's own lag: time the event loop was held up is left out.
    let last: number | undefined
    let lagAtLast = 0
    const lag = loopLag()
    const mark = (): void => {
      last = this.now()
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
      hedge,
      startMs: this.now() - this.opts.startedAt,
      durationMs: 0,
      bytes: 0,
      outcome: 'failed',
      waitedMs,
      resumedAt: resume && resume.sink.bytes > 0 ? resume.sink.bytes : undefined
    }
    record.tries.push(tryRecord)
    const run = (async (): Promise<TryResult> => {
      release = await mirror.slots.acquire(record.servedToGo, control.signal)
      if (control.signal.aborted || !wanted()) {
        // Given up before it was sent: no request, and no try to report.
        giveBack()
        record.tries.splice(record.tries.indexOf(tryRecord), 1)
        const result: UpstreamResult = {
          kind: 'error',
          class: 'stalled',
          transient: true,
          detail: 'cancelled'
        }
        return { mirror, record: tryRecord, result, sink: resume?.sink ?? nowhere(), unsent: true }
      }
      const started = this.now()
      mark()
      tryRecord.startMs = started - this.opts.startedAt
      const scratch = path.join(this.opts.storeDir, 'tmp')
      const sink =
        resume?.sink ??
        (request.kind === 'version' && request.file === 'zip'
          ? new FileSink(path.join(scratch, randomUUID()))
          : new SpillSink({
              dir: scratch,
              budget: this.opts.budget,
              inMemoryBytes:
                request.kind === 'version' && request.file === 'mod' ? MOD_IN_MEMORY_BYTES : Infinity
            }))
      mirror.stats.requests++
      try {
        const result = await fetchUpstream({
          mirror: mirror.endpoint,
          path: rawPath,
          sink,
          limit: limitFor(request),
          signal: AbortSignal.any([
            control.signal,
            this.abort.signal,
            deadlineSignal(this.opts.policy.deadline, this.now())
          ]),
          stallTimeoutMs: this.opts.policy.stallTimeoutMs,
          resume: resume ? { etag: resume.etag } : undefined,
          agent: this.opts.agent,
          onHeaders: () => {
            mark()
            tryRecord.firstByteMs = this.now() - started
            this.heardFrom(mirror)
            this.opts.onProgress()
          },
          onData: bytes => {
            // A trickle is not progress worth waiting for: the hedge clock moves on every 8 KiB or so.
            sinceMark += bytes
            if (sinceMark >= HEDGE_PROGRESS_BYTES) {
              sinceMark = 0
              mark()
            }
            mirror.stats.bytes += bytes
            this.opts.onProgress()
          }
        })
        if (sink instanceof FileSink) await sink.close()
        tryRecord.durationMs = this.now() - started
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
          verdict = await this.verify(request, sink)
          if (!verdict.ok) tryRecord.detail = verdict.reason
        }
        const out: TryResult = { mirror, record: tryRecord, result, sink, verdict }
        this.account(out)
        return out
      } finally {
        giveBack()
        this.opts.onProgress()
      }
    })()
    const quietFor = (): number =>
      last === undefined ? 0 : Math.max(0, Math.round(this.now() - last - (lag.blockedMs() - lagAtLast)))
    return { run, quietFor, yieldSlot: giveBack, sent: () => last !== undefined }
  }

  private async verify(request: ProxyRequest, sink: BodySink): Promise<Verdict> {
    if (request.kind !== 'version') return verifyText((sink as SpillSink).head)
    const sums = this.opts.sums.get(`${request.module}@${request.version}`)
    if (request.file === 'zip') return verifyZip((sink as FileSink).file, sums?.zip)
    const small = sink as SpillSink
    if (request.file === 'mod') return verifyModDigest(small.head, small.sha256(), sums?.mod)
    return verifyInfo(await small.read(), request.version)
  }

  /** Stats and health after a try; a cancelled hedge loser is settled by the race. */
  private account(t: TryResult): void {
    const { mirror, record } = t
    const now = this.now()
    if (t.result.kind === 'ok' && t.verdict?.ok) {
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
      this.opts.onEvent?.({
        kind: 'misconfigured',
        file: '',
        mirror: mirror.endpoint.label,
        text: `${t.result.detail}: skipped for the rest of the run`
      })
    }
    const judgement = judgementOf(t)
    record.class = judgement.class
    mirror.stats.failuresByClass[judgement.class] = (mirror.stats.failuresByClass[judgement.class] ?? 0) + 1
    if (judgement.unhealthy && mirror.breaker.failure(now)) {
      mirror.stats.breakerTrips++
      this.opts.onEvent?.({
        kind: 'breaker',
        file: '',
        mirror: mirror.endpoint.label,
        text: `${judgement.detail}: skipped for a while after ${mirror.breaker.trips === 1 ? 'repeated' : 'more'} failures`
      })
    }
  }

  private async accept(
    request: ProxyRequest,
    key: string,
    winner: TryResult,
    record: FileRecord
  ): Promise<Answer> {
    winner.record.outcome = 'ok'
    record.outcome = 'ok'
    record.servedBy = winner.mirror.endpoint.label
    record.bytes = winner.sink.bytes
    const contentType = contentTypeOf(request)
    const cached = await this.intoCache(request, winner)
    if (cached) {
      record.cached = true
      const stored = { file: cached, size: winner.sink.bytes, contentType, record }
      this.stored.set(key, stored)
      return { ok: true, ...stored }
    }
    if (winner.sink instanceof FileSink) {
      const file = await this.keep(request, winner.sink.file)
      const stored = { file, size: winner.sink.bytes, contentType, record }
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
      const stored = { file: await this.keep(request, body.file), size, contentType, record }
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
  private async intoCache(request: ProxyRequest, winner: TryResult): Promise<string | undefined> {
    const cache = this.opts.cache
    const record = this.latestRecord(request)
    if (!cache || request.kind !== 'version' || !record || record.servedToGo || !winner.verdict?.ok) return
    const want = this.opts.sums.get(`${request.module}@${request.version}`)
    const target = path.join(
      downloadDir(cache.modCache, request.module),
      `${escapeModulePath(request.version)}.${request.file}`
    )
    if (request.file === 'zip') {
      // A .ziphash makes go skip its own hashing: only for a zip that hashed to go.sum's line.
      if (want?.zip === undefined || winner.verdict.hash !== want.zip) return
      const file = (winner.sink as FileSink).file
      const result = await cache.writeZip(request.module, request.version, file, want.zip)
      if (result === 'failed') return
      await rm(file, { force: true })
      return target
    }
    if (request.file === 'mod' && (want?.mod === undefined || winner.verdict.hash !== want.mod)) return
    const sink = winner.sink as SpillSink
    const result = await cache.writeSmall(request.module, request.version, request.file, await sink.read())
    if (result === 'failed') return
    // On disk in go's cache now: the relay's copy, and its share of the memory budget, go.
    await sink.discard()
    return target
  }

  private latestRecord(request: ProxyRequest): FileRecord | undefined {
    const key = storeKey(request)
    return key === undefined ? undefined : this.latest.get(key)
  }

  private async keep(_request: ProxyRequest, scratch: string): Promise<string> {
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

function succeeded(t: TryResult): boolean {
  return t.result.kind === 'ok' && t.verdict?.ok === true
}

/** A down mirror's silence: no word on the file, and no reason to try it again now. */
const DOWN = { class: 'stalled', transient: true, action: 'next', unhealthy: false, down: true } as const

function judgementOf(t: TryResult): Judgement {
  if (t.down) return { ...DOWN, detail: t.record.detail ?? 'no answer; the mirror is down' }
  return t.verdict && !t.verdict.ok
    ? verdictJudgement(t.verdict)
    : judge(t.result as Exclude<UpstreamResult, { kind: 'ok' }>)
}

/** A copy that fails its checks: another mirror first; a garbled one is worth asking the same mirror again. */
function verdictJudgement(verdict: Extract<Verdict, { ok: false }>): Judgement {
  return verdict.mismatch
    ? {
        class: 'checksum-mismatch',
        transient: false,
        action: 'next',
        unhealthy: false,
        detail: verdict.reason
      }
    : { class: 'bad-response', transient: true, action: 'next', unhealthy: false, detail: verdict.reason }
}

function summarise(failures: readonly { mirror: MirrorState; judgement: Judgement }[]): string {
  const byMirror = new Map<string, Map<string, number>>()
  for (const { mirror, judgement } of failures) {
    const counts = byMirror.get(mirror.endpoint.label) ?? new Map<string, number>()
    counts.set(judgement.detail, (counts.get(judgement.detail) ?? 0) + 1)
    byMirror.set(mirror.endpoint.label, counts)
  }
  return [...byMirror]
    .map(
      ([mirror, counts]) => `${mirror}: ${[...counts].map(([d, n]) => (n > 1 ? `${d} ×${n}` : d)).join(', ')}`
    )
    .join('; ')
}

/** What go shows of a relay error in its own message: short, one line per mirror, plain UTF-8. */
function goText(text: string): string {
  // go drops a server response with control characters in it, so none may reach it.
  const clean = [...text].map(c => (c < ' ' || c === '\u007f' ? ' ' : c)).join('')
  const lines = clean.split('; ').slice(0, 7)
  return `${lines.join('\n').slice(0, 600)}\n`
}

export function storeKey(request: ProxyRequest): string | undefined {
  return request.kind === 'version' ? `${request.module}@${request.version}.${request.file}` : undefined
}

function limitFor(request: ProxyRequest): number {
  if (request.kind === 'sumdb') return MAX_SUMDB_BYTES
  if (request.kind !== 'version') return MAX_LIST_BYTES
  if (request.file === 'info') return MAX_INFO_BYTES
  return request.file === 'zip' ? MAX_ZIP_BYTES + 1 : MAX_MOD_BYTES
}

/** A file an answer is still being streamed from: go has it long before this. */
function removeLater(file: string): void {
  setTimeout(() => void rm(file, { force: true }), 60_000).unref()
}

function contentTypeOf(request: ProxyRequest): string {
  if (request.kind === 'version' && request.file === 'zip') return 'application/zip'
  if (request.kind === 'version' && request.file === 'info') return 'application/json'
  return 'text/plain; charset=utf-8'
}

function deadlineSignal(deadline: number, now: number): AbortSignal {
  // Node's timers hold at most 2^31-1 ms; a longer timeout would fire at once.
  return AbortSignal.timeout(Math.min(2 ** 31 - 1, Math.max(1, deadline - now)))
}
