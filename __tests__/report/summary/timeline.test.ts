import { describe, expect, it } from '@jest/globals'

import { relayedFailureReport, runReport, stallFallbackReport } from '../../../__fixtures__/reports.js'
import { folded, rendered, tableRows } from '../../../__fixtures__/summary-html.js'
import { renderTimeline } from '../../../src/report/summary/timeline.js'

describe('renderTimeline', () => {
  it("folds go's runs through the relay: backoff, duration, exit, failures and what came next", () => {
    const html = rendered(renderTimeline, relayedFailureReport())
    const timeline = folded(html, 'Attempt timeline (3 attempts, go1.23.4)')
    expect(timeline).toBeDefined()
    expect(tableRows(timeline!)).toEqual([
      ['1', '<code>.</code>', '<code>relay</code>', '1', '—', '1.3 s', '1', '—', '1 (server-error)', 'retry'],
      [
        '2',
        '<code>.</code>',
        '<code>relay</code>',
        '2',
        '17 ms',
        '143 ms',
        '1',
        '—',
        '1 (server-error)',
        'retry'
      ],
      [
        '3',
        '<code>.</code>',
        '<code>relay</code>',
        '3',
        '23 ms',
        '149 ms',
        '1',
        '—',
        '1 (server-error)',
        'fail'
      ]
    ])
  })

  it('gives the stop reason and the request go was waiting for', () => {
    const timeline = folded(rendered(renderTimeline, stallFallbackReport()), /^Attempt timeline \(2 attempts/)
    expect(timeline).toContain(
      '<tr><td>1</td><td><code>.</code></td><td><code>https://goproxy.cn</code></td><td>1</td><td>—</td><td>1 min</td><td>killed</td><td>stalled waiting for <code>https://goproxy.cn/golang.org/x/text/@v/v0.14.0.zip</code></td><td>1 (stalled)</td><td>next-mirror</td></tr>'
    )
  })

  it('leaves out the go version when it is unknown, and adds nothing without a go run', () => {
    const report = relayedFailureReport()
    report.goVersion = ''
    expect(rendered(renderTimeline, report)).toMatch(
      /^<details><summary>Attempt timeline \(3 attempts\)<\/summary>/
    )
    expect(rendered(renderTimeline, runReport({ attempts: [] }))).toBe('')
  })
})
