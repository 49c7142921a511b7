import type { Attempt, DownloadReport, ModuleFailure } from '../download/types.js'
import type { FailureClass } from '../failures/classes.js'
import {
  ADVICE,
  adviceFor,
  budgetAdvice,
  privateModuleHint,
  privateModuleHints,
  stoppedByBudget,
  type ClassAdvice
} from './advice.js'
import { renderConnectivity } from './connectivity.js'
import { redactUrl } from '../security/redact.js'
import type { CacheRestoreReport, RunReport } from './types.js'
import { formatDuration } from '../config/duration.js'
import { distinctFailures } from './failures.js'
import { formatBytes, plural } from './format.js'
import {
  addTableWithinBudget,
  clip,
  code,
  escape,
  ICON,
  joinWithinBudget,
  LINE_CHARS,
  NAME_CHARS,
  seeReport,
  tableWithinBudget,
  takeWithinBudget,
  type SummaryBuilder
} from './summary/html.js'
import {
  failingMissingSums,
  GO_SUM_ADVICE,
  goSumAdviceCount,
  goSumVerdictHtml,
  renderGoSum
} from './gosum.js'

type Summary = SummaryBuilder

// GitHub rejects a step summary over 1 MiB; these budgets (UTF-8 bytes), with the connectivity
// section's, add up to well under 900 KiB.
const MODULES_TABLE_BUDGET = 400 * 1024
const MIRRORS_TABLE_BUDGET = 40 * 1024
const CACHE_BUDGET = 40 * 1024
const WARNINGS_BUDGET = 60 * 1024
const TIMELINE_BUDGET = 240 * 1024

// The one-line form of go's message in the modules table; the full text is folded under it.
const CELL_MESSAGE_CHARS = 120
const FULL_MESSAGE_CHARS = 4000
// What the relay's tries said of a file, in one cell.
const TRIES_CHARS = 400

/**
 * Adds the job summary of a run to `summary`; the caller writes it. Read top down it answers what
 * happened (verdict), to which modules, what to do about it, and only then the mirrors and the details.
 */
export function renderSummary(report: RunReport, summary: Summary): void {
  const asked = relayTries(report.relay)
  renderVerdict(report, asked, summary)
  renderModules(report.download, asked, summary)
  renderGoSum(report.goSum, summary)
  const goSumCount = goSumAdviceCount(report.goSum)
  renderAdvice(report.download, summary, goSumCount ? [adviceItem('go.sum', goSumCount, GO_SUM_ADVICE)] : [])
  if (report.relay) renderRelay(report.relay, report.download, summary)
  else renderMirrors(report.download, summary)
  // After a download that worked, how the network looked is detail: one line, the rest folded.
  renderConnectivity(report.connectivity, summary, report.outcome === 'success')
  renderCache(report.cache, report.download, summary)
  renderWarnings(report.warnings, summary)
  renderTimeline(report.download.attempts, report.goVersion, summary)
}

/** The summary of a step that stopped before it had a report: a bad input, no go. */
export function renderStartFailure(message: string, summary: Summary): void {
  summary.addHeading('go mod download', 2)
  summary.addRaw(`<p>${ICON.failed} ${clip(message, LINE_CHARS)}</p>`, true)
}

function renderVerdict(report: RunReport, asked: Map<string, RelayTries>, summary: Summary): void {
  summary.addHeading('go mod download', 2)
  summary.addRaw(`<p>${verdict(report, asked)}</p>`, true)
}

/** What the relay asked the mirrors for one module version: its most tried file's tries, and every mirror asked. */
interface RelayTries {
  tries: number
  mirrors: string[]
}

/** Per `module@version`, the relay's tries and mirrors for its files that were not served. */
function relayTries(relay: RunReport['relay']): Map<string, RelayTries> {
  const asked = new Map<string, RelayTries>()
  for (const file of relay?.files ?? []) {
    if (file.outcome === 'ok' || !file.module || !file.version) continue
    const tries = file.tries.filter(t => t.outcome !== 'lost')
    if (tries.length === 0) continue
    const key = moduleKey(file.module, file.version)
    const seen = asked.get(key)
    asked.set(key, {
      tries: Math.max(seen?.tries ?? 0, tries.length),
      mirrors: [...new Set([...(seen?.mirrors ?? []), ...tries.map(t => t.mirror)])]
    })
  }
  return asked
}

/** The one line a maintainer reads first, as HTML. */
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

interface FailureHistory {
  attempts: number
  mirrors: Set<string>
  lastMessage: string
}

/** What every attempt said about each module@version, to fill the rows of the modules table. */
function failureHistory(attempts: Attempt[]): Map<string, FailureHistory> {
  const history = new Map<string, FailureHistory>()
  for (const attempt of attempts) {
    for (const failure of attempt.failures) {
      const key = moduleKey(failure.module, failure.version)
      const entry = history.get(key) ?? { attempts: 0, mirrors: new Set<string>(), lastMessage: '' }
      entry.attempts += 1
      entry.mirrors.add(redactUrl(failure.proxy || attempt.proxy))
      entry.lastMessage = failure.message
      history.set(key, entry)
    }
  }
  return history
}

function moduleKey(module: string, version: string): string {
  return `${module}@${version}`
}

function renderModules(download: DownloadReport, asked: Map<string, RelayTries>, summary: Summary): void {
  if (download.failed.length === 0 && download.recovered.length === 0) return
  const history = failureHistory(download.attempts)
  const manyWorkdirs = download.workdirs.length > 1
  const rows: string[][] = []
  for (const failure of download.failed) {
    const seen = history.get(moduleKey(failure.module, failure.version))
    // Through the relay, go asked once and the relay asked the mirrors: its record says whom, how often.
    const relayed = asked.get(moduleKey(failure.module, failure.version))
    const mirrors = relayed?.mirrors ?? (seen && seen.mirrors.size > 0 ? [...seen.mirrors] : [failure.proxy])
    rows.push([
      `${ICON.failed} failed`,
      moduleCell(failure.module, manyWorkdirs ? failure.workdir : undefined),
      versionCell(failure.version),
      failure.class,
      mirrors.map(mirror => code(mirror)).join('<br>'),
      String(relayed?.tries ?? seen?.attempts ?? 1),
      goMessage(failure.message, failure.class, { ...failure, mirrors })
    ])
  }
  for (const module of download.recovered) {
    const seen = history.get(moduleKey(module.module, module.version))
    const failedOn = (module.relayed?.failedOn ?? (seen ? [...seen.mirrors] : [])).filter(
      p => p !== redactUrl(module.proxy)
    )
    const mirror = failedOn.length > 0 ? `${failedOn.map(mirror => code(mirror)).join(', ')} → ` : ''
    rows.push([
      `${ICON.recovered} recovered`,
      moduleCell(module.module),
      versionCell(module.version),
      module.class,
      `${mirror}${code(module.proxy)}`,
      String(module.attempts),
      goMessage(module.relayed?.trail ?? seen?.lastMessage ?? '', module.class, {
        ...module,
        mirrors: module.relayed?.failedOn ?? [...(seen?.mirrors ?? [])]
      })
    ])
  }
  summary.addHeading('Modules', 3)
  addTableWithinBudget(
    summary,
    ['Result', 'Module', 'Version', 'Class', 'Mirror', 'Attempts', 'What happened'],
    rows,
    MODULES_TABLE_BUDGET,
    seeReport('modules')
  )
}

function moduleCell(module: string, workdir?: string): string {
  const name = module === '' ? '<em>(go failed before naming a module)</em>' : code(module)
  return workdir === undefined ? name : `${name}<br><sub>in ${clip(workdir, NAME_CHARS)}</sub>`
}

function versionCell(version: string): string {
  return version === '' ? '' : code(version)
}

function renderMirrors(download: DownloadReport, summary: Summary): void {
  if (download.mirrors.length === 0) return
  const rows = download.mirrors.map(mirror => [
    code(mirror.proxy),
    String(mirror.requests),
    mirror.answered ? String(mirror.ok) : `${mirror.ok} (never answered)`,
    failuresByClassText(mirror.failuresByClass),
    mirror.medianMs === undefined ? '—' : formatDuration(mirror.medianMs),
    mirror.demoted ? `${ICON.demoted} yes` : 'no'
  ])
  summary.addHeading('Mirrors', 3)
  addTableWithinBudget(
    summary,
    ['Mirror', 'Requests', 'Answered OK', 'Failures', 'Median latency', 'Demoted'],
    rows,
    MIRRORS_TABLE_BUDGET,
    seeReport('mirrors')
  )
  renderExported(download, summary)
}

/** The mirrors as the relay met them, the prefetch, and (folded) every file that needed help. */
function renderRelay(
  relay: NonNullable<RunReport['relay']>,
  download: DownloadReport,
  summary: Summary
): void {
  summary.addHeading('Mirrors', 3)
  if (relay.mirrors.length > 0) {
    const rows = relay.mirrors.map(m => [
      code(m.mirror),
      String(m.requests),
      m.answered ? String(m.ok) : `${m.ok} (never answered)`,
      String(m.retries),
      m.hedges === 0 ? '0' : `${m.hedges} (${m.hedgesWon} won)`,
      m.breakerTrips === 0 ? 'no' : `${ICON.paused} ${plural(m.breakerTrips, 'time')}`,
      formatBytes(m.bytes),
      m.p50Ms === undefined ? '—' : `${formatDuration(m.p50Ms)} / ${formatDuration(m.p95Ms ?? m.p50Ms)}`,
      failuresByClassText(m.failuresByClass)
    ])
    addTableWithinBudget(
      summary,
      ['Mirror', 'Requests', 'OK', 'Retries', 'Hedges', 'Breaker open', 'Bytes', 'p50 / p95', 'Failures'],
      rows,
      MIRRORS_TABLE_BUDGET,
      seeReport('mirrors')
    )
  }
  const p = relay.prefetch
  const prefetched = p
    ? ` The prefetch asked for ${plural(p.requested, 'file')} go.sum names in ${formatDuration(p.durationMs)}` +
      ` (${p.cached} already in the module cache${p.private > 0 ? `, ${p.private} private, never asked` : ''}${p.notFound > 0 ? `, ${p.notFound} on no mirror` : ''}).`
    : ''
  summary.addRaw(
    `<p>go fetched through the relay, a module proxy on 127.0.0.1 that retries, hedges and verifies each request against go.sum: ${plural(relay.totals.servedToGo, 'file')} served to go, ${relay.totals.fromStore} of them already prefetched.${prefetched}</p>`,
    true
  )
  if (relay.files.length > 0) {
    const rows = relay.files.map(file => [
      code(file.name),
      file.outcome === 'ok'
        ? `${ICON.recovered} served`
        : file.outcome === 'private'
          ? `${ICON.private} private`
          : `${ICON.failed} ${file.outcome}`,
      file.servedBy ? code(file.servedBy) : '—',
      clip(
        file.tries
          .filter(t => t.outcome !== 'ok')
          .map(t => `${t.hedge ? 'hedge ' : ''}${t.mirror}: ${t.detail ?? t.outcome}`)
          .join('; ') ||
          (file.failure?.message ?? ''),
        TRIES_CHARS
      )
    ])
    const { table, more } = tableWithinBudget(
      ['File', 'Result', 'Served by', 'What happened'],
      rows,
      MODULES_TABLE_BUDGET / 4,
      seeReport('files')
    )
    summary.addDetails(
      `Files that needed a retry, a hedge or another mirror (${relay.files.length})`,
      table + more
    )
  }
  renderExported(download, summary)
}

/** The GOPROXY for later steps: as answered only the mirrors that did, and the rest of it apart. */
function renderExported(download: DownloadReport, summary: Summary): void {
  const exported = download.exportProxy === '' ? [] : download.exportProxy.split('|')
  const answered = exported.filter(p => download.mirrors.some(m => m.proxy === p && m.answered))
  const others = exported.filter(p => !answered.includes(p))
  const lists = [
    answered.length > 0 ? `Mirrors that answered, best first: ${exportList(answered)}` : '',
    others.length > 0 ? `for later steps also, not having answered here: ${exportList(others)}` : ''
  ].filter(part => part !== '')
  if (lists.length === 0) return
  const text = lists.join('; ')
  summary.addRaw(`<p>${text.charAt(0).toUpperCase()}${text.slice(1)}.</p>`, true)
}

function exportList(mirrors: string[]): string {
  return code(mirrors.join('|'), NAME_CHARS * 4)
}

function failuresByClassText(byClass: Partial<Record<FailureClass, number>>): string {
  const entries = Object.entries(byClass).filter(([, n]) => (n ?? 0) > 0)
  if (entries.length === 0) return '—'
  return entries.map(([cls, n]) => `${cls} ×${n}`).join('<br>')
}

function renderAdvice(download: DownloadReport, summary: Summary, extra: string[] = []): void {
  const byBudget = stoppedByBudget(download)
  const failing = classCounts(download.failed.filter(f => !byBudget(f)))
  const recovered = new Map<FailureClass, number>()
  for (const module of download.recovered) {
    if (!failing.has(module.class)) recovered.set(module.class, (recovered.get(module.class) ?? 0) + 1)
  }
  if (failing.size === 0 && recovered.size === 0 && !download.timedOut && extra.length === 0) return
  const stopped = download.failed.filter(byBudget).length
  const open = [
    ...extra,
    ...(download.timedOut
      ? [
          adviceItem(
            'time budget',
            stopped > 0 ? `${stopped} stopped` : 'ran out',
            budgetAdvice(download.timeoutMs)
          )
        ]
      : []),
    ...[...failing].map(([cls, n]) =>
      adviceItem(
        cls,
        plural(n, 'failure'),
        adviceFor(cls, download.failed),
        cls === 'sumdb' ? privateModuleHint(privateModuleHints(download.failed)) : undefined
      )
    )
  ]
  // Classes the retries already absorbed need no action now: their advice is there, folded.
  const absorbed = [...recovered].map(([cls, n]) => adviceItem(cls, `${n} recovered`, ADVICE[cls]))
  const foldedLabel = `What the recovered failures mean (${[...recovered.keys()].join(', ')})`
  const foldedList = `<ul>${absorbed.map(item => `<li>${item}</li>`).join('')}</ul>`
  if (open.length > 0) {
    summary.addHeading('What this means and how to fix it', 3)
    summary.addList(open)
  }
  if (absorbed.length > 0) summary.addDetails(foldedLabel, foldedList)
}

function adviceItem(topic: string, count: string, advice: ClassAdvice, hint?: string): string {
  const parts = [
    `<strong>${topic}</strong> (${count}): ${adviceText(advice.meaning)}`,
    `<strong>Fix:</strong> ${adviceText(advice.fix)}`
  ]
  if (hint !== undefined) parts.push(adviceText(hint))
  if (advice.avoid !== undefined) parts.push(`<strong>Avoid:</strong> ${adviceText(advice.avoid)}`)
  return parts.join('<br>')
}

/** Advice is plain text with `backticks` for code; the summary shows those as code. */
function adviceText(text: string): string {
  return escape(text).replace(/`([^`]+)`/g, '<code>$1</code>')
}

function renderCache(
  cache: CacheRestoreReport | undefined,
  download: DownloadReport,
  summary: Summary
): void {
  if (cache === undefined && download.purged.length === 0) return
  const items: string[] = []
  if (cache !== undefined) items.push(...cacheLines(cache))
  if (download.purged.length > 0) {
    const names = download.purged.map(p => `${code(moduleKey(p.module, p.version))} from ${code(p.proxy)}`)
    items.push(
      `Removed from the module cache after a checksum mismatch, then fetched again: ${joinWithinBudget(names, CACHE_BUDGET / 2)}`
    )
  }
  summary.addHeading('Module cache', 3)
  summary.addList(items)
}

function cacheLines(cache: CacheRestoreReport): string[] {
  if (!cache.enabled) return ['Cache off.']
  if (cache.noService)
    return ['No cache service on this runner: nothing was restored, and nothing will be saved.']
  const key = code(cache.key)
  const restored = [
    cache.sizeBytes === undefined ? undefined : formatBytes(cache.sizeBytes),
    cache.restoreMs === undefined ? undefined : `in ${formatDuration(cache.restoreMs)}`
  ].filter(part => part !== undefined)
  const detail = restored.length > 0 ? ` (${restored.join(' ')})` : ''
  const lines: string[] = []
  if (cache.hit === 'exact') lines.push(`Exact hit for key ${key}${detail}.`)
  else if (cache.hit === 'partial') {
    const matched = cache.matchedKey === undefined ? 'an older entry' : code(cache.matchedKey)
    lines.push(`Partial hit: restored ${matched} for key ${key}${detail}.`)
  } else lines.push(`Miss for key ${key}.`)
  if (cache.purged.length > 0) {
    const names = cache.purged.map(name => code(name))
    lines.push(
      `${plural(cache.purged.length, 'restored module')} failed verification and ${cache.purged.length === 1 ? 'was' : 'were'} purged: ${joinWithinBudget(names, CACHE_BUDGET / 2)}`
    )
  }
  if (cache.warning !== undefined) lines.push(`${ICON.warning} ${clip(cache.warning, LINE_CHARS)}`)
  return lines
}

function renderWarnings(warnings: string[], summary: Summary): void {
  if (warnings.length === 0) return
  const items = warnings.map(w => `${ICON.warning} ${clip(w, LINE_CHARS)}`)
  const shown = takeWithinBudget(items, WARNINGS_BUDGET)
  if (shown.length < items.length) shown.push(seeReport('warnings')(items.length - shown.length))
  summary.addHeading('Warnings', 3)
  summary.addList(shown)
}

function renderTimeline(attempts: Attempt[], goVersion: string, summary: Summary): void {
  if (attempts.length === 0) return
  const rows = attempts.map(attempt => [
    String(attempt.number),
    code(attempt.workdir),
    code(attempt.proxy),
    String(attempt.try),
    attempt.delayMs > 0 ? formatDuration(attempt.delayMs) : '—',
    formatDuration(attempt.durationMs),
    attempt.exitCode === null ? 'killed' : String(attempt.exitCode),
    stoppedText(attempt),
    failuresText(attempt.failures),
    attempt.decision
  ])
  const header = [
    '#',
    'Working dir',
    'Mirror',
    'Try',
    'Backoff before',
    'Duration',
    'Exit',
    'Stopped',
    'Failures',
    'Decision'
  ]
  const { table, more } = tableWithinBudget(header, rows, TIMELINE_BUDGET, seeReport('attempts'))
  const go = goVersion === '' ? '' : `, ${clip(goVersion, NAME_CHARS)}`
  summary.addDetails(`Attempt timeline (${plural(attempts.length, 'attempt')}${go})`, table + more)
}

function stoppedText(attempt: Attempt): string {
  if (attempt.stopped === undefined) return '—'
  const pending =
    attempt.pendingUrl === undefined
      ? ''
      : ` waiting for <code>${clip(attempt.pendingUrl, NAME_CHARS)}</code>`
  return `${attempt.stopped}${pending}`
}

function failuresText(failures: ModuleFailure[]): string {
  if (failures.length === 0) return '0'
  const classes = [...classCounts(failures).keys()].slice(0, 4).join(', ')
  return `${failures.length} (${classes})`
}

/**
 * go's message for a table cell: one escaped line of about 120 characters, the full text folded. The
 * line drops what the row's other columns already say: the leading `module@version: ` and the mirror
 * URL in front of `<module>/@v/<file>`.
 */
function goMessage(message: string, cls?: FailureClass, row?: MessageRow): string {
  if (message.trim() === '' && cls === 'stalled') return '<em>no answer; the watchdog stopped go</em>'
  const redacted = redactUrl(message)
  const oneLine = collapseWhitespace(row === undefined ? redacted : withoutRowContext(redacted, row))
  if (oneLine.length <= CELL_MESSAGE_CHARS && oneLine === collapseWhitespace(redacted)) {
    return escape(oneLine)
  }
  const full =
    redacted.length > FULL_MESSAGE_CHARS
      ? `${redacted.slice(0, FULL_MESSAGE_CHARS)}\n… (${redacted.length - FULL_MESSAGE_CHARS} more characters in the JSON report)`
      : redacted
  const short = oneLine.length <= CELL_MESSAGE_CHARS ? oneLine : `${oneLine.slice(0, CELL_MESSAGE_CHARS)}…`
  return `<details><summary>${escape(short)}</summary>${multiline(full)}</details>`
}

/** The columns of a modules-table row that its go message repeats. */
interface MessageRow {
  module: string
  version: string
  /** Redacted mirror labels, as the Mirror column shows them. */
  mirrors: string[]
}

function withoutRowContext(message: string, row: MessageRow): string {
  let text = message
  const prefix = `${row.module}@${row.version}: `
  if (row.module !== '' && text.startsWith(prefix)) text = text.slice(prefix.length)
  for (const mirror of row.mirrors) {
    const base = mirror.replace(/\/+$/, '')
    if (/^(https?|file):/.test(base)) text = text.split(`${base}/`).join('…/')
  }
  return text
}

/** Escaped text whose line breaks survive in HTML; a blank line would end the HTML block in Markdown. */
function multiline(text: string): string {
  return text
    .replace(/\r/g, '')
    .split('\n')
    .map(line => escape(line).replace(/\t/g, '&nbsp;&nbsp;&nbsp;&nbsp;'))
    .join('<br>')
}

function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/** Classes by number of failures, most frequent first. */
function classCounts(failures: { class: FailureClass }[]): Map<FailureClass, number> {
  const counts = new Map<FailureClass, number>()
  for (const failure of failures) counts.set(failure.class, (counts.get(failure.class) ?? 0) + 1)
  return new Map([...counts].sort((a, b) => b[1] - a[1]))
}
