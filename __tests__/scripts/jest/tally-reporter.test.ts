import { describe, expect, it } from '@jest/globals'
import { createRequire } from 'node:module'

interface FileResult {
  displayName?: { name: string }
  testFilePath: string
  perfStats: { start: number; end: number; runtime: number }
}

const reporter = createRequire(import.meta.url)('../../../scripts/jest/tally-reporter.cjs') as {
  projectLines(results: FileResult[], rootDir: string): string[]
  tallyLine(results: Record<string, number>): string
}

function file(project: string, name: string, start: number, runtime: number): FileResult {
  return {
    displayName: { name: project },
    testFilePath: `/repo/__tests__/${name}.test.ts`,
    perfStats: { start, end: start + runtime, runtime }
  }
}

describe('the tally reporter', () => {
  it("prints each project's wall and summed time and its five slowest files, slowest first", () => {
    const results = [
      file('unit', 'a', 1000, 2000),
      file('e2e', 'x', 1500, 90_000),
      ...['b', 'c', 'd', 'e', 'f'].map((name, i) => file('unit', name, 2000 + i * 100, 100 * (i + 1)))
    ]
    expect(reporter.projectLines(results, '/repo')).toEqual([
      'unit: 6 files in 2.0 s, 3.5 s summed over the files; slowest:',
      '         2.0 s  __tests__/a.test.ts',
      '         0.5 s  __tests__/f.test.ts',
      '         0.4 s  __tests__/e.test.ts',
      '         0.3 s  __tests__/d.test.ts',
      '         0.2 s  __tests__/c.test.ts',
      'e2e: 1 file in 1 min 30 s, 1 min 30 s summed over the files; slowest:',
      '    1 min 30 s  __tests__/x.test.ts'
    ])
  })

  it('keeps the tally line CI reads', () => {
    const counts = { numPassedTests: 7, numFailedTests: 1, numPendingTests: 2, numTodoTests: 1 }
    expect(reporter.tallyLine(counts)).toBe('jest: 7 passed, 1 failed, 3 skipped')
  })
})
