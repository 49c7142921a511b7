import { classify as defaultClassify } from '../failures/classify.js'
import type { GoRunner } from '../go/command.js'
import { proxyRequestOf } from '../go/proxy-path.js'
import { purgeModule } from '../go/modcache.js'
import { CLASS_TRAITS, type Classification } from '../failures/classes.js'
import type { BackoffSettings } from '../policy/backoff.js'
import { realClock, type Clock } from '../policy/clock.js'
import { decideFailure, type ChecksumMismatchMode, type Decision } from '../policy/decisions.js'
import { trySources } from '../policy/sources.js'
import { completed, runAttempt } from './attempt.js'
import { Mirrors, type Mirror } from './mirrors.js'
import type {
  RelayRoute,
  Attempt,
  DownloadReport,
  ModuleFailure,
  PurgedModule,
  RecoveredModule,
  WorkdirResult
} from './types.js'

export interface EngineOptions {
  /** Working directories: `label` as the user wrote it, `dir` absolute. */
  workdirs: { label: string; dir: string }[]
  /** Mirrors: GOPROXY entries in the user's order (URLs, `direct`, `off`). */
  mirrors: string[]
  /** Entries a connectivity probe found unreachable: tried after the others, never skipped. */
  tryLast?: readonly string[]
  maxAttempts: number
  backoff: BackoffSettings
  stallTimeoutMs: number
  timeoutMs: number
  /** Clock time at which the step's budget runs out (it began before the probes); timeoutMs from now when absent. */
  deadline?: number
  onChecksumMismatch: ChecksumMismatchMode
  /** Environment for go, without GOPROXY (each attempt sets its own). */
  env: NodeJS.ProcessEnv
  modCache: string
  runner: GoRunner
  classify?: (message: string) => Classification
  clock?: Clock
  events?: EngineEvents
  /** When set, every attempt points go at the relay, which serves the mirrors per request. */
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
 * Downloads the modules of every working directory: each attempt is one go process pointed at one
 * mirror, so the action, not go, decides when to retry, when to move on and when to give up.
 */
export async function downloadModules(opts: EngineOptions): Promise<DownloadOutcome> {
  const clock = opts.clock ?? realClock
  const classify = opts.classify ?? defaultClassify
  const began = clock.now()
  const deadline = opts.deadline ?? began + opts.timeoutMs
  const mirrors = opts.relay
    ? new Mirrors([{ value: opts.relay.goproxy, label: opts.relay.label }])
    : new Mirrors(opts.mirrors, opts.tryLast)
  const attempts: Attempt[] = []
  const failed: ModuleFailure[] = []
  const recovered: RecoveredModule[] = []
  const purged: PurgedModule[] = []
  const workdirs: WorkdirResult[] = []
  let timedOut = false

  for (const workdir of opts.workdirs) {
    const history = new ModuleHistory()
    let last: { attempt: Attempt; purged: PurgedModule[] } | undefined
    const result = await trySources<Mirror, Attempt>(
      {
        sources: mirrors.inOrder(),
        maxTries: opts.maxAttempts,
        backoff: opts.backoff,
        clock,
        deadline,
        decided: (_mirror, decision) => {
          if (!last) return
          last.attempt.decision = decision
          opts.events?.attemptFinished?.(last.attempt)
          for (const entry of last.purged) opts.events?.purged?.(entry)
        }
      },
      async (mirror, { tryNumber, delayMs }) => {
        const number = (opts.firstAttempt ?? 1) + attempts.length
        opts.events?.attemptStarted?.({
          number,
          workdir: workdir.label,
          mirror: mirror.label,
          try: tryNumber,
          delayMs
        })
        const { attempt, fetched } = await runAttempt(
          {
            number,
            workdir,
            mirror,
            try: tryNumber,
            delayMs,
            startMs: clock.now() - began,
            env: { ...opts.env, GOPROXY: mirror.value },
            stallTimeoutMs: opts.stallTimeoutMs,
            deadline,
            modCache: opts.modCache,
            relay: opts.relay,
            modules: opts.modules
          },
          { runner: opts.runner, clock, classify, onLine: opts.events?.line }
        )
        attempts.push(attempt)
        mirrors.record(mirror, attempt)
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
            last.purged.push({ module: failure.module, version: failure.version, proxy: mirror.label })
          }
        }
        purged.push(...last.purged)
        if (attempt.failures.some(f => CLASS_TRAITS[f.class].demotesMirror)) mirrors.demote(mirror)
        if (attempt.stopped === 'timeout') timedOut = true
        // Past the step's budget no mirror can help: the attempt's own failures do not matter.
        const decisions: Decision[] =
          attempt.stopped === 'timeout'
            ? ['fail']
            : attempt.failures.map(f =>
                decideFailure(f, {
                  onChecksumMismatch: opts.onChecksumMismatch,
                  fetchedBadCopy: f.fromRelay === true || fetchedFrom(attempt, f)
                })
              )
        return { ok: false, decisions, classes: attempt.failures.map(f => f.class) }
      }
    )
    if (!result.ok && result.reason === 'deadline') timedOut = true
    const completedBy = result.ok ? result.source.label : undefined

    const ok = completedBy !== undefined
    workdirs.push({ workdir: workdir.label, ok, completedBy })
    if (!ok && last) failed.push(...last.attempt.failures)
    recovered.push(...history.recovered())
    if (timedOut) {
      for (const rest of opts.workdirs.slice(opts.workdirs.indexOf(workdir) + 1)) {
        workdirs.push({ workdir: rest.label, ok: false })
      }
      break
    }
  }

  const exported = mirrors.exportOrder(workdirs.map(w => w.completedBy))
  return {
    report: {
      outcome: workdirs.every(w => w.ok) ? 'success' : 'failure',
      durationMs: clock.now() - began,
      workdirs,
      attempts,
      failed,
      recovered,
      mirrors: mirrors.stats(),
      purged,
      exportProxy: exported.map(m => m.label).join('|'),
      timedOut,
      timeoutMs: opts.timeoutMs
    },
    goproxyForLaterSteps: exported.map(m => m.value).join('|')
  }
}

/** True when the attempt itself requested the module's files (rather than reading a cached copy). */
function fetchedFrom(attempt: Attempt, failure: ModuleFailure): boolean {
  return attempt.requests.some(r => {
    const target = proxyRequestOf(r.url, attempt.proxy)
    return (
      target?.kind === 'version' && target.module === failure.module && target.version === failure.version
    )
  })
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
