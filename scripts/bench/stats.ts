import { median as medianOf } from '../../src/download/mirrors.js'
import type { Cell, ContenderId, GoalResult, RunResult } from './types.js'

/** The median, where Infinity stands for a run that never got there; NaN for no runs. */
export function median(values: readonly number[]): number {
  return medianOf(values) ?? Number.NaN
}

function finiteOrNull(n: number): number | null {
  return Number.isFinite(n) ? n : null
}

function maxOrNull(values: Array<number | undefined>): number | null {
  const present = values.filter((v): v is number => v !== undefined)
  return present.length === 0 ? null : Math.max(...present)
}

/** One cell per size, scenario and contender present in the results, in the order they first appear. */
export function summarize(results: readonly RunResult[]): Cell[] {
  const groups = new Map<string, RunResult[]>()
  for (const r of results) {
    const key = `${r.size}\u0000${r.scenario}\u0000${r.contender}`
    const group = groups.get(key)
    if (group) group.push(r)
    else groups.set(key, [r])
  }
  const cells: Cell[] = []
  for (const runs of groups.values()) {
    const first = runs[0]!
    const failed = runs.filter(r => !r.green)
    cells.push({
      size: first.size,
      scenario: first.scenario,
      contender: first.contender,
      runs: runs.length,
      green: runs.length - failed.length,
      medianMs: finiteOrNull(median(runs.map(r => (r.green ? r.ms : Infinity)))),
      ratio: null,
      redMs: failed.length === 0 ? null : median(failed.map(r => r.ms)),
      slowestGreenMs: maxOrNull(runs.filter(r => r.green).map(r => r.ms)),
      maxRssMb: maxOrNull(runs.map(r => r.resources?.maxRssMb)),
      maxCpuMs: maxOrNull(runs.map(r => r.resources?.cpuMs)),
      maxReportedRssMb: maxOrNull(runs.map(r => r.reportedResources?.maxRssMb)),
      maxFirstHealthyMs: maxOrNull(runs.map(r => r.firstHealthyMs))
    })
  }
  for (const cell of cells) {
    const base = findCell(cells, cell.size, 'healthy', 'plain')?.medianMs
    cell.ratio = cell.medianMs !== null && base ? cell.medianMs / base : null
  }
  return cells
}

export function findCell(
  cells: readonly Cell[],
  size: number,
  scenario: string,
  contender: ContenderId
): Cell | undefined {
  return cells.find(c => c.size === size && c.scenario === scenario && c.contender === contender)
}

export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`
}

export interface GoalSettings {
  stallTimeoutMs: number
  /** The size whose resource use the memory and CPU goals judge. */
  largeSize: number
  maxRssMb: number
  maxCpuMs: number
}

export const DEFAULT_GOALS: GoalSettings = {
  stallTimeoutMs: 5000,
  largeSize: 1000,
  maxRssMb: 100,
  maxCpuMs: 1000
}

const notMeasured = (id: string, title: string, target: string, why: string): GoalResult => ({
  id,
  title,
  pass: null,
  measured: why,
  target,
  shortfall: ''
})

/** Evaluates the goals the benchmark exists to check, for every size measured. */
export function evaluateGoals(cells: readonly Cell[], settings: GoalSettings = DEFAULT_GOALS): GoalResult[] {
  const sizes = [...new Set(cells.map(c => c.size))].sort((a, b) => a - b)
  const goals: GoalResult[] = []
  for (const size of sizes) {
    goals.push(healthyOverhead(cells, size))
    goals.push(...storm5xx(cells, size))
    goals.push(silentMirror(cells, size, settings.stallTimeoutMs))
    for (const scenario of ['refused', 'silent']) goals.push(firstHealthyAttempt(cells, size, scenario))
  }
  goals.push(...resourceGoals(cells, settings))
  return goals
}

/** With the first mirror down, the probe puts the healthy one first: its attempt starts within 1 s. */
function firstHealthyAttempt(cells: readonly Cell[], size: number, scenario: string): GoalResult {
  const id = `first-healthy-${scenario}-${size}`
  const title = `First mirror ${scenario}, ${size} modules: the first attempt on the healthy mirror starts within 1 s of the step`
  const target = '≤ 1 s'
  const action = findCell(cells, size, scenario, 'action')
  if (!action) return notMeasured(id, title, target, `${scenario} scenario not run`)
  if (action.maxFirstHealthyMs === null)
    return notMeasured(id, title, target, 'no attempt on the healthy mirror')
  const pass = action.maxFirstHealthyMs <= 1000
  return {
    id,
    title,
    pass,
    measured: `latest of ${action.runs} runs: ${formatMs(action.maxFirstHealthyMs)}`,
    target,
    shortfall: pass ? '' : `${formatMs(action.maxFirstHealthyMs - 1000)} late`
  }
}

function healthyOverhead(cells: readonly Cell[], size: number): GoalResult {
  const id = `healthy-overhead-${size}`
  const title = `Healthy, ${size} modules: the action adds at most 10% (or 150 ms) over plain go`
  const target = 'overhead ≤ max(10%, 150 ms)'
  const plain = findCell(cells, size, 'healthy', 'plain')
  const action = findCell(cells, size, 'healthy', 'action')
  if (!plain || !action) return notMeasured(id, title, target, 'healthy scenario not run')
  if (plain.medianMs === null) return notMeasured(id, title, target, 'plain go did not get green')
  const allowed = Math.max(0.1 * plain.medianMs, 150)
  if (action.medianMs === null) {
    return {
      id,
      title,
      pass: false,
      measured: `action not green (${action.green}/${action.runs})`,
      target,
      shortfall: 'no verified cache'
    }
  }
  const overhead = action.medianMs - plain.medianMs
  const measured = `${formatMs(action.medianMs)} vs ${formatMs(plain.medianMs)}: ${signed(overhead)} (${signedPercent(overhead / plain.medianMs)}), allowed +${formatMs(allowed)}`
  const pass = overhead <= allowed
  return {
    id,
    title,
    pass,
    measured,
    target,
    shortfall: pass ? '' : `${formatMs(overhead - allowed)} over the allowance`
  }
}

function storm5xx(cells: readonly Cell[], size: number): GoalResult[] {
  const action = findCell(cells, size, '5xx-25', 'action')
  const wrapper = findCell(cells, size, '5xx-25', 'wrapper')
  const healthy = findCell(cells, size, 'healthy', 'plain')
  const results: GoalResult[] = []

  const sId = `5xx-25-success-${size}`
  const sTitle = `25% random 5xx, ${size} modules: the action is green every time`
  if (!action) results.push(notMeasured(sId, sTitle, '100% green', '5xx-25 scenario not run'))
  else {
    const pass = action.green === action.runs
    results.push({
      id: sId,
      title: sTitle,
      pass,
      measured: `${action.green}/${action.runs} green`,
      target: '100% green',
      shortfall: pass ? '' : `${action.runs - action.green} of ${action.runs} runs failed`
    })
  }

  const tId = `5xx-25-time-${size}`
  const tTitle = `25% random 5xx, ${size} modules: the action takes at most 2× healthy plain go`
  if (!action || !healthy)
    results.push(notMeasured(tId, tTitle, '≤ 2.00×', 'healthy or 5xx-25 scenario not run'))
  else if (healthy.medianMs === null)
    results.push(notMeasured(tId, tTitle, '≤ 2.00×', 'plain go not green when healthy'))
  else if (action.medianMs === null) {
    results.push({
      id: tId,
      title: tTitle,
      pass: false,
      measured: 'no median time to green',
      target: '≤ 2.00×',
      shortfall: 'not green in most runs'
    })
  } else {
    const ratio = action.medianMs / healthy.medianMs
    const pass = ratio <= 2
    results.push({
      id: tId,
      title: tTitle,
      pass,
      measured: `${formatMs(action.medianMs)} = ${ratio.toFixed(2)}× ${formatMs(healthy.medianMs)}`,
      target: '≤ 2.00×',
      shortfall: pass
        ? ''
        : `${(ratio - 2).toFixed(2)}× (${formatMs(action.medianMs - 2 * healthy.medianMs)}) over`
    })
  }

  const wId = `5xx-25-vs-wrapper-${size}`
  const wTitle = `25% random 5xx, ${size} modules: the action is faster than the retry wrapper`
  if (!action || !wrapper) results.push(notMeasured(wId, wTitle, 'faster', '5xx-25 scenario not run'))
  else {
    const a = action.medianMs ?? Infinity
    const w = wrapper.medianMs ?? Infinity
    const pass = a < w
    const show = (ms: number) => (Number.isFinite(ms) ? formatMs(ms) : 'never green')
    results.push({
      id: wId,
      title: wTitle,
      pass,
      measured: `action ${show(a)}, wrapper ${show(w)} (median time to green)`,
      target: 'action < wrapper',
      shortfall: pass ? '' : Number.isFinite(a) ? `${formatMs(a - w)} slower` : 'the action is not green'
    })
  }
  return results
}

function silentMirror(cells: readonly Cell[], size: number, stallTimeoutMs: number): GoalResult {
  const id = `silent-${size}`
  const title = `Silent first mirror, ${size} modules: the action is green within stall-timeout + healthy time + 2 s`
  const action = findCell(cells, size, 'silent', 'action')
  const healthy = findCell(cells, size, 'healthy', 'plain')
  if (!action || !healthy)
    return notMeasured(
      id,
      title,
      'every run green, median within the bound',
      'healthy or silent scenario not run'
    )
  if (healthy.medianMs === null)
    return notMeasured(id, title, 'within the bound', 'plain go not green when healthy')
  const bound = stallTimeoutMs + healthy.medianMs + 2000
  const target = `every run green, median ≤ ${formatMs(bound)} (${formatMs(stallTimeoutMs)} + ${formatMs(healthy.medianMs)} + 2 s)`
  if (action.medianMs === null || action.green < action.runs) {
    return {
      id,
      title,
      pass: false,
      measured:
        `${action.green}/${action.runs} green` +
        (action.medianMs === null ? '' : `, median ${formatMs(action.medianMs)}`),
      target,
      shortfall: `${action.runs - action.green} of ${action.runs} runs not green`
    }
  }
  const pass = action.medianMs <= bound
  return {
    id,
    title,
    pass,
    measured: `${action.green}/${action.runs} green, median ${formatMs(action.medianMs)}, slowest ${formatMs(action.slowestGreenMs ?? action.medianMs)}`,
    target,
    shortfall: pass ? '' : `${formatMs(action.medianMs - bound)} over`
  }
}

function resourceGoals(cells: readonly Cell[], settings: GoalSettings): GoalResult[] {
  const large = cells.filter(c => c.size === settings.largeSize && c.contender === 'action')
  const rss = maxOrNull(large.map(c => c.maxRssMb ?? undefined))
  const cpu = maxOrNull(large.map(c => c.maxCpuMs ?? undefined))
  const rssWorst = large.find(c => c.maxRssMb === rss)?.scenario
  const reported = maxOrNull(large.map(c => c.maxReportedRssMb ?? undefined))
  const cpuWorst = large.find(c => c.maxCpuMs === cpu)?.scenario
  const rssTitle = `${settings.largeSize} modules: the action's own process stays under ${settings.maxRssMb} MB RSS in every scenario`
  const cpuTitle = `${settings.largeSize} modules: the action's own process uses under ${formatMs(settings.maxCpuMs)} of CPU in every scenario`
  const rssTarget = `< ${settings.maxRssMb} MB`
  const cpuTarget = `< ${formatMs(settings.maxCpuMs)}`
  const why =
    large.length === 0 ? `${settings.largeSize}-module set not run` : 'no resource figures in the reports'
  return [
    rss === null
      ? notMeasured(`rss-${settings.largeSize}`, rssTitle, rssTarget, why)
      : {
          id: `rss-${settings.largeSize}`,
          title: rssTitle,
          pass: rss < settings.maxRssMb,
          measured: `peak ${rss} MB (${rssWorst})${reported === null ? '' : `; the action's report says up to ${reported} MB`}`,
          target: rssTarget,
          shortfall: rss < settings.maxRssMb ? '' : `${rss - settings.maxRssMb} MB over`
        },
    cpu === null
      ? notMeasured(`cpu-${settings.largeSize}`, cpuTitle, cpuTarget, why)
      : {
          id: `cpu-${settings.largeSize}`,
          title: cpuTitle,
          pass: cpu < settings.maxCpuMs,
          measured: `at most ${formatMs(cpu)} (${cpuWorst})`,
          target: cpuTarget,
          shortfall: cpu < settings.maxCpuMs ? '' : `${formatMs(cpu - settings.maxCpuMs)} over`
        }
  ]
}

function signed(ms: number): string {
  return (ms < 0 ? '−' : '+') + formatMs(Math.abs(ms))
}

function signedPercent(fraction: number): string {
  return (fraction < 0 ? '−' : '+') + Math.abs(fraction * 100).toFixed(1) + '%'
}
