// One job of the whole-job benchmark on a fresh runner's directories: setup-go's style of caching, or this
// action's main step, the build and vet, and its post step.
import { createHash } from 'node:crypto'
import { mkdir, readFile, readdir, utimes, writeFile } from 'node:fs/promises'
import path from 'node:path'
import * as cache from '@actions/cache'
import type { RunReport } from '../../../src/report/types.js'
import type { MainState } from '../../../src/runner/state.js'
import { goEnv, removeTree, runGo, runJob } from '../../../testkit/action.js'
import type { CacheService } from '../../../testkit/cache-service.js'
import { generateModuleSet, type ModuleSet } from '../../../testkit/modset.js'
import type { Proxy } from '../../../testkit/proxy.js'
import type { BenchSet } from '../download/types.js'
import { quietly } from '../harness.js'
import type { JobContender, JobRun, JobRunId } from './render.js'

/** A generated graph in the shape of a real one: a main package importing fmt and every module it requires. */
export function generatedSet(count: number): BenchSet {
  const set = generateModuleSet({ count, seed: 71 })
  return {
    label: `${count} generated modules`,
    modules: set.modules,
    files: set.files,
    sums: set.sums,
    writeConsumer: dir => set.writeConsumer(dir)
  }
}

/** The runner's directories: the same paths every run, emptied before each (go's action ids hold paths). */
interface Runner {
  root: string
  checkout: string
  temp: string
  env: Record<string, string>
}

export interface Context {
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
export async function setupGoJob(ctx: Context, run: JobRunId): Promise<JobRun> {
  const service = ctx.services['setup-go']
  const runner = await freshRunner(ctx, run)
  const env = runner.env
  const paths = [env.GOMODCACHE!, env.GOCACHE!]
  const goSum = await readFile(path.join(runner.checkout, 'go.sum'))
  const key = `setup-go-${process.platform}-${process.arch}-go-${ctx.goVersion}-${createHash('sha256').update(goSum).digest('hex')}`
  Object.assign(process.env, service.env, { GITHUB_WORKSPACE: runner.checkout, RUNNER_TEMP: runner.temp })
  const before = new Set(service.entries().map(e => e.id))

  let started = performance.now()
  const restored = (await quietly(() => cache.restoreCache(paths, key))).value
  const restoreMs = performance.now() - started
  started = performance.now()
  const downloaded = await runGo(['mod', 'download'], { cwd: runner.checkout, env, timeoutMs: 60 * 60_000 })
  const downloadMs = performance.now() - started
  if (downloaded.code !== 0) throw new Error(`go mod download failed:\n${downloaded.stderr.slice(-3000)}`)
  const steps = await buildAndVet(runner, env)
  let saveMs = 0
  if (restored !== key) {
    started = performance.now()
    const id = (await quietly(() => cache.saveCache(paths, key))).value
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
export async function actionJob(ctx: Context, run: JobRunId, runNumber: number): Promise<JobRun> {
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
