import { describe, expect, it } from '@jest/globals'

import { goSumReport, missingSum, runReport } from '../../__fixtures__/reports.js'
import { annotationsFor, goSumAnnotations } from '../../src/report/annotations.js'
import { goSumVerdict } from '../../src/report/gosum.js'
import { failedModules, goSumFailedModules } from '../../src/report/outputs.js'
import type { GoSumReport, MissingSumReport } from '../../src/report/types.js'

describe('a go.sum that lacks lines go build stops at', () => {
  const report = goSumReport([
    { missing: [missingSum('example.test/a'), missingSum('example.test/b', { line: 'go.mod' })] }
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
    const many = goSumReport([
      { missing: Array.from({ length: 12 }, (_, i) => missingSum(`example.test/m${i}`)) }
    ])
    const annotations = goSumAnnotations(many, 9)
    expect(annotations).toHaveLength(9)
    expect(annotations.at(-1)?.message).toMatch(
      /^go\.sum lacks 4 more lines that go build needs: example\.test\/m8@v1\.2\.3/
    )
  })
})

describe('a go.sum whose lines later go commands add themselves', () => {
  const adds = (fields: Partial<GoSumReport> = {}, entry: Partial<MissingSumReport> = {}) =>
    goSumReport([{ handling: 'adds', missing: [missingSum('example.test/a', entry)] }], fields)

  it('warns with the same words, and fails nothing', () => {
    const report = adds()
    expect(goSumFailedModules(report)).toEqual([])
    const [warning] = goSumAnnotations(report, 9)
    const [error] = goSumAnnotations(goSumReport([{ missing: [missingSum('example.test/a')] }]), 9)
    expect(warning).toEqual({ ...error, level: 'warning' })
  })
})

describe('a go.sum that lacks nothing', () => {
  it('adds no section, no annotation and no failure', () => {
    const report = goSumReport([{ missing: [] }])
    expect(goSumAnnotations(report, 9)).toEqual([])
    expect(goSumFailedModules(report)).toEqual([])
  })
})
