import { formatDuration } from '../config/duration.js'
import { downloadModules, type EngineOptions } from '../download/engine.js'
import type { DownloadReport } from '../download/types.js'
import { realGoRunner, type GoRunner } from '../go/command.js'
import { goSumFilesOf } from '../go/workspace.js'
import type { ConnectivityCheck } from '../network/connectivity.js'
import type { ChecksumMismatchMode } from '../policy/decisions.js'
import type { RelayEvent } from '../relay/types.js'
import type { startRelay } from '../relay/relay.js'
import { describeAttempt } from '../report/assemble.js'
import type { RunReport } from '../report/types.js'
import { AttemptLog } from '../runner/attempt-log.js'
import type { Runner } from '../runner/port.js'
import { escapeControls } from '../security/log-text.js'
import { redactGoproxy, redactMirror } from '../security/redact.js'
import { jobRelayRoute, joinJobRelay } from './job-relay.js'
import {
  laterStepsGoproxy,
  mirrorOrder,
  relayPlan,
  RelayStartError,
  startRelaySession,
  type RelaySession
} from './relay-session.js'
import { downloadGoSumModules, withRelayReport } from './relayed-download.js'
import type { SetUp } from './setup.js'

/** GitHub shows this many error annotations of a step; checksum mismatches take a few, the verdict one. */
export const ERROR_ANNOTATIONS = 10
const MISMATCH_ERRORS = 3

/** The download as the phases after it see it. */
export interface Downloaded {
  report: DownloadReport
  /** GOPROXY for later steps, credentials included: the mirrors that answered, best first. */
  goproxyForLaterSteps: string
  /** What the step's relay did, when go went through it. */
  relay?: RunReport['relay']
  /** go went through the relay an earlier use of the action left running for the job. */
  throughJobRelay: boolean
  /** The go.sum files of the working directories, which the relays check every file against. */
  goSumFiles: string[]
  /** Checksum mismatches shown as error annotations, out of GitHub's 10. */
  mismatchErrors: number
}

/**
 * The download: the way to the mirrors in the phase's group (the step's relay and the prefetch, or the
 * job's relay, or the mirrors themselves), then a group per go process, then, with `modules: go.sum`,
 * what go.sum names beyond the build; what the relay saw is folded into the report.
 */
export async function download(
  runner: Runner,
  job: SetUp,
  probed: { connectivity: ConnectivityCheck; tryLast: string[] },
  deps: { startRelay?: typeof startRelay } = {}
): Promise<Downloaded> {
  const { inputs, policy, workdirs, mirrors, modCache, deadline, env, warnings } = job
  const { tryLast } = probed
  const attemptLog = new AttemptLog(runner)
  let mismatchErrors = 0
  // A few checksum mismatches are error annotations; the verdict and the failures need the rest of GitHub's 10.
  const mismatchError = (line: string): void => {
    if (mismatchErrors++ < MISMATCH_ERRORS) runner.error(line)
    else runner.info(line)
  }
  const goSumFiles = goSumFilesOf(workdirs.map(w => w.dir))
  const mismatches = new Set<string>()

  const onEvent = (event: RelayEvent): void =>
    event.kind === 'misconfigured'
      ? runner.warning(`Relay: ${event.mirror} ${event.text}`)
      : relayEvent(mismatchError, attemptLog, event, policy.onChecksumMismatch, mismatches)
  const go = realGoRunner(job.goBin)
  const { jobRoute, session } = await runner.group('Download', () =>
    routeToMirrors(runner, job, probed, goSumFiles, onEvent, go, deps)
  )

  const engine: Omit<EngineOptions, 'workdirs'> = {
    mirrors,
    maxAttempts: policy.maxAttempts,
    backoff: policy.backoff,
    stallTimeoutMs: policy.stallTimeoutMs,
    timeoutMs: inputs.timeoutMs,
    deadline,
    onChecksumMismatch: policy.onChecksumMismatch,
    env,
    modCache,
    runner: go,
    relay: session?.route ?? jobRoute?.route,
    events: {
      attemptStarted: a =>
        attemptLog.open(
          `Attempt ${a.number}: ${a.workdir} via ${a.mirror} (try ${a.try}${a.delayMs ? `, after ${formatDuration(a.delayMs)}` : ''})`
        ),
      line: line => attemptLog.push(line),
      attemptFinished: attempt => {
        attemptLog.close()
        runner.info(describeAttempt(attempt))
      },
      purged: p =>
        mismatchError(
          `Checksum mismatch: ${p.module}@${p.version} served by ${p.proxy} differs from go.sum; the copy was removed`
        )
    }
  }
  const engineRun = await downloadModules({ workdirs, ...engine })
  let report = engineRun.report
  jobRoute?.close()
  // Later steps keep the job's GOPROXY, the earlier use's relay first.
  if (jobRoute) report.exportProxy = redactGoproxy(job.processEnv.GOPROXY ?? '')
  if (session && inputs.modules === 'go.sum' && report.outcome === 'success') {
    for (const warning of await downloadGoSumModules(
      workdirs,
      session.sums,
      modCache,
      report,
      engine,
      deadline
    )) {
      runner.warning(warning)
      warnings.push(warning)
    }
  }
  let goproxyForLaterSteps = engineRun.goproxyForLaterSteps
  let relayed: RunReport['relay']
  if (session) {
    // Finished even when go stopped early: every module no mirror has is then named in this one pass.
    await session.prefetched
    const closed = await session.close()
    const unpacked = closed.unpacked
    if (unpacked && unpacked.processes > 0) {
      runner.info(
        `Unpacked ahead: ${unpacked.modules} modules, by ${unpacked.processes} go ${unpacked.processes === 1 ? 'process' : 'processes'} (GOPROXY=off) while the relay waited on the mirror`
      )
    }
    attemptLog.drain('Relay: after the last attempt')
    relayed = { ...closed.report, prefetch: closed.prefetch }
    report = withRelayReport(report, closed.report, workdirs)
    goproxyForLaterSteps = laterStepsGoproxy(mirrors, closed.report, redactMirror, tryLast)
    report.exportProxy = redactGoproxy(goproxyForLaterSteps)
  }
  return {
    report,
    goproxyForLaterSteps,
    relay: relayed,
    throughJobRelay: jobRoute !== undefined,
    goSumFiles,
    mismatchErrors: Math.min(mismatchErrors, MISMATCH_ERRORS)
  }
}

/**
 * The way go reaches the mirrors: the job's relay an earlier use of the action left running, the step's
 * own relay with its prefetch (ready once what go fetches itself is verified in its cache), or, when
 * neither can be had, the mirrors themselves.
 */
async function routeToMirrors(
  runner: Runner,
  job: SetUp,
  probed: { connectivity: ConnectivityCheck; tryLast: string[] },
  goSumFiles: string[],
  onEvent: (event: RelayEvent) => void,
  go: GoRunner,
  deps: { startRelay?: typeof startRelay }
): Promise<{ jobRoute?: ReturnType<typeof jobRelayRoute>; session?: RelaySession }> {
  const { inputs, mirrors } = job
  runner.info(
    `Mirrors, in order: ${escapeControls(mirrorOrder(mirrors, probed.tryLast).map(redactMirror).join(', '))}`
  )
  probed.connectivity.downloadStarting()
  const { earlierRelay } = job
  const plan = relayPlan(mirrors)
  const joined =
    earlierRelay !== undefined &&
    inputs.proxies.length === 0 &&
    plan.served.length > 0 &&
    (await joinJobRelay(runner, earlierRelay, goSumFiles))
  if (joined) return { jobRoute: jobRelayRoute(earlierRelay, plan.direct) }
  const session = await startRelaySession({
    startRelay: deps.startRelay,
    policy: job.policy,
    modules: inputs.modules,
    mirrors,
    tryLast: probed.tryLast,
    probes: probed.connectivity,
    goSumFiles,
    dirs: job.workdirs.map(w => w.dir),
    modCache: job.modCache,
    env: job.env,
    deadline: job.deadline,
    secret: job.relaySecret,
    onEvent,
    unpack: { runner: go, env: job.env }
  }).catch((error: unknown): RelaySession | undefined => {
    if (!(error instanceof RelayStartError)) throw error
    // Without the relay go still gets every mirror, and still verifies everything against go.sum.
    const warning =
      `The relay could not start (${error.message}), so go asks the mirrors itself, joined by pipes ` +
      `(${redactGoproxy(mirrors.join('|'))}), without the relay's per-request retries, hedging and checks`
    runner.warning(warning)
    job.warnings.push(warning)
    return undefined
  })
  if (session) await relayReady(runner, session, plan.served)
  return { session }
}

/** Waits until go can start: the module graph, and the .info of each module it fetches, in its cache. */
async function relayReady(runner: Runner, session: RelaySession, served: readonly string[]): Promise<void> {
  runner.info(
    `Relay: go asks a module proxy on 127.0.0.1, which serves every request from ${served.map(redactMirror).join(', ')}`
  )
  // go starts once the module graph is verified in its cache; the zips follow in go's order, many at a
  // time, ahead of go, which then unpacks them and fetches and hashes none of them again.
  const started = Date.now()
  await session.goPart
  runner.info(
    `Prefetch: the module graph is verified in the module cache after ${formatDuration(Date.now() - started)}; go starts, and finds the zips as they come`
  )
  const { purged } = session.settled
  if (purged.length > 0) {
    runner.warning(
      `The module cache held zips that do not match go.sum; they were removed and fetched again: ${purged.slice(0, 5).join(', ')}${purged.length > 5 ? ` and ${purged.length - 5} more` : ''}`
    )
  }
}

/** Relay events in the log: a copy that does not match go.sum is an error annotation, the rest go with go's lines. */
function relayEvent(
  mismatchError: (line: string) => void,
  log: AttemptLog,
  event: RelayEvent,
  mode: ChecksumMismatchMode,
  reported: Set<string>
): void {
  if (event.kind === 'mismatch') {
    // The prefetch and go may both meet the same bad copy: one annotation is enough.
    const key = `${event.file} ${event.mirror}`
    if (reported.has(key)) return
    reported.add(key)
    const next = mode === 'fail' ? 'the step fails' : 'it was not served, and the next mirror was asked'
    mismatchError(
      `Checksum mismatch: ${event.module}@${event.version} from ${event.mirror} does not match go.sum (${event.file}); ${next}`
    )
    return
  }
  log.push(`relay: ${[event.file, event.mirror].filter(Boolean).join(' from ')}: ${event.text}`)
}
