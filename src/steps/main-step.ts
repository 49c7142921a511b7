import { mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { DownloadReport } from '../download/types.js'
import { InputError, readInputs, summaryWanted, type SummaryMode } from '../config/inputs.js'
import { errorMessage } from '../failures/errors.js'
import { startConnectivityCheck, type ConnectivityCheck } from '../network/connectivity.js'
import { loopLag } from '../policy/loop-lag.js'
import type { startRelay } from '../relay/relay.js'
import { annotate } from '../report/annotations.js'
import {
  assembleReport,
  peakRssKb,
  resourcesUsed,
  verdict,
  type ResourceReadings
} from '../report/assemble.js'
import { goSumVerdict } from '../report/gosum.js'
import { setOutputs, writeJsonReport } from '../report/outputs.js'
import { renderStartFailure, renderSummary } from '../report/summary/index.js'
import type { CacheRestoreReport, GoSumReport, Outcome, RunReport } from '../report/types.js'
import type { Runner } from '../runner/port.js'
import type { JobRelayState, MainState } from '../runner/state.js'
import { privateExports } from '../security/environment.js'
import { redactGoproxy } from '../security/redact.js'
import { escapeControls } from '../security/log-text.js'
import { startBuildCache, type BuildCacheStart } from './build-cache.js'
import { download, ERROR_ANNOTATIONS, type Downloaded } from './download.js'
import { checkGoSums, goSumFails } from './gosum.js'
import { exportJobRelay, jobRelayScript, startJobRelay } from './job-relay.js'
import { guardedRunner } from './log-guard.js'
import { maskSecrets, SetupError, setUp, type SetUp } from './setup.js'
import { vendorFallback } from './vendor-fallback.js'

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

/** The phases of the main step, in order. */
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

  // Before the step writes any line, the first group's title included.
  const relaySecret = maskSecrets(runner, inputs)
  // A group of the log per phase, none inside another (GitHub does not nest them): the download's go
  // processes each get one of their own after the download's.
  const job = await runner.group('Set up', () =>
    setUp(runner, inputs, { processEnv, workspace, deadline, relaySecret })
  )
  const probed = await runner.group('Restore and probe', () => restoreAndProbe(runner, job))
  const downloaded = await download(runner, job, probed, deps)
  const checked = await runner.group('Check and fall back', () =>
    checkAndFallBack(runner, job, downloaded.report)
  )
  const report = assembleReport({
    ...checked,
    inputs,
    mirrors: job.mirrors,
    goEnv: job.goEnv,
    download: downloaded.report,
    warnings: job.warnings,
    cache: probed.cache,
    resources: resourcesUsed(resourceReadings()),
    connectivity: await probed.connectivity.finish(),
    relay: downloaded.relay
  })
  progress.report = report
  const jobRelay = await runner.group('Publish', () => publish(runner, job, probed, downloaded, report))

  // The verdict first: GitHub shows the first 10 error annotations of a step and drops the rest.
  if (report.outcome === 'failure') {
    runner.setFailed(goSumFails(report.goSum) ? goSumVerdict(report.goSum) : verdict(report.download))
  }
  const maxErrors = ERROR_ANNOTATIONS - 1 - downloaded.mismatchErrors
  annotate(report, { workspace, maxErrors }, runner)
  runner.saveMainState({
    ...probed.state,
    outcome: report.outcome,
    jobRelay,
    buildCache: await probed.buildCache.finish()
  })
}

/** What the restore and the probes leave the download. */
interface Probed {
  cache: CacheRestoreReport
  /** What the post step needs so far: the module cache's key and where it is. */
  state: MainState
  /** Restoring while the download runs; its lines wait for `finish`, which writes them in a group of their own. */
  buildCache: BuildCacheStart
  connectivity: ConnectivityCheck
  /** Mirrors to try after the others, as the probes ordered them. */
  tryLast: string[]
}

/**
 * The module cache restored (and the build cache's restore started beside it), and the mirrors probed
 * once the cache cannot spare the download the network; the probes run while the restore goes on.
 */
async function restoreAndProbe(runner: Runner, job: SetUp): Promise<Probed> {
  const { inputs } = job
  let probing: ConnectivityCheck | undefined
  const startProbes = (cacheComplete = false) =>
    (probing ??= startConnectivityCheck({
      enabled: inputs.probe,
      cacheComplete,
      mirrors: job.mirrors,
      env: job.env,
      goEnv: job.goEnv,
      deadline: job.deadline
    }))
  const moduleRestore = restoreCache(runner, job, () => startProbes())
  const buildCache = startBuildCache({
    runner,
    inputs,
    goBin: job.goBin,
    workdirs: job.workdirs.map(w => w.dir),
    env: job.processEnv,
    moduleRestore
  })
  const cache = await moduleRestore
  const connectivity = startProbes(cache.report.complete)
  const state: MainState = { summary: inputs.summary, cache: cache.state }
  runner.saveMainState(state)
  const tryLast = await connectivity.tryLast
  logProbes(runner, connectivity)
  return { cache: cache.report, state, buildCache, connectivity, tryLast }
}

/** The probes' lines not logged yet, each once. */
function logProbes(runner: Runner, connectivity: ConnectivityCheck): void {
  for (const line of connectivity.logLines()) runner.info(`Probe: ${escapeControls(line)}`)
}

/** Restores the module cache before the download, with the state the post step needs to save it. */
async function restoreCache(
  runner: Runner,
  job: SetUp,
  onNetworkNeeded: () => void
): Promise<{ report: CacheRestoreReport; state?: MainState['cache'] }> {
  if (!job.inputs.cache) return { report: { enabled: false, key: '', hit: 'miss', purged: [] } }
  // Loaded on demand: the cache library is most of the bundle.
  const { restoreJobCache } = await import('../cache/restore.js')
  return restoreJobCache({
    cacheDependencyPath: job.inputs.cacheDependencyPath,
    workingDirectories: job.workdirs.map(w => w.dir),
    modCache: job.modCache,
    onNetworkNeeded,
    log: runner
  })
}

/**
 * After the download: the user's files put back as found, go.sum checked the way go build will read it,
 * and, when the step would fail, the committed vendor/ of the directories that failed.
 */
async function checkAndFallBack(
  runner: Runner,
  job: SetUp,
  download: DownloadReport
): Promise<{ outcome: Outcome; vendor?: string[]; goSum?: GoSumReport }> {
  const { workdirs, warnings } = job
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
          go: job.go,
          workdirs,
          workspace: job.workspace,
          env: job.env,
          goEnv: job.goEnv,
          modCache: job.modCache,
          unchanged: goSumUnchanged
        })
      : undefined
  const outcome: Outcome = download.outcome === 'success' && !goSumFails(goSum) ? 'success' : 'failure'
  if (outcome === 'failure' && job.inputs.vendorFallback) {
    const vendor = await vendorFallback(runner, job.go, workdirs, download, job.env, warnings)
    if (vendor) return { outcome: 'vendor', vendor, goSum }
  }
  return { outcome, goSum }
}

/**
 * The report written, the GOPROXY and private paths exported for later steps (through the job's relay
 * with `job-proxy`), and the outputs set. Returns the job's relay the post step stops.
 */
async function publish(
  runner: Runner,
  job: SetUp,
  probed: Probed,
  downloaded: Downloaded,
  report: RunReport
): Promise<JobRelayState | undefined> {
  const { inputs, processEnv } = job
  const { outcome, download } = report
  // Probes the order did not wait for (a lone mirror's, say) finished alongside the download.
  logProbes(runner, probed.connectivity)
  // Outside a runner there is no RUNNER_TEMP: a directory of our own in the OS's, never the checkout.
  const reportDir = processEnv.RUNNER_TEMP || mkdtempSync(path.join(os.tmpdir(), 'go-mod-download-'))
  const reportPath = path.join(reportDir, 'go-mod-download-report.json')
  const reportWritten = await writeJsonReport(report, reportPath).then(
    () => true,
    (error: unknown) => {
      runner.warning(`Could not write the JSON report to ${reportPath}: ${errorMessage(error)}`)
      return false
    }
  )
  // After a vendor fallback with no download complete, no mirror answered that later steps could use.
  const answered = outcome !== 'failure' && download.workdirs.some(w => w.ok)
  const throughJobRelay = downloaded.throughJobRelay
  let exportedGoproxy =
    inputs.exportProxy && answered && !throughJobRelay ? downloaded.goproxyForLaterSteps : ''
  let exportedLabel = exportedGoproxy || throughJobRelay ? download.exportProxy : ''
  let jobRelay: JobRelayState | undefined
  if (inputs.jobProxy && job.earlierRelay) {
    runner.info(
      'job-proxy: the relay an earlier use of the action started serves the later steps of this job; no second one is started'
    )
  } else if (inputs.jobProxy && outcome !== 'failure') {
    const started = await startJobRelay({
      runner,
      policy: job.policy,
      mirrors: job.mirrors,
      tryLast: probed.tryLast,
      goSumFiles: downloaded.goSumFiles,
      env: job.env,
      secret: job.relaySecret,
      behind: exportedGoproxy || job.mirrors.join('|'),
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
    { reportPath: reportWritten ? reportPath : '', exportedGoproxy: exportedLabel },
    (name, value) => runner.setOutput(name, value)
  )
  return jobRelay
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
