/**
 * The run's report and the lines that judge it, from what the phases of the main step found: no runner,
 * no process, no file, so each piece is tested on its own.
 */
import { formatDuration } from '../config/duration.js'
import type { Inputs } from '../config/inputs.js'
import type { Attempt, DownloadReport } from '../download/types.js'
import type { ConnectivityReport } from '../network/types.js'
import { redactMirror } from '../security/redact.js'
import { distinctFailures } from './failures.js'
import { plural } from './format.js'
import type { CacheRestoreReport, GoSumReport, Outcome, RunReport } from './types.js'

/** The inputs for the report, the token hidden; `proxies` is the mirrors used, the job's GOPROXY when the input was empty. */
export function publicSettings(inputs: Inputs, mirrors: readonly string[]): Record<string, unknown> {
  const { token, ...rest } = inputs
  return { ...rest, token: token ? '***' : '', proxies: mirrors.map(redactMirror) }
}

/** What the process says of itself at the end of the step. */
export interface ResourceReadings {
  /** As `process.resourceUsage()` gives them: CPU times in µs, maxRSS in KiB. */
  usage: { userCPUTime: number; systemCPUTime: number; maxRSS: number }
  /** This process's own high-water mark in KiB, where the system tells it apart from its parent's. */
  peakRssKb?: number
  /** The event loop's delay over the step, in ms. */
  loopDelay: { p99Ms: number; maxMs: number }
}

/**
 * The action's own CPU time (its hashing threads included) and peak memory, and how long its event loop
 * was held up; go's work is in child processes and not counted.
 */
export function resourcesUsed(readings: ResourceReadings): NonNullable<RunReport['resources']> {
  const { usage, loopDelay } = readings
  return {
    cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000),
    maxRssMb: Math.round((readings.peakRssKb ?? usage.maxRSS) / 1024),
    eventLoopDelayP99Ms: loopDelay.p99Ms,
    eventLoopDelayMaxMs: loopDelay.maxMs
  }
}

/** Linux's maxRSS carries the parent's peak over into a child: the process's own high-water mark from /proc/self/status. */
export function peakRssKb(procStatus: string): number | undefined {
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(procStatus)
  return match ? Number(match[1]) : undefined
}

/** The one line a failed download fails the step with: the modules no mirror had, or why go stopped. */
export function verdict(download: DownloadReport): string {
  const modules = distinctFailures(download.failed).filter(f => f.module)
  const budget = `go mod download ran out of its time budget (timeout: ${formatDuration(download.timeoutMs)})`
  if (modules.length === 0) {
    if (download.timedOut) return budget
    const first = download.failed[0]
    return `go mod download failed (${first?.class ?? 'unknown'}): ${first?.message.split('\n')[0] ?? 'no detail'}`
  }
  const names = modules.slice(0, 5).map(f => `${f.module}@${f.version} (${f.class})`)
  const more = modules.length > 5 ? ` and ${modules.length - 5} more` : ''
  const count = plural(modules.length, 'module')
  if (download.timedOut) return `${budget}; ${count} not downloaded: ${names.join(', ')}${more}`
  return `${count} could not be downloaded from any mirror: ${names.join(', ')}${more}`
}

/** The log line that ends a go process: how long it took, and what failed and comes next when it did not complete. */
export function describeAttempt(attempt: Attempt): string {
  const took = formatDuration(attempt.durationMs)
  if (attempt.decision === 'done') return `Attempt ${attempt.number} completed in ${took}`
  const classes = [...new Set(attempt.failures.map(f => f.class))].join(', ')
  const stopped = attempt.stopped ? `, stopped (${attempt.stopped})` : ''
  return `Attempt ${attempt.number} failed in ${took}${stopped}: ${attempt.failures.length} failure(s) [${classes}]; next: ${attempt.decision}`
}

/** What the main step found, phase by phase, that the report holds. */
export interface RunFacts {
  outcome: Outcome
  inputs: Inputs
  /** The mirrors used, credentials included: the report shows them redacted. */
  mirrors: readonly string[]
  /** `go env`: the report names the go version. */
  goEnv: Record<string, string>
  download: DownloadReport
  warnings: string[]
  vendor?: string[]
  cache: CacheRestoreReport
  resources: RunReport['resources']
  connectivity: ConnectivityReport
  relay?: RunReport['relay']
  goSum?: GoSumReport
}

/** The run's report, as the JSON report, the summary, the outputs and the annotations read it. */
export function assembleReport(facts: RunFacts): RunReport {
  return {
    outcome: facts.outcome,
    settings: publicSettings(facts.inputs, facts.mirrors),
    goVersion: facts.goEnv.GOVERSION ?? '',
    download: facts.download,
    warnings: facts.warnings,
    vendor: facts.vendor,
    cache: facts.cache,
    resources: facts.resources,
    connectivity: facts.connectivity,
    relay: facts.relay,
    goSum: facts.goSum
  }
}
