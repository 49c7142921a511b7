import { mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { downloadModules, type EngineOptions } from '../download/engine.js'
import { realGoRunner } from '../go/command.js'
import { InputError, readInputs, summaryWanted, type Inputs, type SummaryMode } from '../config/inputs.js'
import { errorMessage } from '../failures/errors.js'
import { redactGoproxy, redactMirror } from '../security/redact.js'
import { startConnectivityCheck, type ConnectivityCheck } from '../network/connectivity.js'
import { formatDuration } from '../config/duration.js'
import { annotate } from '../report/annotations.js'
import {
  assembleReport,
  describeAttempt,
  peakRssKb,
  resourcesUsed,
  verdict,
  type ResourceReadings
} from '../report/assemble.js'
import { setOutputs, writeJsonReport } from '../report/outputs.js'
import { renderStartFailure, renderSummary } from '../report/summary.js'
import type { CacheRestoreReport, Outcome, RunReport } from '../report/types.js'
import { AttemptLog } from '../runner/attempt-log.js'
import type { Runner } from '../runner/port.js'
import type { JobRelayState, MainState } from '../runner/state.js'
import { startBuildCache } from './build-cache.js'
import { exportJobRelay, jobRelayRoute, jobRelayScript, joinJobRelay, startJobRelay } from './job-relay.js'
import { privateExports } from '../security/environment.js'
import type { ChecksumMismatchMode } from '../policy/decisions.js'
import type { RelayEvent } from '../relay/fetcher.js'
import { goSumFilesOf } from '../go/workspace.js'
import type { startRelay } from '../relay/relay.js'
import {
  laterStepsGoproxy,
  relayEnvironment,
  relayPlan,
  RelayStartError,
  startRelaySession,
  type RelaySession
} from './relay-session.js'
import { guardedRunner } from './log-guard.js'
import { SetupError, setUp } from './setup.js'
import { escapeControls } from '../security/log-text.js'
import { loopLag } from '../policy/loop-lag.js'
import { checkGoSums, goSumFails } from './gosum.js'
import { downloadGoSumModules, withRelayReport } from './relayed-download.js'
import { vendorFallback } from './vendor-fallback.js'
import { goSumVerdict } from '../report/gosum.js'

/** GitHub shows this many error annotations of a step; checksum mismatches take a few, the verdict one. */
const ERROR_ANNOTATIONS = 10
const MISMATCH_ERRORS = 3

/** What the main step starts that a test may replace. */
export interface MainDeps {
  startRelay?: typeof startRelay
}

/** How far the main step got: what its job summary can tell. */
interface Progress {
  summary?: SummaryMode
  report?: RunReport
  /** The one line the step failed with, when it stopped before a report. */
  failure?: string
}

/**
 * The main step: inputs, go, download under the policy, report. The single place that fails the step;
 * the job summary is written whatever happened, and a summary that cannot be written is a warning.
 */
export async function run(
  jobRunner: Runner,
  env: NodeJS.ProcessEnv = process.env,
  deps: MainDeps = {}
): Promise<void> {
  const runner = guardedRunner(jobRunner)
  const progress: Progress = {}
  try {
    await main(runner, env, progress, deps)
  } catch (error) {
    const expected = error instanceof InputError || error instanceof SetupError
    if (!expected) runner.debug(error instanceof Error ? (error.stack ?? error.message) : String(error))
    const failure = expected ? error.message : `go mod download failed unexpectedly: ${errorMessage(error)}`
    progress.failure = failure
    // A workflow can still branch on the outcome when the step stopped before it had one.
    runner.setOutput('outcome', 'failure')
    runner.setFailed(failure)
  } finally {
    await writeSummary(runner, progress)
  }
}

async function writeSummary(runner: Runner, progress: Progress): Promise<void> {
  const mode = progress.summary ?? summaryMode(runner.input('summary'))
  if (!summaryWanted(mode, progress.report?.outcome ?? 'failure')) return
  if (progress.report) renderSummary(progress.report, runner.summary)
  else if (progress.failure !== undefined) renderStartFailure(progress.failure, runner.summary)
  else return
  try {
    await runner.summary.write()
  } catch (error) {
    runner.warning(`Could not write the job summary: ${errorMessage(error)}`)
  }
}

/** The summary input as given, or its default when it is not one of the modes (the input error says so). */
function summaryMode(value: string): SummaryMode {
  return value === 'on-failure' || value === 'never' ? value : 'always'
}

async function main(
  runner: Runner,
  processEnv: NodeJS.ProcessEnv,
  progress: Progress,
  deps: MainDeps
): Promise<void> {
  const workspace = process.cwd()
  const inputs = readInputs(name => runner.input(name), workspace)
  // The budget covers the whole step: finding go, the probes and the cache restore count against it.
  const deadline = Date.now() + inputs.timeoutMs
  // Watched from the start: the report says how long the step's own work held up its event loop.
  loopLag()
  progress.summary = inputs.summary
  const job = await setUp(runner, inputs, { processEnv, workspace, deadline })
  const { policy, workdirs, goBin, go, goEnv, mirrors, earlierRelay, relaySecret, env, warnings, modCache } =
    job

  // Probes start once the cache cannot spare the download the network, and run while the restore goes on.
  let probing: ConnectivityCheck | undefined
  const startProbes = (cacheComplete = false) =>
    (probing ??= startConnectivityCheck({
      enabled: inputs.probe,
      cacheComplete,
      mirrors,
      env,
      goEnv,
      deadline
    }))
  const moduleRestore = restoreCache(
    runner,
    inputs,
    workdirs.map(w => w.dir),
    modCache,
    () => startProbes()
  )
  const buildCache = startBuildCache({
    runner,
    inputs,
    goBin,
    workdirs: workdirs.map(w => w.dir),
    env: processEnv,
    moduleRestore
  })
  const cacheReport = await moduleRestore
  const connectivity = startProbes(cacheReport.report.complete)
  const state: MainState = { summary: inputs.summary, cache: cacheReport.state }
  runner.saveMainState(state)

  const tryLast = await connectivity.tryLast
  for (const line of connectivity.logLines()) runner.info(`Probe: ${escapeControls(line)}`)
  runner.info(`Mirrors, in order: ${escapeControls(mirrors.map(redactMirror).join(', '))}`)
  connectivity.downloadStarting()
  const attemptLog = new AttemptLog(runner)
  let mismatchErrors = 0
  // A few checksum mismatches are error annotations; the verdict and the failures need the rest of GitHub's 10.
  const mismatchError = (line: string): void => {
    if (mismatchErrors++ < MISMATCH_ERRORS) runner.error(line)
    else runner.info(line)
  }
  const goSums = goSumFilesOf(workdirs.map(w => w.dir))
  const mismatches = new Set<string>()
  const joined =
    earlierRelay !== undefined &&
    inputs.proxies.length === 0 &&
    relayPlan(mirrors).served.length > 0 &&
    (await joinJobRelay(runner, earlierRelay, goSums))
  const jobRoute = joined ? jobRelayRoute(earlierRelay, relayPlan(mirrors).direct) : undefined
  const session = jobRoute
    ? undefined
    : await startRelaySession({
        startRelay: deps.startRelay,
        runner,
        policy,
        modules: inputs.modules,
        mirrors,
        tryLast,
        goSumFiles: goSums,
        dirs: workdirs.map(w => w.dir),
        modCache,
        env: relayEnvironment(env, goEnv),
        deadline,
        secret: relaySecret,
        onEvent: event =>
          event.kind === 'misconfigured'
            ? runner.warning(`Relay: ${event.mirror} ${event.text}`)
            : relayEvent(mismatchError, attemptLog, event, policy.onChecksumMismatch, mismatches)
      }).catch((error: unknown): RelaySession | undefined => {
        if (!(error instanceof RelayStartError)) throw error
        // Without the relay go still gets every mirror, and still verifies everything against go.sum.
        const warning =
          `The relay could not start (${error.message}), so go asks the mirrors itself, joined by pipes ` +
          `(${redactGoproxy(mirrors.join('|'))}), without the relay's per-request retries, hedging and checks`
        runner.warning(warning)
        warnings.push(warning)
        return undefined
      })
  if (session) {
    runner.info(
      `Relay: go asks a module proxy on 127.0.0.1, which serves every request from ${relayPlan(mirrors).served.map(redactMirror).join(', ')}`
    )
    // go starts once what it fetches itself is verified in its cache: it then unpacks, and fetches and
    // hashes nothing again; the rest of what go.sum names is fetched meanwhile.
    const started = Date.now()
    await session.goPart
    runner.info(
      `Prefetch: the module graph and the zips go fetches are verified in the module cache after ${formatDuration(Date.now() - started)}; go starts`
    )
    if (session.settled.purged.length > 0) {
      runner.warning(
        `The module cache held zips that do not match go.sum; they were removed and fetched again: ${session.settled.purged.slice(0, 5).join(', ')}${session.settled.purged.length > 5 ? ` and ${session.settled.purged.length - 5} more` : ''}`
      )
    }
  }
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
    runner: realGoRunner(goBin),
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
  const engineRun = await downloadModules({
    workdirs,
    ...engine
  })
  let download = engineRun.report
  jobRoute?.close()
  // Later steps keep the job's GOPROXY, the earlier use's relay first.
  if (jobRoute) download.exportProxy = redactGoproxy(processEnv.GOPROXY ?? '')
  if (session && inputs.modules === 'go.sum' && download.outcome === 'success') {
    for (const warning of await downloadGoSumModules(
      workdirs,
      session.sums,
      modCache,
      download,
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
    attemptLog.drain('Relay: after the last attempt')
    relayed = { ...closed.report, prefetch: closed.prefetch }
    download = withRelayReport(download, closed.report, workdirs)
    goproxyForLaterSteps = laterStepsGoproxy(mirrors, closed.report, redactMirror, tryLast)
    download.exportProxy = redactGoproxy(goproxyForLaterSteps)
  }

  const goSumUnchanged = new Set(workdirs.map(w => w.dir))
  for (const files of job.userFiles) {
    for (const { file, created } of files.restoreIfChanged()) {
      if (path.basename(file) === 'go.sum') goSumUnchanged.delete(path.dirname(file))
      runner.warning(
        created
          ? `${file} was created during the download and has been removed again`
          : `${file} was changed during the download and has been put back as it was`
      )
    }
  }
  for (const { label } of job.withoutGoSum) {
    const warning =
      `${label}: there is no go.sum, so nothing downloaded was verified against it (only the checksum ` +
      'database vouched for the modules, and with GOSUMDB=off nothing did); run go mod tidy and commit go.sum'
    runner.warning(warning)
    warnings.push(warning)
  }

  // Decided the way go build will, once everything is in the module cache: offline, one go list per directory.
  const goSum =
    download.outcome === 'success'
      ? await checkGoSums({
          runner,
          go,
          workdirs,
          workspace,
          env,
          goEnv,
          modCache,
          unchanged: goSumUnchanged
        })
      : undefined
  let outcome: Outcome = download.outcome === 'success' && !goSumFails(goSum) ? 'success' : 'failure'
  let vendor: string[] | undefined
  if (outcome === 'failure' && inputs.vendorFallback) {
    vendor = await vendorFallback(runner, go, workdirs, download, env, warnings)
    if (vendor) outcome = 'vendor'
  }
  const report = assembleReport({
    outcome,
    inputs,
    mirrors,
    goEnv,
    download,
    warnings,
    vendor,
    cache: cacheReport.report,
    resources: resourcesUsed(resourceReadings()),
    connectivity: await connectivity.finish(),
    relay: relayed,
    goSum
  })

  // Outside a runner there is no RUNNER_TEMP: a directory of our own in the OS's, never the checkout.
  const reportDir = processEnv.RUNNER_TEMP || mkdtempSync(path.join(os.tmpdir(), 'go-mod-download-'))
  const reportPath = path.join(reportDir, 'go-mod-download-report.json')
  progress.report = report
  const reportWritten = await writeJsonReport(report, reportPath).then(
    () => true,
    (error: unknown) => {
      runner.warning(`Could not write the JSON report to ${reportPath}: ${errorMessage(error)}`)
      return false
    }
  )
  // After a vendor fallback with no download complete, no mirror answered that later steps could use.
  const answered = outcome !== 'failure' && download.workdirs.some(w => w.ok)
  let exportedGoproxy = inputs.exportProxy && answered && !jobRoute ? goproxyForLaterSteps : ''
  let exportedLabel = exportedGoproxy || jobRoute ? download.exportProxy : ''
  let jobRelay: JobRelayState | undefined
  if (inputs.jobProxy && earlierRelay) {
    runner.info(
      'job-proxy: the relay an earlier use of the action started serves the later steps of this job; no second one is started'
    )
  } else if (inputs.jobProxy && outcome !== 'failure') {
    const behind = exportedGoproxy || mirrors.join('|')
    const started = await startJobRelay({
      runner,
      policy,
      mirrors,
      tryLast,
      goSumFiles: goSums,
      env: relayEnvironment(env, goEnv),
      secret: relaySecret,
      behind,
      script: jobRelayScript(import.meta.url)
    })
    if (started) {
      const { secret: _secret, joinSecret: _joinSecret, ...stoppable } = started.handle
      jobRelay = stoppable
      exportJobRelay(runner, started.handle, started.url)
      exportedGoproxy = started.goproxy
      exportedLabel = redactGoproxy(started.goproxy)
    }
  }
  if (exportedGoproxy) runner.exportVariable('GOPROXY', exportedGoproxy)
  for (const [name, value] of Object.entries(privateExports(processEnv, inputs.privateModules))) {
    runner.exportVariable(name, value)
  }
  setOutputs(
    report,
    {
      reportPath: reportWritten ? reportPath : '',
      exportedGoproxy: exportedLabel
    },
    (name, value) => runner.setOutput(name, value)
  )
  // The verdict first: GitHub shows the first 10 error annotations of a step and drops the rest.
  if (outcome === 'failure') runner.setFailed(goSumFails(goSum) ? goSumVerdict(goSum) : verdict(download))
  const shownMismatches = Math.min(mismatchErrors, MISMATCH_ERRORS)
  annotate(report, { workspace, maxErrors: ERROR_ANNOTATIONS - 1 - shownMismatches }, runner)
  runner.saveMainState({ ...state, outcome, jobRelay, buildCache: await buildCache.finish() })
}

/** The readings of this process that the report's resources come from. */
function resourceReadings(): ResourceReadings {
  let status = ''
  try {
    status = readFileSync('/proc/self/status', 'utf8')
  } catch {
    // Not Linux: maxRSS is this process's own.
  }
  return { usage: process.resourceUsage(), peakRssKb: peakRssKb(status), loopDelay: loopLag().delay() }
}

/** Restores the module cache before the download, with the state the post step needs to save it. */
async function restoreCache(
  runner: Runner,
  inputs: Inputs,
  dirs: string[],
  modCache: string,
  onNetworkNeeded: () => void
): Promise<{ report: CacheRestoreReport; state?: MainState['cache'] }> {
  if (!inputs.cache) return { report: { enabled: false, key: '', hit: 'miss', purged: [] } }
  // Loaded on demand: the cache library is most of the bundle.
  const { restoreJobCache } = await import('../cache/restore.js')
  return runner.group('Module cache', () =>
    restoreJobCache({
      cacheDependencyPath: inputs.cacheDependencyPath,
      workingDirectories: dirs,
      modCache,
      onNetworkNeeded,
      log: runner
    })
  )
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
