import { describe, expect, it } from '@jest/globals'
import { renderChart, ticks } from '../../../../scripts/bench/download/chart.js'
import { renderTable } from '../../../../scripts/bench/download/markdown.js'
import { contendersFor } from '../../../../scripts/bench/download/run.js'
import { SCENARIOS, splitProbability } from '../../../../scripts/bench/download/scenarios.js'
import { evaluateGoals, summarize } from '../../../../scripts/bench/download/stats.js'
import { CONTENDERS, type ContenderId, type RunResult } from '../../../../scripts/bench/download/types.js'

function run(
  contender: ContenderId,
  scenario: string,
  ms: number,
  green = true,
  extra: Partial<RunResult> = {}
): RunResult {
  return {
    set: '100',
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

  it('divides by healthy plain go on the same set only', () => {
    const cells = summarize([
      ...runs('plain', 'healthy', [1000]),
      ...runs('plain', 'healthy', [4000], { set: 'real' }),
      ...runs('action', 'healthy', [6000], { set: 'real' })
    ])
    expect(cells.find(c => c.set === 'real' && c.contender === 'action')?.ratio).toBeCloseTo(1.5)
  })

  it("keeps the largest resource figures and the largest share of go's CPU over the seeds", () => {
    const [cell] = summarize([
      run('action', 'healthy', 1000, true, { resources: { cpuMs: 300, maxRssMb: 70 }, goCpuMs: 1000 }),
      run('action', 'healthy', 1000, true, {
        seed: 2,
        resources: { cpuMs: 500, maxRssMb: 60 },
        goCpuMs: 2000
      })
    ])
    expect(cell).toMatchObject({ maxRssMb: 70, maxCpuMs: 500 })
    expect(cell?.maxCpuShare).toBeCloseTo(0.3)
  })

  it('keeps the worst count of missing modules named', () => {
    const [cell] = summarize([
      run('action', 'missing-three', 900, false, { missingNamed: 3, missingTotal: 3, attempts: 1 }),
      run('action', 'missing-three', 900, false, { seed: 2, missingTotal: 3, attempts: 2 })
    ])
    expect(cell).toMatchObject({ minMissingNamed: 0, missingTotal: 3, maxAttempts: 2 })
  })
})

describe('evaluateGoals', () => {
  const healthy = runs('plain', 'healthy', [1000, 1000, 1000])
  const goal = (results: RunResult[], id: string) => evaluateGoals(summarize(results)).find(g => g.id === id)

  it('allows 150 ms over plain go on a generated set when that is more than 10%', () => {
    const pass = goal([...healthy, ...runs('action', 'healthy', [1140, 1150, 1160])], 'healthy-100-action')
    expect(pass).toMatchObject({ pass: true, shortfall: '' })
    const miss = goal([...healthy, ...runs('action', 'healthy', [1900, 1900, 1900])], 'healthy-100-action')
    expect(miss).toMatchObject({ pass: false, shortfall: '750 ms over the allowance' })
  })

  it('allows 25% over plain go on the real graph with modules: go.sum, 10% with modules: build', () => {
    const real = { set: 'real' as const }
    const results = [
      ...runs('plain', 'healthy', [4000], real),
      ...runs('action', 'healthy', [5100], real),
      ...runs('actionBuild', 'healthy', [4500], real)
    ]
    expect(goal(results, 'healthy-real-action')).toMatchObject({
      pass: false,
      shortfall: '100 ms over the allowance'
    })
    expect(goal(results, 'healthy-real-actionBuild')).toMatchObject({
      pass: false,
      shortfall: '100 ms over the allowance'
    })
    const within = [...runs('plain', 'healthy', [4000], real), ...runs('action', 'healthy', [4900], real)]
    expect(goal(within, 'healthy-real-action')?.pass).toBe(true)
  })

  it('judges a faulty mirror on every run green and the median against healthy plain go', () => {
    const within = goal([...healthy, ...runs('action', '5xx-25', [1800, 1900, 2500])], '5xx-25-100-action')
    expect(within?.pass).toBe(true)
    const red = goal([...healthy, ...runs('action', '5xx-25', [1800, 1900, null])], '5xx-25-100-action')
    expect(red).toMatchObject({ pass: false, shortfall: '1 of 3 runs not green' })
    const slow = goal(
      [...healthy, ...runs('action2', '5xx10-reset3', [1500, 1600, 1700])],
      '5xx10-reset3-100-action2'
    )
    expect(slow).toMatchObject({ pass: false, shortfall: '0.30× (300 ms) over' })
  })

  it('bounds the silent first mirror with the probe off by healthy plain go + 3 s', () => {
    const id = 'silent-probe-off-100-action2'
    expect(goal([...healthy, ...runs('action2', 'silent-probe-off', [3500, 3900, 4100])], id)?.pass).toBe(
      true
    )
    expect(goal([...healthy, ...runs('action2', 'silent-probe-off', [5000, 5000, 5000])], id)).toMatchObject({
      pass: false,
      shortfall: '1.00 s over'
    })
  })

  it('wants the action 5× faster than go 40 ms away on a generated set, 4× on the real graph, 2× 10 ms away', () => {
    const generated = [...runs('plain', 'latency-40', [6000]), ...runs('action', 'latency-40', [1100])]
    expect(goal(generated, 'latency-40-100-action')).toMatchObject({ pass: true })
    const short = [...runs('plain', 'latency-40', [6000]), ...runs('action', 'latency-40', [2900])]
    expect(goal(short, 'latency-40-100-action')?.pass).toBe(false)
    const real = { set: 'real' as const }
    const slow = [
      ...runs('plain', 'latency-40', [30_000], real),
      ...runs('action', 'latency-40', [10_000], real)
    ]
    expect(goal(slow, 'latency-40-real-action')).toMatchObject({
      pass: false,
      measured: 'go 30.0 s / action 10.0 s = 3.00× faster'
    })
    const near = [...runs('plain', 'latency-10', [9000], real), ...runs('action', 'latency-10', [4000], real)]
    expect(goal(near, 'latency-10-real-action')).toMatchObject({ pass: true })
  })

  it('wants three missing modules red in one go run, all three named', () => {
    const id = 'missing-three-100-action'
    const named = { missingNamed: 3, missingTotal: 3, attempts: 1 }
    expect(goal(runs('action', 'missing-three', [null, null], named), id)?.pass).toBe(true)
    const one = goal(runs('action', 'missing-three', [null], { ...named, missingNamed: 1 }), id)
    expect(one).toMatchObject({ pass: false, shortfall: 'only 1 of 3 named in the worst run' })
  })

  it("holds all the action's CPU to 1.2× plain go's, and its RSS under 100 MB in every scenario", () => {
    const large = (
      contender: 'plain' | 'action',
      scenario: string,
      cpuMs: number,
      maxRssMb: number,
      goCpuMs: number
    ) => run(contender, scenario, 9000, true, { set: '1000', resources: { cpuMs, maxRssMb }, goCpuMs })
    const goals = evaluateGoals(
      summarize([
        run('plain', 'healthy', 8000, true, { set: '1000', goCpuMs: 5000 }),
        large('action', 'healthy', 2000, 90, 4500),
        large('action', '5xx-10', 800, 99, 2000)
      ])
    )
    expect(goals.find(g => g.id === 'cpu-1000-action')).toMatchObject({
      pass: false,
      measured: '6.50 s against 5.00 s = 1.30×',
      shortfall: '0.10× over'
    })
    expect(goals.find(g => g.id === 'rss-1000')).toMatchObject({
      pass: true,
      measured: 'peak 99 MB (5xx-10, one mirror)'
    })
  })

  it('wants no hedge, no stall and a free event loop on a healthy mirror', () => {
    const calm = { hedges: 0, stalls: 0, loopP99Ms: 12, loopMaxMs: 40 }
    expect(goal(runs('action', 'healthy', [1000], calm), 'calm-100-action')?.pass).toBe(true)
    const hedged = goal(
      runs('action', 'healthy', [1000], { ...calm, hedges: 3, loopP99Ms: 80 }),
      'calm-100-action'
    )
    expect(hedged).toMatchObject({ pass: false, shortfall: '3 hedge(s); p99 80 ms' })
  })

  it('wants go mod tidy -diff offline after every action run on the real graph', () => {
    const real = { set: 'real' as const }
    const results = [
      ...runs('plain', 'healthy', [4000], { ...real, tidyOffline: false }),
      ...runs('action', 'healthy', [4200, 4300], { ...real, tidyOffline: true })
    ]
    expect(goal(results, 'tidy-real')).toMatchObject({
      pass: true,
      measured: 'succeeded after 2 of 2 runs (after plain go: 0 of 1)'
    })
  })

  it('says not measured rather than pass when a scenario or set was not run', () => {
    const goals = evaluateGoals(summarize(runs('plain', 'healthy', [1000])))
    expect(goals.find(g => g.id === 'silent-probe-off-100-action2')?.pass).toBeNull()
    expect(goals.find(g => g.id === 'cpu-1000-action')?.pass).toBeNull()
    expect(goals.find(g => g.id === 'latency-40-real-action')?.pass).toBeNull()
    expect(goals.every(g => g.target !== '')).toBe(true)
  })
})

describe('contendersFor', () => {
  const byName = (name: string) => SCENARIOS.find(s => s.name === name)!

  it('gives one-mirror scenarios go, the wrapper and the action, two-mirror ones the chain and the action with B', () => {
    expect(contendersFor(byName('5xx-10'), '1000', CONTENDERS)).toEqual(['plain', 'wrapper', 'action'])
    expect(contendersFor(byName('refused'), '100', CONTENDERS)).toEqual([
      'plain',
      'wrapper',
      'pipe',
      'action2'
    ])
    expect(contendersFor(byName('5xx-25'), '100', CONTENDERS)).toEqual(
      CONTENDERS.filter(c => c !== 'actionBuild')
    )
    expect(contendersFor(byName('5xx-10'), '100', CONTENDERS)).toEqual([])
  })

  it('keeps to the contenders a scenario and the command line ask for', () => {
    expect(contendersFor(byName('silent-probe-off'), '100', CONTENDERS)).toEqual(['action2'])
    expect(contendersFor(byName('latency-40'), 'real', CONTENDERS)).toEqual(['plain', 'action'])
    expect(contendersFor(byName('healthy'), '100', CONTENDERS)).toEqual([
      'plain',
      'action',
      'actionBuild',
      'pipe',
      'action2'
    ])
    expect(contendersFor(byName('5xx-25'), '100', ['plain', 'action'])).toEqual(['plain', 'action'])
  })
})

describe('the chart', () => {
  const scenarios = ['healthy', '5xx-25', 'silent']
  const contenders: ContenderId[] = ['plain', 'wrapper', 'action', 'pipe', 'action2']
  const results = (['100', 'real'] as const).flatMap(set =>
    scenarios
      .filter(s => set === '100' || s === 'healthy')
      .flatMap(s =>
        contenders.map(c =>
          run(c, s, s === 'silent' && c !== 'action2' ? 60_000 : 1500, !(s === 'silent' && c !== 'action2'), {
            set
          })
        )
      )
  )
  const svg = renderChart(summarize(results), {
    sets: ['100', '1000', 'real'],
    scenarios,
    contenders,
    capMs: 60_000,
    title: 'a & b'
  })

  it('draws one panel per set run and one bar group per scenario run on it', () => {
    const panels = svg.split('<g class="panel"').slice(1)
    expect(panels).toHaveLength(2)
    expect(panels[0]!.match(/<g class="scenario"/g)).toHaveLength(3)
    expect(panels[1]!.match(/<g class="scenario"/g)).toHaveLength(1)
    expect(panels[0]!.match(/<g class="bar"/g)).toHaveLength(3 * contenders.length)
  })

  it('marks each contender that did not get green, and escapes text', () => {
    expect(svg.match(/class="failed"/g)).toHaveLength(4)
    expect(svg).toContain('a &amp; b')
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true)
  })

  it('puts log-scale ticks at 1, 2 and 5 per decade up to the cap', () => {
    expect(ticks(60_000)).toEqual([100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000])
  })
})

describe('the table', () => {
  it('has a row per scenario run, a column per contender run, and escapes the pipe in the chain', () => {
    const cells = summarize([...runs('plain', 'healthy', [1000]), ...runs('pipe', 'healthy', [1100])])
    const table = renderTable(cells, '100', ['healthy', 'silent'], CONTENDERS)
    const lines = table.split('\n')
    expect(lines).toHaveLength(3)
    expect(lines[0]).toBe('| 100 modules | plain go (GOPROXY=A) | go, GOPROXY=A\\|B |')
    expect(lines[2]).toBe('| healthy | 1/1 · **1.00 s** · 1.00× | 1/1 · **1.10 s** · 1.10× |')
  })
})

describe('splitProbability', () => {
  it('splits a total chance over independent draws', () => {
    const p = splitProbability(0.25, 4)
    expect(1 - (1 - p) ** 4).toBeCloseTo(0.25, 12)
  })
})
