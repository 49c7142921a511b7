import { formatDuration } from '../../config/duration.js'
import type { ConnectivityReport, EnvironmentEntry, ProbeResult } from '../../network/types.js'
import { plural } from '../format.js'
import type { RunReport } from '../types.js'
import {
  BUDGET,
  clip,
  code,
  escape,
  ICON,
  joinWithinBudget,
  seeReport,
  tableWithinBudget,
  type SummaryBuilder
} from './html.js'

const CELL_CHARS = 200

/**
 * Adds what the network looked like to the summary: one row per probe (mirrors and the checksum
 * database), then the settings that decide where go's requests go. After a download that worked, how
 * the network looked is detail: it all goes under one line that says how many answered.
 */
export function renderConnectivity(report: RunReport, summary: SummaryBuilder): void {
  const connectivity = report.connectivity
  if (connectivity === undefined) return
  const parts: string[] = []
  if (connectivity.probed && connectivity.probes.length > 0) {
    const rows = connectivity.probes.map(p =>
      probeRow(p, p.role === 'mirror' && connectivity.triedLast.includes(p.target))
    )
    const header = ['Mirror', 'DNS', 'Connect', 'TLS', 'HTTP', 'Verdict']
    const { table, more } = tableWithinBudget(header, rows, BUDGET.probes, seeReport('probes'))
    parts.push(table)
    if (more !== '') parts.push(more)
    parts.push(`<p>${probeNote(connectivity)}</p>`)
  } else if (connectivity.cacheComplete) {
    parts.push('<p>Mirrors were not probed: the restored module cache holds every file go.sum names.</p>')
  } else if (!connectivity.probed) {
    parts.push(
      '<p>Mirrors were not probed (<code>probe: false</code>); they were tried in the listed order.</p>'
    )
  }
  parts.push(environmentDetails(connectivity.environment))
  if (report.outcome === 'success') {
    summary.addDetails(`Connectivity: ${probeCount(connectivity)}`, parts.join(''))
    return
  }
  summary.addHeading('Connectivity', 3)
  for (const part of parts) summary.addRaw(part, true)
}

/** `3 mirrors probed in 31 ms: 2 reachable`, or why nothing was probed, for a folded section. */
function probeCount(connectivity: ConnectivityReport): string {
  if (!connectivity.probed || connectivity.probes.length === 0) {
    return connectivity.cacheComplete ? 'not probed, the module cache held everything' : 'not probed'
  }
  const mirrors = connectivity.probes.filter(p => p.role === 'mirror')
  const up = mirrors.filter(p => p.verdict === 'reachable').length
  const all = mirrors.length === 1 ? 'reachable' : 'all reachable'
  const probed = `${plural(mirrors.length, 'mirror')} probed in ${formatDuration(connectivity.durationMs)}`
  return `${probed}: ${up === mirrors.length ? all : `${up} reachable`}`
}

function probeNote(connectivity: ConnectivityReport): string {
  const took = `Probed in ${formatDuration(connectivity.durationMs)}; the first attempt waited ${formatDuration(connectivity.orderSettledMs)} for the results.`
  if (connectivity.triedLast.length === 0) return took
  const names = joinWithinBudget(
    connectivity.triedLast.map(target => code(target, CELL_CHARS)),
    BUDGET.triedLast
  )
  return `${took} Tried after the others because the probe found them unreachable or silent: ${names}.`
}

function probeRow(probe: ProbeResult, triedLast: boolean): string[] {
  const name =
    probe.role === 'checksum-db'
      ? `${code(probe.target, CELL_CHARS)}<br><sub>checksum database</sub>`
      : code(probe.target, CELL_CHARS)
  const via = probe.via ? `<br><sub>via HTTP proxy ${code(probe.via, CELL_CHARS)}</sub>` : ''
  return [
    name,
    dnsCell(probe) + via,
    phaseCell(probe.connect, probe.connect ? escape(probe.connect.address) : ''),
    tlsCell(probe),
    httpCell(probe),
    verdictCell(probe, triedLast)
  ]
}

function dnsCell(probe: ProbeResult): string {
  const dns = probe.dns
  if (dns === undefined) return '—'
  if (dns.error !== undefined) return `${ICON.failed} ${formatDuration(dns.ms)}`
  const addresses = dns.addresses ?? []
  const shown = addresses.slice(0, 2).map(a => escape(a))
  const more = addresses.length > 2 ? ` +${addresses.length - 2}` : ''
  return `${formatDuration(dns.ms)}<br><sub>${shown.join(', ')}${more}</sub>`
}

function phaseCell(phase: { ms: number; error?: string } | undefined, detail: string): string {
  if (phase === undefined) return '—'
  if (phase.error !== undefined) return `${ICON.failed} ${formatDuration(phase.ms)}`
  return detail === '' ? formatDuration(phase.ms) : `${formatDuration(phase.ms)}<br><sub>${detail}</sub>`
}

function tlsCell(probe: ProbeResult): string {
  const tls = probe.tls
  if (tls === undefined) return probe.url.startsWith('http:') ? 'plain HTTP' : '—'
  const certificate = [
    tls.protocol,
    tls.subject === undefined ? undefined : `CN ${tls.subject}`,
    tls.validTo === undefined ? undefined : `expires ${tls.validTo.slice(0, 10)}`
  ].filter(part => part !== undefined)
  const detail = certificate.length > 0 ? `<br><sub>${escape(certificate.join(', '))}</sub>` : ''
  return `${tls.error === undefined ? '' : `${ICON.failed} `}${formatDuration(tls.ms)}${detail}`
}

function httpCell(probe: ProbeResult): string {
  const http = probe.http
  if (http === undefined || probe.verdict === 'not-probed') return '—'
  if (http.status === undefined) return `${ICON.failed} ${formatDuration(http.ms)}`
  const path = new URL(probe.url).pathname
  return `${http.status} in ${formatDuration(http.ms)}<br><sub>${clip(path, CELL_CHARS)}</sub>`
}

function verdictCell(probe: ProbeResult, triedLast: boolean): string {
  const moved = triedLast ? '<br><sub>tried after the others</sub>' : ''
  switch (probe.verdict) {
    case 'reachable':
      return `${ICON.ok} reachable${moved}`
    case 'http-error':
      return (
        `${ICON.warning} answering ${probe.http?.status ?? ''} ${escape(probe.http?.statusText ?? '')}`.trim() +
        moved
      )
    case 'not-probed':
      return `— not probed: ${escape(probe.http?.error ?? '')}`
    case 'down': {
      const failure = probe.failure
      const what = failure?.phase === 'proxyconnect' ? 'the HTTP proxy failed' : 'the mirror is down'
      const label = probe.role === 'checksum-db' ? 'unreachable' : what
      return `${ICON.failed} ${label} (${failure?.class ?? 'unknown'})<br>${code(failure?.message ?? '', CELL_CHARS)}${moved}`
    }
  }
}

function environmentDetails(entries: EnvironmentEntry[]): string {
  const set = entries.filter(e => e.value !== '')
  const unset = entries.filter(e => e.value === '').map(e => e.name)
  const rows = set.map(e => [code(e.name, CELL_CHARS), code(e.value, CELL_CHARS)])
  const html = rows.length > 0 ? tableWithinBudget(['Variable', 'Value'], rows, Infinity, () => '').table : ''
  const rest =
    unset.length > 0 ? `<p>Not set: ${unset.map(name => code(name, CELL_CHARS)).join(', ')}.</p>` : ''
  return `<details><summary>Go environment that shapes requests</summary>${html}${rest}</details>`
}
