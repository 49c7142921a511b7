import { describe, expect, it } from '@jest/globals'
import {
  evaluateJobGoals,
  renderJobDoc,
  renderRunTable,
  savedBytes,
  type JobContender,
  type JobRun,
  type JobRunId
} from '../../../../scripts/bench/job/render.js'

const MIB = 1024 * 1024

function run(contender: JobContender, id: JobRunId, totalMs: number, saved: number[] = []): JobRun {
  return {
    contender,
    run: id,
    totalMs,
    restoreMs: 100,
    downloadMs: 200,
    buildMs: totalMs / 2,
    compiled: 10,
    vetMs: 300,
    vetExit: 0,
    saveMs: saved.length > 0 ? 400 : 0,
    restoredKeys: [],
    saved: saved.map((bytes, i) => ({ key: `${contender}-${id}-${i}`, bytes }))
  }
}

/** setup-go's style: 10 s, 4 s, 10 s; whole caches of 100 MiB saved on the miss and after the go.sum change. */
function runs(action: { hit: number; gosum: number; saved: number }): JobRun[] {
  return [
    run('setup-go', 'miss', 10_000, [100 * MIB]),
    run('action', 'miss', 11_000, [action.saved * MIB]),
    run('setup-go', 'hit', 4000),
    run('action', 'hit', action.hit),
    run('setup-go', 'gosum', 10_000, [100 * MIB]),
    run('action', 'gosum', action.gosum)
  ]
}

describe('the whole-job benchmark', () => {
  it('passes the goals at their bounds and misses them just past', () => {
    const pass = evaluateJobGoals(runs({ hit: 4200, gosum: 9999, saved: 100 }))
    expect(pass.map(g => [g.id, g.pass])).toEqual([
      ['job-hit', true],
      ['job-gosum', true],
      ['job-storage', true]
    ])
    expect(pass[2]!.measured).toBe('0.50× (100.0 MiB against 200.0 MiB)')

    const miss = evaluateJobGoals(runs({ hit: 4400, gosum: 10_000, saved: 101 }))
    expect(miss.map(g => [g.id, g.pass, g.measured, g.shortfall])).toEqual([
      ['job-hit', false, '1.10×', '5.0 points'],
      ['job-gosum', false, '1.00×', '0.0% slower'],
      ['job-storage', false, '0.51× (101.0 MiB against 200.0 MiB)', '0.5 points']
    ])
  })

  it('judges nothing it did not run', () => {
    const goals = evaluateJobGoals([run('setup-go', 'hit', 4000)])
    expect(goals.map(g => g.pass)).toEqual([null, null, null])
  })

  it('adds up what each contender saved', () => {
    const all = runs({ hit: 4000, gosum: 5000, saved: 30 })
    expect(savedBytes(all, 'setup-go')).toBe(200 * MIB)
    expect(savedBytes(all, 'action')).toBe(30 * MIB)
  })

  it('renders a table per run and the goals with PASS or MISS', () => {
    const all = runs({ hit: 4400, gosum: 5000, saved: 30 })
    const table = renderRunTable(all, 'hit')
    expect(table.split('\n')[0]).toBe(
      "| run 2: a hit (the same go.sum) | setup-go's style | this action | action / setup-go |"
    )
    expect(table).toContain('| **whole job** | **4.00 s** | **4.40 s** | **1.10×** |')
    expect(table).toContain('| save (the action: its post step) | skipped (hit) | 0 ms |  |')
    expect(renderRunTable([run('action', 'miss', 1, [1]), run('setup-go', 'miss', 1)], 'miss')).toContain(
      '| saved | nothing | `action-miss-0` 0.0 MiB |  |'
    )
    const doc = renderJobDoc({
      generated: '2026-01-01T00:00:00Z',
      command: 'npm run bench:job',
      commit: 'abc',
      partial: true,
      set: '30 generated modules',
      setNote: '',
      machine: { nproc: '2' },
      load: { start: [0.5, 0.5, 0.5], end: [0.5, 0.5, 0.5] },
      durationMs: 60_000,
      runs: all
    })
    expect(doc).toContain('> **Partial run**')
    expect(doc).toMatch(
      /^\| \*\*MISS\*\* \| whole job on a hit, against setup-go’s style \| 1\.10× \| ≤ 1\.05× \| 5\.0 points \|$/m
    )
    expect(doc).toMatch(
      /^\| \*\*PASS\*\* \| whole job after go\.sum changed by one module, .* \| 0\.50× \| < 1× \| {2}\|$/m
    )
  })
})
