import * as core from '@actions/core'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { downloadModules } from '../download/engine.js'
import type { Attempt, DownloadReport } from '../download/types.js'
import { findOnPath, readGoEnv, realGoRunner, type GoEnv } from '../go/command.js'
import {
  InputError,
  readEnvInput,
  readInputs,
  splitProxies,
  summaryWanted,
  type Inputs,
  type SummaryMode
} from '../config/inputs.js'
import { redactUrl } from '../security/redact.js'
import { startConnectivityCheck } from '../network/probe.js'
import { formatDuration } from '../config/duration.js'
import { annotate } from '../report/annotations.js'
import { setOutputs, writeJsonReport } from '../report/outputs.js'
import { renderStartFailure, renderSummary } from '../report/summary.js'
import type { CacheRestoreReport, Outcome, RunReport } from '../report/types.js'
import { snapshotUserFiles } from '../go/user-files.js'
import { AttemptLog } from '../runner/attempt-log.js'
import { downloadEnv, environmentWarnings, privateExports } from '../security/environment.js'
import { tokenForms } from '../security/git-auth.js'
import { checkVendor, withVendorFlag } from '../go/vendor.js'
import { installGo, ToolchainError } from '../toolchain/install.js'

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
export async function run(): Promise<void> {
  const progress: Progress = {}
  try {
    await main(progress)
  } catch (error) {
    const expected = error instanceof InputError || error instanceof SetupError
    if (!expected) core.debug(error instanceof Error ? (error.stack ?? error.message) : String(error))
    const failure = expected
      ? error.message
      : `go mod download failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`
    progress.failure = failure
    core.setFailed(failure)
  } finally {
    await writeSummary(progress)
  }
}

async function writeSummary(progress: Progress): Promise<void> {
  const mode = progress.summary ?? summaryMode(readEnvInput()('summary'))
  if (!summaryWanted(mode, progress.report?.outcome ?? 'failure')) return
  if (progress.report) renderSummary(progress.report, core.summary)
  else if (progress.failure !== undefined) renderStartFailure(progress.failure, core.summary)
  else return
  try {
    await core.summary.write()
  } catch (error) {
    core.warning(`Could not write the job summary: ${error instanceof Error ? error.message : String(error)}`)
  }
}

/** The summary input as given, or its default when it is not one of the modes (the input error says so). */
function summaryMode(value: string): SummaryMode {
  return value === 'on-failure' || value === 'never' ? value : 'always'
}

async function main(progress: Progress): Promise<void> {
  const workspace = process.cwd()
  const inputs = readInputs(readEnvInput(), workspace)
  progress.summary = inputs.summary
  maskToken(inputs.token)

  const goBin = findOnPath('go') ?? (inputs.goVersion ? await installGoVersion(inputs) : undefined)
  if (!goBin) {
    throw new SetupError(
      'go was not found on PATH: add an actions/setup-go step before this one, or set the go-version input'
    )
  }
  const workdirs = inputs.workingDirectories.map(label => ({ label, dir: path.resolve(workspace, label) }))
  const firstDir = (workdirs[0] as { dir: string }).dir
  let goEnv: GoEnv
  try {
    goEnv = await readGoEnv(goBin, firstDir, process.env)
  } catch (error) {
    throw new SetupError(error instanceof Error ? error.message : String(error))
  }

  const proxies =
    inputs.proxies.length > 0
      ? inputs.proxies
      : splitProxies(process.env.GOPROXY || goEnv.GOPROXY || DEFAULT_GOPROXY)
  const { env, warnings: tokenWarnings } = downloadEnv(process.env, inputs.privateModules, inputs.token)
  const warnings = [...environmentWarnings(process.env), ...tokenWarnings]
  for (const warning of warnings) core.warning(warning)
  const modCache = goEnv.GOMODCACHE || path.join(goEnv.GOPATH?.split(path.delimiter)[0] ?? '', 'pkg', 'mod')

  // Probes run while the cache is restored; the download waits only for what orders the mirrors.
  const connectivity = startConnectivityCheck({ enabled: inputs.probe, proxies, env, goEnv })
  const userFiles = workdirs.map(w => snapshotUserFiles(w.dir))
  const cacheReport = await restoreCache(
    inputs,
    workdirs.map(w => w.dir),
    modCache
  )

  const tryLast = await connectivity.tryLast
  for (const line of connectivity.logLines()) core.info(`Probe: ${line}`)
  core.info(`Mirrors, in order: ${proxies.join(', ')}`)
  connectivity.downloadStarting()
  const attemptLog = new AttemptLog()
  const { report: download, exportGoproxy } = await downloadModules({
    workdirs,
    proxies,
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
          `Attempt ${a.number}: ${a.workdir} via ${a.proxy} (try ${a.try}${a.delayMs ? `, after ${formatDuration(a.delayMs)}` : ''})`
        ),
      line: line => attemptLog.push(line),
      attemptFinished: attempt => {
        attemptLog.close()
        core.info(describeAttempt(attempt))
        connectivity.recheck(attempt)
      },
      purged: p =>
        core.error(
          `Checksum mismatch: ${p.module}@${p.version} served by ${p.proxy} differs from go.sum; the copy was removed`
        )
    }
  })

  for (const files of userFiles) {
    for (const restored of files.restoreIfChanged()) {
      core.warning(`${restored} was changed during the download and has been put back as it was`)
    }
  }

  let outcome: Outcome = download.outcome === 'success' ? 'success' : 'failure'
  let vendor: string[] | undefined
  if (outcome === 'failure' && inputs.vendorFallback) {
    vendor = await vendorFallback(goBin, workdirs, download, env, warnings)
    if (vendor) outcome = 'vendor'
  }
  const report: RunReport = {
    outcome,
    settings: publicSettings(inputs, proxies),
    goVersion: goEnv.GOVERSION ?? '',
    download,
    warnings,
    vendor,
    cache: cacheReport,
    resources: resourcesUsed(),
    connectivity: await connectivity.finish()
  }

  const reportPath = path.join(
    process.env.RUNNER_TEMP || path.join(workspace, '.tmp'),
    'go-mod-download-report.json'
  )
  progress.report = report
  const reportWritten = await writeJsonReport(report, reportPath).then(
    () => true,
    (error: unknown) => {
      core.warning(
        `Could not write the JSON report to ${reportPath}: ${error instanceof Error ? error.message : String(error)}`
      )
      return false
    }
  )
  // After a vendor fallback with no download complete, no mirror answered that later steps could use.
  const answered = outcome !== 'failure' && download.workdirs.some(w => w.ok)
  const exported = inputs.exportProxy && answered ? exportGoproxy : ''
  if (exported) core.exportVariable('GOPROXY', exported)
  for (const [name, value] of Object.entries(privateExports(process.env, inputs.privateModules))) {
    core.exportVariable(name, value)
  }
  setOutputs(report, {
    reportPath: reportWritten ? reportPath : '',
    exportedProxy: exported ? download.exportProxy : ''
  })
  annotate(report, { workspace })
  core.saveState('outcome', outcome)
  core.saveState('summary', inputs.summary)

  if (outcome === 'failure') core.setFailed(verdict(download))
}

/** Go from the tool cache or the download site, under the same retry policy as the modules; its bin goes on PATH. */
async function installGoVersion(inputs: Inputs): Promise<string> {
  const go = await core
    .group(`Go ${inputs.goVersion}`, () =>
      installGo({
        versionSpec: inputs.goVersion,
        maxAttempts: inputs.maxAttempts,
        backoff: { baseMs: inputs.retryDelayMs, maxMs: inputs.retryMaxDelayMs },
        stallTimeoutMs: inputs.stallTimeoutMs,
        log: line => core.info(line)
      })
    )
    .catch((error: unknown) => {
      throw error instanceof ToolchainError ? new SetupError(error.message) : error
    })
  core.addPath(go.binDir)
  core.info(`Using ${go.version} from ${go.source === 'download' ? go.url : 'the tool cache'}: ${go.goBin}`)
  return go.goBin
}

/**
 * When every mirror failed: the working directories that failed build from their committed vendor/
 * if each one is consistent with go.mod. Returns them, or undefined when any cannot.
 */
async function vendorFallback(
  goBin: string,
  workdirs: { label: string; dir: string }[],
  download: DownloadReport,
  env: NodeJS.ProcessEnv,
  warnings: string[]
): Promise<string[] | undefined> {
  const failedDirs = workdirs.filter(w => !download.workdirs.find(r => r.workdir === w.label)?.ok)
  const checks = await Promise.all(failedDirs.map(w => checkVendor(goBin, w.dir, env)))
  checks.forEach((check, i) => {
    if (!check.usable && check.reason && !check.reason.startsWith('no committed')) {
      const warning = `${failedDirs[i]?.label}: vendor/ was not used: ${check.reason}`
      core.warning(warning)
      warnings.push(warning)
    }
  })
  if (failedDirs.length === 0 || !checks.every(c => c.usable)) return undefined
  core.exportVariable('GOFLAGS', withVendorFlag(process.env.GOFLAGS))
  core.warning(
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

/** Restores the module cache before the download and records what the post step needs to save it. */
async function restoreCache(inputs: Inputs, dirs: string[], modCache: string): Promise<CacheRestoreReport> {
  if (!inputs.cache) return { enabled: false, key: '', hit: 'miss', purged: [] }
  // Loaded on demand: the cache library is most of the bundle, and the probes need not wait for it.
  const { cacheKey, goSumFiles, restoreModuleCache, restoreState } = await import('../cache/module-cache.js')
  const key = await cacheKey({
    dependencyPath: inputs.cacheDependencyPath.join('\n'),
    workingDirectories: dirs
  })
  const sums = await goSumFiles(dirs)
  const report = await core.group('Module cache', () =>
    restoreModuleCache({ key, modCache, goSumFiles: sums, enabled: inputs.cache })
  )
  for (const [name, value] of Object.entries(restoreState(report, modCache, sums)))
    core.saveState(name, value)
  return report
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

function maskToken(token: string): void {
  if (!token) return
  for (const form of tokenForms(token)) core.setSecret(form)
}

function publicSettings(inputs: Inputs, proxies: string[]): Record<string, unknown> {
  const { token, ...rest } = inputs
  return { ...rest, token: token ? '***' : '', proxies: proxies.map(redactUrl) }
}
