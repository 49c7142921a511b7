import { SCENARIOS } from './scenarios.js'
import {
  CONTENDER_LABELS,
  SET_IDS,
  SET_LABELS,
  type Cell,
  type ContenderId,
  type GoalResult,
  type RunResult,
  type SetId
} from './types.js'

/** The median, where Infinity stands for a run that never got there; NaN for no runs. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

function finiteOrNull(n: number): number | null {
  return Number.isFinite(n) ? n : null
}

function maxOrNull(values: Array<number | undefined>): number | null {
  const present = values.filter((v): v is number => v !== undefined && Number.isFinite(v))
  return present.length === 0 ? null : Math.max(...present)
}

function minOrNull(values: Array<number | undefined>): number | null {
  const present = values.filter((v): v is number => v !== undefined)
  return present.length === 0 ? null : Math.min(...present)
}

/** The action's own CPU over the CPU of the go processes it ran, in one run. */
export function cpuShare(r: RunResult): number | undefined {
  return r.resources && r.goCpuMs ? r.resources.cpuMs / r.goCpuMs : undefined
}

/** One cell per set, scenario and contender present in the results, in the order they first appear. */
export function summarize(results: readonly RunResult[]): Cell[] {
  const groups = new Map<string, RunResult[]>()
  for (const r of results) {
    const key = `${r.set}\u0000${r.scenario}\u0000${r.contender}`
    const group = groups.get(key)
    if (group) group.push(r)
    else groups.set(key, [r])
  }
  const cells: Cell[] = []
  for (const runs of groups.values()) {
    const first = runs[0]!
    const failed = runs.filter(r => !r.green)
    const tidy = runs.filter(r => r.tidyOffline !== undefined)
    cells.push({
      set: first.set,
      scenario: first.scenario,
      contender: first.contender,
      runs: runs.length,
      green: runs.length - failed.length,
      medianMs: finiteOrNull(median(runs.map(r => (r.green ? r.ms : Infinity)))),
      ratio: null,
      medianAnyMs: median(runs.map(r => r.ms)),
      redMs: failed.length === 0 ? null : median(failed.map(r => r.ms)),
      slowestGreenMs: maxOrNull(runs.filter(r => r.green).map(r => r.ms)),
      maxRssMb: maxOrNull(runs.map(r => r.resources?.maxRssMb)),
      maxCpuMs: maxOrNull(runs.map(r => r.resources?.cpuMs)),
      maxCpuShare: maxOrNull(runs.map(cpuShare)),
      maxReportedRssMb: maxOrNull(runs.map(r => r.reportedResources?.maxRssMb)),
      maxAttempts: maxOrNull(runs.map(r => r.attempts)),
      minMissingNamed: minOrNull(
        runs.map(r => (r.missingTotal === undefined ? undefined : (r.missingNamed ?? 0)))
      ),
      missingTotal: maxOrNull(runs.map(r => r.missingTotal)),
      tidyOk: tidy.filter(r => r.tidyOffline).length,
      tidyChecked: tidy.length
    })
  }
  for (const cell of cells) {
    const base = findCell(cells, cell.set, 'healthy', 'plain')?.medianMs
    cell.ratio = cell.medianMs !== null && base ? cell.medianMs / base : null
  }
  return cells
}

export function findCell(
  cells: readonly Cell[],
  set: SetId,
  scenario: string,
  contender: ContenderId
): Cell | undefined {
  return cells.find(c => c.set === set && c.scenario === scenario && c.contender === contender)
}

export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`
}

export interface GoalSettings {
  maxRssMb: number
  /** The most CPU the action may use, as a share of its go processes' CPU in the same run. */
  maxCpuShare: number
}

export const DEFAULT_GOALS: GoalSettings = { maxRssMb: 100, maxCpuShare: 0.5 }

const notMeasured = (id: string, title: string, target: string, why: string): GoalResult => ({
  id,
  title,
  pass: null,
  measured: why,
  target,
  shortfall: ''
})

const TOPOLOGY: Partial<Record<ContenderId, string>> = { action: 'one mirror', action2: 'two mirrors' }
const ACTIONS: ContenderId[] = ['action', 'action2']

/** `100 modules, one mirror` */
function where(set: SetId, contender: ContenderId): string {
  return `${SET_LABELS[set]}, ${TOPOLOGY[contender] ?? CONTENDER_LABELS[contender]}`
}

function ratioText(ratio: number): string {
  return `${ratio.toFixed(2)}×`
}

/**
 * Every run green, and, with `maxRatio`, the median at most that many times healthy plain go on the set;
 * with `plusMs`, at most healthy plain go plus that much.
 */
function greenWithin(
  cells: readonly Cell[],
  id: string,
  title: string,
  set: SetId,
  scenario: string,
  contender: ContenderId,
  limit: { maxRatio?: number; plusMs?: number } = {}
): GoalResult | undefined {
  const cell = findCell(cells, set, scenario, contender)
  if (!cell) return undefined
  const base = findCell(cells, set, 'healthy', 'plain')
  const bound =
    base?.medianMs == null
      ? undefined
      : limit.maxRatio !== undefined
        ? limit.maxRatio * base.medianMs
        : limit.plusMs !== undefined
          ? base.medianMs + limit.plusMs
          : undefined
  const targetParts = ['every run green']
  if (limit.maxRatio !== undefined) targetParts.push(`median ≤ ${ratioText(limit.maxRatio)} healthy plain go`)
  if (limit.plusMs !== undefined) targetParts.push(`median ≤ healthy plain go + ${formatMs(limit.plusMs)}`)
  const target = targetParts.join(', ')
  const timed = limit.maxRatio !== undefined || limit.plusMs !== undefined
  if (timed && (bound === undefined || !base?.medianMs))
    return notMeasured(id, title, target, 'healthy plain go not green on this set')
  const allGreen = cell.green === cell.runs
  const measuredParts = [`${cell.green}/${cell.runs} green`]
  const shortfalls: string[] = []
  if (!allGreen) shortfalls.push(`${cell.runs - cell.green} of ${cell.runs} runs not green`)
  let withinBound = true
  if (timed && base?.medianMs) {
    if (cell.medianMs === null) {
      withinBound = false
      measuredParts.push(`no median time to green (red after ${formatMs(cell.redMs ?? 0)})`)
    } else {
      const ratio = cell.medianMs / base.medianMs
      measuredParts.push(
        `median ${formatMs(cell.medianMs)} = ${ratioText(ratio)} healthy plain go (${formatMs(base.medianMs)})` +
          (cell.slowestGreenMs !== null && cell.runs > 1 ? `, slowest ${formatMs(cell.slowestGreenMs)}` : '')
      )
      withinBound = cell.medianMs <= bound!
      if (!withinBound) {
        shortfalls.push(
          limit.maxRatio !== undefined
            ? `${ratioText(ratio - limit.maxRatio)} (${formatMs(cell.medianMs - bound!)}) over`
            : `${formatMs(cell.medianMs - bound!)} over`
        )
      }
    }
  } else if (cell.medianMs !== null) {
    measuredParts.push(
      `median ${formatMs(cell.medianMs)} = ${ratioText(cell.ratio ?? Number.NaN)} healthy plain go`
    )
  }
  const pass = allGreen && withinBound
  return { id, title, pass, measured: measuredParts.join(', '), target, shortfall: shortfalls.join('; ') }
}

function healthyOverhead(
  cells: readonly Cell[],
  set: SetId,
  contender: ContenderId,
  id: string,
  title: string
): GoalResult | undefined {
  const action = findCell(cells, set, 'healthy', contender)
  const plain = findCell(cells, set, 'healthy', 'plain')
  if (!action) return undefined
  const real = set === 'real'
  const target = real ? 'overhead ≤ 10%' : 'overhead ≤ max(10%, 150 ms)'
  if (!plain || plain.medianMs === null) return notMeasured(id, title, target, 'plain go not green')
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
  const allowed = real ? 0.1 * plain.medianMs : Math.max(0.1 * plain.medianMs, 150)
  const overhead = action.medianMs - plain.medianMs
  const pass = overhead <= allowed && action.green === action.runs
  return {
    id,
    title,
    pass,
    measured: `${formatMs(action.medianMs)} vs ${formatMs(plain.medianMs)} = ${ratioText(action.medianMs / plain.medianMs)}: ${signed(overhead)} (${signedPercent(overhead / plain.medianMs)}), allowed +${formatMs(allowed)}`,
    target,
    shortfall: pass
      ? ''
      : action.green < action.runs
        ? `${action.runs - action.green} run(s) not green`
        : `${formatMs(overhead - allowed)} over the allowance`
  }
}

/** Against a mirror 40 ms away: how many times faster than go with the same mirrors. */
function latencySpeedup(
  cells: readonly Cell[],
  set: SetId,
  contender: ContenderId,
  minSpeedup: number,
  id: string,
  title: string
): GoalResult | undefined {
  const action = findCell(cells, set, 'latency-40', contender)
  const goId: ContenderId = contender === 'action2' ? 'pipe' : 'plain'
  const go = findCell(cells, set, 'latency-40', goId)
  if (!action) return undefined
  const target = `≥ ${minSpeedup}× faster`
  if (!go || go.medianMs === null)
    return notMeasured(id, title, target, `${CONTENDER_LABELS[goId]} not green`)
  if (action.medianMs === null || action.green < action.runs) {
    return {
      id,
      title,
      pass: false,
      measured: `action ${action.green}/${action.runs} green`,
      target,
      shortfall: 'the action is not green in every run'
    }
  }
  const speedup = go.medianMs / action.medianMs
  const pass = speedup >= minSpeedup
  return {
    id,
    title,
    pass,
    measured: `go ${formatMs(go.medianMs)} / action ${formatMs(action.medianMs)} = ${ratioText(speedup)} faster`,
    target,
    shortfall: pass
      ? ''
      : `${ratioText(minSpeedup - speedup)} short (the action would need ${formatMs(go.medianMs / minSpeedup)})`
  }
}

function missingThree(
  cells: readonly Cell[],
  set: SetId,
  contender: ContenderId,
  id: string,
  title: string
): GoalResult | undefined {
  const cell = findCell(cells, set, 'missing-three', contender)
  if (!cell) return undefined
  const total = cell.missingTotal ?? 3
  const named = cell.minMissingNamed ?? 0
  const red = cell.green === 0
  const onePass = cell.maxAttempts !== null && cell.maxAttempts <= 1
  const pass = red && onePass && named === total
  const shortfall = [
    red ? '' : `${cell.green} run(s) green`,
    onePass ? '' : `up to ${cell.maxAttempts ?? '?'} go runs`,
    named === total ? '' : `only ${named} of ${total} named in the worst run`
  ]
    .filter(Boolean)
    .join('; ')
  return {
    id,
    title,
    pass,
    measured: `${cell.runs - cell.green}/${cell.runs} red after ${formatMs(cell.medianAnyMs)} (median), at most ${cell.maxAttempts ?? '?'} go run(s), \`failed-modules\` named ${named} of ${total} in the worst run`,
    target: `every run red, 1 go run, ${total} of ${total} named`,
    shortfall
  }
}

function cpuGoal(cells: readonly Cell[], set: SetId, settings: GoalSettings): GoalResult | undefined {
  const cell = findCell(cells, set, 'healthy', 'action')
  if (!cell) return undefined
  const id = `cpu-${set}`
  const title = `Healthy, ${where(set, 'action')}: the action's own CPU (verification included) against its go processes' CPU`
  const target = `≤ ${Math.round(settings.maxCpuShare * 100)}% of go's CPU in every run`
  if (cell.maxCpuShare === null) return notMeasured(id, title, target, 'no CPU figures')
  const pass = cell.maxCpuShare <= settings.maxCpuShare
  return {
    id,
    title,
    pass,
    measured: `at most ${Math.round(cell.maxCpuShare * 100)}% (action ${formatMs(cell.maxCpuMs ?? 0)} at most)`,
    target,
    shortfall: pass ? '' : `${Math.round((cell.maxCpuShare - settings.maxCpuShare) * 100)} points over`
  }
}

function rssGoal(cells: readonly Cell[], set: SetId, settings: GoalSettings): GoalResult | undefined {
  const actionCells = cells.filter(c => c.set === set && ACTIONS.includes(c.contender))
  const rss = maxOrNull(actionCells.map(c => c.maxRssMb ?? undefined))
  if (actionCells.length === 0) return undefined
  const id = `rss-${set}`
  const title = `${SET_LABELS[set]}: the action's own peak RSS in every scenario`
  const target = `< ${settings.maxRssMb} MB`
  if (rss === null) return notMeasured(id, title, target, 'no resource figures')
  const worst = actionCells.find(c => c.maxRssMb === rss)
  const pass = rss < settings.maxRssMb
  return {
    id,
    title,
    pass,
    measured: `peak ${rss} MB (${worst?.scenario}, ${TOPOLOGY[worst?.contender ?? 'action']})`,
    target,
    shortfall: pass ? '' : `${rss - settings.maxRssMb + 1} MB over`
  }
}

function tidyGoal(cells: readonly Cell[], set: SetId): GoalResult | undefined {
  const cell = findCell(cells, set, 'healthy', 'action')
  if (!cell || !cells.some(c => c.set === set && c.tidyChecked > 0)) return undefined
  const plain = findCell(cells, set, 'healthy', 'plain')
  const pass = cell.tidyChecked === cell.runs && cell.tidyOk === cell.runs
  return {
    id: `tidy-${set}`,
    title: `After the action (\`modules: go.sum\`), ${SET_LABELS[set]}: \`GOPROXY=off go mod tidy -diff\``,
    pass,
    measured:
      `succeeded after ${cell.tidyOk} of ${cell.runs} runs` +
      (plain && plain.tidyChecked > 0 ? ` (after plain go: ${plain.tidyOk} of ${plain.tidyChecked})` : ''),
    target: 'succeeds after every run',
    shortfall: pass ? '' : `${cell.runs - cell.tidyOk} run(s) left the cache short`
  }
}

/** The sets and actions a scenario runs with: where its goals are judged. */
function placesOf(scenario: string): Array<[SetId, ContenderId]> {
  const on = SCENARIOS.find(s => s.name === scenario)?.on ?? {}
  const places: Array<[SetId, ContenderId]> = []
  for (const set of SET_IDS) {
    for (const mirrors of on[set] ?? []) {
      const contender: ContenderId = mirrors === 1 ? 'action' : 'action2'
      if (SCENARIOS.find(s => s.name === scenario)?.contenders?.includes(contender) !== false)
        places.push([set, contender])
    }
  }
  return places
}

/**
 * Evaluates the goals the benchmark exists to check, at every set and mirror count their scenario runs
 * with; a goal whose runs are not in the results is not measured (N/A), never a pass.
 */
export function evaluateGoals(cells: readonly Cell[], settings: GoalSettings = DEFAULT_GOALS): GoalResult[] {
  const goals: GoalResult[] = []
  const judge = (
    scenario: string,
    title: (set: SetId, contender: ContenderId) => string,
    target: (set: SetId) => string,
    fn: (set: SetId, contender: ContenderId, id: string, title: string) => GoalResult | undefined
  ) => {
    for (const [set, contender] of placesOf(scenario)) {
      const id = `${scenario}-${set}-${contender}`
      const t = title(set, contender)
      goals.push(fn(set, contender, id, t) ?? notMeasured(id, t, target(set), 'not run'))
    }
  }
  judge(
    'healthy',
    (set, c) =>
      `Healthy, ${where(set, c)}: overhead over plain go ≤ ${set === 'real' ? '10%' : 'max(10%, 150 ms)'}`,
    set => (set === 'real' ? 'overhead ≤ 10%' : 'overhead ≤ max(10%, 150 ms)'),
    (set, c, id, title) => healthyOverhead(cells, set, c, id, title)
  )
  judge(
    'latency-40',
    (set, c) =>
      `Every answer 40 ms late, ${where(set, c)}: at least ${set === 'real' ? 4 : 2}× faster than ${CONTENDER_LABELS[c === 'action2' ? 'pipe' : 'plain']}`,
    set => `≥ ${set === 'real' ? 4 : 2}× faster`,
    (set, c, id, title) => latencySpeedup(cells, set, c, set === 'real' ? 4 : 2, id, title)
  )
  const faulty: Array<[string, string, number | undefined]> = [
    ['5xx10-reset3', '10% random 5xx + 3% resets', 1.3],
    ['5xx-25', '25% random 5xx', 2],
    ['5xx-10', '10% random 5xx', 1.5],
    ['429-50', '50% 429 with Retry-After: 1', undefined],
    ['stall-body-20', 'stalling mid-body on 20% of zips', undefined]
  ]
  for (const [scenario, words, maxRatio] of faulty) {
    judge(
      scenario,
      (set, c) =>
        `${words}, ${where(set, c)}: green with default inputs${maxRatio ? `, ≤ ${ratioText(maxRatio)} healthy plain go` : ''}`,
      () => `every run green${maxRatio ? `, median ≤ ${ratioText(maxRatio)} healthy plain go` : ''}`,
      (set, c, id, title) => greenWithin(cells, id, title, set, scenario, c, { maxRatio })
    )
  }
  judge(
    'silent-probe-off',
    (set, c) =>
      `Silent first mirror, probe off, default stall-timeout, ${where(set, c)}: green within healthy + 3 s`,
    () => 'every run green, median ≤ healthy plain go + 3.00 s',
    (set, c, id, title) => greenWithin(cells, id, title, set, 'silent-probe-off', c, { plusMs: 3000 })
  )
  judge(
    'missing-three',
    (set, c) => `Three modules missing everywhere, ${where(set, c)}: red in one pass, all three named`,
    () => 'every run red, 1 go run, 3 of 3 named',
    (set, c, id, title) => missingThree(cells, set, c, id, title)
  )
  for (const set of ['real', '1000'] as SetId[]) {
    goals.push(
      cpuGoal(cells, set, settings) ??
        notMeasured(
          `cpu-${set}`,
          `Healthy, ${where(set, 'action')}: the action's own CPU (verification included) against its go processes' CPU`,
          `≤ ${Math.round(settings.maxCpuShare * 100)}% of go's CPU in every run`,
          'not run'
        )
    )
  }
  goals.push(
    rssGoal(cells, '1000', settings) ??
      notMeasured(
        'rss-1000',
        `${SET_LABELS['1000']}: the action's own peak RSS in every scenario`,
        `< ${settings.maxRssMb} MB`,
        'not run'
      )
  )
  goals.push(
    tidyGoal(cells, 'real') ??
      notMeasured(
        'tidy-real',
        `After the action (\`modules: go.sum\`), ${SET_LABELS.real}: \`GOPROXY=off go mod tidy -diff\``,
        'succeeds after every run',
        'not run'
      )
  )
  return goals
}

function signed(ms: number): string {
  return (ms < 0 ? '−' : '+') + formatMs(Math.abs(ms))
}

function signedPercent(fraction: number): string {
  return (fraction < 0 ? '−' : '+') + Math.abs(fraction * 100).toFixed(1) + '%'
}
