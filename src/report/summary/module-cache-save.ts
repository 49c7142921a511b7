import { formatDuration } from '../../config/duration.js'
import { formatBytes } from '../format.js'
import type { CacheSaveReport } from '../types.js'
import { code, escape, type SummaryBuilder } from './html.js'

/** The post step's module cache section: what the main step restored, and what was saved or why not. */
export function renderModuleCacheSave(
  report: CacheSaveReport,
  matchedKey: string,
  summary: SummaryBuilder
): void {
  const restored = matchedKey === '' ? 'Nothing was restored.' : `Restored from ${code(matchedKey)}.`
  const saved = report.saved
    ? `Saved as ${code(report.key)}` +
      (report.sizeBytes !== undefined ? `, ${formatBytes(report.sizeBytes)}` : '') +
      (report.saveMs !== undefined ? ` in ${formatDuration(report.saveMs)}` : '') +
      '.'
    : escape(report.skipped ?? 'Not saved.')
  summary.addHeading('Module cache (post step)', 3)
  summary.addRaw(`<p>${restored} ${saved}</p>`, true)
}
