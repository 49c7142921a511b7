import type { FailureClass } from '../../failures/classes.js'
import { redactUrl } from '../../security/redact.js'
import type { RunReport } from '../types.js'
import { failureHistory, moduleKey, relayTries } from './history.js'
import {
  addTableWithinBudget,
  BUDGET,
  clip,
  code,
  escape,
  ICON,
  NAME_CHARS,
  seeReport,
  type SummaryBuilder
} from './html.js'

// The one-line form of go's message in the modules table; the full text is folded under it.
const CELL_MESSAGE_CHARS = 120
const FULL_MESSAGE_CHARS = 4000

/** One row per module that failed, then per module that needed a retry or another mirror; nothing when none did. */
export function renderModules(report: RunReport, summary: SummaryBuilder): void {
  const download = report.download
  if (download.failed.length === 0 && download.recovered.length === 0) return
  const history = failureHistory(download.attempts)
  const asked = relayTries(report.relay)
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
    BUDGET.modules,
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

/**
 * go's message for a table cell: one escaped line of about 120 characters, the full text folded. The
 * line drops what the row's other columns already say: the leading `module@version: ` and the mirror
 * URL in front of `<module>/@v/<file>`.
 */
function goMessage(message: string, cls: FailureClass, row: MessageRow): string {
  if (message.trim() === '' && cls === 'stalled') return '<em>no answer; the watchdog stopped go</em>'
  const redacted = redactUrl(message)
  const oneLine = collapseWhitespace(withoutRowContext(redacted, row))
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
