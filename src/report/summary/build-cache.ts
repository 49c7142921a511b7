import { formatDuration } from '../../config/duration.js'
import type { BuildCacheReport, EntryCount } from '../build-cache.js'
import { formatBytes } from '../format.js'
import { code, escape, type SummaryBuilder } from './html.js'

function count(c: EntryCount): string {
  return `${c.entries} ${c.entries === 1 ? 'entry' : 'entries'} (${formatBytes(c.bytes)})`
}

/** The build cache section of the post step's summary: restored, used, added, saved, or why it was left alone. */
export function renderBuildCache(report: BuildCacheReport, summary: SummaryBuilder): void {
  summary.addHeading('Build cache (post step)', 4)
  if (report.skipped !== undefined) {
    summary.addRaw(`<p>Not used: ${escape(report.skipped)}.</p>`, true)
    return
  }
  const lines = [
    report.matchedKey === ''
      ? `Nothing was restored; the job added ${count(report.added)}.`
      : `Restored ${count(report.restored)} from ${code(report.matchedKey)}` +
        `${report.restoreMs !== undefined ? ` in ${formatDuration(report.restoreMs)}` : ''}; the job used ${count(report.used)} of them and added ${count(report.added)}.`,
    report.saved
      ? `Saved ${count(report.saved)}${report.saved.executables > 0 ? `, ${report.saved.executables} cached executables among them` : ''}` +
        ` as ${code(report.key)}` +
        (report.saved.archiveBytes !== undefined
          ? `, a ${formatBytes(report.saved.archiveBytes)} archive`
          : '') +
        ` in ${formatDuration(report.saved.saveMs)}.`
      : escape(report.notSaved ?? 'Not saved.')
  ]
  summary.addRaw(`<p>${lines.join(' ')}</p>`, true)
}
