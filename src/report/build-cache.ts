import { formatDuration } from '../config/duration.js'
import { formatBytes } from './format.js'
import { code, escape, type SummaryBuilder } from './summary/html.js'

/** A number of build cache entries (cached executables included) and their bytes. */
export interface EntryCount {
  entries: number
  bytes: number
}

/** What happened to the build cache over the job, as the post step found it. */
export interface BuildCacheReport {
  key: string
  /** The key of the entry restored, '' when nothing was. */
  matchedKey: string
  /** Why the job left the build cache alone; nothing else is set then. */
  skipped?: string
  restored: EntryCount
  restoreMs?: number
  /** Restored entries the job's go commands used. */
  used: EntryCount
  /** Entries the job's go commands wrote. */
  added: EntryCount
  /** What the saved entry holds, when one was saved. */
  saved?: EntryCount & { executables: number; archiveBytes?: number; saveMs: number }
  /** Why nothing was saved, in a sentence. */
  notSaved?: string
}

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
