import type { DaemonStopReason, JournalFile, StopResult } from '../relay/daemon.js'
import { formatBytes, plural } from './format.js'
import { addTableWithinBudget, clip, code, escape, ICON, type SummaryBuilder } from './summary/html.js'

// Well under GitHub's 1 MiB per step, beside the cache section.
const FILES_BUDGET = 200 * 1024
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
    FILES_BUDGET,
    omitted => `…and ${omitted} more.`
  )
}

/**
 * What the post step says of a relay that did not simply stop when asked, from its journal and the
 * proof it gave or did not give; undefined when it stopped as asked.
 */
export function jobRelayStopNote(result: StopResult, pid: number): string | undefined {
  switch (result.how) {
    case 'stopped':
    case 'killed':
      return undefined
    case 'left':
      return `The relay for later steps (pid ${pid}) did not stop; the runner ends it with the job.`
    case 'unproven':
      return `The process at the relay's pid ${pid} and port did not prove to be the relay for later steps: nothing was signalled.`
    case 'gone': {
      const stopped = result.stopped
      if (!stopped || stopped.reason === 'asked')
        return 'The relay for later steps ended before the post step without a word in its journal (it was killed, or crashed); go commands after that went to the mirrors behind it in GOPROXY.'
      const detail = stopped.detail ? ` (${stopped.detail})` : ''
      return `The relay for later steps stopped at ${stopped.at}, before the post step: ${STOP_REASONS[stopped.reason]}${detail}; go commands after that went to the mirrors behind it in GOPROXY.`
    }
  }
}

const STOP_REASONS: Record<DaemonStopReason, string> = {
  asked: 'it was asked to stop',
  idle: 'it was idle for longer than a job may run',
  'worker-gone': "the runner's worker process had ended",
  'out-of-memory': 'it ran out of memory',
  signal: 'it was sent a signal'
}
