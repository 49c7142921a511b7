import { classify as defaultClassify } from '../failures/classify.js'
import type { GoRunner } from '../go/command.js'
import { purgeModule } from '../go/modcache.js'
import type { Classification } from '../failures/classes.js'
import type { BackoffSettings } from '../policy/backoff.js'
import { realClock, type Clock } from '../policy/clock.js'
import { decideFailure, type ChecksumMismatchMode, type Decision } from '../policy/decisions.js'
import { trySources } from '../policy/sources.js'
import { redactUrl } from '../security/redact.js'
import { completed, runAttempt } from './attempt.js'
import type {
  RelayRoute,
  Attempt,
  DownloadReport,
  GoSource,
  MirrorStats,
  ModuleFailure,
  PurgedModule,
  RecoveredModule,
  WorkdirResult
} from './types.js'

export interface EngineOptions {
  /** Working directories: `label` as the user wrote it, `dir` absolute. */
  workdirs: { label: string; dir: string }[]
  /** GOPROXY entries in the user's order (URLs, `direct`, `off`); without the relay go gets them, piped. */
  mirrors: readonly string[]
  maxAttempts: number
  backoff: BackoffSettings
  stallTimeoutMs: number
  timeoutMs: number
  /** Clock time at which the step's budget runs out (it began before the probes); timeoutMs from now when absent. */
  deadline?: number
  onChecksumMismatch: ChecksumMismatchMode
  /** Environment for go, without GOPROXY (the engine sets it). */
  env: NodeJS.ProcessEnv
  modCache: string
  runner: GoRunner
  classify?: (message: string) => Classification
  clock?: Clock
  events?: EngineEvents
  /** When set, go is pointed at the relay, which serves the mirrors per request. */
  relay?: RelayRoute
  /** `path@version` arguments for go; none downloads what each main module needs. */
  modules?: readonly string[]
  /** The number of the first attempt, when earlier ones ran in the same step. */
  firstAttempt?: number
}

/** Hooks for the log: the engine itself never writes to the runner. */
export interface EngineEvents {
  attemptStarted?(info: {
    number: number
    workdir: string
    /** Where go is pointed, as shown. */
    mirror: string
    try: number
    delayMs: number
  }): void
  line?(line: string): void
  attemptFinished?(attempt: Attempt): void
  purged?(module: PurgedModule): void
}

export interface DownloadOutcome {
  report: DownloadReport
  /** GOPROXY for later steps, with any credentials the user put in the mirror URLs. */
  goproxyForLaterSteps: string
}

/**
 * Downloads the modules of every working directory: each attempt is one go process pointed at the one
 * source (the relay, or the mirrors joined by pipes), run again for what the relay cannot see or could
 * not fix, so the action, not go, decides when to run go again and when to give up.
 */
export async function downloadModules(opts: EngineOptions): Promise<DownloadOutcome> {
  const clock = opts.clock ?? realClock
  const classify = opts.classify ?? defaultClassify
  const began = clock.now()
  const deadline = opts.deadline ?? began + opts.timeoutMs
  const source = goSource(opts)
  const attempts: Attempt[] = []
  const failed: ModuleFailure[] = []
  const recovered: RecoveredModule[] = []
  const purged: PurgedModule[] = []
  const workdirs: WorkdirResult[] = []
  let timedOut = false

  for (const workdir of opts.workdirs) {
    const history = new ModuleHistory()
    let last: { attempt: Attempt; purged: PurgedModule[] } | undefined
    const result = await trySources<GoSource, Attempt>(
      {
        sources: [source],
        maxTries: opts.maxAttempts,
        backoff: opts.backoff,
        clock,
        deadline,
        decided: (_source, decision) => {
          if (!last) return
          // go has this one source (the relay asked every mirror, or go did itself): moving on is giving up.
          last.attempt.decision = decision === 'next-mirror' ? 'fail' : decision
          opts.events?.attemptFinished?.(last.attempt)
          for (const entry of last.purged) opts.events?.purged?.(entry)
        }
      },
      async (_source, { tryNumber, delayMs }) => {
        const number = (opts.firstAttempt ?? 1) + attempts.length
        opts.events?.attemptStarted?.({
          number,
          workdir: workdir.label,
          mirror: source.label,
          try: tryNumber,
          delayMs
        })
        const { attempt, fetched, requested } = await runAttempt(
          {
            number,
            workdir,
            source,
            try: tryNumber,
            delayMs,
            startMs: clock.now() - began,
            env: { ...opts.env, GOPROXY: source.goproxy },
            stallTimeoutMs: opts.stallTimeoutMs,
            deadline,
            modCache: opts.modCache,
            relay: opts.relay,
            modules: opts.modules
          },
          { runner: opts.runner, clock, classify, onLine: opts.events?.line }
        )
        attempts.push(attempt)
        history.record(attempt, fetched)
        last = { attempt, purged: [] }

        if (completed(attempt)) {
          attempt.decision = 'done'
          opts.events?.attemptFinished?.(attempt)
          return { ok: true, value: attempt }
        }

        for (const failure of attempt.failures) {
          // The relay never lets a bad copy through: only go's own cache can hold one.
          if (failure.class === 'checksum-mismatch' && failure.module && !failure.fromRelay) {
            purgeModule(opts.modCache, failure.module, failure.version)
            const servedBy = requested.get(`${failure.module}@${failure.version}`) ?? source.label
            last.purged.push({ module: failure.module, version: failure.version, proxy: servedBy })
          }
        }
        purged.push(...last.purged)
        if (attempt.stopped === 'timeout') timedOut = true
        // Past the step's budget nothing can help: the attempt's own failures do not matter.
        const decisions: Decision[] =
          attempt.stopped === 'timeout'
            ? ['fail']
            : attempt.failures.map(f =>
                decideFailure(f, {
                  onChecksumMismatch: opts.onChecksumMismatch,
                  fetchedBadCopy: f.fromRelay === true || requested.has(`${f.module}@${f.version}`)
                })
              )
        return { ok: false, decisions, classes: attempt.failures.map(f => f.class) }
      }
    )
    if (!result.ok && result.reason === 'deadline') timedOut = true

    const ok = result.ok
    workdirs.push({ workdir: workdir.label, ok, completedBy: ok ? source.label : undefined })
    if (!ok && last) failed.push(...last.attempt.failures)
    recovered.push(...history.recovered())
    if (timedOut) {
      for (const rest of opts.workdirs.slice(opts.workdirs.indexOf(workdir) + 1)) {
        workdirs.push({ workdir: rest.label, ok: false })
      }
      break
    }
  }

  // The mirrors as listed; after a relayed download the caller orders them by the relay's account.
  const exported = opts.mirrors.filter(m => m !== 'off').join('|')
  return {
    report: {
      outcome: workdirs.every(w => w.ok) ? 'success' : 'failure',
      durationMs: clock.now() - began,
      workdirs,
      attempts,
      failed,
      recovered,
      mirrors: opts.relay ? [] : mirrorStats(opts.mirrors, attempts),
      purged,
      exportProxy: redactUrl(exported),
      timedOut,
      timeoutMs: opts.timeoutMs
    },
    goproxyForLaterSteps: exported
  }
}

/** The one source: the relay (then `direct` when listed), or the mirrors joined by pipes. */
function goSource(opts: EngineOptions): GoSource {
  if (opts.relay) {
    const { goproxy, label, base } = opts.relay
    return { goproxy, label, bases: [{ url: base, label }] }
  }
  const goproxy = opts.mirrors.join('|')
  return {
    goproxy,
    label: redactUrl(goproxy),
    bases: opts.mirrors.filter(isModuleProxy).map(url => ({ url, label: redactUrl(url) }))
  }
}

/** Whether a GOPROXY entry is a module proxy (https, http, file) rather than `direct` or `off`. */
export function isModuleProxy(entry: string): boolean {
  return /^(https?|file):/i.test(entry)
}

/**
 * Each listed mirror's requests and failures as go's `-x` trace and messages show them, when go asked
 * the mirrors itself: a module proxy gets the requests below it and the failures that name it,
 * `direct` (or `off`) the rest.
 */
function mirrorStats(mirrors: readonly string[], attempts: readonly Attempt[]): MirrorStats[] {
  const labels = mirrors.map(redactUrl)
  const proxies = labels.filter((_label, i) => isModuleProxy(mirrors[i] as string))
  const rest = labels.find((_label, i) => !isModuleProxy(mirrors[i] as string))
  const owner = (names: (label: string) => boolean): string | undefined => proxies.find(names) ?? rest
  const stats = new Map<string, MirrorStats>(
    labels.map(label => [
      label,
      { proxy: label, requests: 0, ok: 0, failuresByClass: {}, demoted: false, answered: false }
    ])
  )
  for (const attempt of attempts) {
    for (const request of attempt.requests) {
      const entry = stats.get(owner(label => request.origin === label) ?? '')
      if (!entry) continue
      entry.requests++
      if (request.status !== undefined && request.status >= 200 && request.status < 300) entry.ok++
    }
    for (const failure of attempt.failures) {
      const named = owner(label => failure.message.includes(label))
      const entry = stats.get(named ?? '')
      if (entry) entry.failuresByClass[failure.class] = (entry.failuresByClass[failure.class] ?? 0) + 1
    }
  }
  // A go process that completed answered for `direct` when no module proxy was listed beside it.
  const directDone = proxies.length === 0 && attempts.some(completed)
  for (const entry of stats.values())
    entry.answered = entry.ok > 0 || (directDone && entry.proxy === 'direct')
  return attempts.length === 0 ? [] : [...stats.values()]
}

/**
 * Remembers, per module of one working directory, the attempts (1-based, counted within the working
 * directory) that failed it and the first later attempt that fetched it.
 */
class ModuleHistory {
  private count = 0
  private readonly modules = new Map<
    string,
    { failure: ModuleFailure; first: number; last: number; fetchedAt?: number; mirror?: string }
  >()

  record(attempt: Attempt, fetched: ReadonlySet<string>): void {
    this.count++
    for (const failure of attempt.failures) {
      if (!failure.module) continue
      const key = `${failure.module}@${failure.version}`
      const seen = this.modules.get(key)
      if (seen) {
        seen.last = this.count
        seen.fetchedAt = undefined
      } else this.modules.set(key, { failure, first: this.count, last: this.count })
    }
    for (const key of fetched) {
      const seen = this.modules.get(key)
      if (seen && seen.fetchedAt === undefined && seen.last < this.count) {
        seen.fetchedAt = this.count
        seen.mirror = attempt.proxy
      }
    }
  }

  /** Modules that failed at some point and that an attempt after their last failure fetched. */
  recovered(): RecoveredModule[] {
    const result: RecoveredModule[] = []
    for (const { failure, first, fetchedAt, mirror } of this.modules.values()) {
      if (fetchedAt === undefined || mirror === undefined) continue
      result.push({
        module: failure.module,
        version: failure.version,
        class: failure.class,
        attempts: fetchedAt - first + 1,
        proxy: mirror
      })
    }
    return result
  }
}
