import { formatDuration } from '../../config/duration.js'
import type { Attempt, DownloadReport, ModuleFailure } from '../../download/types.js'
import type { FailureClass } from '../../failures/classes.js'
import { redactUrl } from '../../security/redact.js'
import { distinctFailures } from '../failures.js'
import { plural } from '../format.js'
import { failingMissingSums } from '../gosum.js'
import type { RunReport } from '../types.js'
import { goSumVerdictHtml } from './gosum.js'
import { classCounts, failureHistory, moduleKey, relayTries, type RelayTries } from './history.js'
import { code, ICON, type SummaryBuilder } from './html.js'

/** The heading and the one line a maintainer reads first: what happened, where, how long it took. */
export function renderVerdict(report: RunReport, summary: SummaryBuilder): void {
  summary.addHeading('go mod download', 2)
  summary.addRaw(`<p>${verdict(report, relayTries(report.relay))}</p>`, true)
}

function verdict(report: RunReport, asked: Map<string, RelayTries>): string {
  const download = report.download
  const where = workdirList(download.workdirs.map(w => w.workdir))
  const seconds = formatDuration(download.durationMs)
  const budget = download.timedOut
    ? `; the step ran out of its time budget (<code>timeout</code>, ${formatDuration(download.timeoutMs)})`
    : ''

  if (report.outcome === 'success') {
    const modules = downloadedModuleCount(download.attempts)
    const what = modules > 0 ? plural(modules, 'module') : 'every module'
    return `${ICON.ok} Downloaded ${what} for ${where} in ${seconds}${recoveredText(download)}`
  }
  if (report.outcome === 'vendor') {
    const vendored = workdirList(report.vendor ?? [])
    return `${ICON.warning} The download failed; ${vendored} will build from the committed <code>vendor/</code>. ${failureText(download, asked)}${budget}`
  }
  if (download.outcome === 'success' && failingMissingSums(report.goSum).length > 0) {
    return goSumVerdictHtml(report.goSum)
  }
  return `${ICON.failed} ${failureText(download, asked)}${budget}`
}

/** `; 4 recovered (3 by a retry, 1 on another mirror)`, or nothing when no module needed help. */
function recoveredText(download: DownloadReport): string {
  const total = download.recovered.length
  if (total === 0) return ''
  const history = failureHistory(download.attempts)
  const elsewhere = download.recovered.filter(module => {
    // A failure go reported before naming the module is known only by its class.
    const failedOn =
      module.relayed?.failedOn ??
      history.get(moduleKey(module.module, module.version))?.mirrors ??
      download.attempts
        .filter(a => a.failures.some(f => f.class === module.class))
        .map(a => redactUrl(a.proxy))
    return [...failedOn].some(p => p !== redactUrl(module.proxy))
  }).length
  const retried = total - elsewhere
  if (elsewhere === 0) return `; ${total} recovered by a retry`
  if (retried === 0) return `; ${total} recovered on another mirror`
  return `; ${total} recovered (${retried} by a retry, ${elsewhere} on another mirror)`
}

function failureText(download: DownloadReport, asked: Map<string, RelayTries>): string {
  const failed = distinctFailures(download.failed)
  const named = failed.filter(f => f.module !== '')
  const classes = classCounts(failed)
  const tried = triedText(download, named, asked)
  if (download.failed.length === 0) {
    return download.timedOut
      ? `The download did not finish ${tried}`
      : `go mod download failed in ${workdirList(download.workdirs.filter(w => !w.ok).map(w => w.workdir))} ${tried}`
  }
  const classText = describeClasses(classes)
  if (named.length === 0) return `go failed before naming a module: ${classText} ${tried}`
  const verb = named.length === 1 ? 'module could' : 'modules could'
  return `${named.length} ${verb} not be downloaded: ${classText} ${tried}`
}

/**
 * `after 3 tries on 2 mirrors`: what the relay asked for the failed modules when it asked for them
 * (the most tries of one file, every mirror asked), else go's attempts and the mirrors they used.
 */
function triedText(download: DownloadReport, named: ModuleFailure[], asked: Map<string, RelayTries>): string {
  const relayed = named.flatMap(f => asked.get(moduleKey(f.module, f.version)) ?? [])
  if (relayed.length > 0) {
    const tries = Math.max(...relayed.map(r => r.tries))
    const mirrors = new Set(relayed.flatMap(r => r.mirrors)).size
    return `after ${tries === 1 ? '1 try' : `${tries} tries`} on ${plural(mirrors, 'mirror')}`
  }
  const mirrors = new Set(download.attempts.map(a => redactUrl(a.proxy))).size
  return `after ${plural(download.attempts.length, 'attempt')} on ${plural(mirrors, 'mirror')}`
}

function describeClasses(counts: Map<FailureClass, number>): string {
  const entries = [...counts]
  if (entries.length === 1) return `<strong>${entries[0]![0]}</strong>`
  const shown = entries.slice(0, 4).map(([cls, n]) => `${n} <strong>${cls}</strong>`)
  return shown.join(', ') + (entries.length > 4 ? ', …' : '')
}

function downloadedModuleCount(attempts: Attempt[]): number {
  const byWorkdir = new Map<string, number>()
  for (const attempt of attempts) {
    byWorkdir.set(attempt.workdir, Math.max(byWorkdir.get(attempt.workdir) ?? 0, attempt.modulesOk))
  }
  return [...byWorkdir.values()].reduce((sum, n) => sum + n, 0)
}

function workdirList(workdirs: string[]): string {
  if (workdirs.length === 0) return 'no working directory'
  if (workdirs.length > 3) return `${workdirs.length} working directories`
  return workdirs.map(w => code(w === '.' ? './' : w)).join(', ')
}
