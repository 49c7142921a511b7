import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { cp, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import { cacheKey } from '../../src/cache/key.js'
import type { Patience } from '../../src/cache/patience.js'
import { restoreModuleCache, type RestoreOptions } from '../../src/cache/restore.js'
import { saveModuleCache, type SaveOptions } from '../../src/cache/save.js'
import { escapeModulePath } from '../../src/go/modcache.js'
import { actionsCacheService, type CacheLog } from '../../src/runner/cache-service.js'
import { cacheState, MAIN_STATE_KEY, serializeMainState, type MainState } from '../../src/runner/state.js'
import { runPost } from '../../src/steps/post-step.js'
import { fakeRunner } from '../../__fixtures__/runner.js'
import { goEnv, removeTree, repoRoot, runGo } from '../../testkit/action.js'
import { startAzurite, type Azurite } from '../../testkit/azurite.js'
import { startCacheService, type CacheService } from '../../testkit/cache-service.js'
import { generateModuleSet, type ModuleSet } from '../../testkit/modset.js'
import { refusedUrl, startProxy, tamperZip, type Proxy } from '../../testkit/proxy.js'

interface Collected extends CacheLog {
  infos: string[]
  warnings: string[]
  notices: string[]
}

function collector(): Collected {
  const c: Collected = {
    infos: [],
    warnings: [],
    notices: [],
    info: m => void c.infos.push(m),
    warning: m => void c.warnings.push(m),
    notice: m => void c.notices.push(m)
  }
  return c
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => [])
  return entries
    .filter(e => e.isFile())
    .map(e => relative(dir, join(e.parentPath, e.name)))
    .sort()
}

/** The scratch directories restores and saves left in a module cache: none, once they are done. */
async function scratchLeft(modCache: string): Promise<string[]> {
  return (await readdir(join(modCache, 'cache')).catch(() => [] as string[])).filter(n =>
    n.startsWith('go-mod-download-')
  )
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false
  )
}

const LIBRARY_ENV = [
  'ACTIONS_RESULTS_URL',
  'ACTIONS_CACHE_URL',
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_CACHE_SERVICE_V2',
  'ACTIONS_CACHE_MODE',
  'GITHUB_SERVER_URL',
  'GITHUB_WORKSPACE',
  'RUNNER_TEMP',
  'SEGMENT_DOWNLOAD_TIMEOUT_MINS',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy'
]

let tmp: string
let azurite: Azurite
let service: CacheService
let proxy: Proxy
let set: ModuleSet
let savedEnv: Record<string, string | undefined>
let counter = 0

/** One job's layout: a workspace with the consumer module and a module cache beside it. */
interface Job {
  root: string
  workspace: string
  modCache: string
  goSum: string
  env: Record<string, string>
}

async function newJob(root = join(tmp, `job-${counter++}`), modCacheInWorkspace = false): Promise<Job> {
  const workspace = join(root, 'ws')
  await set.writeConsumer(workspace)
  const env: Record<string, string> = { ...goEnv(root), GOPROXY: proxy.url }
  if (modCacheInWorkspace) env.GOMODCACHE = join(workspace, '.gomodcache')
  return { root, workspace, modCache: env.GOMODCACHE!, goSum: join(workspace, 'go.sum'), env }
}

async function download(job: Job, goproxy = proxy.url): Promise<void> {
  const result = await runGo(['mod', 'download'], {
    cwd: job.workspace,
    env: { ...job.env, GOPROXY: goproxy },
    timeoutMs: 60_000
  })
  expect(result.stderr).toBe('')
  expect(result.code).toBe(0)
}

async function keyOf(job: Job): Promise<string> {
  return (
    await cacheKey({ dependencyPath: '', workingDirectories: [job.workspace], workspace: job.workspace })
  ).key
}

// Seconds, not the default ten, so that faults show within a test's time; no retry of a failed request.
const QUICK: Patience = { quietMs: 1000, minBytesPerSecond: 1024, retries: 0 }

function restoreOpts(
  job: Job,
  key: string,
  log: CacheLog,
  extra: Partial<RestoreOptions> = {}
): RestoreOptions {
  return { key, modCache: job.modCache, goSumFiles: [job.goSum], log, ...extra }
}

function saveOpts(job: Job, key: string, log: CacheLog, extra: Partial<SaveOptions> = {}): SaveOptions {
  return {
    key,
    modCache: job.modCache,
    goSumFiles: [job.goSum],
    outcome: 'success',
    exactHit: false,
    clean: true,
    log,
    ...extra
  }
}

/** The download files worth caching: what go wrote minus locks, partial markers and temp files. */
function cacheable(files: string[]): string[] {
  return files.filter(
    f => /(^|\/)@v\/(list|[^/]+\.(zip|ziphash|mod|info))$/.test(f) || f.startsWith('sumdb/')
  )
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'gmd-cache-'))
  savedEnv = Object.fromEntries(LIBRARY_ENV.map(n => [n, process.env[n]]))
  for (const name of LIBRARY_ENV) delete process.env[name]
  // The Azure SDK reads NO_PROXY once, when the first client is made: loopback is never proxied.
  process.env.NO_PROXY = '127.0.0.1,localhost'
  set = generateModuleSet({ count: 6, seed: 4 })
  proxy = await startProxy({ files: set.files })
  azurite = await startAzurite()
  Object.assign(process.env, { RUNNER_TEMP: join(tmp, 'runner-temp'), GITHUB_WORKSPACE: process.cwd() })
  await mkdir(join(tmp, 'runner-temp'), { recursive: true })
})

// Jobs share one module set, so one go.sum and one key: each test gets a service with no entries yet.
beforeEach(async () => {
  service = await startCacheService({ blobEndpoint: azurite.blobEndpoint })
  Object.assign(process.env, service.env)
})

afterEach(async () => {
  await service?.close()
})

afterAll(async () => {
  await proxy?.close()
  await azurite?.stop()
  for (const [name, value] of Object.entries(savedEnv ?? {})) {
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
  if (tmp) await removeTree(tmp)
})

describe('module cache against the cache service stand-in', () => {
  it('abandons a restore and skips a save when the service errors, hangs or cannot be reached', async () => {
    const job = await newJob()
    await download(job)
    const key = await keyOf(job)
    const before = service.entries().length
    for (const fault of ['error', 'hang', 'unreachable'] as const) {
      if (fault === 'unreachable') process.env.ACTIONS_RESULTS_URL = (await refusedUrl()) + '/'
      else service.setFault(fault)
      try {
        const log = collector()
        const started = Date.now()
        const restored = await restoreModuleCache(restoreOpts(job, key, log, { patience: QUICK }))
        expect(Date.now() - started).toBeLessThan(4000)
        expect(restored.hit).toBe('miss')
        expect(restored.warning).toBeDefined()
        expect(log.warnings).toHaveLength(1)
        // The module cache go uses is untouched by the abandoned restore.
        expect(cacheable(await listFiles(join(job.modCache, 'cache', 'download'))).length).toBeGreaterThan(0)

        const saveLog = collector()
        const saveStarted = Date.now()
        const saved = await saveModuleCache(saveOpts(job, key, saveLog, { patience: QUICK }))
        expect(Date.now() - saveStarted).toBeLessThan(8000)
        expect(saved.saved).toBe(false)
        expect(saved.skipped).toMatch(/^Not saved: /)
        expect(saveLog.warnings).toHaveLength(1)
      } finally {
        service.setFault('none')
        process.env.ACTIONS_RESULTS_URL = service.url
      }
    }
    expect(service.entries().filter(e => e.finalized)).toHaveLength(before)
  })

  for (const azureHost of [false, true]) {
    const path = azureHost ? "the Azure SDK's path" : "the http-client's path"
    it(`gives up on a download that stalls and lets one that crawls finish, on ${path}`, async () => {
      const blobs = azureHost
        ? await startCacheService({ blobEndpoint: azurite.blobEndpoint, azureHost })
        : service
      Object.assign(process.env, blobs.env)
      try {
        const job = await newJob()
        await download(job)
        const key = await keyOf(job)
        expect((await saveModuleCache(saveOpts(job, key, collector()))).saved).toBe(true)
        const size = blobs.entries()[0]!.sizeBytes!

        await removeTree(job.modCache)
        blobs.setFault('stall-blob')
        const log = collector()
        const started = Date.now()
        const stalled = await restoreModuleCache(restoreOpts(job, key, log, { patience: QUICK }))
        expect(Date.now() - started).toBeLessThan(QUICK.quietMs + 3000)
        expect(stalled.hit).toBe('miss')
        expect(log.warnings).toEqual([stalled.warning])
        expect(stalled.warning).toMatch(/^Gave up on the module cache restore: the transfer stalled/)
        expect(stalled.unavailable).toBeUndefined()
        expect(await listFiles(job.modCache)).toEqual([])

        // Three times the quiet allowance, yet bytes keep coming.
        blobs.setFault('slow-blob', { bytesPerSecond: Math.ceil(size / (3 * (QUICK.quietMs / 1000))) })
        const crawled = await restoreModuleCache(restoreOpts(job, key, collector(), { patience: QUICK }))
        expect(crawled).toMatchObject({ hit: 'exact', complete: true, purged: [] })
        expect(crawled.restoreMs).toBeGreaterThan(2 * QUICK.quietMs)
        expect(blobs.calls().filter(c => c === 'blob download').length).toBeGreaterThanOrEqual(2)
        expect(await scratchLeft(job.modCache)).toEqual([])
      } finally {
        blobs.setFault('none')
        if (azureHost) await blobs.close()
        delete process.env.HTTP_PROXY
        Object.assign(process.env, service.env)
      }
    })
  }

  it('misses, saves, then restores the same files on an exact hit that go builds from offline', async () => {
    const job = await newJob()
    const key = await keyOf(job)
    expect(key).toMatch(/^go-mod-[a-z0-9]+-[a-z0-9]+-[0-9a-f]{64}$/)

    const first = await restoreModuleCache(restoreOpts(job, key, collector()))
    expect(first).toMatchObject({ enabled: true, key, hit: 'miss', purged: [] })
    expect(first.warning).toBeUndefined()

    await download(job)
    const downloaded = cacheable(await listFiles(join(job.modCache, 'cache', 'download')))
    const log = collector()
    const saved = await saveModuleCache(saveOpts(job, key, log))
    expect(saved.skipped).toBeUndefined()
    expect(saved).toMatchObject({ saved: true, key })
    expect(saved.sizeBytes).toBeGreaterThan(0)
    expect(log.warnings).toEqual([])
    expect(service.entries().filter(e => e.key === key && e.finalized)).toHaveLength(1)
    expect(await scratchLeft(job.modCache)).toEqual([])

    // The next job on a fresh runner: same paths, empty module cache.
    await removeTree(job.modCache)
    const hitLog = collector()
    const hit = await restoreModuleCache(restoreOpts(job, key, hitLog))
    expect(hit).toMatchObject({ hit: 'exact', matchedKey: key, purged: [] })
    expect(hit.warning).toBeUndefined()
    expect(hit.sizeBytes).toBe(saved.sizeBytes)
    expect(await listFiles(join(job.modCache, 'cache', 'download'))).toEqual(downloaded)
    expect(await scratchLeft(job.modCache)).toEqual([])

    // go extracts what it needs from the restored zips without any network.
    const offline = await runGo(['list', '-deps', './...'], {
      cwd: job.workspace,
      env: { ...job.env, GOPROXY: 'off' }
    })
    expect(offline.stderr).toBe('')
    expect(offline.code).toBe(0)

    const again = await saveModuleCache(saveOpts(job, key, collector(), { exactHit: true }))
    expect(again.saved).toBe(false)
    expect(again.skipped).toMatch(/restored from .* itself/)
  })

  it('starts from the previous entry when go.sum changed, and prunes what go.sum no longer names', async () => {
    const job = await newJob()
    await download(job)
    const oldKey = await keyOf(job)
    expect((await saveModuleCache(saveOpts(job, oldKey, collector()))).saved).toBe(true)

    // Next job: a dependency was dropped from go.sum.
    const dropped = set.modules[set.modules.length - 1]!
    const sum = await readFile(job.goSum, 'utf8')
    await writeFile(job.goSum, sum.replace(new RegExp(`^${dropped.path} .*\\n`, 'gm'), ''))
    const newKey = await keyOf(job)
    expect(newKey).not.toBe(oldKey)
    await removeTree(job.modCache)

    const log = collector()
    const partial = await restoreModuleCache(restoreOpts(job, newKey, log))
    expect(partial).toMatchObject({ hit: 'partial', matchedKey: oldKey, purged: [], complete: false })
    const droppedDir = join(
      job.modCache,
      'cache',
      'download',
      ...escapeModulePath(dropped.path).split('/'),
      '@v'
    )
    expect(await exists(join(droppedDir, `${dropped.version}.zip`))).toBe(true)
    // go.sum no longer vouches for that zip, so go must re-hash it before any use.
    expect(await exists(join(droppedDir, `${dropped.version}.ziphash`))).toBe(false)

    const state: MainState = {
      summary: 'always',
      outcome: 'success',
      cache: cacheState(partial, job.modCache, [job.goSum])
    }
    const runner = fakeRunner({ state })
    const post = await runPost(runner)
    expect(post.report).toMatchObject({ saved: true, key: newKey })
    expect(runner.writtenSummary).toContain(`Restored from <code>${oldKey}</code>.`)

    await removeTree(job.modCache)
    const exact = await restoreModuleCache(restoreOpts(job, newKey, collector()))
    expect(exact.hit).toBe('exact')
    const files = await listFiles(join(job.modCache, 'cache', 'download'))
    expect(files.some(f => f.startsWith(escapeModulePath(dropped.path) + '/'))).toBe(false)
    for (const kept of set.modules.slice(0, -1)) {
      expect(files).toContain(`${escapeModulePath(kept.path)}/@v/${kept.version}.zip`)
    }
  })

  it('calls an exact hit complete only when it holds the .mod, zip and .info of everything go.sum names', async () => {
    const job = await newJob()
    await download(job)
    const key = await keyOf(job)
    const lacking = set.modules[3]!
    const dir = join(job.modCache, 'cache', 'download', ...escapeModulePath(lacking.path).split('/'), '@v')
    await rm(join(dir, `${lacking.version}.info`))
    expect((await saveModuleCache(saveOpts(job, key, collector()))).saved).toBe(true)

    await removeTree(job.modCache)
    const log = collector()
    const hit = await restoreModuleCache(restoreOpts(job, key, log))
    expect(hit).toMatchObject({ hit: 'exact', purged: [], complete: false })
    expect(log.infos).toContain(
      `It lacks 1 file(s) go.sum names, such as ${lacking.path}@${lacking.version}.info; go fetches them.`
    )
  })

  it('saves nothing when the download failed or fell back to vendor', async () => {
    const job = await newJob()
    await download(job)
    const key = await keyOf(job)
    const before = service.entries().length
    for (const outcome of ['failure', 'vendor']) {
      const report = await saveModuleCache(saveOpts(job, key, collector(), { outcome }))
      expect(report.saved).toBe(false)
      expect(report.skipped).toMatch(/^Not saved: /)
    }
    expect(service.entries()).toHaveLength(before)
  })

  it('answers a read-only token with a notice', async () => {
    const job = await newJob()
    await download(job)
    service.setFault('read-only')
    try {
      const log = collector()
      const report = await saveModuleCache(saveOpts(job, await keyOf(job), log))
      expect(report.saved).toBe(false)
      expect(report.skipped).toMatch(/cache write denied/)
      expect(log.notices).toHaveLength(1)
      expect(log.warnings).toEqual([])
    } finally {
      service.setFault('none')
    }
  })

  it('detects a tampered zip in a restored cache, purges it, and does not save', async () => {
    const job = await newJob()
    await download(job)
    const victim = set.modules[1]!
    const escaped = escapeModulePath(victim.path)
    const zipPath = join(
      job.modCache,
      'cache',
      'download',
      ...escaped.split('/'),
      '@v',
      `${victim.version}.zip`
    )
    await writeFile(zipPath, tamperZip(await readFile(zipPath)))
    const key = await keyOf(job)
    // The action would not save this (see the next test), so the library archives it as it is.
    const archived = join(tmp, `archive-${counter++}`)
    await cp(join(job.modCache, 'cache', 'download'), join(archived, 'download'), { recursive: true })
    expect((await actionsCacheService.save(archived, key, () => undefined).settled).saved).toBe(true)

    // A runner that kept its extracted trees (read-only, as go leaves them) but lost the downloads.
    await removeTree(join(job.modCache, 'cache'))
    const extracted = join(job.modCache, ...`${escaped}@${victim.version}`.split('/'))
    expect(await exists(extracted)).toBe(true)

    const log = collector()
    const report = await restoreModuleCache(restoreOpts(job, key, log))
    expect(report.hit).toBe('exact')
    expect(report.purged).toEqual([`${victim.path}@${victim.version}`])
    expect(report.warning).toContain(`${victim.path}@${victim.version}`)
    expect(log.warnings).toHaveLength(1)
    expect(await exists(zipPath)).toBe(false)
    expect(await exists(extracted)).toBe(false)
    const other = set.modules[0]!
    const otherZip = `${escapeModulePath(other.path)}/@v/${other.version}.zip`
    expect(await listFiles(join(job.modCache, 'cache', 'download'))).toContain(otherZip)

    const entries = service.entries().length
    const cache = cacheState(report, job.modCache, [job.goSum])
    expect(cache?.clean).toBe(false)
    const post = await runPost(
      fakeRunner({
        state: { summary: 'always', outcome: 'success', cache: cache && { ...cache, exactHit: false } }
      })
    )
    expect(post.report?.saved).toBe(false)
    expect(post.report?.skipped).toMatch(/verification purged/)
    expect(service.entries()).toHaveLength(entries)

    // go fetches the purged module again, and its hash now matches go.sum.
    await download(job)
  })

  it('verifies what it saves: a zip changed in the module cache after the download is removed, not saved', async () => {
    const job = await newJob()
    await download(job)
    const victim = set.modules[2]!
    const dir = join(job.modCache, 'cache', 'download', ...escapeModulePath(victim.path).split('/'), '@v')
    const zipPath = join(dir, `${victim.version}.zip`)
    // go trusts its .ziphash and would use this zip as it is.
    await writeFile(zipPath, tamperZip(await readFile(zipPath)))
    const log = collector()
    const report = await saveModuleCache(saveOpts(job, await keyOf(job), log))
    expect(report.saved).toBe(false)
    expect(log.warnings).toEqual([report.skipped])
    expect(report.skipped).toContain(`${victim.path}@${victim.version}`)
    expect(await exists(zipPath)).toBe(false)
    expect(service.entries()).toEqual([])
    expect(await scratchLeft(job.modCache)).toEqual([])
    await download(job)
  })

  it('lets one of two jobs saving the same key at once save, and the other say the entry exists', async () => {
    // Two runners, each with its own module cache in its own checkout.
    const jobs = await Promise.all([newJob(join(tmp, 'matrix-a'), true), newJob(join(tmp, 'matrix-b'), true)])
    await Promise.all(jobs.map(job => download(job)))
    const key = await keyOf(jobs[0]!)
    const earlier = new Set(service.entries().map(e => e.id))
    const loader = pathToFileURL(join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href
    const results = await Promise.all(
      jobs.map(async job => {
        const summary = join(job.root, 'summary.md')
        await writeFile(summary, '')
        const state: MainState = {
          summary: 'always',
          outcome: 'success',
          cache: cacheState({ enabled: true, key, hit: 'miss', purged: [] }, job.modCache, [job.goSum])
        }
        const env: Record<string, string> = {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          ...service.env,
          GITHUB_WORKSPACE: job.workspace,
          RUNNER_TEMP: join(job.root, 'runner-temp'),
          GITHUB_STEP_SUMMARY: summary
        }
        env[`STATE_${MAIN_STATE_KEY}`] = serializeMainState(state)
        await mkdir(env.RUNNER_TEMP as string, { recursive: true })
        const child = spawn(process.execPath, ['--import', loader, join(repoRoot, 'src', 'post.ts')], {
          cwd: job.workspace,
          env,
          stdio: ['ignore', 'pipe', 'pipe']
        })
        let stdout = ''
        child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
        child.stderr.setEncoding('utf8').on('data', (d: string) => (stdout += d))
        const code = await new Promise<number | null>(ok => child.once('close', ok))
        return { code, stdout, summary: await readFile(summary, 'utf8') }
      })
    )
    for (const r of results) expect(r.code).toBe(0)
    const savers = results.filter(r => r.summary.includes(`Saved as <code>${key}</code>`))
    const others = results.filter(r => r.summary.includes('already exists'))
    expect(savers).toHaveLength(1)
    expect(others).toHaveLength(1)
    expect(others[0]!.stdout).toMatch(/^::notice::Not saved: the cache entry .* already exists/m)
    for (const r of results) expect(r.stdout).not.toMatch(/^::(warning|error)::/m)
    expect(service.entries().filter(e => !earlier.has(e.id) && e.finalized)).toHaveLength(1)
  })
})
