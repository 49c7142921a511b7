// The README's cost table, generated from the benchmark's committed results (bench/results.json and
// bench/job-results.json), so that what it says stays what was measured.
// `npx tsx scripts/docs/readme-costs.ts --write` updates README.md; the tests check it is current.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { replaceSection } from './action-tables.js'
import { findCell, formatMs } from '../bench/download/stats.js'
import { ACTION_NODE_ROW, type Cell, type ContenderId } from '../bench/download/types.js'
import { findJobRun, type JobRun } from '../bench/job/render.js'

const root = fileURLToPath(new URL('../..', import.meta.url))

export interface BenchResults {
  machine: Record<string, string>
  cells: Cell[]
}

export interface JobResults {
  runs: JobRun[]
  /** The commit the whole-job benchmark measured; it may be another than the download benchmark's. */
  commit?: string
}

function timeOf(cells: readonly Cell[], scenario: string, contender: ContenderId): number | undefined {
  return findCell(cells, 'real', scenario, contender)?.medianMs ?? undefined
}

function vsPlain(action: number, plain: number | undefined): string {
  if (plain === undefined) return formatMs(action)
  return `${formatMs(action)} (${compared(action / plain, "plain go's time")})`
}

/**
 * A time against another as a reader takes it: `1.5× faster` from 5% faster on, otherwise the ratio of
 * the times (`0.99× plain go's time`, never `1.0× faster`).
 */
export function compared(ratio: number, theirTime: string): string {
  return ratio < FASTER_FROM ? `${(1 / ratio).toFixed(1)}× faster` : `${ratio.toFixed(2)}× ${theirTime}`
}

const FASTER_FROM = 0.95

/** The table of what the action costs and saves against plain go on the real graph, and its whole job. */
export function renderCosts(bench: BenchResults, job?: JobResults): string {
  const { cells } = bench
  const rows: [string, string, string][] = []
  const row = (label: string, scenario: string, contender: ContenderId = 'action') => {
    const plain = timeOf(cells, scenario, 'plain')
    const action = timeOf(cells, scenario, contender)
    if (action === undefined) return
    rows.push([label, plain === undefined ? 'red' : formatMs(plain), vsPlain(action, plain)])
  }
  row('healthy mirror on the same machine, `modules: go.sum`', 'healthy')
  row('the same, `modules: build` (what plain go fetches)', 'healthy', 'actionBuild')
  row('the same over https, as the public mirror serves', 'healthy-tls')
  row('every answer 10 ms late (a hosted runner and a public mirror)', 'latency-10')
  row('every answer 40 ms late', 'latency-40')
  row('10% of answers 5xx, 3% reset', '5xx10-reset3')
  const rss = Math.max(
    ...cells.filter(c => c.set === 'real' && c.maxRssMb !== null).map(c => c.maxRssMb as number),
    0
  )
  if (rss > 0)
    rows.push(['peak memory of the action (RSS, relay and hashing threads included)', '—', `${rss} MB`])
  const node = /^v[\d.]+/.exec(bench.machine[ACTION_NODE_ROW] ?? '')?.[0]
  const commit = bench.machine['action at commit']
  const machine = [
    bench.machine.nproc ? `${bench.machine.nproc} CPUs` : '',
    node ? `the action under Node ${node}` : '',
    commit ? `commit ${commit}` : ''
  ]
    .filter(Boolean)
    .join(', ')
  return [
    `Medians from \`npm run bench\` on caddy's module graph (${machine}); every figure, the fault scenarios and the`,
    'goals are in [docs/benchmarks.md](docs/benchmarks.md).',
    '',
    '| caddy v2.11.9, one mirror | plain go | this action |',
    '| --- | --- | --- |',
    ...rows.map(r => `| ${r.join(' | ')} |`),
    ...jobTable(job)
  ].join('\n')
}

/** The whole job (restore, download, build, vet, save) against setup-go's cache, from bench/job-results.json. */
function jobTable(job: JobResults | undefined): string[] {
  if (!job) return []
  const rows: string[] = []
  for (const [label, run] of [
    ['a cache hit', 'hit'],
    ['one module changed in go.sum', 'gosum']
  ] as const) {
    const setupGo = findJobRun(job.runs, 'setup-go', run)?.totalMs
    const action = findJobRun(job.runs, 'action', run)?.totalMs
    if (setupGo === undefined || action === undefined) continue
    const ratio = action / setupGo
    rows.push(`| ${label} | ${formatMs(setupGo)} | ${formatMs(action)} (${compared(ratio, 'its time')}) |`)
  }
  if (rows.length === 0) return []
  const commit = job.commit ? ` (commit ${job.commit})` : ''
  return [
    '',
    `| caddy v2.11.9, whole job${commit}: restore, download, \`go build\`, \`go vet\`, save | setup-go's cache | this action |`,
    '| --- | --- | --- |',
    ...rows
  ]
}

/** The committed results, as the README's table is made from them. */
export function committedResults(): { bench: BenchResults; job?: JobResults } {
  const bench = JSON.parse(readFileSync(path.join(root, 'bench', 'results.json'), 'utf8')) as BenchResults
  const jobFile = path.join(root, 'bench', 'job-results.json')
  const job = existsSync(jobFile) ? (JSON.parse(readFileSync(jobFile, 'utf8')) as JobResults) : undefined
  return { bench, job }
}

if (process.argv.includes('--write')) {
  const readmePath = path.join(root, 'README.md')
  const { bench, job } = committedResults()
  writeFileSync(
    readmePath,
    replaceSection(readFileSync(readmePath, 'utf8'), 'costs', renderCosts(bench, job))
  )
}
