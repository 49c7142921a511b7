import { describe, expect, it } from '@jest/globals'
import { summary } from '@actions/core'

import { runReport } from '../../__fixtures__/reports.js'
import { annotationsFor, goSumAnnotations } from '../../src/report/annotations.js'
import { goSumVerdict } from '../../src/report/gosum.js'
import { renderGoSum } from '../../src/report/summary/gosum.js'
import { failedModules, goSumFailedModules } from '../../src/report/outputs.js'
import { renderSummary } from '../../src/report/summary/index.js'
import type { GoSumDirReport, GoSumReport, MissingSumReport } from '../../src/report/types.js'

function missing(module: string, fields: Partial<MissingSumReport> = {}): MissingSumReport {
  return {
    module,
    version: 'v1.2.3',
    line: 'zip',
    package: `${module}/pkg`,
    message: `missing go.sum entry for module providing package ${module}/pkg (imported by example.test/app); to add:\n\tgo get example.test/app`,
    file: 'go.sum',
    startLine: 4,
    ...fields
  }
}

function goSum(dirs: Partial<GoSumDirReport>[], fields: Partial<GoSumReport> = {}): GoSumReport {
  return {
    dirs: dirs.map(d => ({ workdir: '.', handling: 'stops', missing: [], durationMs: 120, ...d })),
    checksumDatabase: 'sum.golang.org',
    durationMs: 120,
    ...fields
  }
}

function rendered(report: GoSumReport): string {
  summary.emptyBuffer()
  renderGoSum(runReport({}, { goSum: report }), summary)
  return summary.stringify()
}

describe('a go.sum that lacks lines go build stops at', () => {
  const report = goSum([
    { missing: [missing('example.test/a'), missing('example.test/b', { line: 'go.mod' })] }
  ])

  it('fails with one line naming each module version and the fix', () => {
    expect(goSumVerdict(report)).toBe(
      'go.sum lacks 2 lines that go build needs, for example.test/a@v1.2.3, example.test/b@v1.2.3: run go mod tidy and commit go.sum'
    )
  })

  it('lists each in failed-modules as invalid-version, beside the download failures', () => {
    expect(goSumFailedModules(report)).toEqual([
      expect.objectContaining({
        module: 'example.test/a',
        version: 'v1.2.3',
        class: 'invalid-version',
        proxy: ''
      }),
      expect.objectContaining({ module: 'example.test/b', class: 'invalid-version' })
    ])
    const run = runReport({ outcome: 'success' }, { outcome: 'failure', goSum: report })
    expect(failedModules(run).map(f => f.module)).toEqual(['example.test/a', 'example.test/b'])
  })

  it('annotates go.sum where each line belongs, as an error', () => {
    const annotations = annotationsFor(runReport({}, { outcome: 'failure', goSum: report }), {
      workspace: '/w'
    })
    expect(annotations).toEqual([
      {
        level: 'error',
        message: expect.stringMatching(
          /^go\.sum in \. lacks the hash of example\.test\/a v1\.2\.3, which package example\.test\/a\/pkg needs.*go mod tidy/
        ),
        properties: { title: 'go.sum lacks a line', file: 'go.sum', startLine: 4 }
      },
      expect.objectContaining({
        message: expect.stringContaining('lacks the go.mod hash of example.test/b v1.2.3/go.mod')
      })
    ])
  })

  it('keeps within the error annotations GitHub shows, summing up the rest in one', () => {
    const many = goSum([{ missing: Array.from({ length: 12 }, (_, i) => missing(`example.test/m${i}`)) }])
    const annotations = goSumAnnotations(many, 9)
    expect(annotations).toHaveLength(9)
    expect(annotations.at(-1)?.message).toMatch(
      /^go\.sum lacks 4 more lines that go build needs: example\.test\/m8@v1\.2\.3/
    )
  })

  it('leads the summary with it, and gives the fix in the advice', () => {
    summary.emptyBuffer()
    renderSummary(runReport({}, { outcome: 'failure', goSum: report }), summary)
    const html = summary.stringify()
    expect(/<p>(.*?)<\/p>/.exec(html)?.[1]).toMatch(/^❌ Every module downloaded, but go\.sum lacks 2 lines/)
    expect(html).toContain('<h3>go.sum</h3>')
    expect(html).toMatch(
      /<strong>go\.sum<\/strong> \(2 missing lines\).*<strong>Fix:<\/strong> Run <code>go mod tidy<\/code> and commit go\.sum/
    )
  })
})

describe('a go.sum whose lines later go commands add themselves', () => {
  const adds = (fields: Partial<GoSumReport> = {}, entry: Partial<MissingSumReport> = {}) =>
    goSum([{ handling: 'adds', missing: [missing('example.test/a', entry)] }], fields)

  it('warns with the same words, and fails nothing', () => {
    const report = adds()
    expect(goSumFailedModules(report)).toEqual([])
    const [warning] = goSumAnnotations(report, 9)
    const [error] = goSumAnnotations(goSum([{ missing: [missing('example.test/a')] }]), 9)
    expect(warning).toEqual({ ...error, level: 'warning' })
  })

  it('says the checksum database alone vouched for the modules', () => {
    expect(rendered(adds())).toContain('verified only by the checksum database, <code>sum.golang.org</code>')
  })

  it('says nothing did with GOSUMDB=off, or for a module GONOSUMDB keeps from the database', () => {
    expect(rendered(adds({ checksumDatabase: undefined }))).toMatch(
      /verified by nothing[^<]*<code>GOSUMDB=off<\/code>/
    )
    expect(rendered(adds({}, { noChecksumDatabase: true }))).toContain(
      'by nothing for <code>example.test/a@v1.2.3</code>, which <code>GONOSUMDB</code>'
    )
  })
})

describe('a go.sum that lacks nothing', () => {
  it('adds no section, no annotation and no failure', () => {
    const report = goSum([{ missing: [] }])
    expect(rendered(report)).toBe('')
    expect(goSumAnnotations(report, 9)).toEqual([])
    expect(goSumFailedModules(report)).toEqual([])
  })
})
