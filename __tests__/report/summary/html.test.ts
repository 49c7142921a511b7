import { describe, expect, it } from '@jest/globals'

import {
  BUDGET,
  clip,
  code,
  joinWithinBudget,
  seeReport,
  tableWithinBudget,
  takeWithinBudget
} from '../../../src/report/summary/html.js'

describe('clip', () => {
  it('puts untrusted text on one escaped line', () => {
    expect(clip('  a <b>\n\tc & "d"  ', 100)).toBe('a &lt;b&gt; c &amp; &quot;d&quot;')
  })

  it('hides the credentials of every URL in it', () => {
    expect(clip('tried https://bot:hunter2@goproxy.example/x and http://t@h.example', 200)).toBe(
      'tried https://***@goproxy.example/x and http://***@h.example'
    )
  })

  it('cuts at the limit before escaping, so an entity is never cut in half', () => {
    expect(clip('abc&def', 4)).toBe('abc&amp;…')
    expect(clip('abc', 3)).toBe('abc')
  })

  it('shows code as code, by default as long as a module path may be', () => {
    expect(code('example.com/<x>')).toBe('<code>example.com/&lt;x&gt;</code>')
    expect(code('x'.repeat(400))).toBe(`<code>${'x'.repeat(300)}…</code>`)
  })
})

describe('tableWithinBudget', () => {
  it('keeps the rows that fit and says how many it left out', () => {
    const rows = Array.from({ length: 100 }, (_, i) => [`row ${i}`, 'x'.repeat(90)])
    const { table, more } = tableWithinBudget(['Name', 'Value'], rows, 2_000, seeReport('rows'))
    expect(table).toMatch(/^<table><tr><th>Name<\/th><th>Value<\/th><\/tr><tr><td>row 0<\/td>/)
    const shown = table.split('<tr>').length - 2
    expect(Buffer.byteLength(table)).toBeLessThanOrEqual(2_000)
    expect(shown).toBeGreaterThan(10)
    expect(more).toBe(
      `<p>…and ${100 - shown} more rows; see the JSON report (the <code>report</code> output).</p>`
    )
  })

  it('adds no line under a table that fits', () => {
    expect(tableWithinBudget(['A'], [['1']], 1_000, seeReport('rows'))).toEqual({
      table: '<table><tr><th>A</th></tr><tr><td>1</td></tr></table>',
      more: ''
    })
  })
})

describe('BUDGET', () => {
  it("keeps the main step's sections, all full at once, under 900 KiB together", () => {
    const { jobRelayFiles: _postStep, ...mainStep } = BUDGET
    const total = Object.values(mainStep).reduce((sum, bytes) => sum + bytes, 0)
    expect(total).toBeLessThanOrEqual(860 * 1024)
  })
})

describe('takeWithinBudget and joinWithinBudget', () => {
  it('keep the leading items that fit, counted in UTF-8 bytes', () => {
    expect(takeWithinBudget(['ééééé', 'b', 'c'], 22)).toEqual(['ééééé'])
    expect(joinWithinBudget(['a', 'b', 'c', 'd'], 33)).toBe('a, b, c and 1 more')
  })
})
