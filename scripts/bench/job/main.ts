// `npm run bench:job`: the whole job as a user sees it (restore, download, go build ./..., go vet ./..., save)
// for setup-go's style of caching and for this action, on caddy's module graph (`npm run bench:seed`) or a
// generated one: a miss, a hit, and a run after go.sum changed by one module, each on a fresh runner's
// directories, against the cache service stand-in over Azurite on 127.0.0.1. Writes bench/job-results.json and
// docs/benchmarks-job.md. Options: --quick (a small generated graph), --seed-dir DIR, --render.
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { loadavg } from 'node:os'
import path from 'node:path'
import { goEnv, repoRoot, runGo } from '../../../testkit/action.js'
import { startAzurite, type Azurite } from '../../../testkit/azurite.js'
import { startCacheService, type CacheService } from '../../../testkit/cache-service.js'
import { generateModuleSet } from '../../../testkit/modset.js'
import { startProxy } from '../../../testkit/proxy.js'
import { goalLine } from '../download/markdown.js'
import { formatMs } from '../download/stats.js'
import type { BenchSet } from '../download/types.js'
import { commandLine, commit, copyBundle, formatted, machine, RunsFolder } from '../harness.js'
import { defaultSeedDir, loadRealGraph, REAL_LABEL } from '../real-graph.js'
import {
  evaluateJobGoals,
  JOB_CONTENDERS,
  JOB_RUNS,
  renderJobDoc,
  renderRunTable,
  type JobContender,
  type JobDocInput,
  type JobRun
} from './render.js'
import { actionJob, generatedSet, setupGoJob, type Context } from './run.js'

const MIB = 1024 * 1024

interface Args {
  quick: boolean
  render: boolean
  seedDir: string
}
function readArgs(argv: string[]): Args {
  const { values } = commandLine(
    argv,
    { quick: { type: 'boolean' }, render: { type: 'boolean' }, 'seed-dir': { type: 'string' } },
    '--quick, --seed-dir DIR, --render'
  )
  return {
    quick: values.quick === true,
    render: values.render === true,
    seedDir: path.resolve(values['seed-dir'] ?? defaultSeedDir())
  }
}

async function main(): Promise<void> {
  const args = readArgs(process.argv.slice(2))
  const json = path.join(repoRoot, 'bench', 'job-results.json')
  const doc = path.join(repoRoot, 'docs', 'benchmarks-job.md')
  if (args.render) {
    const saved = JSON.parse(await readFile(json, 'utf8')) as JobDocInput
    await writeFile(doc, await formatted(doc, renderJobDoc(saved)))
    return
  }
  const loadStart = loadavg()
  const started = Date.now()
  let set: BenchSet
  let setNote: string
  if (args.quick) {
    set = generatedSet(30)
    setNote = 'A quick check of the benchmark itself, not a measurement.'
  } else {
    const loaded = await loadRealGraph(args.seedDir)
    if ('missing' in loaded) {
      console.error(`The real graph is missing (${loaded.missing}); running on a generated graph instead.`)
      set = generatedSet(150)
      setNote = `The real graph was not seeded (${loaded.missing}).`
    } else {
      set = loaded.set
      setNote = `Seeded ${loaded.manifest.seededAt} from proxy.golang.org: ${loaded.manifest.files} files, ${(loaded.manifest.bytes / MIB).toFixed(1)} MiB.`
    }
  }
  const extra = generateModuleSet({ count: 1, seed: 72, prefix: 'benchextra.test' })
  const runsFolder = await RunsFolder.open('gmd-bench-job-')
  const base = runsFolder.dir
  const stops: Array<() => Promise<void>> = []
  const cleanup = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined)
    await runsFolder.close()
  }
  const interrupted = () => void cleanup().finally(() => process.exit(130))
  process.once('SIGINT', interrupted)
  process.once('SIGTERM', interrupted)
  const runs: JobRun[] = []
  const goVersion = (await runGo(['env', 'GOVERSION'], { cwd: base, env: goEnv(base) })).stdout.trim()
  try {
    const proxy = await startProxy({ files: new Map([...set.files, ...extra.files]) })
    stops.push(() => proxy.close())
    const azurite: Azurite = await startAzurite()
    stops.push(() => azurite.stop())
    const services = {} as Record<JobContender, CacheService>
    for (const contender of JOB_CONTENDERS) {
      services[contender] = await startCacheService({ blobEndpoint: azurite.blobEndpoint })
      stops.push(() => services[contender].close())
    }
    process.env.NO_PROXY = '127.0.0.1,localhost'
    const ctx: Context = { set, extra, proxy, services, base, bundle: await copyBundle(base), goVersion }
    console.error(`Whole-job benchmark on ${set.label}`)
    for (const [i, run] of JOB_RUNS.entries()) {
      // Contenders take turns within a run, so that both see the machine's load of that moment.
      const order = i % 2 === 0 ? JOB_CONTENDERS : [...JOB_CONTENDERS].reverse()
      for (const contender of order) {
        const result =
          contender === 'action' ? await actionJob(ctx, run, 1000 + i) : await setupGoJob(ctx, run)
        runs.push(result)
        console.error(
          `  ${run.padEnd(5)} ${contender.padEnd(8)} ${formatMs(result.totalMs).padStart(9)}: restore ${formatMs(result.restoreMs)}, ` +
            `download ${formatMs(result.downloadMs)}, build ${formatMs(result.buildMs)} (${result.compiled} compiled), ` +
            `vet ${formatMs(result.vetMs)}, save ${formatMs(result.saveMs)}`
        )
      }
    }
  } finally {
    await cleanup()
  }
  const input: JobDocInput = {
    generated: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    command: process.env.npm_lifecycle_event?.startsWith('bench')
      ? `npm run ${process.env.npm_lifecycle_event}${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`
      : ['npx tsx scripts/bench/job/main.ts', ...process.argv.slice(2)].join(' '),
    commit: commit(),
    partial: set.label !== REAL_LABEL,
    set: set.label,
    setNote,
    machine: {
      ...(await machine({ archivers: true, packages: ['@actions/cache'] })),
      "runs' folder": runsFolder.placement
    },
    load: { start: loadStart, end: loadavg() },
    durationMs: Date.now() - started,
    runs
  }
  for (const run of JOB_RUNS) console.log(`\n${renderRunTable(runs, run)}`)
  console.log('')
  for (const goal of evaluateJobGoals(runs)) console.log(goalLine(goal))
  await mkdir(path.dirname(json), { recursive: true })
  await writeFile(json, await formatted(json, JSON.stringify(input, null, 2)))
  await writeFile(doc, await formatted(doc, renderJobDoc(input)))
  console.error(`Wrote ${path.relative(repoRoot, json)} and ${path.relative(repoRoot, doc)}.`)
}

await main()
