import { formatDuration } from '../../config/duration.js'
import type { Attempt, ModuleFailure } from '../../download/types.js'
import { plural } from '../format.js'
import type { RunReport } from '../types.js'
import { classCounts } from './history.js'
import { BUDGET, clip, code, NAME_CHARS, seeReport, tableWithinBudget, type SummaryBuilder } from './html.js'

/** Every go process the download ran, folded: where it pointed go, how long, how it ended, what came next. */
export function renderTimeline(report: RunReport, summary: SummaryBuilder): void {
  const attempts = report.download.attempts
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
  const { table, more } = tableWithinBudget(header, rows, BUDGET.timeline, seeReport('attempts'))
  const go = report.goVersion === '' ? '' : `, ${clip(report.goVersion, NAME_CHARS)}`
  summary.addDetails(`Attempt timeline (${plural(attempts.length, 'attempt')}${go})`, table + more)
}

function stoppedText(attempt: Attempt): string {
  if (attempt.stopped === undefined) return '—'
  const pending = attempt.pendingUrl === undefined ? '' : ` waiting for ${code(attempt.pendingUrl)}`
  return `${attempt.stopped}${pending}`
}

function failuresText(failures: ModuleFailure[]): string {
  if (failures.length === 0) return '0'
  const classes = [...classCounts(failures).keys()].slice(0, 4).join(', ')
  return `${failures.length} (${classes})`
}
