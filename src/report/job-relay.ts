import escapeHtml from 'escape-html'
import type { DaemonStopReason, JournalFile, StopResult } from '../relay/daemon.js'
import { formatBytes, plural } from './format.js'
import type { SummaryBuilder } from './summary.js'

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
  if (note) summary.addRaw(`<p>⚠️ ${escapeHtml(note)}</p>`, true)
  if (files.length === 0) {
    summary.addRaw('<p>Later steps fetched no module through the relay.</p>', true)
    return
  }
  const failed = files.filter(f => f.outcome === 'failed' || f.outcome === 'not-found')
  const helped = files.filter(f => f.outcome === 'ok' && (f.retried || f.hedged || f.trouble))
  const bytes = stats && stats.t === 'stats' ? stats.mirrors.reduce((n, m) => n + m.bytes, 0) : 0
  summary.addRaw(
    `<p>${failed.length === 0 ? '✅' : '❌'} The relay answered later steps for ${plural(files.length, 'file')}` +
      `${bytes > 0 ? ` (${formatBytes(bytes)} from the mirrors)` : ''}: ${failed.length} failed, ${helped.length} needed a retry, a hedge or another mirror.` +
      `${truncated ? ' The journal reached its size limit; later files are not listed.' : ''}</p>`,
    true
  )
  const rows = [...failed, ...helped].map(f => [
    `<code>${cell(f.name)}</code>`,
    f.outcome === 'ok' ? '🔁 recovered' : `❌ ${f.outcome}`,
    f.servedBy ? `<code>${cell(f.servedBy)}</code>` : '—',
    cell([...(f.trouble ?? []), f.failure?.message ?? ''].filter(Boolean).join('; '))
  ])
  if (rows.length === 0) return
  const header = '<tr><th>File</th><th>Result</th><th>Served by</th><th>What happened</th></tr>'
  const shown: string[] = []
  let used = header.length
  for (const row of rows) {
    const html = `<tr>${row.map(c => `<td>${c}</td>`).join('')}</tr>`
    used += Buffer.byteLength(html)
    if (used > FILES_BUDGET) break
    shown.push(html)
  }
  summary.addRaw(`<table>${header}${shown.join('')}</table>`, true)
  if (shown.length < rows.length) summary.addRaw(`<p>…and ${rows.length - shown.length} more.</p>`, true)
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

function cell(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim()
  return escapeHtml(line.length > CELL_CHARS ? `${line.slice(0, CELL_CHARS)}…` : line)
}
