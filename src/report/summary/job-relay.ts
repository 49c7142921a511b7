import type { StopResult } from '../../relay/daemon.js'
import type { JournalFile } from '../../relay/journal.js'
import { formatBytes, plural } from '../format.js'
import { jobRelayStopNote } from '../job-relay.js'
import { addTableWithinBudget, BUDGET, clip, code, escape, ICON, type SummaryBuilder } from './html.js'

const CELL_CHARS = 400

/**
 * The later steps' section of the post step's summary: what their go commands fetched through the
 * relay, what failed, and what needed a retry, a hedge or another mirror.
 */
export function renderJobRelay(result: StopResult, pid: number, summary: SummaryBuilder): void {
  summary.addHeading('Later steps through the relay', 3)
  const files = result.lines.flatMap(l => (l.t === 'file' ? [l as JournalFile] : []))
  const stats = result.lines.find(l => l.t === 'stats')
  const truncated = result.lines.some(l => l.t === 'truncated')
  const note = jobRelayStopNote(result, pid)
  if (note) summary.addRaw(`<p>${ICON.warning} ${escape(note)}</p>`, true)
  if (files.length === 0) {
    summary.addRaw('<p>Later steps fetched no module through the relay.</p>', true)
    return
  }
  const failed = files.filter(f => f.outcome === 'failed' || f.outcome === 'not-found')
  const helped = files.filter(f => f.outcome === 'ok' && (f.retried || f.hedged || f.trouble))
  const bytes = stats && stats.t === 'stats' ? stats.mirrors.reduce((n, m) => n + m.bytes, 0) : 0
  summary.addRaw(
    `<p>${failed.length === 0 ? ICON.ok : ICON.failed} The relay answered later steps for ${plural(files.length, 'file')}` +
      `${bytes > 0 ? ` (${formatBytes(bytes)} from the mirrors)` : ''}: ${failed.length} failed, ${helped.length} needed a retry, a hedge or another mirror.` +
      `${truncated ? ' The journal reached its size limit; later files are not listed.' : ''}</p>`,
    true
  )
  const rows = [...failed, ...helped].map(f => [
    code(f.name, CELL_CHARS),
    f.outcome === 'ok' ? `${ICON.recovered} recovered` : `${ICON.failed} ${f.outcome}`,
    f.servedBy ? code(f.servedBy, CELL_CHARS) : '—',
    clip([...(f.trouble ?? []), f.failure?.message ?? ''].filter(Boolean).join('; '), CELL_CHARS)
  ])
  if (rows.length === 0) return
  // The journal is all there is of later steps: no JSON report holds the files left out.
  addTableWithinBudget(
    summary,
    ['File', 'Result', 'Served by', 'What happened'],
    rows,
    BUDGET.jobRelayFiles,
    omitted => `…and ${omitted} more.`
  )
}
