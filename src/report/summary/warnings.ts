import type { RunReport } from '../types.js'
import { BUDGET, clip, ICON, LINE_CHARS, seeReport, takeWithinBudget, type SummaryBuilder } from './html.js'

/** What the run found about the job's own environment: weakened verification and the like. */
export function renderWarnings(report: RunReport, summary: SummaryBuilder): void {
  if (report.warnings.length === 0) return
  const items = report.warnings.map(w => `${ICON.warning} ${clip(w, LINE_CHARS)}`)
  const shown = takeWithinBudget(items, BUDGET.warnings)
  if (shown.length < items.length) shown.push(seeReport('warnings')(items.length - shown.length))
  summary.addHeading('Warnings', 3)
  summary.addList(shown)
}
