import { median } from '../harness.js'
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

/** All the CPU of a run: the action's own (threads included) and its go processes', or plain go's. */
export function totalCpuMs(r: RunResult): number | undefined {
  if (r.goCpuMs === undefined) return undefined
  return (r.resources?.cpuMs ?? 0) + r.goCpuMs
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
    const builds = runs.filter(r => r.buildOffline !== undefined)
    const cpu = runs.map(totalCpuMs).filter((n): n is number => n !== undefined)
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
      tidyChecked: tidy.length,
      buildOk: builds.filter(r => r.buildOffline).length,
      buildChecked: builds.length,
      medianBuildMs: finiteOrNull(
        median(builds.flatMap(r => (r.buildOfflineMs === undefined ? [] : [r.buildOfflineMs])))
      ),
      medianTotalCpuMs: finiteOrNull(median(cpu)),
      maxHedges: maxOrNull(runs.map(r => r.hedges)),
      maxStalls: maxOrNull(runs.map(r => r.stalls)),
      maxLoopP99Ms: maxOrNull(runs.map(r => r.loopP99Ms)),
      maxLoopMaxMs: maxOrNull(runs.map(r => r.loopMaxMs)),
      maxRelayPeakMb: maxOrNull(runs.map(r => r.relayPeakMb))
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
  /** The most CPU the action may use in all (node, threads, go), as a multiple of plain go's. */
  maxCpuRatio: number
  /** The event loop's delay p99 on a healthy mirror. */
  maxLoopP99Ms: number
}

export const DEFAULT_GOALS: GoalSettings = { maxRssMb: 100, maxCpuRatio: 1.2, maxLoopP99Ms: 50 }

const notMeasured = (id: string, title: string, target: string, why: string): GoalResult => ({
  id,
  title,
  pass: null,
  measured: why,
  target,
  shortfall: ''
})

const TOPOLOGY: Partial<Record<ContenderId, string>> = {
  action: 'one mirror',
  actionBuild: 'one mirror, modules: build',
  action2: 'two mirrors'
}
const ACTIONS: ContenderId[] = ['action', 'actionBuild', 'action2']

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

/** What the action may cost over plain go on a healthy mirror: a share of plain go's time, at least a floor. */
export function healthyAllowance(set: SetId, contender: ContenderId): { share: number; floorMs: number } {
  if (set === 'real') return { share: contender === 'actionBuild' ? 0.1 : 0.25, floorMs: 0 }
  if (set === '1000') return { share: 0.1, floorMs: 0 }
  return { share: 0.1, floorMs: 150 }
}

function allowanceText(set: SetId, contender: ContenderId): string {
  const { share, floorMs } = healthyAllowance(set, contender)
  const percent = `${Math.round(share * 100)}%`
  return floorMs > 0 ? `overhead ≤ max(${percent}, ${formatMs(floorMs)})` : `overhead ≤ ${percent}`
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
  const target = allowanceText(set, contender)
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
  const { share, floorMs } = healthyAllowance(set, contender)
  const allowed = Math.max(share * plain.medianMs, floorMs)
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

/** Against a mirror far away: how many times faster than go with the same mirrors. */
function latencySpeedup(
  cells: readonly Cell[],
  scenario: string,
  set: SetId,
  contender: ContenderId,
  minSpeedup: number,
  id: string,
  title: string
): GoalResult | undefined {
  const action = findCell(cells, set, scenario, contender)
  const goId: ContenderId = contender === 'action2' ? 'pipe' : 'plain'
  const go = findCell(cells, set, scenario, goId)
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

/** The speed-up each latency scenario asks of the action, per set. */
export const LATENCY_GOALS: Record<string, Partial<Record<SetId, number>>> = {
  'latency-40': { real: 4, '100': 5 },
  'latency-10': { real: 2 }
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

/** The action's CPU, node, its threads and its go processes together, against plain go's, healthy. */
function cpuGoal(
  cells: readonly Cell[],
  set: SetId,
  contender: ContenderId,
  settings: GoalSettings
): GoalResult | undefined {
  const cell = findCell(cells, set, 'healthy', contender)
  if (!cell) return undefined
  const plain = findCell(cells, set, 'healthy', 'plain')
  const id = `cpu-${set}-${contender}`
  const title = `Healthy, ${where(set, contender)}: all the action's CPU (node, its threads, its go processes) against plain go's`
  const target = `≤ ${ratioText(settings.maxCpuRatio)} plain go's CPU (medians)`
  if (cell.medianTotalCpuMs === null || !plain?.medianTotalCpuMs)
    return notMeasured(id, title, target, 'no CPU figures')
  const ratio = cell.medianTotalCpuMs / plain.medianTotalCpuMs
  const pass = ratio <= settings.maxCpuRatio
  return {
    id,
    title,
    pass,
    measured: `${formatMs(cell.medianTotalCpuMs)} against ${formatMs(plain.medianTotalCpuMs)} = ${ratioText(ratio)}`,
    target,
    shortfall: pass ? '' : `${ratioText(ratio - settings.maxCpuRatio)} over`
  }
}

/** On a healthy mirror the relay neither hedges nor sees a stall, and its event loop stays free. */
function calmGoal(
  cells: readonly Cell[],
  set: SetId,
  contender: ContenderId,
  settings: GoalSettings
): GoalResult | undefined {
  const cell = findCell(cells, set, 'healthy', contender)
  if (!cell) return undefined
  const id = `calm-${set}-${contender}`
  const title = `Healthy, ${where(set, contender)}: no hedge, no stall, event-loop delay p99 < ${settings.maxLoopP99Ms} ms`
  const target = `0 hedges, 0 stalls, p99 < ${settings.maxLoopP99Ms} ms in every run`
  if (cell.maxHedges === null || cell.maxLoopP99Ms === null)
    return notMeasured(id, title, target, 'no figures')
  const stalls = cell.maxStalls ?? 0
  const pass = cell.maxHedges === 0 && stalls === 0 && cell.maxLoopP99Ms < settings.maxLoopP99Ms
  return {
    id,
    title,
    pass,
    measured: `at most ${cell.maxHedges} hedge(s), ${stalls} stall(s), p99 ${cell.maxLoopP99Ms} ms, max ${cell.maxLoopMaxMs ?? '?'} ms`,
    target,
    shortfall: pass
      ? ''
      : [
          cell.maxHedges > 0 ? `${cell.maxHedges} hedge(s)` : '',
          stalls > 0 ? `${stalls} stall(s)` : '',
          cell.maxLoopP99Ms >= settings.maxLoopP99Ms ? `p99 ${cell.maxLoopP99Ms} ms` : ''
        ]
          .filter(Boolean)
          .join('; ')
  }
}

function rssGoal(cells: readonly Cell[], set: SetId, settings: GoalSettings): GoalResult | undefined {
  const actionCells = cells.filter(c => c.set === set && ACTIONS.includes(c.contender))
  const rss = maxOrNull(actionCells.map(c => c.maxRssMb ?? undefined))
  if (actionCells.length === 0) return undefined
  const id = `rss-${set}`
  const title = `${SET_LABELS[set]}: the action's peak RSS in every scenario`
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
  const found = SCENARIOS.find(s => s.name === scenario)
  const on = found?.on ?? {}
  const places: Array<[SetId, ContenderId]> = []
  for (const set of SET_IDS) {
    for (const mirrors of on[set] ?? []) {
      const contenders: ContenderId[] = mirrors === 1 ? ['action', 'actionBuild'] : ['action2']
      for (const contender of contenders) {
        const listed = found?.contenders?.includes(contender)
        if (listed || (listed === undefined && contender !== 'actionBuild')) places.push([set, contender])
      }
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
    (set, c) => `Healthy, ${where(set, c)}: ${allowanceText(set, c)} over plain go`,
    set => allowanceText(set, 'action'),
    (set, c, id, title) => healthyOverhead(cells, set, c, id, title)
  )
  for (const [scenario, bySet] of Object.entries(LATENCY_GOALS)) {
    const late = scenario === 'latency-10' ? '10 ms' : '40 ms'
    judge(
      scenario,
      (set, c) =>
        `Every answer ${late} late, ${where(set, c)}: at least ${bySet[set] ?? 2}× faster than ${CONTENDER_LABELS[c === 'action2' ? 'pipe' : 'plain']}`,
      set => `≥ ${bySet[set] ?? 2}× faster`,
      (set, c, id, title) => latencySpeedup(cells, scenario, set, c, bySet[set] ?? 2, id, title)
    )
  }
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
  for (const [set, contender] of placesOf('healthy')) {
    const cpu = cpuGoal(cells, set, contender, settings)
    if (set !== '100') {
      goals.push(
        cpu ??
          notMeasured(
            `cpu-${set}-${contender}`,
            `Healthy, ${where(set, contender)}: all the action's CPU against plain go's`,
            `≤ ${ratioText(settings.maxCpuRatio)} plain go's CPU`,
            'not run'
          )
      )
    }
    const calm = calmGoal(cells, set, contender, settings)
    if (calm) goals.push(calm)
  }
  for (const set of SET_IDS) {
    const rss = rssGoal(cells, set, settings)
    if (rss) goals.push(rss)
  }
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
