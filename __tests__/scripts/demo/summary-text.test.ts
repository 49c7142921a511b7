import { describe, expect, it } from '@jest/globals'
import { summary } from '@actions/core'
import { connectivityReport, notFoundEverywhereReport, successReport } from '../../../__fixtures__/reports.js'
import { renderSummary } from '../../../src/report/summary/index.js'
import { summaryText } from '../../../scripts/demo/summary-text.js'

describe('summaryText', () => {
  it('keeps a table row on one line, joining the lines of a cell and the notes under a value', () => {
    const html =
      '<table><tr><th>Mirror</th><th>DNS</th><th>Failures</th></tr>' +
      '<tr><td><code>https://a.example</code></td><td>3 ms<br><sub>10.0.0.1</sub></td><td>reset ×2<br>timeout ×1</td></tr></table>'
    expect(summaryText(html).split('\n')).toEqual([
      'Mirror            │ DNS             │ Failures',
      '──────────────────┼─────────────────┼─────────────────────',
      'https://a.example │ 3 ms (10.0.0.1) │ reset ×2, timeout ×1'
    ])
  })

  it('shows each row of a table too wide for the terminal as a block of its columns', () => {
    const html =
      '<table><tr><th>Module</th><th>Message</th><th>Hedges</th></tr>' +
      `<tr><td>example.test/a</td><td>${'x'.repeat(100)}</td><td>—</td></tr><tr><td>example.test/b</td><td>short</td><td>1</td></tr></table>`
    expect(summaryText(html, 80).split('\n')).toEqual([
      '▪ Module: example.test/a',
      `  Message: ${'x'.repeat(100)}`,
      '',
      '▪ Module: example.test/b',
      '  Message: short',
      '  Hedges: 1'
    ])
  })

  it('opens folded sections, saying GitHub folds them, and shows a folded message by its summary line', () => {
    const html =
      '<details><summary>Attempt timeline (1 attempt)</summary><p>one &amp; only</p></details>\n' +
      '<table><tr><th>What happened</th></tr><tr><td><details><summary>404 Not Found…</summary>full<br>text</details></td></tr></table>'
    expect(summaryText(html)).toBe(
      '▸ Attempt timeline (1 attempt) (folded on GitHub)\n  one & only\n\nWhat happened\n──────────────\n404 Not Found…'
    )
  })

  it('renders headings, lists with line breaks, escapes and the Markdown of the post step', () => {
    const html =
      '<h2>go mod download</h2>\n<p>✅ Downloaded <code>&lt;all&gt;</code></p>\n' +
      '<ul><li><strong>reset</strong> (1): a<br><strong>Fix:</strong> b</li></ul>\n' +
      '\n### Module cache (post step)\n\nRestored from `go-mod-x`. Saved.\n'
    expect(summaryText(html)).toBe(
      '## go mod download\n\n✅ Downloaded <all>\n\n  • reset (1): a\n    Fix: b\n\n### Module cache (post step)\n\nRestored from go-mod-x. Saved.'
    )
  })

  it('renders whole summaries with no HTML left over', () => {
    for (const report of [
      successReport(),
      notFoundEverywhereReport(),
      { ...notFoundEverywhereReport(), connectivity: connectivityReport() }
    ]) {
      summary.emptyBuffer()
      renderSummary(report, summary)
      const text = summaryText(summary.stringify())
      expect(text).not.toMatch(
        /<\/?(h\d|p|ul|li|table|tr|td|th|details|summary|code|strong|br|sub|em)\b|&(lt|gt|amp|quot|nbsp);|&#\d+;/
      )
      expect(text.startsWith('## go mod download\n\n')).toBe(true)
    }
  })
})
