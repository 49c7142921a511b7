// Benchmarks plain go, a pipe-separated GOPROXY chain, a retry wrapper and this action against two module
// proxies on 127.0.0.1 (A faulty, B healthy): who gets to a complete, verified module cache first, and how
// often. Writes bench/results.json, docs/benchmarks.svg and docs/benchmarks.md. See docs/benchmarks.md.
import { execFileSync } from 'node:child_process'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os'
import path from 'node:path'
import { goEnv, repoRoot, runGo } from '../testkit/action.js'
import { renderChart } from './bench/chart.js'
import { WRAPPER_SLEEP_MS, WRAPPER_TRIES } from './bench/contenders.js'
import { goalLine, renderDoc, renderTable } from './bench/markdown.js'
import { BIG_EVERY, BIG_ZIP_BYTES, MODULE_SET_SEED, runBench } from './bench/run.js'
import { SCENARIOS } from './bench/scenarios.js'
import { DEFAULT_GOALS, evaluateGoals, formatMs, summarize } from './bench/stats.js'
import {
  CONTENDERS,
  CONTENDER_LABELS,
  type Cell,
  type ContenderId,
  type GoalResult,
  type RunResult
} from './bench/types.js'

const FULL = { sizes: [100, 1000] }

/** Seeds per size by default: three for 100 modules, two for 1,000, to keep a full run near half an hour. */
function defaultSeeds(size: number): number {
  return size >= 1000 ? 2 : 3
}
const STALL_TIMEOUT_MS = 5000
const STALL_TIMEOUT = `${STALL_TIMEOUT_MS / 1000}s`

interface Args {
  sizes: number[]
  /** Seeds for every size; the per-size default when absent. */
  seeds?: number
  scenarios: string[]
  capMs: number
}

function parseArgs(argv: string[]): Args {
  const args: Args = { ...FULL, scenarios: SCENARIOS.map(s => s.name), capMs: 60_000 }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    const value = () => {
      const v = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i]
      if (v === undefined || v === '') throw new Error(`${arg} needs a value`)
      return v
    }
    const name = arg.split('=')[0]
    if (name === '--quick') Object.assign(args, { sizes: [100], seeds: args.seeds ?? 1 })
    else if (name === '--seeds') args.seeds = positive(value(), '--seeds')
    else if (name === '--sizes')
      args.sizes = value()
        .split(',')
        .map(s => positive(s, '--sizes'))
    else if (name === '--cap') args.capMs = positive(value(), '--cap') * 1000
    else if (name === '--scenarios') {
      args.scenarios = value().split(',')
      const unknown = args.scenarios.filter(s => !SCENARIOS.some(k => k.name === s))
      if (unknown.length > 0) {
        throw new Error(
          `unknown scenario ${unknown.join(', ')}; known: ${SCENARIOS.map(s => s.name).join(', ')}`
        )
      }
    } else
      throw new Error(
        `unknown option ${arg}; options: --quick, --seeds N, --scenarios a,b, --sizes 100,1000, --cap SECONDS, --render`
      )
  }
  return args
}

function positive(text: string, option: string): number {
  const n = Number(text)
  if (!Number.isInteger(n) || n < 1) throw new Error(`${option} takes a positive integer, not ${text}`)
  return n
}

/** The commit benchmarked, and whether the action's sources or bundle differ from it. */
function commit(): string {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).trim()
    const dirty = git('status', '--porcelain', '--', 'src', 'action.yml', 'package-lock.json') !== ''
    return git('rev-parse', '--short=12', 'HEAD') + (dirty ? ' with uncommitted changes to src/' : '')
  } catch {
    return 'unknown'
  }
}

async function machine(): Promise<Record<string, string>> {
  const go = await runGo(['version'], { cwd: tmpdir(), env: goEnv(path.join(tmpdir(), 'gmd-bench-version')) })
  return {
    'action at commit': commit(),
    nproc: String(availableParallelism()),
    cpu: cpus()[0]?.model ?? 'unknown',
    memory: `${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    go: go.stdout.trim(),
    node: `${process.version} (runs both the bench and the bundled action)`,
    platform: `${process.platform} ${process.arch}`
  }
}

const CONTENDER_DESCRIPTIONS: Record<ContenderId, string> = {
  plain: '`go mod download` with `GOPROXY=A`, once.',
  pipe: '`go mod download` with `GOPROXY=A|B`: go moves to B after any error, per request.',
  wrapper: `\`go mod download\` with \`GOPROXY=A\`, re-run whole up to ${WRAPPER_TRIES} times, ${WRAPPER_SLEEP_MS / 1000} s apart (the usual retry step). Re-runs are incremental: what one try fetched stays in the cache.`,
  action: `The bundled action (\`dist/main/index.js\`, run the way the runner runs it) with \`proxies: A, B\`, \`stall-timeout: ${STALL_TIMEOUT}\`, \`cache: false\`, every other input at its default.`
}

function progress(r: RunResult, done: number, total: number): void {
  const state = r.green ? 'green' : r.hitCap ? 'CAP  ' : 'red  '
  const extra = [
    r.carried ? 'carried from seed 1' : '',
    r.verifyMs !== undefined ? `verify ${formatMs(r.verifyMs)}` : '',
    r.attempts !== undefined ? `${r.attempts} go run(s)` : '',
    r.resources ? `${r.resources.maxRssMb} MB, ${r.resources.cpuMs} ms CPU` : '',
    r.reportedResources ? `report: ${r.reportedResources.maxRssMb} MB, ${r.reportedResources.cpuMs} ms` : '',
    r.green ? '' : (r.detail ?? '').slice(0, 110)
  ].filter(Boolean)
  console.log(
    `[${String(done).padStart(3)}/${total}] ${String(r.size).padStart(4)} ${r.scenario.padEnd(14)} seed ${r.seed} ${r.contender.padEnd(7)} ${state} ${formatMs(r.ms).padStart(8)}  ${extra.join('; ')}`
  )
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2)
  if (argv.includes('--render')) {
    // Re-renders the chart and page from bench/results.json (after editing bench/notes.md, say).
    const file = JSON.parse(
      await readFile(path.join(repoRoot, 'bench', 'results.json'), 'utf8')
    ) as ResultsFile
    return render(file, false)
  }
  const args = parseArgs(argv)
  const scenarios = SCENARIOS.filter(s => args.scenarios.includes(s.name))
  const command = `npm run bench${argv.length > 0 ? ` -- ${argv.join(' ')}` : ''}`
  const seeds = (size: number) => args.seeds ?? defaultSeeds(size)
  const partial =
    args.sizes.some(size => seeds(size) < defaultSeeds(size)) ||
    scenarios.length < SCENARIOS.length ||
    !FULL.sizes.every(s => args.sizes.includes(s))
  const actionInputs = { 'stall-timeout': STALL_TIMEOUT, cache: 'false' }
  const settings: Array<[string, string]> = [
    [
      'module sets',
      `${args.sizes.join(' and ')} modules, generated (seed ${MODULE_SET_SEED}); every ${BIG_EVERY}th module carries a ${BIG_ZIP_BYTES / 1024 ** 2} MiB incompressible file, the rest are a few KB; complete go.sum`
    ],
    [
      'seeds',
      `${args.sizes.map(size => `${seeds(size)} at ${size} modules`).join(', ')} (they drive the per-request fault draws; the module set stays the same)`
    ],
    ['cap per contender run', `${args.capMs / 1000} s, counted as a failure at the cap`],
    [
      'action inputs',
      `proxies A and B, stall-timeout ${STALL_TIMEOUT} (small on purpose: the silent-mirror goal is relative to it), cache false; max-attempts 3, retry-delay 1s, retry-max-delay 30s, timeout 10m (defaults)`
    ],
    ['retry wrapper', `${WRAPPER_TRIES} tries, ${WRAPPER_SLEEP_MS / 1000} s apart, real sleeps`],
    [
      'verified cache',
      'the contender reported success, every module has its zip, ziphash (equal to go.sum), .mod and extracted tree in the cache, and `go mod verify` passes with GOPROXY=off; verification time is not counted'
    ],
    [
      'isolation',
      'one run at a time; each starts with an empty module cache and fresh mirrors; go runs with the hermetic testkit environment (GOENV=off, GOSUMDB=off, GOTOOLCHAIN=local, only 127.0.0.1 traffic); contender order rotates per seed'
    ],
    [
      'scenarios without random faults',
      'a contender that fails on seed 1 fails the same way on every seed; later seeds carry that failure instead of waiting out the cap again'
    ],
    [
      'go HTTP retry',
      "go's HTTP client silently retries a GET once when a reused keep-alive connection is closed with no answer, so a reset costs go nothing when its retry draws no fault"
    ]
  ]

  const info = await machine()
  console.log(
    `Benchmark: ${args.sizes.map(size => `${size} modules × ${seeds(size)} seed(s)`).join(', ')}; ${scenarios.length} scenarios × ${CONTENDERS.length} contenders; cap ${args.capMs / 1000} s`
  )
  console.log(`${info.nproc} CPUs, ${info.memory}, ${info.go}, node ${process.version}\n`)

  const started = Date.now()
  const results = await runBench({
    sizes: args.sizes,
    seeds,
    scenarios,
    capMs: args.capMs,
    actionInputs,
    onModuleSet: (size, set, ms) => {
      let bytes = 0
      for (const b of set.files.values()) bytes += b.length
      console.log(
        `Module set of ${size}: ${(bytes / 1024 ** 2).toFixed(1)} MiB on each mirror, generated in ${formatMs(ms)}`
      )
    },
    onResult: progress
  })
  const file: ResultsFile = {
    generatedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    command,
    partial,
    capMs: args.capMs,
    sizes: args.sizes,
    machine: info,
    settings: Object.fromEntries(settings),
    contenders: Object.fromEntries(CONTENDERS.map(c => [c, CONTENDER_LABELS[c]])),
    scenarios: scenarios.map(({ name, description, random }) => ({ name, description, random })),
    cells: [],
    goals: [],
    runs: results
  }
  await render(file, true)
  console.log(`\nTook ${formatMs(Date.now() - started)}.`)
}

/** What bench/results.json holds: enough to render the docs again without running anything. */
interface ResultsFile {
  generatedAt: string
  command: string
  partial: boolean
  capMs: number
  sizes: number[]
  machine: Record<string, string>
  settings: Record<string, string>
  contenders: Record<string, string>
  scenarios: Array<{ name: string; description: string; random: boolean }>
  cells: Cell[]
  goals: GoalResult[]
  runs: RunResult[]
}

/** Computes the statistics and goals from the runs and writes the results, the chart and the page. */
async function render(file: ResultsFile, print: boolean): Promise<void> {
  file.cells = summarize(file.runs)
  file.goals = evaluateGoals(file.cells, { ...DEFAULT_GOALS, stallTimeoutMs: STALL_TIMEOUT_MS })
  const scenarioNames = file.scenarios.map(s => s.name)
  const seedsAt = (size: number) => Math.max(0, ...file.runs.filter(r => r.size === size).map(r => r.seed))
  if (print) {
    console.log('')
    for (const size of file.sizes)
      console.log(renderTable(file.cells, size, scenarioNames, CONTENDERS) + '\n')
    for (const goal of file.goals) console.log(goalLine(goal))
  }
  const notes = await readFile(path.join(repoRoot, 'bench', 'notes.md'), 'utf8').catch(() => undefined)
  const svg = renderChart(file.cells, {
    sizes: file.sizes,
    scenarios: scenarioNames,
    contenders: CONTENDERS,
    capMs: file.capMs,
    title: `go mod download when mirror A misbehaves (B healthy): ${file.sizes.map(size => `${seedsAt(size)} seed${seedsAt(size) === 1 ? '' : 's'} at ${size} modules`).join(', ')}; cap ${file.capMs / 1000} s`
  })
  const doc = renderDoc({
    generatedAt: file.generatedAt,
    command: file.command,
    machine: file.machine,
    settings: Object.entries(file.settings),
    scenarios: file.scenarios,
    contenders: CONTENDERS.map(id => ({ id, description: CONTENDER_DESCRIPTIONS[id] })),
    sizes: file.sizes,
    cells: file.cells,
    goals: file.goals,
    notes,
    partial: file.partial
  })
  await mkdir(path.join(repoRoot, 'bench'), { recursive: true })
  await mkdir(path.join(repoRoot, 'docs'), { recursive: true })
  await writeFile(path.join(repoRoot, 'bench', 'results.json'), JSON.stringify(file, null, 2) + '\n')
  await writeFile(path.join(repoRoot, 'docs', 'benchmarks.svg'), svg)
  await writeFile(path.join(repoRoot, 'docs', 'benchmarks.md'), doc)
  console.log('Wrote bench/results.json, docs/benchmarks.svg and docs/benchmarks.md')
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error))
  process.exitCode = 1
})
