import { formatDuration } from '../../config/duration.js'
import type { DownloadReport } from '../../download/types.js'
import type { FailureClass } from '../../failures/classes.js'
import { formatBytes, plural } from '../format.js'
import type { RunReport } from '../types.js'
import {
  addTableWithinBudget,
  BUDGET,
  clip,
  code,
  ICON,
  NAME_CHARS,
  seeReport,
  tableWithinBudget,
  type SummaryBuilder
} from './html.js'

// What the relay's tries said of a file, in one cell.
const TRIES_CHARS = 400

/**
 * The mirrors: as the relay met them when go went through it, else as go's own requests found them; then
 * the GOPROXY later steps get.
 */
export function renderMirrors(report: RunReport, summary: SummaryBuilder): void {
  if (report.relay) renderRelayMirrors(report.relay, summary)
  else if (report.download.mirrors.length > 0) renderGoMirrors(report.download, summary)
  else return
  renderExported(report.download, summary)
}

function renderGoMirrors(download: DownloadReport, summary: SummaryBuilder): void {
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
    BUDGET.mirrors,
    seeReport('mirrors')
  )
}

/** The mirrors as the relay met them, the prefetch, and (folded) every file that needed help. */
function renderRelayMirrors(relay: NonNullable<RunReport['relay']>, summary: SummaryBuilder): void {
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
      BUDGET.mirrors,
      seeReport('mirrors')
    )
  }
  const p = relay.prefetch
  const prefetched = p
    ? ` The prefetch asked for ${plural(p.requested, 'file')} go.sum names in ${formatDuration(p.durationMs)}` +
      ` (${p.cached} already in the module cache${p.private > 0 ? `, ${p.private} private, never asked` : ''}${p.notFound > 0 ? `, ${p.notFound} on no mirror` : ''}).`
    : ''
  const intoCache = relay.totals.intoCache
    ? `${plural(relay.totals.intoCache, 'file')} put into go's module cache, where go found ${relay.totals.intoCache === 1 ? 'it' : 'them'}; `
    : ''
  summary.addRaw(
    `<p>go fetched through the relay, a module proxy on 127.0.0.1 that retries, hedges and verifies each request against go.sum: ${intoCache}${plural(relay.totals.servedToGo, 'file')} served to go, ${relay.totals.fromStore} of them already prefetched.${prefetched}</p>`,
    true
  )
  if (relay.files.length === 0) return
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
    BUDGET.relayFiles,
    seeReport('files')
  )
  summary.addDetails(
    `Files that needed a retry, a hedge or another mirror (${relay.files.length})`,
    table + more
  )
}

/** The GOPROXY for later steps: as answered only the mirrors that did, and the rest of it apart. */
function renderExported(download: DownloadReport, summary: SummaryBuilder): void {
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
