import { readFileSync } from 'node:fs'
import path from 'node:path'
import { downloadModules } from '../download/engine.js'
import type { Attempt, DownloadReport } from '../download/types.js'
import { goCommand, readGoEnv, realGoRunner, type GoCommand, type GoEnv } from '../go/command.js'
import {
  InputError,
  readInputs,
  splitGoproxy,
  summaryWanted,
  type Inputs,
  type SummaryMode
} from '../config/inputs.js'
import { errorMessage } from '../failures/errors.js'
import { redactUrl } from '../security/redact.js'
import { startConnectivityCheck } from '../network/connectivity.js'
import { formatDuration } from '../config/duration.js'
import { annotate } from '../report/annotations.js'
import { setOutputs, writeJsonReport } from '../report/outputs.js'
import { renderStartFailure, renderSummary } from '../report/summary.js'
import type { CacheRestoreReport, Outcome, RunReport } from '../report/types.js'
import { snapshotUserFiles } from '../go/user-files.js'
import { AttemptLog } from '../runner/attempt-log.js'
import { execCommand } from '../runner/exec.js'
import { findExecutable } from '../runner/io.js'
import type { Runner } from '../runner/port.js'
import { cacheState, type MainState } from '../runner/state.js'
import { downloadEnv, environmentWarnings, privateExports } from '../security/environment.js'
import { tokenForms } from '../security/git-auth.js'
import { checkVendor, withVendorFlag } from '../go/vendor.js'
import { installGo, ToolchainError } from '../toolchain/install.js'
import { actionsToolCache } from '../runner/tool-cache.js'

const DEFAULT_GOPROXY = 'https://proxy.golang.org,direct'

/** A problem with the job's setup (no go, an unreadable go env) that the user has to fix. */
export class SetupError extends Error {}

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
export async function run(runner: Runner, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const progress: Progress = {}
  try {
    await main(runner, env, progress)
  } catch (error) {
    const expected = error instanceof InputError || error instanceof SetupError
    if (!expected) runner.debug(error instanceof Error ? (error.stack ?? error.message) : String(error))
    const failure = expected ? error.message : `go mod download failed unexpectedly: ${errorMessage(error)}`
    progress.failure = failure
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

async function main(runner: Runner, processEnv: NodeJS.ProcessEnv, progress: Progress): Promise<void> {
  const workspace = process.cwd()
  const inputs = readInputs(name => runner.input(name), workspace)
  progress.summary = inputs.summary
  maskToken(runner, inputs.token)

  const goBin =
    (await findExecutable('go')) ?? (inputs.goVersion ? await installGoVersion(runner, inputs) : undefined)
  if (!goBin) {
    throw new SetupError(
      'go was not found on PATH: add an actions/setup-go step before this one, or set the go-version input'
    )
  }
  const workdirs = inputs.workingDirectories.map(label => ({ label, dir: path.resolve(workspace, label) }))
  const firstDir = (workdirs[0] as { dir: string }).dir
  const go = goCommand(goBin, execCommand)
  let goEnv: GoEnv
  try {
    goEnv = await readGoEnv(go, firstDir, processEnv)
  } catch (error) {
    throw new SetupError(errorMessage(error))
  }

  const mirrors =
    inputs.proxies.length > 0
      ? inputs.proxies
      : splitGoproxy(processEnv.GOPROXY || goEnv.GOPROXY || DEFAULT_GOPROXY)
  const { env, warnings: tokenWarnings } = downloadEnv(processEnv, inputs.privateModules, inputs.token)
  const warnings = [...environmentWarnings(processEnv), ...tokenWarnings]
  for (const warning of warnings) runner.warning(warning)
  const modCache = goEnv.GOMODCACHE || path.join(goEnv.GOPATH?.split(path.delimiter)[0] ?? '', 'pkg', 'mod')

  // Probes run while the cache is restored; the download waits only for what orders the mirrors.
  const connectivity = startConnectivityCheck({ enabled: inputs.probe, mirrors, env, goEnv })
  const userFiles = workdirs.map(w => snapshotUserFiles(w.dir))
  const cacheReport = await restoreCache(
    runner,
    inputs,
    workdirs.map(w => w.dir),
    modCache
  )
  const state: MainState = { summary: inputs.summary, cache: cacheReport.state }
  runner.saveMainState(state)

  const tryLast = await connectivity.tryLast
  for (const line of connectivity.logLines()) runner.info(`Probe: ${line}`)
  runner.info(`Mirrors, in order: ${mirrors.join(', ')}`)
  connectivity.downloadStarting()
  const attemptLog = new AttemptLog(runner)
  const { report: download, goproxyForLaterSteps } = await downloadModules({
    workdirs,
    mirrors,
    tryLast,
    maxAttempts: inputs.maxAttempts,
    backoff: { baseMs: inputs.retryDelayMs, maxMs: inputs.retryMaxDelayMs },
    stallTimeoutMs: inputs.stallTimeoutMs,
    timeoutMs: inputs.timeoutMs,
    onChecksumMismatch: inputs.onChecksumMismatch,
    env,
    modCache,
    runner: realGoRunner(goBin),
    events: {
      attemptStarted: a =>
        attemptLog.open(
          `Attempt ${a.number}: ${a.workdir} via ${a.mirror} (try ${a.try}${a.delayMs ? `, after ${formatDuration(a.delayMs)}` : ''})`
        ),
      line: line => attemptLog.push(line),
      attemptFinished: attempt => {
        attemptLog.close()
        runner.info(describeAttempt(attempt))
        connectivity.recheck(attempt)
      },
      purged: p =>
        runner.error(
          `Checksum mismatch: ${p.module}@${p.version} served by ${p.proxy} differs from go.sum; the copy was removed`
        )
    }
  })

  for (const files of userFiles) {
    for (const restored of files.restoreIfChanged()) {
      runner.warning(`${restored} was changed during the download and has been put back as it was`)
    }
  }

  let outcome: Outcome = download.outcome === 'success' ? 'success' : 'failure'
  let vendor: string[] | undefined
  if (outcome === 'failure' && inputs.vendorFallback) {
    vendor = await vendorFallback(runner, go, workdirs, download, env, warnings)
    if (vendor) outcome = 'vendor'
  }
  const report: RunReport = {
    outcome,
    settings: publicSettings(inputs, mirrors),
    goVersion: goEnv.GOVERSION ?? '',
    download,
    warnings,
    vendor,
    cache: cacheReport.report,
    resources: resourcesUsed(),
    connectivity: await connectivity.finish()
  }

  const reportPath = path.join(
    processEnv.RUNNER_TEMP || path.join(workspace, '.tmp'),
    'go-mod-download-report.json'
  )
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
  const exportedGoproxy = inputs.exportProxy && answered ? goproxyForLaterSteps : ''
  if (exportedGoproxy) runner.exportVariable('GOPROXY', exportedGoproxy)
  for (const [name, value] of Object.entries(privateExports(processEnv, inputs.privateModules))) {
    runner.exportVariable(name, value)
  }
  setOutputs(
    report,
    {
      reportPath: reportWritten ? reportPath : '',
      exportedGoproxy: exportedGoproxy ? download.exportProxy : ''
    },
    (name, value) => runner.setOutput(name, value)
  )
  annotate(report, { workspace }, runner)
  runner.saveMainState({ ...state, outcome })

  if (outcome === 'failure') runner.setFailed(verdict(download))
}

/** Go from the tool cache or the download site, under the same retry policy as the modules; its bin goes on PATH. */
async function installGoVersion(runner: Runner, inputs: Inputs): Promise<string> {
  const go = await runner
    .group(`Go ${inputs.goVersion}`, () =>
      installGo({
        versionSpec: inputs.goVersion,
        maxAttempts: inputs.maxAttempts,
        backoff: { baseMs: inputs.retryDelayMs, maxMs: inputs.retryMaxDelayMs },
        stallTimeoutMs: inputs.stallTimeoutMs,
        toolCache: actionsToolCache,
        log: line => runner.info(line)
      })
    )
    .catch((error: unknown) => {
      throw error instanceof ToolchainError ? new SetupError(error.message) : error
    })
  runner.addPath(go.binDir)
  runner.info(`Using ${go.version} from ${go.source === 'download' ? go.url : 'the tool cache'}: ${go.goBin}`)
  return go.goBin
}

/**
 * When every mirror failed: the working directories that failed build from their committed vendor/
 * if each one is consistent with go.mod. Returns them, or undefined when any cannot.
 */
async function vendorFallback(
  runner: Runner,
  go: GoCommand,
  workdirs: { label: string; dir: string }[],
  download: DownloadReport,
  env: NodeJS.ProcessEnv,
  warnings: string[]
): Promise<string[] | undefined> {
  const failedDirs = workdirs.filter(w => !download.workdirs.find(r => r.workdir === w.label)?.ok)
  const checks = await Promise.all(failedDirs.map(w => checkVendor(go, w.dir, env)))
  checks.forEach((check, i) => {
    if (!check.usable && check.reason && !check.reason.startsWith('no committed')) {
      const warning = `${failedDirs[i]?.label}: vendor/ was not used: ${check.reason}`
      runner.warning(warning)
      warnings.push(warning)
    }
  })
  if (failedDirs.length === 0 || !checks.every(c => c.usable)) return undefined
  runner.exportVariable('GOFLAGS', withVendorFlag(env.GOFLAGS))
  runner.warning(
    `The download failed, but ${failedDirs.map(w => w.label).join(', ')} can build from the committed vendor/: ` +
      'GOFLAGS=-mod=vendor is set for later steps'
  )
  return failedDirs.map(w => w.label)
}

/** The action's own CPU time and peak memory; go's work is in child processes and not counted. */
function resourcesUsed(): { cpuMs: number; maxRssMb: number } {
  const usage = process.resourceUsage()
  return {
    cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000),
    maxRssMb: Math.round((ownPeakRssKb() ?? usage.maxRSS) / 1024)
  }
}

/** Linux's maxRSS carries the parent's peak over into a child, so read this process's own high-water mark. */
function ownPeakRssKb(): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))
    return match ? Number(match[1]) : undefined
  } catch {
    return undefined
  }
}

/** Restores the module cache before the download, with the state the post step needs to save it. */
async function restoreCache(
  runner: Runner,
  inputs: Inputs,
  dirs: string[],
  modCache: string
): Promise<{ report: CacheRestoreReport; state?: MainState['cache'] }> {
  if (!inputs.cache) return { report: { enabled: false, key: '', hit: 'miss', purged: [] } }
  // Loaded on demand: the cache library is most of the bundle, and the probes need not wait for it.
  const { cacheKey, goSumFiles, restoreModuleCache } = await import('../cache/module-cache.js')
  const key = await cacheKey({
    dependencyPath: inputs.cacheDependencyPath.join('\n'),
    workingDirectories: dirs
  })
  const sums = await goSumFiles(dirs)
  const report = await runner.group('Module cache', () =>
    restoreModuleCache({ key, modCache, goSumFiles: sums, enabled: inputs.cache, log: runner })
  )
  return { report, state: cacheState(report, modCache, sums) }
}

function verdict(download: DownloadReport): string {
  if (download.timedOut && download.failed.length === 0) return 'go mod download ran out of its time budget'
  const modules = download.failed.filter(f => f.module)
  if (modules.length === 0) {
    const first = download.failed[0]
    return `go mod download failed (${first?.class ?? 'unknown'}): ${first?.message.split('\n')[0] ?? 'no detail'}`
  }
  const names = modules.slice(0, 5).map(f => `${f.module}@${f.version} (${f.class})`)
  const more = modules.length > 5 ? ` and ${modules.length - 5} more` : ''
  return `${modules.length} module${modules.length === 1 ? '' : 's'} could not be downloaded from any mirror: ${names.join(', ')}${more}`
}

function describeAttempt(attempt: Attempt): string {
  const took = formatDuration(attempt.durationMs)
  if (attempt.decision === 'done') return `Attempt ${attempt.number} completed in ${took}`
  const classes = [...new Set(attempt.failures.map(f => f.class))].join(', ')
  const stopped = attempt.stopped ? `, stopped (${attempt.stopped})` : ''
  return `Attempt ${attempt.number} failed in ${took}${stopped}: ${attempt.failures.length} failure(s) [${classes}]; next: ${attempt.decision}`
}

function maskToken(runner: Runner, token: string): void {
  if (!token) return
  for (const form of tokenForms(token)) runner.setSecret(form)
}

/** The inputs for the report, the token hidden; `proxies` is the mirrors used, the job's GOPROXY when the input was empty. */
function publicSettings(inputs: Inputs, mirrors: string[]): Record<string, unknown> {
  const { token, ...rest } = inputs
  return { ...rest, token: token ? '***' : '', proxies: mirrors.map(redactUrl) }
}
