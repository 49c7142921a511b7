// Runs the two ways of caching on one module set: this action's jobs (A) and the library's calls on the
// whole GOMODCACHE (B), each saved and restored through the cache service stand-in over Azurite.
import { execFile, spawn } from 'node:child_process'
import { chmod, chown, mkdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import * as cache from '@actions/cache'
import type { RunReport } from '../../../src/report/types.js'
import { goEnv, removeTree, repoRoot, runGo, runJob } from '../../../testkit/action.js'
import { startAzurite, type Azurite } from '../../../testkit/azurite.js'
import { startCacheService, type CacheService } from '../../../testkit/cache-service.js'
import { generateModuleSet, type ModuleSet } from '../../../testkit/modset.js'
import { startProxy, type Proxy } from '../../../testkit/proxy.js'
import { quietly } from '../harness.js'
import { countFiles, inspectArchive, type Archive } from './inspect.js'
import { mib, seconds } from './render.js'

const run = promisify(execFile)
const MIB = 1024 * 1024
const NOBODY = 65534

/** What is running now (Azurite, the cache service, the proxy), stopped on an interrupt too. */
const running = new Set<() => Promise<void>>()

/** Stops whatever is still running, the latest first. */
export async function stopAll(): Promise<void> {
  for (const stop of [...running].reverse()) await stop().catch(() => undefined)
}

async function tracked<T>(
  thing: Promise<T>,
  stop: (t: T) => Promise<void>
): Promise<{ value: T; stop: () => Promise<void> }> {
  const value = await thing
  const stopOnce = async () => {
    if (running.delete(stopOnce)) await stop(value)
  }
  running.add(stopOnce)
  return { value, stop: stopOnce }
}

export interface SetSpec {
  name: string
  count: number
  seed: number
  bigZipBytes: number
  bigEvery: number
}

export const SETS: SetSpec[] = [
  {
    name: '300 modules, every 10th with a 4 MiB zip',
    count: 300,
    seed: 31,
    bigZipBytes: 4 * MIB,
    bigEvery: 10
  },
  { name: '1,000 small modules', count: 1000, seed: 32, bigZipBytes: 0, bigEvery: 0 }
]

export interface ZipOnlyRun {
  archive: Archive
  /** The action's own save time (link, prune, lookup, archive, upload), from the post step's log. */
  saveMs: number
  postStepMs: number
  restoreMs: number
  verifyMs: number
  goMs: number
  readyMs: number
  mainStepMs: number
  hit: string
  proxyRequests: number
}

export interface WholeRun {
  archive: Archive
  saveMs: number
  restoreMs: number
  goMs: number
  readyMs: number
  filesOnDisk: number
}

export interface OverExisting {
  ran: boolean
  user?: string
  restoredKey?: string | null
  tarFailed?: boolean
  fileExistsLines?: number
  firstError?: string
  libraryMessage?: string
  note?: string
}

export interface SetResult {
  spec: SetSpec
  zipBytes: number
  zipOnly: ZipOnlyRun[]
  whole: WholeRun[]
  overExisting: OverExisting
}

interface Context {
  azurite: Azurite
  service: CacheService
  proxy: Proxy
  set: ModuleSet
  /** The fixed GOMODCACHE every job uses: the path is part of the cache version. */
  modCache: string
  base: string
  bundle: { main: string; post: string }
}

async function newRoot(ctx: Context, name: string): Promise<{ root: string; dir: string }> {
  const root = path.join(ctx.base, name)
  await removeTree(root)
  const dir = path.join(root, 'work')
  await ctx.set.writeConsumer(dir)
  return { root, dir }
}

async function actionJob(ctx: Context, name: string) {
  const { root, dir } = await newRoot(ctx, name)
  await removeTree(ctx.modCache)
  const before = ctx.proxy.log.length
  const job = await runJob({
    scripts: ctx.bundle,
    inputs: { proxies: ctx.proxy.url, 'retry-delay': '20ms' },
    env: { ...goEnv(root), GOMODCACHE: ctx.modCache, ...ctx.service.env },
    cwd: dir,
    runnerTemp: path.join(root, 'runner-temp'),
    timeoutMs: 300_000
  })
  if (job.main.exitCode !== 0 || job.post.exitCode !== 0) {
    throw new Error(`${name}: the action failed:\n${job.main.stdout.slice(-3000)}\n${job.main.stderr}`)
  }
  const reportPath = job.main.outputs.report
  if (!reportPath) throw new Error(`${name}: no report output`)
  const report = JSON.parse(await readFile(reportPath, 'utf8')) as RunReport
  const requests = ctx.proxy.log.slice(before).filter(e => e.path.includes('/@v/')).length
  return { job, report, requests }
}

async function zipOnly(ctx: Context, rep: number, inspect: boolean): Promise<ZipOnlyRun> {
  const saving = await actionJob(ctx, `a-save-${rep}`)
  const saved = /Saved the module cache as (\S+) \((\d+) bytes\) in ([\d.]+) s/.exec(saving.job.post.stdout)
  if (!saved) throw new Error(`the action did not save:\n${saving.job.post.stdout.slice(-2000)}`)
  const key = saved[1]!
  const entry = ctx.service.entries().find(e => e.key === key && e.finalized)
  const archive = inspect
    ? await inspectArchive(ctx.azurite, ctx.service, key, ctx.base)
    : { sizeBytes: entry?.sizeBytes ?? 0, files: 0, treeBytes: 0, compression: '' }

  const restoring = await actionJob(ctx, `a-restore-${rep}`)
  const c = restoring.report.cache
  if (c?.hit !== 'exact' || c.restoreMs === undefined || c.verifyMs === undefined) {
    throw new Error(`the action did not restore its entry: ${JSON.stringify(c)}`)
  }
  const goMs = restoring.report.download.durationMs
  return {
    archive,
    saveMs: Number(saved[3]) * 1000,
    postStepMs: saving.job.post.durationMs,
    restoreMs: c.restoreMs,
    verifyMs: c.verifyMs,
    goMs,
    readyMs: c.restoreMs + c.verifyMs + goMs,
    mainStepMs: restoring.job.main.durationMs,
    hit: c.hit,
    proxyRequests: restoring.requests
  }
}

/** The environment the library reads for B's calls, made in this process. */
function libraryEnv(ctx: Context): Record<string, string> {
  return {
    ...ctx.service.env,
    GITHUB_WORKSPACE: path.join(ctx.base, 'workspace'),
    RUNNER_TEMP: path.join(ctx.base, 'runner-temp')
  }
}

async function goDownload(ctx: Context, root: string, dir: string, goproxy: string): Promise<number> {
  const started = performance.now()
  const result = await runGo(['mod', 'download'], {
    cwd: dir,
    env: { ...goEnv(root), GOMODCACHE: ctx.modCache, GOPROXY: goproxy },
    timeoutMs: 300_000
  })
  if (result.code !== 0) throw new Error(`go mod download (GOPROXY=${goproxy}) failed: ${result.stderr}`)
  return performance.now() - started
}

async function whole(ctx: Context, rep: number, inspect: boolean): Promise<WholeRun> {
  const key = `go-modcache-whole-linux-${ctx.set.modules.length}-${rep}`
  Object.assign(process.env, libraryEnv(ctx))
  await mkdir(process.env.GITHUB_WORKSPACE!, { recursive: true })
  await mkdir(process.env.RUNNER_TEMP!, { recursive: true })

  const filling = await newRoot(ctx, `b-save-${rep}`)
  await removeTree(ctx.modCache)
  await goDownload(ctx, filling.root, filling.dir, ctx.proxy.url)
  const filesOnDisk = await countFiles(ctx.modCache)
  let started = performance.now()
  const saved = await quietly(() => cache.saveCache([ctx.modCache], key))
  const saveMs = performance.now() - started
  if (saved.value === -1) throw new Error(`saving the whole GOMODCACHE failed:\n${saved.log.slice(-2000)}`)
  const entry = ctx.service.entries().find(e => e.key === key && e.finalized)
  const archive = inspect
    ? await inspectArchive(ctx.azurite, ctx.service, key, ctx.base)
    : { sizeBytes: entry?.sizeBytes ?? 0, files: 0, treeBytes: 0, compression: '' }

  const restoring = await newRoot(ctx, `b-restore-${rep}`)
  await removeTree(ctx.modCache)
  started = performance.now()
  const restored = await quietly(() => cache.restoreCache([ctx.modCache], key))
  const restoreMs = performance.now() - started
  if (restored.value !== key) throw new Error(`restoring the whole GOMODCACHE failed:\n${restored.log}`)
  const goMs = await goDownload(ctx, restoring.root, restoring.dir, 'off')
  return { archive, saveMs, restoreMs, goMs, readyMs: restoreMs + goMs, filesOnDisk }
}

/**
 * Restores B's entry a second time, over the module cache it just filled, as an unprivileged user the way a
 * runner's user would (root may write into go's read-only directories, so root would hide the failure).
 */
async function restoreOverExisting(ctx: Context, key: string): Promise<OverExisting> {
  if (process.getuid?.() !== 0) {
    return { ran: false, note: 'not run: needs root to restore as another, unprivileged user' }
  }
  const temp = path.join(ctx.base, 'nobody-temp')
  await mkdir(temp, { recursive: true })
  for (const dir of [ctx.base, path.dirname(ctx.modCache)]) await chmod(dir, 0o755)
  await chown(temp, NOBODY, NOBODY)
  await run('chown', ['-R', `${NOBODY}:${NOBODY}`, ctx.modCache])
  const library = pathToFileURL(path.join(repoRoot, 'node_modules', '@actions', 'cache', 'lib', 'cache.js'))
  const code =
    `const cache = await import(${JSON.stringify(library.href)});` +
    `const key = await cache.restoreCache([${JSON.stringify(ctx.modCache)}], ${JSON.stringify(key)});` +
    `console.log('RESTORED ' + JSON.stringify(key ?? null))`
  const env = libraryEnv(ctx)
  const child = spawn(
    'setpriv',
    [
      `--reuid=${NOBODY}`,
      `--regid=${NOBODY}`,
      '--clear-groups',
      '--',
      process.execPath,
      '--input-type=module',
      '-e',
      code
    ],
    {
      cwd: env.GITHUB_WORKSPACE,
      env: { PATH: process.env.PATH ?? '', HOME: temp, ...env, RUNNER_TEMP: temp },
      stdio: ['ignore', 'pipe', 'pipe']
    }
  )
  let output = ''
  child.stdout.setEncoding('utf8').on('data', (d: string) => (output += d))
  child.stderr.setEncoding('utf8').on('data', (d: string) => (output += d))
  const status = await new Promise<number | null>((ok, fail) => {
    child.once('error', fail)
    child.once('close', ok)
  })
  const restored = /^RESTORED (.*)$/m.exec(output)
  const errors = output.split('\n').filter(l => /^(\/usr\/bin\/)?tar: /.test(l))
  return {
    ran: status !== null,
    user: 'nobody (uid 65534), owner of the module cache',
    restoredKey: restored ? (JSON.parse(restored[1]!) as string | null) : undefined,
    tarFailed: errors.length > 0,
    fileExistsLines: errors.filter(l => l.includes('Cannot open: File exists')).length,
    firstError: errors[0]?.replace(ctx.base, '<tmp>'),
    libraryMessage: /Failed to restore: (.*)/.exec(output)?.[1]?.replace(ctx.base, '<tmp>')
  }
}

export async function benchSet(
  spec: SetSpec,
  reps: number,
  base: string,
  bundle: { main: string; post: string }
): Promise<SetResult> {
  const set = generateModuleSet({
    count: spec.count,
    seed: spec.seed,
    bigZipBytes: spec.bigZipBytes,
    bigEvery: spec.bigEvery
  })
  const zipBytes = [...set.files].filter(([p]) => p.endsWith('.zip')).reduce((n, [, b]) => n + b.length, 0)
  const proxyHandle = await tracked(startProxy({ files: set.files }), p => p.close())
  const proxy = proxyHandle.value
  const result: SetResult = { spec, zipBytes, zipOnly: [], whole: [], overExisting: { ran: false } }
  try {
    for (let rep = 1; rep <= reps; rep++) {
      // A fresh Azurite and cache service per repetition: no entry of an earlier one is found or kept in memory.
      const azuriteHandle = await tracked(startAzurite(), a => a.stop())
      const azurite = azuriteHandle.value
      let serviceHandle: { value: CacheService; stop: () => Promise<void> } | undefined
      try {
        serviceHandle = await tracked(startCacheService({ blobEndpoint: azurite.blobEndpoint }), c =>
          c.close()
        )
        const service = serviceHandle.value
        const ctx: Context = {
          azurite,
          service,
          proxy,
          set,
          modCache: path.join(base, 'gomod', 'mod'),
          base,
          bundle
        }
        const a = await zipOnly(ctx, rep, rep === 1)
        result.zipOnly.push(a)
        const b = await whole(ctx, rep, rep === 1)
        result.whole.push(b)
        if (rep === 1) {
          result.overExisting = await restoreOverExisting(ctx, `go-modcache-whole-linux-${spec.count}-${rep}`)
        }
        console.error(
          `  ${spec.name}, run ${rep}/${reps}: ready A ${seconds(a.readyMs)} (step ${seconds(a.mainStepMs)}),` +
            ` B ${seconds(b.readyMs)}; entry A ${mib(a.archive.sizeBytes)}, B ${mib(b.archive.sizeBytes)}`
        )
      } finally {
        await serviceHandle?.stop()
        await azuriteHandle.stop()
        await removeTree(path.join(base, 'gomod'))
      }
    }
  } finally {
    await proxyHandle.stop()
  }
  return result
}
