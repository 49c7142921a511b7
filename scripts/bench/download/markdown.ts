import { findCell, formatMs } from './stats.js'
import {
  CONTENDER_LABELS,
  SET_LABELS,
  type Cell,
  type ContenderId,
  type GoalResult,
  type SetId
} from './types.js'

function cellText(cell: Cell | undefined): string {
  if (!cell) return '–'
  const rate = `${cell.green}/${cell.runs}`
  if (cell.medianMs === null) return `${rate} · ✗ · gave up after ${formatMs(cell.redMs ?? 0)}`
  const ratio = cell.ratio === null ? '' : ` · ${cell.ratio.toFixed(2)}×`
  return `${rate} · **${formatMs(cell.medianMs)}**${ratio}`
}

function resourcesText(cell: Cell | undefined): string {
  if (!cell || cell.maxRssMb === null || cell.maxCpuMs === null) return '–'
  const parts = [`${cell.maxRssMb} MB`]
  // Bodies stream to disk: most runs hold a few hundred bytes, which one decimal place rounds to 0.
  if (cell.maxRelayPeakMb !== null)
    parts.push(
      cell.maxRelayPeakMb < 0.1 ? 'relay bodies < 0.1 MiB' : `relay bodies ≤ ${cell.maxRelayPeakMb} MiB`
    )
  if (cell.medianTotalCpuMs !== null) parts.push(`CPU ${formatMs(cell.medianTotalCpuMs)} in all`)
  if (cell.maxHedges !== null) parts.push(`${cell.maxHedges} hedges · ${cell.maxStalls ?? 0} stalls`)
  if (cell.maxLoopP99Ms !== null) parts.push(`loop p99 ${cell.maxLoopP99Ms} ms`)
  if (cell.buildChecked > 0 && cell.medianBuildMs !== null)
    parts.push(`offline build ${cell.buildOk}/${cell.buildChecked} in ${formatMs(cell.medianBuildMs)}`)
  if (cell.tidyChecked > 0) parts.push(`tidy -diff ${cell.tidyOk}/${cell.tidyChecked}`)
  return parts.join(' · ')
}

function plainText(cell: Cell | undefined): string {
  if (!cell) return '–'
  const parts: string[] = []
  if (cell.medianTotalCpuMs !== null) parts.push(`CPU ${formatMs(cell.medianTotalCpuMs)}`)
  if (cell.buildChecked > 0 && cell.medianBuildMs !== null)
    parts.push(`offline build ${cell.buildOk}/${cell.buildChecked} in ${formatMs(cell.medianBuildMs)}`)
  if (cell.tidyChecked > 0) parts.push(`tidy -diff ${cell.tidyOk}/${cell.tidyChecked}`)
  return parts.length > 0 ? parts.join(' · ') : '–'
}

/** The scenarios of `scenarios` that have a cell on the set, in that order. */
function rowsOf(cells: readonly Cell[], set: SetId, scenarios: readonly string[]): string[] {
  return scenarios.filter(s => cells.some(c => c.set === set && c.scenario === s))
}

const line = (cols: string[]) => `| ${cols.join(' | ')} |`

/**
 * One table per set: a row per scenario, a column per contender with green runs, median time to a
 * verified cache and its ratio to healthy plain go.
 */
export function renderTable(
  cells: readonly Cell[],
  set: SetId,
  scenarios: readonly string[],
  contenders: readonly ContenderId[]
): string {
  const present = contenders.filter(c => cells.some(cell => cell.set === set && cell.contender === c))
  const head = [SET_LABELS[set], ...present.map(c => CONTENDER_LABELS[c].replace(/\|/g, '\\|'))]
  const rows = rowsOf(cells, set, scenarios).map(s => [
    s,
    ...present.map(c => cellText(findCell(cells, set, s, c)))
  ])
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n')
}

/**
 * Per scenario: the action's peak RSS, all its CPU (go's included), its hedges, stalls and event-loop
 * delay, and what the first offline build and tidy found; plain go's CPU and the same checks beside it.
 */
export function renderResources(cells: readonly Cell[], set: SetId, scenarios: readonly string[]): string {
  const actions = (['action', 'actionBuild', 'action2'] as ContenderId[]).filter(c =>
    cells.some(cell => cell.set === set && cell.contender === c)
  )
  if (actions.length === 0) return ''
  const head = [SET_LABELS[set], 'plain go', ...actions.map(c => CONTENDER_LABELS[c])]
  const rows = rowsOf(cells, set, scenarios).map(s => [
    s,
    plainText(findCell(cells, set, s, 'plain')),
    ...actions.map(c => resourcesText(findCell(cells, set, s, c)))
  ])
  return [line(head.map(escapeCell)), line(head.map(() => '---')), ...rows.map(line)].join('\n')
}

export function verdict(goal: GoalResult): 'PASS' | 'MISS' | 'N/A' {
  return goal.pass === null ? 'N/A' : goal.pass ? 'PASS' : 'MISS'
}

function goalText(goal: GoalResult): string {
  const short = goal.pass === false && goal.shortfall ? `; missed by ${goal.shortfall}` : ''
  return `${goal.title}: ${goal.measured} (target ${goal.target})${short}`
}

/** The console form: the verdict first, padded so the lines align. */
export function goalLine(goal: GoalResult): string {
  return `${verdict(goal).padEnd(4)}  ${goalText(goal)}`
}

export function renderGoals(goals: readonly GoalResult[]): string {
  const rows = goals.map(g => [
    `**${verdict(g)}**`,
    g.title,
    g.measured,
    g.target,
    g.pass === false ? g.shortfall : ''
  ])
  const cols = ['', 'goal', 'measured', 'target', 'missed by']
  return [line(cols), line(cols.map(() => '---')), ...rows.map(r => line(r.map(escapeCell)))].join('\n')
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|')
}

export interface DocInput {
  generatedAt: string
  command: string
  machine: Record<string, string>
  settings: Array<[string, string]>
  scenarios: Array<{ name: string; description: string; random: boolean; where: string }>
  contenders: Array<{ id: ContenderId; description: string }>
  sets: SetId[]
  cells: Cell[]
  goals: GoalResult[]
  /** Hand-written observations on the committed run, kept in bench/notes.md. */
  notes?: string
  partial: boolean
}

export function renderDoc(d: DocInput): string {
  const scenarioNames = d.scenarios.map(s => s.name)
  const contenderIds = d.contenders.map(c => c.id)
  const missed = d.goals.filter(g => g.pass === false)
  const measured = d.goals.filter(g => g.pass !== null)
  const out: string[] = [
    '# Benchmarks',
    '',
    '<!-- Generated by `npm run bench`; edit scripts/bench/download/ or bench/notes.md instead. -->',
    '',
    'Which way of downloading Go modules gets a CI job to a complete, verified module cache first when a',
    'mirror misbehaves, and how often each gets there at all: plain `go mod download`, a generic retry',
    'wrapper around it, go with a pipe-separated `GOPROXY` chain, and this action. Every contender runs',
    'against module proxies on 127.0.0.1: with **one mirror** (A, carrying the faults: most users have only',
    '`proxy.golang.org`) and with **two** (A with the faults, then B, healthy). The module graphs are two',
    'generated sets and one real graph, a large open-source project seeded once from the Go module proxy.',
    '',
    ...(d.partial
      ? [
          '> **Partial run**: not every set, scenario, contender or seed of the full benchmark. Run `npm run bench` for the full set.',
          ''
        ]
      : []),
    `Generated ${d.generatedAt} by \`${d.command}\`.`,
    '',
    '![Median time to a verified module cache per scenario and contender](benchmarks.svg)',
    '',
    '## Goals',
    '',
    `${measured.length - missed.length} of ${measured.length} goals measured in this run pass` +
      (d.goals.length > measured.length ? `; ${d.goals.length - measured.length} not measured (N/A).` : '.'),
    '',
    renderGoals(d.goals),
    '',
    '## Results',
    '',
    'Each cell: green runs / runs · median time to a verified cache (failed runs count as never) · ratio to',
    'healthy plain go on the same set. A ✗ means at least half the runs never got there; the time is then',
    'the median time until they gave up (or were stopped at the cap). A dash: not run with that contender.',
    ''
  ]
  for (const set of d.sets) {
    if (!d.cells.some(c => c.set === set)) continue
    out.push(`### ${SET_LABELS[set]}`, '', renderTable(d.cells, set, scenarioNames, contenderIds), '')
  }
  out.push(
    '### Resources, hedges and the offline checks',
    '',
    "The action's largest peak RSS over the seeds (VmHWM at exit: its relay, prefetch and hashing threads",
    'included); the median CPU of the whole run, the action with its go processes (its reaped children, from',
    "`/proc/self/stat`) and plain go's the same way; the relay's largest count of hedges and stalled requests and",
    'its event-loop delay p99; and, on the real graph, whether the first `go build ./...` and `go mod tidy -diff`',
    'with `GOPROXY=off` succeeded on the cache the run left (the build timed: it unpacks what go still has to).',
    ''
  )
  for (const set of d.sets) {
    const table = renderResources(d.cells, set, scenarioNames)
    if (table) out.push(table, '')
  }
  if (d.notes) out.push(d.notes.trim(), '')
  out.push(
    '## Running it',
    '',
    '```sh',
    'npm run bench:seed                                                   # once: the real graph, from proxy.golang.org',
    'npm run bench                                                        # the full run, then the module cache benchmark',
    'npm run -s package && npx tsx scripts/bench/download/main.ts --quick # 100 modules, 1 seed, the goal scenarios, no wrapper',
    'npx tsx scripts/bench/download/main.ts --sets 100 --seeds 5 --scenarios healthy,5xx-25',
    'npx tsx scripts/bench/download/main.ts --render                      # redraw this page from bench/results.json',
    '```',
    '',
    '`npm run bench` also runs the module cache benchmark afterwards, and npm hands arguments after `--` to the',
    'last command of the script, so options go to `scripts/bench/download/main.ts` directly (after `npm run package`, which',
    'builds the `dist/` bundle the benchmark runs). Without the seed the real graph is left out, and the page',
    'says the run is partial. The action runs under the node that runs the benchmark, or under the one',
    '`NODE_FOR_ACTION` names (`.ci/run` installs Node 24, which GitHub gives the action, in',
    '`.ci/node24`); the machine table below says which.',
    ''
  )
  out.push(
    '## Scenarios',
    '',
    '| scenario | what the mirrors do | sets (mirrors) | per-request random faults |',
    '| --- | --- | --- | --- |'
  )
  for (const s of d.scenarios)
    out.push(`| ${s.name} | ${s.description} | ${s.where} | ${s.random ? 'yes' : 'no'} |`)
  out.push('', '## Contenders', '')
  for (const c of d.contenders) out.push(`- **${CONTENDER_LABELS[c.id]}**: ${c.description}`)
  out.push('', '## Settings', '', '| setting | value |', '| --- | --- |')
  for (const [k, v] of d.settings) out.push(`| ${k} | ${v} |`)
  out.push('', '## Machine', '', '| | |', '| --- | --- |')
  for (const [k, v] of Object.entries(d.machine)) out.push(`| ${k} | ${v} |`)
  out.push('')
  return out.join('\n')
}
