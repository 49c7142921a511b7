import { describe, expect, it } from '@jest/globals'

import { CORP, GOOGLE, jobRelayJournal } from '../../../__fixtures__/reports.js'
import { rendered, tableRows } from '../../../__fixtures__/summary-html.js'
import type { StopResult } from '../../../src/relay/daemon.js'
import { renderJobRelay } from '../../../src/report/summary/job-relay.js'

function render(result: StopResult): string {
  return rendered((r: StopResult, summary) => renderJobRelay(r, 7, summary), result)
}

describe('renderJobRelay', () => {
  it('counts the files later steps fetched through the relay, what failed and what needed help', () => {
    const html = render(jobRelayJournal())
    expect(html).toMatch(/^<h3>Later steps through the relay<\/h3>\n/)
    expect(html).toContain(
      '<p>❌ The relay answered later steps for 4 files (780 B from the mirrors): 1 failed, 3 needed a retry, a hedge or another mirror.</p>'
    )
  })

  it('lists the failed files first, then the recovered ones, with what each mirror answered', () => {
    const rows = tableRows(render(jobRelayJournal()))
    expect(rows.map(r => r.slice(0, 3))).toEqual([
      ['<code>tools.test/lib/m001@v1.4.16 .info</code>', '❌ not-found', '—'],
      ['<code>tools.test/lib/m000@v1.2.0 .info</code>', '🔁 recovered', `<code>${CORP}</code>`],
      ['<code>tools.test/lib/m000@v1.2.0 .mod</code>', '🔁 recovered', `<code>${GOOGLE}</code>`],
      ['<code>tools.test/lib/m000@v1.2.0 .zip</code>', '🔁 recovered', `<code>${CORP}</code>`]
    ])
    expect(rows[0]![3]).toBe(
      `${CORP}: 404 Not Found; ${GOOGLE}: 404 Not Found; tools.test/lib/m001@v1.4.16 .info: not found on ${CORP}, ${GOOGLE}`
    )
    expect(rows[1]![3]).toBe(`${CORP}: 503 Service Unavailable; ${CORP}: 503 Service Unavailable`)
  })

  it('gives a green line and no table when every file came on the first try', () => {
    const journal = jobRelayJournal()
    journal.lines = journal.lines.map(line =>
      line.t === 'file'
        ? {
            ...line,
            outcome: 'ok',
            tries: 1,
            retried: false,
            hedged: false,
            trouble: undefined,
            failure: undefined
          }
        : line
    )
    const html = render(journal)
    expect(html).toContain(
      '<p>✅ The relay answered later steps for 4 files (780 B from the mirrors): 0 failed, 0 needed'
    )
    expect(html).not.toContain('<table>')
  })

  it('says when the journal reached its size limit', () => {
    const journal = jobRelayJournal()
    journal.lines.splice(4, 0, { t: 'truncated' })
    expect(render(journal)).toContain(
      'another mirror. The journal reached its size limit; later files are not listed.</p>'
    )
  })

  it('puts the note above what later steps fetched when the relay stopped before the post step', () => {
    const line = {
      t: 'stopped',
      reason: 'worker-gone',
      detail: 'process 12 ended',
      at: '2026-05-01T10:00:00.000Z'
    } as const
    const html = render({ how: 'gone', lines: [line], stopped: line })
    expect(html).toBe(
      '<h3>Later steps through the relay</h3>\n' +
        '<p>⚠️ The relay for later steps stopped at 2026-05-01T10:00:00.000Z, before the post step: the runner&#39;s worker process had ended (process 12 ended); go commands after that went to the mirrors behind it in GOPROXY.</p>\n' +
        '<p>Later steps fetched no module through the relay.</p>\n'
    )
  })

  it('says how many more files there were when they do not fit, without pointing to a report it has none of', () => {
    const journal = jobRelayJournal()
    const failed = journal.lines[3]!
    journal.lines = Array.from({ length: 2_000 }, (_, i) => ({ ...failed, name: `${'x'.repeat(300)} ${i}` }))
    const html = render(journal)
    expect(Buffer.byteLength(html)).toBeLessThan(210 * 1024)
    expect(html).toMatch(/<p>…and \d+ more\.<\/p>\n$/)
  })
})
