/**
 * One request walked over the mirrors, shaped like cmd/go's TryProxies: each mirror in order is asked
 * (its tries, with backoff, pushbacks and hedges) until one serves a verified copy; without one, what
 * the mirrors said is ranked for the answer go gets. Unlike go's walk, a refusal or an outage on one
 * mirror never ends it: the next mirror is asked, and only a file every mirror lacks is a 404.
 */
import type { FailureClass } from '../failures/classes.js'
import { backoffDelay } from '../policy/backoff.js'
import { askAgain } from '../policy/decisions.js'
import { fileEvent, type FileRequest, type RelayContext } from './context.js'
import type { MirrorState } from './health.js'
import { race, type RaceOptions, type RaceOutcome } from './hedge.js'
import { discard } from './sinks.js'
import { downJudgement, type Judgement, type Resume, type TryResult } from './try.js'
import type { Answer } from './types.js'

const MAX_PUSHBACKS = 10

/** What one mirror said about the file on one try. */
export interface MirrorWord {
  mirror: MirrorState
  judgement: Judgement
}

/** How a walk without a copy ends: the status go gets, the class that decided it, and why in words. */
export interface GiveUp {
  status: number
  class: FailureClass
  transient: boolean
  text: string
}

export type Walked = { won: TryResult } | { lost: Extract<Answer, { ok: false }> }

/** One try on a mirror, hedged: relay/hedge.ts `race`, or a stand-in in tests. */
export type TryOnce = (
  ctx: RelayContext,
  file: FileRequest,
  mirror: MirrorState,
  opts: RaceOptions
) => Promise<RaceOutcome>

export interface WalkOptions {
  /** Only these mirrors are asked. */
  only?: readonly MirrorState[]
  /** The other mirrors are asked the same at once (not waited for here). */
  alongside?: boolean
  tryOnce?: TryOnce
}

/** Walks the mirrors for one file: the copy that won, or the answer go gets when none did. */
export async function walkMirrors(
  ctx: RelayContext,
  file: FileRequest,
  opts: WalkOptions = {}
): Promise<Walked> {
  const { only } = opts
  const order = ctx.mirrors.order().filter(m => !only || only.includes(m))
  const words: MirrorWord[] = []
  let skipped = 0
  const broken = ctx.mirrors.list.filter(m => m.misconfigured && (!only || only.includes(m)))
  const usable = (from: number): MirrorState[] => order.slice(from).filter(o => ctx.mirrors.usable(o))
  const now = (): number => ctx.clock.now()

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
    if (words.length > 0 && mirror.liveness.leftUnanswered(file.rawPath)) {
      const detail = 'not asked again: it left this file unanswered, and the mirror is down'
      words.push({ mirror, judgement: downJudgement(detail) })
      continue
    }
    // Where every mirror asked so far lacks the file, one whose breaker is open still has its say, once.
    const lastWord =
      mirror.breaker.isOpen(now()) &&
      !mirror.liveness.isDown() &&
      words.length > 0 &&
      words.every(f => f.judgement.notFound)
    // A down mirror is asked last, whatever its breaker says, and waited for as its liveness allows.
    const skip =
      !mirror.liveness.isDown() &&
      !lastWord &&
      !mirror.breaker.allows(now()) &&
      (usable(m + 1).length > 0 || words.length > 0)
    if (skip) {
      skipped++
      continue
    }
    const said = await askMirror(ctx, file, mirror, words, {
      tries: lastWord ? 1 : ctx.policy.maxAttempts,
      others: () => usable(m + 1),
      askedElsewhere: opts.alongside === true || words.some(f => f.mirror !== mirror),
      tryOnce: opts.tryOnce ?? race
    })
    if (said) return said
  }
  return { lost: giveUp(ctx, file, giveUpWords(file.record.name, words, skipped, broken)) }
}

/**
 * One mirror's tries: again after a backoff while its failures call for it and its retry budget allows,
 * a Retry-After kept as an appointment, a body cut short resumed. Undefined when the walk goes on.
 */
async function askMirror(
  ctx: RelayContext,
  file: FileRequest,
  mirror: MirrorState,
  words: MirrorWord[],
  opts: { tries: number; others: () => MirrorState[]; askedElsewhere: boolean; tryOnce: TryOnce }
): Promise<Walked | undefined> {
  const { policy } = ctx
  const { record } = file
  let resume: Resume | undefined
  let waited: number | undefined
  let pushbacks = 0
  for (let attempt = 1; attempt <= opts.tries; attempt++) {
    if (ctx.clock.now() >= policy.deadline) {
      if (resume) await discard(resume.sink)
      const text = `${record.name}: the step's time budget ran out`
      return { lost: giveUp(ctx, file, { status: 502, class: 'timeout', transient: true, text }) }
    }
    const outcome = await opts.tryOnce(ctx, file, mirror, {
      hedgeTarget: () => opts.others()[0] ?? mirror,
      resume,
      waitedMs: waited,
      askedElsewhere: opts.askedElsewhere
    })
    if (outcome.winner) return { won: outcome.winner }
    const loser = outcome.loser
    const judgement = loser.judgement as Judgement
    words.push({ mirror, judgement })
    if (judgement.class === 'checksum-mismatch') {
      record.mismatched = [...new Set([...(record.mismatched ?? []), mirror.endpoint.label])]
      fileEvent(ctx, 'mismatch', record, mirror.endpoint.label, judgement.detail)
    }
    if (judgement.action === 'stop') {
      await discard(loser.sink)
      const said =
        judgement.class === 'checksum-mismatch'
          ? 'served a copy that does not match go.sum'
          : judgement.detail
      const text = `${record.name}: ${mirror.endpoint.label} ${said}`
      return {
        lost: giveUp(ctx, file, { status: 502, class: judgement.class, transient: judgement.transient, text })
      }
    }
    const cut = loser.result.kind === 'error' ? loser.result.resumable : undefined
    if (cut && loser.sink.bytes > 0) resume = { sink: loser.sink, etag: cut.etag }
    else {
      resume = undefined
      await discard(loser.sink)
    }
    if (judgement.down && !loser.unsent) mirror.liveness.unanswered(file.rawPath)
    if (judgement.notFound || judgement.down) break
    const alone = opts.others().length === 0
    const worthIt = askAgain(judgement, !alone)
    // A Retry-After the table calls an appointment is not a failed try (at most ten).
    const pushback = judgement.appointment === true && pushbacks < MAX_PUSHBACKS
    // Another mirror that can answer now beats waiting for this one's appointment.
    if (pushback && !alone) break
    if (pushback) {
      pushbacks++
      attempt--
    }
    if (attempt >= policy.maxAttempts || !worthIt || !mirror.budget.take()) break
    waited = waitBefore(ctx, attempt, judgement)
    if (ctx.clock.now() + waited >= policy.deadline) break
    mirror.stats.retries++
    fileEvent(
      ctx,
      'retry',
      record,
      mirror.endpoint.label,
      `${judgement.detail}; try ${attempt + 1} of ${policy.maxAttempts} in ${waited} ms`
    )
    if (waited > 0) await pause(ctx, waited)
  }
  if (resume) await discard(resume.sink)
  return undefined
}

/**
 * How a walk without a copy ends, ranked as cmd/go ranks its mirrors' errors, most telling first: a
 * 404 only when every mirror that said anything said the file does not exist (a down mirror's silence
 * is no word on it); else the reason mirrors could not be asked at all; else the last failure that was
 * not a not-found decides. A mirror's last word counts: a 503 that turned into a 404 is a not-found.
 */
function giveUpWords(
  name: string,
  words: readonly MirrorWord[],
  skipped: number,
  broken: readonly MirrorState[]
): GiveUp {
  const lastWords = new Map<MirrorState, Judgement>()
  for (const f of words) lastWords.set(f.mirror, f.judgement)
  const heard = [...lastWords].filter(([, j]) => !j.down)
  const down = [...lastWords].filter(([, j]) => j.down).map(([d]) => d.endpoint.label)
  if (heard.length > 0 && skipped === 0 && heard.every(([, j]) => j.notFound)) {
    const silent = down.length > 0 ? `; ${down.join(', ')} down (no answer since the relay started)` : ''
    const where = heard.map(([l]) => l.endpoint.label).join(', ')
    return {
      status: 404,
      class: 'not-found',
      transient: false,
      text: `${name}: not found on ${where}${silent}`
    }
  }
  if (lastWords.size === 0 && broken.length > 0) {
    const reasons = broken.map(b => `${b.endpoint.label} ${b.misconfigured}`)
    return { status: 502, class: 'bad-response', transient: false, text: `${name}: ${reasons.join('; ')}` }
  }
  if (lastWords.size === 0)
    return { status: 502, class: 'connection', transient: true, text: `${name}: every mirror is unreachable` }
  const decisive =
    [...words].reverse().find(f => !f.judgement.notFound) ?? (words[words.length - 1] as MirrorWord)
  return {
    status: 502,
    class: decisive.judgement.class,
    transient: decisive.judgement.transient,
    text: `${name}: ${summarise(words)}`
  }
}

/** What each mirror said, in order, a repeated word counted: `m: 503 Service Unavailable ×3; n: 404 Not Found`. */
function summarise(words: readonly MirrorWord[]): string {
  const byMirror = new Map<string, Map<string, number>>()
  for (const { mirror, judgement } of words) {
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

/** The file's record says how the walk ended, the log says why (unless the file is just not there). */
function giveUp(ctx: RelayContext, file: FileRequest, end: GiveUp): Extract<Answer, { ok: false }> {
  const { record } = file
  record.outcome = ctx.closed.aborted ? 'cancelled' : end.status === 404 ? 'not-found' : 'failed'
  record.failure = { class: end.class, transient: end.transient, message: end.text }
  // go's copy of the text names the file; the log line names it already.
  const prefix = `${record.name}: `
  const reason = end.text.startsWith(prefix) ? end.text.slice(prefix.length) : end.text
  if (end.status !== 404) fileEvent(ctx, 'failed', record, '', reason)
  return { ok: false, status: end.status, text: goText(end.text), record }
}

function waitBefore(ctx: RelayContext, attempt: number, judgement: Judgement): number {
  const { policy } = ctx
  const left = Math.max(0, policy.deadline - ctx.clock.now())
  if (judgement.retryAfterMs !== undefined)
    return Math.min(judgement.retryAfterMs, policy.backoff.maxMs, left)
  return Math.min(backoffDelay(attempt, [judgement.class], policy.backoff, ctx.clock.random), left)
}

/** A deliberate wait, which tells the download's watchdog every second that the relay is still at work. */
async function pause(ctx: RelayContext, ms: number): Promise<void> {
  const until = ctx.clock.now() + ms
  while (ctx.clock.now() < until && !ctx.closed.aborted) {
    await ctx.clock.sleep(Math.min(1000, until - ctx.clock.now()))
    ctx.onProgress()
  }
}
