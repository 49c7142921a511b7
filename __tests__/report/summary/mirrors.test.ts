import { describe, expect, it } from '@jest/globals'

import {
  CORP,
  GOOGLE,
  GOPROXY_CN,
  mirror,
  notFoundEverywhereReport,
  relayedFailureReport,
  relayedSuccessReport,
  runReport,
  stallFallbackReport
} from '../../../__fixtures__/reports.js'
import { folded, rendered, tableRows } from '../../../__fixtures__/summary-html.js'
import { renderMirrors } from '../../../src/report/summary/mirrors.js'

const RELAY_HEADER =
  '<tr><th>Mirror</th><th>Requests</th><th>OK</th><th>Retries</th><th>Hedges</th><th>Breaker open</th><th>Bytes</th><th>p50 / p95</th><th>Failures</th></tr>'
const FILES = /^Files that needed a retry, a hedge or another mirror \((\d+)\)$/

describe('renderMirrors, after go went through the relay', () => {
  it("gives each mirror's requests, retries, hedges won, bytes, latency and failures by class", () => {
    const html = rendered(renderMirrors, relayedSuccessReport())
    expect(html).toContain(`<h3>Mirrors</h3>\n<table>${RELAY_HEADER}`)
    expect(tableRows(html)).toEqual([
      [
        `<code>${CORP}</code>`,
        '123',
        '120',
        '1',
        '1 (0 won)',
        'no',
        '30.7 KiB',
        '8 ms / 69 ms',
        'server-error ×1<br>forbidden ×1<br>stalled ×1'
      ],
      [`<code>${GOOGLE}</code>`, '2', '2', '0', '0', 'no', '1.3 KiB', '5 ms / 8 ms', '—']
    ])
  })

  it("says what the relay is, how many files it put into go's cache and served go, and what the prefetch asked for", () => {
    expect(rendered(renderMirrors, relayedSuccessReport())).toContain(
      "<p>go fetched through the relay, a module proxy on 127.0.0.1 that retries, hedges and verifies each request against go.sum: 102 files put into go's module cache, where go found them; 18 files served to go, 15 of them already prefetched. The prefetch asked for 120 files go.sum names in 499 ms (0 already in the module cache).</p>"
    )
    const report = relayedSuccessReport()
    const relay = report.relay
    if (relay) relay.totals = { ...relay.totals, intoCache: 0 }
    expect(rendered(renderMirrors, report)).toContain(
      'against go.sum: 18 files served to go, 15 of them already prefetched.'
    )
  })

  it('folds every file that needed a retry, a hedge or another mirror, with what each mirror answered', () => {
    const files = folded(rendered(renderMirrors, relayedSuccessReport()), FILES)
    expect(tableRows(files ?? '')).toEqual([
      [
        '<code>github.com/acme/flaky@v1.0.0 .zip</code>',
        '🔁 served',
        `<code>${CORP}</code>`,
        `${CORP}: 503 Service Unavailable`
      ],
      [
        '<code>github.com/acme/refused@v1.0.12 .zip</code>',
        '🔁 served',
        `<code>${GOOGLE}</code>`,
        `${CORP}: 403 Forbidden`
      ],
      [
        '<code>github.com/acme/quiet@v1.7.0 .mod</code>',
        '🔁 served',
        `<code>${GOOGLE}</code>`,
        `${CORP}: no answer before another copy arrived`
      ]
    ])
  })

  it('lists a file no mirror served with every try it took', () => {
    const html = rendered(renderMirrors, relayedFailureReport())
    expect(html).toMatch(/<summary>Files that needed a retry, a hedge or another mirror \(5\)<\/summary>/)
    const broken = tableRows(folded(html, FILES) ?? '').find(r => r[0]?.includes('broken'))
    expect(broken?.slice(1, 3)).toEqual(['❌ failed', '—'])
    expect(broken?.[3]).toBe(
      [
        ...Array(3).fill(`${CORP}: 503 Service Unavailable`),
        ...Array(3).fill(`${GOOGLE}: 502 Bad Gateway`)
      ].join('; ')
    )
  })

  it('names a hedge that failed as a hedge', () => {
    const report = relayedSuccessReport()
    report.relay!.files[2]!.tries[1] = {
      ...report.relay!.files[2]!.tries[1]!,
      outcome: 'failed',
      detail: 'reset'
    }
    expect(tableRows(folded(rendered(renderMirrors, report), FILES) ?? '')[2]![3]).toBe(
      `${CORP}: no answer before another copy arrived; hedge ${GOOGLE}: reset`
    )
  })

  it("says how often a mirror's breaker opened, and which mirror never answered", () => {
    const report = relayedFailureReport()
    report.relay!.mirrors[1] = { ...report.relay!.mirrors[1]!, breakerTrips: 2, ok: 0, answered: false }
    const [, google] = tableRows(rendered(renderMirrors, report))
    expect(google!.slice(1, 6)).toEqual(['10', '0 (never answered)', '6', '0', '⏸️ 2 times'])
  })

  it('ends with the GOPROXY later steps get', () => {
    expect(rendered(renderMirrors, relayedSuccessReport())).toMatch(
      new RegExp(`<p>Mirrors that answered, best first: <code>${CORP}\\|${GOOGLE}</code>.</p>\n$`)
    )
  })
})

describe('renderMirrors, after go went to the mirrors itself', () => {
  it('reports the mirrors table with failures by class, latency and demotion', () => {
    const html = rendered(renderMirrors, stallFallbackReport())
    expect(html).toContain(
      '<tr><td><code>https://goproxy.cn</code></td><td>12</td><td>11</td><td>stalled ×1</td><td>120 ms</td><td>⬇️ yes</td></tr>'
    )
    expect(html).toContain(
      '<tr><td><code>https://proxy.golang.org</code></td><td>176</td><td>176</td><td>—</td><td>35 ms</td><td>no</td></tr>'
    )
    expect(html).toContain('best first: <code>https://proxy.golang.org|https://goproxy.cn</code>')
  })

  it('lists as answered only the mirrors that answered, and the rest of the exported list apart', () => {
    const report = runReport({ mirrors: [mirror({ proxy: GOOGLE })], exportProxy: `${GOOGLE}|${GOPROXY_CN}` })
    expect(rendered(renderMirrors, report)).toContain(
      `<p>Mirrors that answered, best first: <code>${GOOGLE}</code>; for later steps also, not having answered here: <code>${GOPROXY_CN}</code>.</p>`
    )
  })

  it('never prints the credentials of a mirror URL', () => {
    const html = rendered(renderMirrors, notFoundEverywhereReport())
    expect(html).not.toContain('secret')
    expect(html).toContain('<code>https://***@athens.corp.example</code>')
  })

  it('adds nothing when go asked no mirror', () => {
    expect(rendered(renderMirrors, runReport({ mirrors: [] }))).toBe('')
  })
})
