import type { FailureClass } from '../failures/classes.js'
import { backoffDelay, type BackoffSettings } from './backoff.js'
import type { Clock } from './clock.js'
import { decideAttempt, type Decision } from './decisions.js'

/** What one try found: a value, or what each of its failures calls for. */
export type TryOutcome<T> =
  { ok: true; value: T } | { ok: false; decisions: readonly Decision[]; classes: readonly FailureClass[] }

export interface SourcesOptions<S> {
  /** Mirrors or download sites, in the order to use them. */
  sources: readonly S[]
  /** Tries per source. */
  maxTries: number
  backoff: BackoffSettings
  clock: Clock
  /** Clock time at which the budget runs out: no try starts, and no backoff ends, after it. */
  deadline?: number
  /** Called before each backoff wait. */
  waiting?(source: S, delayMs: number, tryNumber: number): void
  /** Called after a failed try with the decision taken on it. */
  decided?(source: S, decision: Decision, tryNumber: number): void
}

export type SourcesResult<S, T> =
  { ok: true; value: T; source: S } | { ok: false; reason: 'fail' | 'exhausted' | 'deadline' }

/**
 * Tries the sources in turn, under the retry policy: a failure worth retrying is tried again on the same
 * source after a jittered backoff while tries remain, any other moves to the next source, and one that no
 * source can fix stops at once.
 */
export async function trySources<S, T>(
  opts: SourcesOptions<S>,
  run: (source: S, attempt: { tryNumber: number; delayMs: number }) => Promise<TryOutcome<T>>
): Promise<SourcesResult<S, T>> {
  for (const source of opts.sources) {
    let failedClasses: readonly FailureClass[] | undefined
    for (let tryNumber = 1; tryNumber <= opts.maxTries; tryNumber++) {
      const delayMs = failedClasses
        ? backoffDelay(tryNumber - 1, failedClasses, opts.backoff, opts.clock.random)
        : 0
      if (opts.deadline !== undefined && opts.clock.now() + delayMs >= opts.deadline) {
        return { ok: false, reason: 'deadline' }
      }
      if (delayMs > 0) {
        opts.waiting?.(source, delayMs, tryNumber)
        await opts.clock.sleep(delayMs)
      }
      const outcome = await run(source, { tryNumber, delayMs })
      if (outcome.ok) return { ok: true, value: outcome.value, source }
      const decision = decideAttempt(outcome.decisions, tryNumber, opts.maxTries)
      opts.decided?.(source, decision, tryNumber)
      if (decision === 'fail') return { ok: false, reason: 'fail' }
      if (decision !== 'retry') break
      failedClasses = outcome.classes
    }
  }
  return { ok: false, reason: 'exhausted' }
}
