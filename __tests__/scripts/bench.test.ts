import { describe, expect, it } from '@jest/globals'
import { renderChart, ticks } from '../../scripts/bench/chart.js'
import { renderTable } from '../../scripts/bench/markdown.js'
import { splitProbability } from '../../scripts/bench/scenarios.js'
import { evaluateGoals, median, summarize } from '../../scripts/bench/stats.js'
import type { ContenderId, RunResult } from '../../scripts/bench/types.js'

function run(
  contender: ContenderId,
  scenario: string,
  ms: number,
  green = true,
  extra: Partial<RunResult> = {}
): RunResult {
  return {
    size: 100,
    scenario,
    seed: 1,
    contender,
    green,
    ms,
    hitCap: false,
    claimedSuccess: green,
    complete: green,
    verified: green,
    ...extra
  }
}

/** Three seeds of one contender in one scenario. */
function runs(
  contender: ContenderId,
  scenario: string,
  times: Array<number | null>,
  extra: Partial<RunResult> = {}
) {
  return times.map((t, i) => run(contender, scenario, t ?? 60_000, t !== null, { seed: i + 1, ...extra }))
}

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2)
    expect(median([4, 1, 3, 2])).toBe(2.5)
  })

  it('lets failures (Infinity) win once they are half the runs', () => {
    expect(median([1, Infinity, 2])).toBe(2)
    expect(median([1, Infinity, Infinity])).toBe(Infinity)
    expect(median([1, Infinity])).toBe(Infinity)
  })
})

describe('summarize', () => {
  it('counts failures as never, keeps their time to red apart and divides by healthy plain go', () => {
    const cells = summarize([
      ...runs('plain', 'healthy', [1000, 1200, 1100]),
      ...runs('action', 'silent', [8000, null, 9000]),
      ...runs('wrapper', 'silent', [null, null, 7000])
    ])
    const plain = cells.find(c => c.contender === 'plain')!
    const action = cells.find(c => c.contender === 'action')!
    const wrapper = cells.find(c => c.contender === 'wrapper')!
    expect(plain).toMatchObject({ runs: 3, green: 3, medianMs: 1100, ratio: 1, redMs: null })
    expect(action).toMatchObject({ green: 2, medianMs: 9000, redMs: 60_000, slowestGreenMs: 9000 })
    expect(action.ratio).toBeCloseTo(9000 / 1100)
    expect(wrapper).toMatchObject({ green: 1, medianMs: null, ratio: null, redMs: 60_000 })
  })

  it('keeps the largest resource figures over the seeds', () => {
    const [cell] = summarize([
      run('action', 'healthy', 1000, true, { resources: { cpuMs: 300, maxRssMb: 70 } }),
      run('action', 'healthy', 1000, true, { seed: 2, resources: { cpuMs: 500, maxRssMb: 60 } })
    ])
    expect(cell).toMatchObject({ maxRssMb: 70, maxCpuMs: 500 })
  })
})

describe('evaluateGoals', () => {
  const base = [
    ...runs('plain', 'healthy', [1000, 1000, 1000]),
    ...runs('wrapper', '5xx-25', [null, null, 25_000]),
    ...runs('action', '5xx-25', [1800, 1900, 2500])
  ]

  it('allows 150 ms over plain go when that is more than 10%', () => {
    const pass = evaluateGoals(summarize([...base, ...runs('action', 'healthy', [1140, 1150, 1160])]))
    expect(pass.find(g => g.id === 'healthy-overhead-100')).toMatchObject({ pass: true, shortfall: '' })
    const miss = evaluateGoals(summarize([...base, ...runs('action', 'healthy', [1900, 1900, 1900])]))
    expect(miss.find(g => g.id === 'healthy-overhead-100')).toMatchObject({
      pass: false,
      shortfall: '750 ms over the allowance'
    })
  })

  it('judges 25% 5xx on success, twice the healthy time and the wrapper', () => {
    const goals = evaluateGoals(summarize(base))
    expect(goals.find(g => g.id === '5xx-25-success-100')?.pass).toBe(true)
    expect(goals.find(g => g.id === '5xx-25-time-100')?.pass).toBe(true)
    expect(goals.find(g => g.id === '5xx-25-vs-wrapper-100')).toMatchObject({
      pass: true,
      measured: 'action 1.90 s, wrapper never green (median time to green)'
    })
    const slow = evaluateGoals(
      summarize([
        ...base.filter(r => r.contender !== 'action'),
        ...runs('action', '5xx-25', [3000, 3000, null])
      ])
    )
    expect(slow.find(g => g.id === '5xx-25-success-100')).toMatchObject({
      pass: false,
      shortfall: '1 of 3 runs failed'
    })
    expect(slow.find(g => g.id === '5xx-25-time-100')).toMatchObject({
      pass: false,
      shortfall: '1.00× (1.00 s) over'
    })
  })

  it('bounds a silent mirror by stall-timeout + healthy time + 2 s and needs every run green', () => {
    const within = evaluateGoals(summarize([...base, ...runs('action', 'silent', [7500, 7900, 8100])]))
    expect(within.find(g => g.id === 'silent-100')?.pass).toBe(true)
    const over = evaluateGoals(summarize([...base, ...runs('action', 'silent', [9000, 9000, 9000])]))
    expect(over.find(g => g.id === 'silent-100')).toMatchObject({ pass: false, shortfall: '1.00 s over' })
    const red = evaluateGoals(summarize([...base, ...runs('action', 'silent', [7000, 7000, null])]))
    expect(red.find(g => g.id === 'silent-100')?.pass).toBe(false)
  })

  it('says not measured rather than pass when a scenario or size was not run', () => {
    const goals = evaluateGoals(summarize(runs('plain', 'healthy', [1000])))
    expect(goals.find(g => g.id === 'silent-100')?.pass).toBeNull()
    expect(goals.find(g => g.id === 'rss-1000')?.pass).toBeNull()
  })

  it("checks the action's peak RSS and CPU at the large size over every scenario", () => {
    const large = (scenario: string, cpuMs: number, maxRssMb: number) =>
      run('action', scenario, 9000, true, { size: 1000, resources: { cpuMs, maxRssMb } })
    const goals = evaluateGoals(summarize([large('healthy', 800, 90), large('silent', 1200, 99)]))
    expect(goals.find(g => g.id === 'rss-1000')).toMatchObject({
      pass: true,
      measured: 'peak 99 MB (silent)'
    })
    expect(goals.find(g => g.id === 'cpu-1000')).toMatchObject({ pass: false, shortfall: '200 ms over' })
  })
})

describe('the chart', () => {
  const scenarios = ['healthy', '5xx-25', 'silent']
  const contenders: ContenderId[] = ['plain', 'pipe', 'wrapper', 'action']
  const results = [100, 1000].flatMap(size =>
    scenarios.flatMap(s =>
      contenders.map(c =>
        run(c, s, s === 'silent' && c !== 'action' ? 60_000 : 1500, !(s === 'silent' && c !== 'action'), {
          size
        })
      )
    )
  )
  const svg = renderChart(summarize(results), {
    sizes: [100, 1000],
    scenarios,
    contenders,
    capMs: 60_000,
    title: 'a & b'
  })

  it('draws one panel per size and one bar group per scenario in each', () => {
    const panels = svg.split('<g class="panel"').slice(1)
    expect(panels).toHaveLength(2)
    for (const panel of panels) {
      expect(panel.match(/<g class="scenario"/g)).toHaveLength(scenarios.length)
      for (const s of scenarios) expect(panel).toContain(`data-scenario="${s}"`)
      expect(panel.match(/<g class="bar"/g)).toHaveLength(scenarios.length * contenders.length)
    }
  })

  it('marks each contender that did not get green, and escapes text', () => {
    expect(svg.match(/class="failed"/g)).toHaveLength(2 * 3)
    expect(svg).toContain('a &amp; b')
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true)
  })

  it('puts log-scale ticks at 1, 2 and 5 per decade up to the cap', () => {
    expect(ticks(60_000)).toEqual([100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000])
  })
})

describe('the table', () => {
  it('has a row per scenario and escapes the pipe in the chain contender', () => {
    const cells = summarize([...runs('plain', 'healthy', [1000]), ...runs('pipe', 'healthy', [1100])])
    const table = renderTable(cells, 100, ['healthy', 'silent'], ['plain', 'pipe'])
    const lines = table.split('\n')
    expect(lines).toHaveLength(3)
    expect(lines[0]).toContain('go, GOPROXY=A\\|B')
    expect(lines[2]).toBe('| healthy | 1/1 · **1.00 s** · 1.00× | 1/1 · **1.10 s** · 1.10× | – |')
  })
})

describe('splitProbability', () => {
  it('splits a total chance over independent draws', () => {
    const p = splitProbability(0.25, 4)
    expect(1 - (1 - p) ** 4).toBeCloseTo(0.25, 12)
  })
})
