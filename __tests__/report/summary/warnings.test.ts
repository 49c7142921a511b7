import { describe, expect, it } from '@jest/globals'

import { relayedSuccessReport } from '../../../__fixtures__/reports.js'
import { rendered } from '../../../__fixtures__/summary-html.js'
import { renderWarnings } from '../../../src/report/summary/warnings.js'

describe('renderWarnings', () => {
  it('adds nothing without warnings', () => {
    expect(rendered(renderWarnings, relayedSuccessReport())).toBe('')
  })

  it('lists each warning on one line, escaped and with credentials hidden', () => {
    const report = relayedSuccessReport()
    report.warnings = [
      'GOFLAGS contains -insecure: module downloads skip transport security',
      'GOPROXY names https://bot:hunter2@goproxy.example\nand <more>'
    ]
    expect(rendered(renderWarnings, report)).toBe(
      '<h3>Warnings</h3>\n<ul><li>⚠️ GOFLAGS contains -insecure: module downloads skip transport security</li>' +
        '<li>⚠️ GOPROXY names https://***@goproxy.example and &lt;more&gt;</li></ul>\n'
    )
  })

  it('says how many more the JSON report holds when they do not fit', () => {
    const report = relayedSuccessReport()
    report.warnings = Array.from({ length: 200 }, (_, i) => `warning ${i}: ${'w'.repeat(1_000)}`)
    expect(rendered(renderWarnings, report)).toMatch(
      /<li>…and \d+ more warnings; see the JSON report \(the <code>report<\/code> output\).<\/li><\/ul>/
    )
  })
})
