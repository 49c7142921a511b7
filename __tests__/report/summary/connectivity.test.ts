import { describe, expect, it } from '@jest/globals'

import {
  connectivityReport,
  CORP,
  GOOGLE,
  GOPROXY_CN,
  relayedFailureReport,
  relayedSuccessReport
} from '../../../__fixtures__/reports.js'
import { rendered, tableRows } from '../../../__fixtures__/summary-html.js'
import type { ConnectivityReport } from '../../../src/network/types.js'
import { renderConnectivity } from '../../../src/report/summary/connectivity.js'

/** The section after a relayed download that failed: open, under its heading. */
function render(connectivity: ConnectivityReport | undefined): string {
  return rendered(renderConnectivity, { ...relayedFailureReport(), connectivity })
}

function rowOf(html: string, target: string): string[] {
  return tableRows(html).find(cells => cells[0]?.startsWith(`<code>${target}</code>`)) ?? []
}

describe('renderConnectivity', () => {
  it('renders nothing without a connectivity report', () => {
    expect(render(undefined)).toBe('')
  })

  it('opens the section under its heading after a download that failed', () => {
    expect(render(connectivityReport())).toMatch(
      /^<h3>Connectivity<\/h3>\n<table><tr><th>Mirror<\/th><th>DNS<\/th>/
    )
  })

  it('folds it all under one line after a download that succeeded', () => {
    const html = rendered(renderConnectivity, {
      ...relayedSuccessReport(),
      connectivity: connectivityReport()
    })
    expect(html).not.toContain('<h3>Connectivity</h3>')
    expect(html).toMatch(
      /^<details><summary>Connectivity: 4 mirrors probed in 1.3 s: 1 reachable<\/summary><table>/
    )
    const healthy = connectivityReport()
    healthy.probes = healthy.probes.filter(p => p.verdict === 'reachable')
    expect(rendered(renderConnectivity, { ...relayedSuccessReport(), connectivity: healthy })).toContain(
      '<summary>Connectivity: 1 mirror probed in 1.3 s: reachable</summary>'
    )
  })

  it('shows every phase of a healthy probe', () => {
    const [name, dns, connect, tls, http, verdict] = rowOf(render(connectivityReport()), GOOGLE)
    expect(name).toBe(`<code>${GOOGLE}</code>`)
    expect(dns).toBe('12 ms<br><sub>142.250.1.1, 142.250.1.2 +1</sub>')
    expect(connect).toBe('21 ms<br><sub>142.250.1.1:443</sub>')
    expect(tls).toBe('30 ms<br><sub>TLSv1.3, CN proxy.golang.org, expires 2027-03-01</sub>')
    expect(http).toBe('200 in 40 ms<br><sub>/sumdb/sum.golang.org/supported</sub>')
    expect(verdict).toBe('✅ reachable')
  })

  it('says a mirror answering 503 is up but failing, escaping its status text', () => {
    const cells = rowOf(render(connectivityReport()), CORP)
    expect(cells[4]).toBe('503 in 900 ms<br><sub>/sumdb/sum.golang.org/supported</sub>')
    expect(cells[5]).toBe('⚠️ answering 503 Service &lt;Unavailable&gt;')
  })

  it('names the HTTP proxy a probe went through', () => {
    const dns = rowOf(render(connectivityReport()), CORP)[1]
    expect(dns).toBe(
      '3 ms<br><sub>10.0.0.8</sub><br><sub>via HTTP proxy <code>http://proxy.corp.example:3128</code></sub>'
    )
  })

  it('says why a mirror was not probed', () => {
    const cells = rowOf(render(connectivityReport()), GOPROXY_CN)
    // Nothing was sent, so no phase failed: the request cell is empty, not a failure in 0 ms.
    expect(cells.slice(1, 5)).toEqual([
      '—<br><sub>via HTTP proxy <code>socks5://127.0.0.1:1080</code></sub>',
      '—',
      '—',
      '—'
    ])
    expect(cells[5]).toBe('— not probed: the probe does not speak SOCKS5')
  })

  it('shows a down mirror with the failed phase, its class and go-style message, tried last', () => {
    const html = render(connectivityReport())
    const cells = rowOf(html, 'https://down.example')
    expect(cells[2]).toBe('❌ 2 ms')
    expect(cells[3]).toBe('—')
    expect(cells[5]).toBe(
      '❌ the mirror is down (connection)<br><code>dial tcp 192.0.2.7:443: connect: connection refused</code>' +
        '<br><sub>tried after the others</sub>'
    )
    expect(html).toContain(
      '<p>Probed in 1.3 s; the first attempt waited 310 ms for the results. Tried after the others because the probe found them unreachable or silent: <code>https://down.example</code>.</p>'
    )
  })

  it('marks the checksum database and says when it is unreachable', () => {
    const cells = rowOf(render(connectivityReport()), 'https://sum.golang.org')
    expect(cells[0]).toBe('<code>https://sum.golang.org</code><br><sub>checksum database</sub>')
    expect(cells[1]).toBe('❌ 1.0 s')
    expect(cells[5]).toBe('❌ unreachable (timeout)<br><code>lookup sum.golang.org: i/o timeout</code>')
  })

  it('folds the environment, the unset variables on one line', () => {
    const html = render(connectivityReport())
    expect(html).toContain(
      `<details><summary>Go environment that shapes requests</summary><table><tr><th>Variable</th><th>Value</th></tr>` +
        `<tr><td><code>GOPROXY</code></td><td><code>${CORP},${GOOGLE}</code></td></tr>` +
        '<tr><td><code>HTTPS_PROXY</code></td><td><code>http://***@proxy.corp.example:3128</code></td></tr></table>' +
        '<p>Not set: <code>GOPRIVATE</code>, <code>NO_PROXY</code>.</p></details>'
    )
  })

  it('says when probing was off and keeps the environment', () => {
    const html = render({ ...connectivityReport(), probed: false, probes: [], triedLast: [] })
    expect(html).not.toContain('<th>DNS</th>')
    expect(html).toContain(
      '<p>Mirrors were not probed (<code>probe: false</code>); they were tried in the listed order.</p>'
    )
    expect(html).toContain('<summary>Go environment that shapes requests</summary>')
  })
})
