import { describe, expect, it } from '@jest/globals'

import { goSumReport, missingSum, relayedSuccessReport, runReport } from '../../../__fixtures__/reports.js'
import { firstParagraph, rendered, tableRows } from '../../../__fixtures__/summary-html.js'
import { renderGoSum } from '../../../src/report/summary/gosum.js'
import { renderSummary } from '../../../src/report/summary/index.js'
import type { GoSumReport } from '../../../src/report/types.js'

/** A relayed download that worked, and a go.sum check that found `goSum`. */
function render(goSum: GoSumReport, outcome: 'success' | 'failure' = 'success'): string {
  return rendered(renderGoSum, { ...relayedSuccessReport(), outcome, goSum })
}

describe('renderGoSum', () => {
  it('adds nothing when go.sum lacks nothing', () => {
    expect(render(goSumReport([{ missing: [] }]))).toBe('')
  })

  it('lists every line go build stops at, with the package that needs it and the working directory', () => {
    const html = render(
      goSumReport([
        {
          missing: [
            missingSum('example.test/a'),
            missingSum('example.test/b', { line: 'go.mod', package: undefined })
          ]
        }
      ]),
      'failure'
    )
    expect(html).toMatch(/^<h3>go.sum<\/h3>\n<table><tr><th>Result<\/th><th>Module<\/th>/)
    expect(tableRows(html)).toEqual([
      [
        '❌ missing',
        '<code>example.test/a</code>',
        '<code>v1.2.3</code>',
        'module hash',
        '<code>example.test/a/pkg</code>',
        '<code>.</code>'
      ],
      [
        '❌ missing',
        '<code>example.test/b</code>',
        '<code>v1.2.3</code>',
        'go.mod hash',
        'the module graph',
        '<code>.</code>'
      ]
    ])
  })

  it('leads the summary with it, and gives the fix in the advice', () => {
    const report = goSumReport([
      { missing: [missingSum('example.test/a'), missingSum('example.test/b', { line: 'go.mod' })] }
    ])
    const html = rendered(renderSummary, runReport({}, { outcome: 'failure', goSum: report }))
    expect(firstParagraph(html)).toBe(
      '❌ Every module downloaded, but go.sum lacks 2 lines that <code>go build</code> needs, for <code>example.test/a@v1.2.3</code>, <code>example.test/b@v1.2.3</code>: run <code>go mod tidy</code> and commit go.sum.'
    )
    expect(html).toContain('<h3>go.sum</h3>')
    expect(html).toMatch(
      /<strong>go\.sum<\/strong> \(2 missing lines\).*<strong>Fix:<\/strong> Run <code>go mod tidy<\/code> and commit go\.sum/
    )
  })

  describe('a go.sum whose lines later go commands add themselves', () => {
    const adds = (fields: Partial<GoSumReport> = {}, entry: Parameters<typeof missingSum>[1] = {}) =>
      goSumReport([{ handling: 'adds', missing: [missingSum('example.test/a', entry)] }], fields)

    it('marks them as a warning and says why', () => {
      const html = render(adds())
      expect(tableRows(html)[0]![0]).toBe('⚠️ missing')
      expect(html).toContain(
        'The job sets <code>GOFLAGS=-mod=mod</code>, so later go commands add these lines themselves: this is a warning.'
      )
    })

    it('says the checksum database alone vouched for the modules', () => {
      expect(render(adds())).toContain('verified only by the checksum database, <code>sum.golang.org</code>')
    })

    it('says nothing did with GOSUMDB=off, or for a module GONOSUMDB keeps from the database', () => {
      expect(render(adds({ checksumDatabase: undefined }))).toMatch(
        /verified by nothing[^<]*<code>GOSUMDB=off<\/code>/
      )
      expect(render(adds({}, { noChecksumDatabase: true }))).toContain(
        'by nothing for <code>example.test/a@v1.2.3</code>, which <code>GONOSUMDB</code>'
      )
    })
  })

  it('says when go.sum could not be checked, and why', () => {
    const html = render(goSumReport([{ workdir: 'tools', inconclusive: 'go list exited 1: <no go files>' }]))
    expect(html).toBe(
      '<h3>go.sum</h3>\n<p>go.sum in <code>tools</code> could not be checked: go list exited 1: &lt;no go files&gt;</p>\n'
    )
  })
})
