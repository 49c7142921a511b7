// Benchmarks plain go, a retry wrapper, a pipe-separated GOPROXY chain and this action against module
// proxies on 127.0.0.1, with one mirror (A, faulty) and with two (A faulty, B healthy), on generated
// module sets and a real module graph: who gets to a complete, verified module cache first, and how
// often. Writes bench/results.json, docs/benchmarks.svg and docs/benchmarks.md. See docs/benchmarks.md.
import { execFileSync } from 'node:child_process'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { loadavg } from 'node:os'
import path from 'node:path'
import { actionNode, repoRoot } from '../../../testkit/action.js'
import { commandLine, commit, machine, median, positiveInteger, RunsFolder } from '../harness.js'
import { renderChart } from './chart.js'
import { WRAPPER_SLEEP_MS, WRAPPER_TRIES } from './contenders.js'
import { goalLine, renderDoc, renderResources, renderTable } from './markdown.js'
import { defaultSeedDir, loadRealGraph, type SeedManifest } from '../real-graph.js'
import { BIG_EVERY, BIG_ZIP_BYTES, generatedSet, HANG_CAP_MS, MODULE_SET_SEED, runBench } from './run.js'
import { QUICK_SCENARIOS, SCENARIOS, type Scenario } from './scenarios.js'
import { DEFAULT_GOALS, evaluateGoals, formatMs, summarize } from './stats.js'
import {
  ACTION_NODE_ROW,
  CONTENDERS,
  CONTENDER_LABELS,
  SET_IDS,
  SET_LABELS,
  type BenchSet,
  type Cell,
  type ContenderId,
  type GoalResult,
  type RunResult,
  type SetId
} from './types.js'

/** Seeds per set by default: they keep a full run near 40 minutes on 2 shared CPUs. */
const DEFAULT_SEEDS: Record<SetId, number> = { '100': 2, '1000': 2, real: 1 }
/** 2.5 default stall-timeouts (60 s): an action that waits one or two out is slow, not never. */
const DEFAULT_CAP_MS = 150_000
const QUICK_CONTENDERS = CONTENDERS.filter(c => c !== 'wrapper')

interface Args {
  sets: SetId[]
  /** Seeds for every set; the per-set default when absent. */
  seeds?: number
  scenarios: string[]
  contenders: ContenderId[]
  capMs: number
  seedDir: string
  /** A directory for V8 CPU profiles of the action's runs. */
  cpuProfDir?: string
  /** The real graph was asked for by name: not having it is an error, not a partial run. */
  realAsked: boolean
  /** Only draw the chart and the page again from bench/results.json. */
  render: boolean
}

const USAGE =
  '--quick, --sets 100,1000,real, --seeds N, --scenarios a,b, --contenders a,b, --cap SECONDS, --seed-dir DIR, --cpu-prof DIR, --render'

/** The options; `--quick` picks a small run, and options given beside it override its picks. */
function readArgs(argv: string[]): Args {
  const { values } = commandLine(
    argv,
    {
      quick: { type: 'boolean' },
      render: { type: 'boolean' },
      sets: { type: 'string' },
      seeds: { type: 'string' },
      scenarios: { type: 'string' },
      contenders: { type: 'string' },
      cap: { type: 'string' },
      'seed-dir': { type: 'string' },
      'cpu-prof': { type: 'string' }
    },
    USAGE
  )
  const list = <T extends string>(text: string, known: readonly T[], what: string): T[] => {
    const items = text.split(',')
    const unknown = items.filter(x => !known.includes(x as T))
    if (unknown.length > 0)
      throw new Error(`unknown ${what} ${unknown.join(', ')}; known: ${known.join(', ')}`)
    return items as T[]
  }
  const quick = values.quick === true
  const sets = values.sets === undefined ? undefined : list(values.sets, SET_IDS, 'set')
  const names = SCENARIOS.map(s => s.name)
  return {
    sets: sets ?? (quick ? ['100'] : [...SET_IDS]),
    seeds: values.seeds === undefined ? (quick ? 1 : undefined) : positiveInteger(values.seeds, '--seeds'),
    scenarios:
      values.scenarios === undefined
        ? quick
          ? [...QUICK_SCENARIOS]
          : names
        : list(values.scenarios, names, 'scenario'),
    contenders:
      values.contenders === undefined
        ? quick
          ? [...QUICK_CONTENDERS]
          : [...CONTENDERS]
        : list(values.contenders, CONTENDERS, 'contender'),
    capMs: values.cap === undefined ? DEFAULT_CAP_MS : positiveInteger(values.cap, '--cap') * 1000,
    seedDir: path.resolve(values['seed-dir'] ?? defaultSeedDir()),
    cpuProfDir: values['cpu-prof'] === undefined ? undefined : path.resolve(values['cpu-prof']),
    realAsked: sets?.includes('real') ?? false,
    render: values.render === true
  }
}

const ACTION_INPUTS = { cache: 'false', 'build-cache': 'false' }

const CONTENDER_DESCRIPTIONS: Record<ContenderId, string> = {
  plain: '`go mod download` with `GOPROXY=A`, once.',
  wrapper: `\`go mod download\` with \`GOPROXY=A\`, re-run whole up to ${WRAPPER_TRIES} times, ${WRAPPER_SLEEP_MS / 1000} s apart (the usual retry step). Re-runs are incremental: what one try fetched stays in the cache.`,
  action:
    'The bundled action (`dist/main/index.js`, run the way the runner runs it) with `proxies: A`, `cache: false` and `build-cache: false` (the caches have a benchmark of their own), every other input at its default (a scenario may say otherwise).',
  actionBuild:
    'The same bundled action with `proxies: A`, `cache: false` and `modules: build`: it fetches what plain go fetches, no more.',
  pipe: '`go mod download` with `GOPROXY=A|B`: go moves to B after any error, per request.',
  action2:
    'The same bundled action with `proxies: A, B` and `cache: false`, every other input at its default.'
}

function progress(r: RunResult, done: number, total: number): void {
  const state = r.green ? 'green' : r.hitCap ? 'CAP  ' : 'red  '
  const extra = [
    r.carried ? 'carried from seed 1' : '',
    r.verifyMs !== undefined ? `verify ${formatMs(r.verifyMs)}` : '',
    r.attempts !== undefined ? `${r.attempts} go run(s)` : '',
    r.resources ? `${r.resources.maxRssMb} MB, ${r.resources.cpuMs} ms CPU` : '',
    r.goCpuMs !== undefined ? `go ${r.goCpuMs} ms CPU` : '',
    r.tidyOffline !== undefined ? `tidy offline ${r.tidyOffline ? 'ok' : 'failed'}` : '',
    r.missingTotal !== undefined ? `named ${r.missingNamed ?? 0}/${r.missingTotal} missing` : '',
    r.load1 !== undefined ? `load ${r.load1}` : '',
    r.reportedResources ? `report: ${r.reportedResources.maxRssMb} MB, ${r.reportedResources.cpuMs} ms` : '',
    r.green ? '' : (r.detail ?? '').slice(0, 110)
  ].filter(Boolean)
  console.log(
    `[${String(done).padStart(3)}/${total}] ${r.set.padStart(4)} ${r.scenario.padEnd(16)} seed ${r.seed} ${r.contender.padEnd(7)} ${state} ${formatMs(r.ms).padStart(8)}  ${extra.join('; ')}`
  )
}

/** Where a scenario runs, for the docs: `100 (1, 2), caddy (1)`. */
function whereText(scenario: Scenario): string {
  return SET_IDS.filter(set => scenario.on[set])
    .map(set => `${set === 'real' ? 'real' : set} (${scenario.on[set]!.join(', ')})`)
    .join(', ')
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2)
  const args = readArgs(argv)
  if (args.render) {
    // Re-renders the chart and page from bench/results.json (after editing bench/notes.md, say).
    const file = JSON.parse(
      await readFile(path.join(repoRoot, 'bench', 'results.json'), 'utf8')
    ) as ResultsFile
    return render(file, false)
  }
  const scenarios = SCENARIOS.filter(s => args.scenarios.includes(s.name))
  const command = `npm run bench${argv.length > 0 ? ` -- ${argv.join(' ')}` : ''}`
  const seeds = (set: SetId) => args.seeds ?? DEFAULT_SEEDS[set]

  const sets: Array<{ id: SetId; set: BenchSet }> = []
  let realManifest: SeedManifest | undefined
  for (const id of args.sets) {
    const began = Date.now()
    if (id === 'real') {
      const loaded = await loadRealGraph(args.seedDir)
      if ('missing' in loaded) {
        if (args.realAsked) throw new Error(loaded.missing)
        console.log(`Leaving out the real graph: ${loaded.missing}`)
        continue
      }
      realManifest = loaded.manifest
      sets.push({ id, set: loaded.set })
    } else sets.push({ id, set: generatedSet(Number(id)) })
    const set = sets.at(-1)!.set
    let bytes = 0
    for (const b of set.files.values()) bytes += b.length
    console.log(
      `${set.label}: ${set.files.size} files, ${(bytes / 1024 ** 2).toFixed(1)} MiB on each mirror, ${set.modules.length} modules to download, ready in ${formatMs(Date.now() - began)}`
    )
  }
  const partial =
    sets.length < SET_IDS.length ||
    sets.some(({ id }) => seeds(id) < DEFAULT_SEEDS[id]) ||
    scenarios.length < SCENARIOS.length ||
    args.contenders.length < CONTENDERS.length

  const setsText = sets.map(({ id, set }) => `${set.label} (${seeds(id)} seed${seeds(id) === 1 ? '' : 's'})`)
  const settings: Array<[string, string]> = [
    [
      'module sets',
      [
        `generated (seed ${MODULE_SET_SEED}): 100 and 1,000 modules, every ${BIG_EVERY}th with a ${BIG_ZIP_BYTES / 1024 ** 2} MiB incompressible file, the rest a few KB, complete go.sum`,
        realManifest
          ? `real: ${realManifest.module}@${realManifest.version} (go ${realManifest.goLine}), its go.sum's ${realManifest.goSumZips} zips and ${realManifest.goSumMods} go.mod files (${realManifest.files} files, ${(realManifest.bytes / 1024 ** 2).toFixed(0)} MiB) seeded from proxy.golang.org on ${realManifest.seededAt.slice(0, 10)} by \`npm run bench:seed\`; plain go mod download fetches ${realManifest.build.length} of the zips`
          : 'real: not seeded'
      ].join('; ')
    ],
    [
      'seeds',
      `${setsText.join(', ')}; they drive the per-request fault draws, the module sets stay the same`
    ],
    [
      'cap per contender run',
      `${args.capMs / 1000} s, counted as a failure at the cap; ${HANG_CAP_MS / 1000} s for go, the chain and the wrapper where a mirror goes quiet (go has no response timeout and would wait forever)`
    ],
    [
      'action inputs',
      'its defaults (max-attempts 3, retry-delay 100ms, retry-max-delay 30s, stall-timeout 60s, timeout 10m, probe true, concurrency 16, modules go.sum) except `cache: false`: every run starts from an empty module cache, as a cache miss does, and the bench has no cache service (the module cache has its own benchmark); silent-probe-off sets `probe: false`'
    ],
    ['retry wrapper', `${WRAPPER_TRIES} tries, ${WRAPPER_SLEEP_MS / 1000} s apart, real sleeps`],
    [
      'verified cache',
      'the contender reported success, every module plain `go mod download` fetches has its zip, ziphash (equal to go.sum), .mod and extracted tree in the cache, and `go mod verify` passes with GOPROXY=off; on the real graph, healthy, `go mod tidy -diff` with GOPROXY=off is tried as well; none of it is counted in the time'
    ],
    [
      'CPU',
      "the action's own: `process.resourceUsage()` at its exit (every thread of its process, go.sum verification included); its go processes': cutime + cstime of its `/proc/self/stat` at exit (the children it reaped: go env, every go mod download)"
    ],
    [
      'isolation',
      'one run at a time; each starts with an empty module cache and fresh mirrors; go runs with the hermetic testkit environment (GOENV=off, GOSUMDB=off, GOTOOLCHAIN=local, only 127.0.0.1 traffic); contender order rotates per seed'
    ],
    [
      'scenarios without random faults',
      'go, the chain or the wrapper failing on seed 1 fails the same way on every seed; later seeds carry that failure instead of waiting it out again (the action runs every seed)'
    ],
    [
      'go HTTP retry',
      "go's HTTP client silently retries a GET once when a reused keep-alive connection is closed with no answer, so a reset costs go nothing when its retry draws no fault"
    ]
  ]

  const info: Record<string, string> = {
    'action at commit': commit(),
    ...(await machine()),
    [ACTION_NODE_ROW]:
      actionNode() === process.execPath
        ? `${process.version} (the one running the benchmark)`
        : `${nodeVersion(actionNode())} (NODE_FOR_ACTION)`
  }
  const loadStart = loadavg()
    .map(n => n.toFixed(2))
    .join(', ')
  console.log(
    `Benchmark: ${setsText.join(', ')}; ${scenarios.length} scenarios; contenders ${args.contenders.join(', ')}; cap ${args.capMs / 1000} s`
  )
  console.log(
    `${info.nproc} CPUs, ${info.memory}, ${info.go}, node ${info.node}, the action under ${info[ACTION_NODE_ROW]}, load ${loadStart}\n`
  )

  const runs = await RunsFolder.open('gmd-bench-')
  info["runs' folder"] = runs.placement
  const started = Date.now()
  const results = await runBench({
    sets,
    seeds,
    scenarios,
    contenders: args.contenders,
    capMs: args.capMs,
    runs,
    actionInputs: ACTION_INPUTS,
    cpuProfDir: args.cpuProfDir,
    onResult: progress
  }).finally(() => runs.close())
  const loads = results.map(r => r.load1).filter((n): n is number => n !== undefined)
  info['load average'] = `${loadStart} at the start, ${loadavg()
    .map(n => n.toFixed(2))
    .join(
      ', '
    )} at the end; median one-minute load at the start of a run ${median(loads).toFixed(2)}, highest ${Math.max(...loads).toFixed(2)} (other work shares the CPUs)`
  info['took'] = formatMs(Date.now() - started)
  const file: ResultsFile = {
    generatedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    command,
    partial,
    capMs: args.capMs,
    sets: sets.map(s => s.id),
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
  sets: SetId[]
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
  file.goals = evaluateGoals(file.cells, DEFAULT_GOALS)
  const scenarioNames = file.scenarios.map(s => s.name)
  const seedsOn = (set: SetId) => Math.max(0, ...file.runs.filter(r => r.set === set).map(r => r.seed))
  if (print) {
    console.log('')
    for (const set of file.sets) {
      console.log(renderTable(file.cells, set, scenarioNames, CONTENDERS) + '\n')
      console.log(renderResources(file.cells, set, scenarioNames) + '\n')
    }
    for (const goal of file.goals) console.log(goalLine(goal))
  }
  const notes = await readFile(path.join(repoRoot, 'bench', 'notes.md'), 'utf8').catch(() => undefined)
  const svg = renderChart(file.cells, {
    sets: file.sets,
    scenarios: scenarioNames,
    contenders: CONTENDERS,
    capMs: file.capMs,
    title: `go mod download, one mirror (A) and two (A, then a healthy B): ${file.sets.map(set => `${seedsOn(set)} seed${seedsOn(set) === 1 ? '' : 's'} on ${SET_LABELS[set]}`).join(', ')}`
  })
  const described = new Map(SCENARIOS.map(s => [s.name, s]))
  const doc = renderDoc({
    generatedAt: file.generatedAt,
    command: file.command,
    machine: file.machine,
    settings: Object.entries(file.settings),
    scenarios: file.scenarios.map(s => ({
      ...s,
      where: described.has(s.name) ? whereText(described.get(s.name)!) : ''
    })),
    contenders: CONTENDERS.map(id => ({ id, description: CONTENDER_DESCRIPTIONS[id] })),
    sets: file.sets,
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

/** The version a node binary reports. */
function nodeVersion(node: string): string {
  return execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()
}
