// `npm run bench:job`: the whole job as a user sees it (restore, download, go build ./..., go vet ./..., save)
// for setup-go's style of caching and for this action, on caddy's module graph (`npm run bench:seed`) or a
// generated one: a miss, a hit, and a run after go.sum changed by one module, each on a fresh runner's
// directories, against the cache service stand-in over Azurite on 127.0.0.1. Writes bench/job-results.json and
// docs/benchmarks-job.md. Options: --quick (a small generated graph), --seed-dir DIR, --render.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cp, mkdir, mkdtemp, readFile, readdir, utimes, writeFile } from 'node:fs/promises'
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os'
import path from 'node:path'
import * as cache from '@actions/cache'
import * as prettier from 'prettier'
import type { RunReport } from '../../../src/report/types.js'
import type { MainState } from '../../../src/runner/state.js'
import { goEnv, removeTree, repoRoot, runGo, runJob } from '../../../testkit/action.js'
import { startAzurite, type Azurite } from '../../../testkit/azurite.js'
import { startCacheService, type CacheService } from '../../../testkit/cache-service.js'
import { generateModuleSet, type ModuleSet } from '../../../testkit/modset.js'
import { startProxy, type Proxy } from '../../../testkit/proxy.js'
import { defaultSeedDir, loadRealGraph, REAL_LABEL } from '../real-graph.js'
import { formatMs } from '../download/stats.js'
import type { BenchSet } from '../download/types.js'
import {
  evaluateJobGoals,
  JOB_CONTENDERS,
  JOB_RUNS,
  renderJobDoc,
  renderRunTable,
  type JobContender,
  type JobDocInput,
  type JobRun,
  type JobRunId
} from './render.js'
import { goalLine } from '../download/markdown.js'

const MIB = 1024 * 1024

interface Args {
  quick: boolean
  render: boolean
  seedDir: string
}

function parseArgs(argv: string[]): Args {
  const args: Args = { quick: false, render: false, seedDir: defaultSeedDir() }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--quick') args.quick = true
    else if (arg === '--render') args.render = true
    else if (arg === '--seed-dir') args.seedDir = path.resolve(argv[++i] ?? '')
    else if (arg.startsWith('--seed-dir=')) args.seedDir = path.resolve(arg.slice('--seed-dir='.length))
    else throw new Error(`unknown option ${arg}; options: --quick, --seed-dir DIR, --render`)
  }
  return args
}

/** A generated graph in the shape of a real one: a main package importing fmt and every module it requires. */
function generatedSet(count: number): BenchSet {
  const set = generateModuleSet({ count, seed: 71 })
  return {
    label: `${count} generated modules`,
    modules: set.modules,
    files: set.files,
    sums: set.sums,
    writeConsumer: dir => set.writeConsumer(dir)
  }
}

/** Runs a library call with its log lines kept off the terminal. */
async function quietly<T>(call: () => Promise<T>): Promise<T> {
  const write = process.stdout.write
  process.stdout.write = (() => true) as typeof process.stdout.write
  try {
    return await call()
  } finally {
    process.stdout.write = write
  }
}

/** The runner's directories: the same paths every run, emptied before each (go's action ids hold paths). */
interface Runner {
  root: string
  checkout: string
  temp: string
  env: Record<string, string>
}

interface Context {
  set: BenchSet
  /** The one module the third run's go.sum adds, with a package of the consumer that imports it. */
  extra: ModuleSet
  proxy: Proxy
  services: Record<JobContender, CacheService>
  base: string
  bundle: { main: string; post: string }
  goVersion: string
}

async function freshRunner(ctx: Context, run: JobRunId): Promise<Runner> {
  const root = path.join(ctx.base, 'runner')
  await removeTree(root)
  const checkout = path.join(root, 'work', 'app')
  await ctx.set.writeConsumer(checkout)
  if (run === 'gosum') {
    const mod = ctx.extra.modules[0]!
    await writeFile(
      path.join(checkout, 'go.mod'),
      (await readFile(path.join(checkout, 'go.mod'), 'utf8')) + `\nrequire ${mod.path} ${mod.version}\n`
    )
    await writeFile(
      path.join(checkout, 'go.sum'),
      (await readFile(path.join(checkout, 'go.sum'), 'utf8')) + ctx.extra.consumer.goSum
    )
    await mkdir(path.join(checkout, 'benchextra'), { recursive: true })
    await writeFile(
      path.join(checkout, 'benchextra', 'extra.go'),
      `// Package benchextra uses the module the go.sum change added.\npackage benchextra\n\nimport extra "${mod.path}"\n\n// Value is the module's.\nfunc Value() int { return extra.Value() }\n`
    )
  }
  // Checked out a minute before the job's go commands, as a checkout step leaves the files.
  const checkedOut = new Date(Date.now() - 60_000)
  for (const entry of await readdir(checkout, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) await utimes(path.join(entry.parentPath, entry.name), checkedOut, checkedOut)
  }
  const temp = path.join(root, 'temp')
  await mkdir(temp, { recursive: true })
  return { root, checkout, temp, env: { ...goEnv(root), GOPROXY: ctx.proxy.url } }
}

/** `go build -v ./...` and `go vet ./...` in the checkout, timed; the build must succeed. */
async function buildAndVet(runner: Runner, env: Record<string, string>) {
  let started = performance.now()
  const built = await runGo(['build', '-v', './...'], { cwd: runner.checkout, env, timeoutMs: 60 * 60_000 })
  const buildMs = performance.now() - started
  if (built.code !== 0) throw new Error(`go build ./... failed:\n${built.stderr.slice(-3000)}`)
  started = performance.now()
  const vetted = await runGo(['vet', './...'], { cwd: runner.checkout, env, timeoutMs: 60 * 60_000 })
  const vetMs = performance.now() - started
  const compiled = built.stderr.split('\n').filter(l => l !== '' && !l.startsWith('go: ')).length
  return { buildMs, vetMs, compiled, vetExit: vetted.code ?? -1 }
}

function newEntries(service: CacheService, before: Set<number>): Array<{ key: string; bytes: number }> {
  return service
    .entries()
    .filter(e => e.finalized && !before.has(e.id))
    .map(e => ({ key: e.key, bytes: e.sizeBytes ?? 0 }))
}

/** setup-go's style: one entry of GOMODCACHE and GOCACHE, its key, restore, plain download, save on a miss. */
async function setupGoJob(ctx: Context, run: JobRunId): Promise<JobRun> {
  const service = ctx.services['setup-go']
  const runner = await freshRunner(ctx, run)
  const env = runner.env
  const paths = [env.GOMODCACHE!, env.GOCACHE!]
  const goSum = await readFile(path.join(runner.checkout, 'go.sum'))
  const key = `setup-go-${process.platform}-${process.arch}-go-${ctx.goVersion}-${createHash('sha256').update(goSum).digest('hex')}`
  Object.assign(process.env, service.env, { GITHUB_WORKSPACE: runner.checkout, RUNNER_TEMP: runner.temp })
  const before = new Set(service.entries().map(e => e.id))

  let started = performance.now()
  const restored = await quietly(() => cache.restoreCache(paths, key))
  const restoreMs = performance.now() - started
  started = performance.now()
  const downloaded = await runGo(['mod', 'download'], { cwd: runner.checkout, env, timeoutMs: 60 * 60_000 })
  const downloadMs = performance.now() - started
  if (downloaded.code !== 0) throw new Error(`go mod download failed:\n${downloaded.stderr.slice(-3000)}`)
  const steps = await buildAndVet(runner, env)
  let saveMs = 0
  if (restored !== key) {
    started = performance.now()
    const id = await quietly(() => cache.saveCache(paths, key))
    saveMs = performance.now() - started
    if (id === -1) throw new Error(`setup-go's style: saving ${key} failed`)
  }
  const saved = newEntries(service, before)
  return {
    contender: 'setup-go',
    run,
    totalMs: restoreMs + downloadMs + steps.buildMs + steps.vetMs + saveMs,
    restoreMs,
    downloadMs,
    ...steps,
    saveMs,
    restoredKeys: restored ? [restored] : [],
    saved
  }
}

/** This action: main step, the same build and vet, post step; a push to the default branch. */
async function actionJob(ctx: Context, run: JobRunId, runNumber: number): Promise<JobRun> {
  const service = ctx.services.action
  const runner = await freshRunner(ctx, run)
  const event = path.join(runner.temp, 'event.json')
  await writeFile(event, JSON.stringify({ repository: { default_branch: 'main' } }))
  const before = new Set(service.entries().map(e => e.id))
  let steps: Awaited<ReturnType<typeof buildAndVet>> | undefined
  const job = await runJob({
    scripts: ctx.bundle,
    inputs: { proxies: ctx.proxy.url },
    env: {
      ...runner.env,
      ...service.env,
      GITHUB_EVENT_NAME: 'push',
      GITHUB_REF: 'refs/heads/main',
      GITHUB_EVENT_PATH: event,
      GITHUB_JOB: 'build',
      GITHUB_RUN_ID: String(runNumber),
      GITHUB_RUN_ATTEMPT: '1'
    },
    cwd: runner.checkout,
    runnerTemp: runner.temp,
    timeoutMs: 60 * 60_000,
    between: async (main, later) => {
      if (main.exitCode !== 0) throw new Error(`the action's main step failed:\n${main.stdout.slice(-3000)}`)
      steps = await buildAndVet(runner, later)
    }
  })
  if (!steps || job.post.exitCode !== 0) {
    throw new Error(
      `the action's job failed:\n${job.main.stdout.slice(-2000)}\n${job.post.stdout.slice(-2000)}`
    )
  }
  const report = JSON.parse(await readFile(job.main.outputs.report!, 'utf8')) as RunReport
  const state = JSON.parse(job.main.state.main ?? '{}') as MainState
  const restoredKeys = [report.cache?.matchedKey, state.buildCache?.matchedKey].filter(
    (k): k is string => k !== undefined && k !== ''
  )
  return {
    contender: 'action',
    run,
    totalMs: job.main.durationMs + steps.buildMs + steps.vetMs + job.post.durationMs,
    restoreMs: (report.cache?.restoreMs ?? 0) + (report.cache?.verifyMs ?? 0),
    ...(state.buildCache?.restoreMs !== undefined ? { buildCacheRestoreMs: state.buildCache.restoreMs } : {}),
    downloadMs: report.download.durationMs,
    mainStepMs: job.main.durationMs,
    ...steps,
    saveMs: job.post.durationMs,
    restoredKeys,
    saved: newEntries(service, before)
  }
}

/** A private copy of the bundle, so that a rebuild of dist/ during the run does not change what is measured. */
async function copyBundle(base: string): Promise<{ main: string; post: string }> {
  const root = path.join(base, 'bundle')
  await cp(path.join(repoRoot, 'dist'), path.join(root, 'dist'), { recursive: true })
  return {
    main: path.join(root, 'dist', 'main', 'index.js'),
    post: path.join(root, 'dist', 'post', 'index.js')
  }
}

function commit(): string {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).trim()
    const dirty = git('status', '--porcelain', '--', 'src', 'dist', 'action.yml') !== ''
    return (
      git('rev-parse', '--short=12', 'HEAD') + (dirty ? ' with uncommitted changes to src/ or dist/' : '')
    )
  } catch {
    return 'unknown'
  }
}

async function machine(goVersion: string): Promise<Record<string, string>> {
  const tool = (cmd: string, args: string[]) => {
    try {
      return execFileSync(cmd, args, { encoding: 'utf8' }).trim().split('\n')[0] ?? ''
    } catch {
      return 'unknown'
    }
  }
  const pkg = JSON.parse(
    await readFile(path.join(repoRoot, 'node_modules', '@actions', 'cache', 'package.json'), 'utf8')
  ) as { version: string }
  return {
    nproc: String(availableParallelism()),
    cpu: cpus()[0]?.model ?? 'unknown',
    memory: `${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    go: goVersion,
    node: process.version,
    tar: tool('tar', ['--version']),
    zstd: tool('zstd', ['--version']),
    '@actions/cache': pkg.version
  }
}

async function formatted(file: string, text: string): Promise<string> {
  const options = (await prettier.resolveConfig(file)) ?? {}
  return prettier.format(text, { ...options, filepath: file })
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
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
  const base = await mkdtemp(path.join(tmpdir(), 'gmd-bench-job-'))
  const stops: Array<() => Promise<void>> = []
  const cleanup = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined)
    await removeTree(base)
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
    machine: await machine(goVersion),
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
