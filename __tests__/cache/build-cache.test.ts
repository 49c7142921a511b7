import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdir, mkdtemp, readFile, readdir, stat, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob'
import { listEntries, UNUSED_AGE_MS, type BuildEntry } from '../../src/cache/build-entries.js'
import { restoreBuildCache, type BuildRestoreOptions } from '../../src/cache/build-restore.js'
import { saveBuildCache, type BuildSaveOptions } from '../../src/cache/build-save.js'
import type { Patience } from '../../src/cache/patience.js'
import type { CacheLog } from '../../src/runner/cache-service.js'
import type { BuildCacheState, MainState } from '../../src/runner/state.js'
import { startBuildCache } from '../../src/steps/build-cache.js'
import { runPost } from '../../src/steps/post-step.js'
import { fakeRunner } from '../../__fixtures__/runner.js'
import { goEnv, removeTree, runGo } from '../../testkit/action.js'
import { DEV_ACCOUNT, DEV_ACCOUNT_KEY, startAzurite, type Azurite } from '../../testkit/azurite.js'
import { startCacheService, type CacheService } from '../../testkit/cache-service.js'
import { refusedUrl } from '../../testkit/proxy.js'

// The build cache with the real go, the real @actions/cache and the cache service stand-in over Azurite.
// Every job is a fresh runner: the same checkout, an empty GOCACHE of its own.

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

const LIBRARY_ENV = [
  'ACTIONS_RESULTS_URL',
  'ACTIONS_CACHE_URL',
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_CACHE_SERVICE_V2',
  'ACTIONS_CACHE_MODE',
  'GITHUB_SERVER_URL',
  'GITHUB_WORKSPACE',
  'RUNNER_TEMP',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy'
]

// Seconds, not the default ten, so that faults show within a test's time; no retry of a failed request.
const QUICK: Patience = { quietMs: 1000, minBytesPerSecond: 1024, retries: 0 }
// The test jobs write a few hundred KiB: any addition is enough for a new entry unless a test says otherwise.
const ANY = { share: 0, bytes: 1, firstBytes: 1 }
const PREFIX = 'go-build-linux-amd64-test-'

let tmp: string
let azurite: Azurite
let service: CacheService
let workspace: string
let savedEnv: Record<string, string | undefined>
let counter = 0

/** One fresh runner: its own GOCACHE, empty, and its own temp directory. */
interface Job {
  root: string
  gocache: string
  env: Record<string, string>
  runnerTemp: string
}

async function newJob(): Promise<Job> {
  const root = path.join(tmp, `job-${counter++}`)
  const env: Record<string, string> = { ...goEnv(root), GOPROXY: 'off' }
  const runnerTemp = path.join(root, 'runner-temp')
  await mkdir(runnerTemp, { recursive: true })
  return { root, gocache: env.GOCACHE!, env, runnerTemp }
}

/** `go build -v`: the packages go compiled, none when the cache had them all. */
async function build(job: Job, ...packages: string[]): Promise<string[]> {
  const result = await runGo(['build', '-v', ...packages], {
    cwd: workspace,
    env: job.env,
    timeoutMs: 60_000
  })
  expect(result.code).toBe(0)
  return result.stderr.split('\n').filter(line => line !== '')
}

function restoreOpts(job: Job, run: string, log: CacheLog, extra: Partial<BuildRestoreOptions> = {}) {
  return {
    key: `${PREFIX}${run}`,
    restoreKeys: [PREFIX],
    gocache: job.gocache,
    gocacheprog: '',
    policy: {},
    manifestDir: job.runnerTemp,
    log,
    ...extra
  }
}

function saveOpts(state: BuildCacheState, log: CacheLog, extra: Partial<BuildSaveOptions> = {}) {
  return { state, outcome: 'success', threshold: ANY, log, ...extra }
}

async function names(gocache: string): Promise<string[]> {
  return (await listEntries(gocache)).map(e => e.name)
}

/** Scratch folders a restore or save left in GOCACHE: none, once they are done. */
async function scratchLeft(gocache: string): Promise<string[]> {
  return (await readdir(gocache).catch(() => [] as string[])).filter(n => n.startsWith('go-mod-download-'))
}

/** What a listing says of each entry, mtimes included, to tell that nothing changed. */
function fingerprint(entries: BuildEntry[]): string[] {
  return entries.map(e => `${e.name} ${e.bytes} ${e.mtimeMs}`)
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'gmd-build-cache-'))
  savedEnv = Object.fromEntries(LIBRARY_ENV.map(n => [n, process.env[n]]))
  for (const name of LIBRARY_ENV) delete process.env[name]
  process.env.NO_PROXY = '127.0.0.1,localhost'
  // Four packages without imports from the standard library: builds take no time, and each leaves entries.
  workspace = path.join(tmp, 'ws')
  const files: Record<string, string> = {
    'go.mod': 'module example.test/app\n\ngo 1.21\n',
    'a/a.go': 'package a\n\nfunc A() int { return 1 }\n',
    'b/b.go': 'package b\n\nimport "example.test/app/a"\n\nfunc B() int { return a.A() + 1 }\n',
    'c/c.go': 'package c\n\nfunc C() int { return 3 }\n',
    'app.go':
      'package app\n\nimport (\n\t"example.test/app/b"\n\t"example.test/app/c"\n)\n\nfunc App() int { return b.B() + c.C() }\n'
  }
  // As a checkout leaves them, well before the build: go does not cache what it knows of files changed seconds ago.
  const checkedOut = new Date(Date.now() - 60 * 60_000)
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(workspace, name)), { recursive: true })
    await writeFile(path.join(workspace, name), text)
    await utimes(path.join(workspace, name), checkedOut, checkedOut)
  }
  azurite = await startAzurite()
  Object.assign(process.env, { RUNNER_TEMP: path.join(tmp, 'runner-temp'), GITHUB_WORKSPACE: workspace })
  await mkdir(path.join(tmp, 'runner-temp'), { recursive: true })
})

beforeEach(async () => {
  service = await startCacheService({ blobEndpoint: azurite.blobEndpoint })
  Object.assign(process.env, service.env)
})

afterEach(async () => {
  await service?.close()
})

afterAll(async () => {
  await azurite?.stop()
  for (const [name, value] of Object.entries(savedEnv ?? {})) {
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
  if (tmp) await removeTree(tmp)
})

/** A first job that builds everything and saves it as `run`. */
async function seed(run: string): Promise<{ job: Job; saved: string[] }> {
  const job = await newJob()
  const state = await restoreBuildCache(restoreOpts(job, run, collector()))
  expect(state.matchedKey).toBe('')
  expect(await build(job, './...')).toContain('example.test/app')
  const report = await saveBuildCache(saveOpts(state, collector()))
  expect(report.saved).toBeDefined()
  return { job, saved: await names(job.gocache) }
}

describe('the build cache against the cache service stand-in', () => {
  it('restores, marks every entry unused, keeps what the job used, and saves no more than that', async () => {
    const first = await newJob()
    const firstLog = collector()
    const missed = await restoreBuildCache(restoreOpts(first, '1', firstLog))
    expect(missed).toMatchObject({ key: `${PREFIX}1`, matchedKey: '', restoredEntries: 0 })
    expect(firstLog.infos).toEqual([`No build cache entry for ${PREFIX}.`])
    expect(await build(first, './...')).toEqual(
      expect.arrayContaining([
        'example.test/app/a',
        'example.test/app/b',
        'example.test/app/c',
        'example.test/app'
      ])
    )
    const everything = await names(first.gocache)
    const firstSave = await saveBuildCache(saveOpts(missed, collector()))
    expect(firstSave.added.entries).toBe(everything.length)
    expect(firstSave.saved?.entries).toBeGreaterThan(0)
    expect(firstSave.saved?.entries).toBeLessThanOrEqual(everything.length)
    expect(await scratchLeft(first.gocache)).toEqual([])

    // The next run on a fresh runner finds it by prefix; nothing is compiled again.
    const second = await newJob()
    const log = collector()
    const state = await restoreBuildCache(restoreOpts(second, '2', log))
    expect(state).toMatchObject({ matchedKey: `${PREFIX}1`, restoredEntries: firstSave.saved?.entries })
    expect(log.warnings).toEqual([])
    const restored = await listEntries(second.gocache)
    expect(restored).toHaveLength(firstSave.saved!.entries)
    for (const entry of restored) expect(Math.round(entry.mtimeMs)).toBe(state.restoredAt - UNUSED_AGE_MS)
    expect(await readFile(path.join(second.gocache, 'trim.txt'), 'utf8')).toBe(
      String(Math.floor(state.restoredAt / 1000))
    )
    expect(await scratchLeft(second.gocache)).toEqual([])
    // This job builds only b (and a, which b imports).
    expect(await build(second, './b')).toEqual([])

    const mainState: MainState = { summary: 'always', outcome: 'success', buildCache: state }
    const runner = fakeRunner({ state: mainState })
    const post = await runPost(runner, { buildCache: { threshold: { share: 0, bytes: 0, firstBytes: 0 } } })
    const report = post.buildCache!
    expect(report.used.entries).toBeGreaterThan(0)
    expect(report.used.entries).toBeLessThan(restored.length)
    expect(report.added.entries).toBe(0)
    expect(report.saved?.entries).toBe(report.used.entries)
    expect(runner.writtenSummary).toMatch(
      new RegExp(
        `^<h4>Build cache \\(post step\\)</h4>\\n<p>Restored ${restored.length} entries \\([^)]+\\) from <code>${PREFIX}1</code> in [^;]+; ` +
          `the job used ${report.used.entries} entries \\([^)]+\\) of them and added 0 entries \\(0 B\\)\\. ` +
          `Saved ${report.saved!.entries} entries \\([^)]+\\) as <code>${PREFIX}2</code>, a [^,]+ archive in [^<]+\\.</p>\\n$`
      )
    )
    // Nothing was deleted from GOCACHE: the unused entries are still there, for the rest of this job.
    expect(await names(second.gocache)).toEqual(restored.map(e => e.name))
    expect(await scratchLeft(second.gocache)).toEqual([])

    // The run after that restores only what the second job used: b needs nothing, c and the root package again.
    const third = await newJob()
    const again = await restoreBuildCache(restoreOpts(third, '3', collector()))
    expect(again).toMatchObject({ matchedKey: `${PREFIX}2`, restoredEntries: report.saved!.entries })
    expect(await build(third, './b')).toEqual([])
    expect((await build(third, './...')).sort()).toEqual(['example.test/app', 'example.test/app/c'])
  })

  it('leaves a GOCACHE alone that is off, replaced by GOCACHEPROG or already filled, and asks the service nothing', async () => {
    await seed('1')
    const calls = service.calls().length
    const job = await newJob()
    for (const [extra, said] of [
      [{ gocache: 'off' }, 'GOCACHE is off'],
      [
        { gocacheprog: '/usr/local/bin/cacheprog' },
        'GOCACHEPROG is set, so go keeps its build cache elsewhere'
      ]
    ] as const) {
      const log = collector()
      const state = await restoreBuildCache(restoreOpts(job, '2', log, extra))
      expect(state.skipped).toBe(said)
      expect(log.infos).toEqual([`Build cache not used: ${said}.`])
    }

    await build(job, './...')
    const before = fingerprint(await listEntries(job.gocache))
    const log = collector()
    const state = await restoreBuildCache(restoreOpts(job, '2', log))
    expect(state.skipped).toBe(
      `${job.gocache} already holds entries, which are left as they are, neither restored over nor saved`
    )
    const report = await saveBuildCache(saveOpts(state, log))
    expect(report.skipped).toBe(state.skipped)
    expect(report.saved).toBeUndefined()
    expect(fingerprint(await listEntries(job.gocache))).toEqual(before)
    expect(await scratchLeft(job.gocache)).toEqual([])
    expect(log.warnings).toEqual([])
    expect(service.calls().length).toBe(calls)
  })

  it('starts from the job state the main step builds: key, trust policy and restore, its lines in a group of their own', async () => {
    await seed('1')
    const job = await newJob()
    const event = path.join(job.root, 'event.json')
    await writeFile(event, JSON.stringify({ repository: { default_branch: 'main' } }))
    const runner = fakeRunner()
    const start = startBuildCache({
      runner,
      inputs: { buildCache: 'on', buildCacheVariant: '', cacheDependencyPath: [] },
      goBin: 'go',
      workdirs: [workspace],
      env: {
        ...job.env,
        GITHUB_WORKSPACE: workspace,
        RUNNER_TEMP: job.runnerTemp,
        GITHUB_RUN_ID: '77',
        GITHUB_RUN_ATTEMPT: '1',
        GITHUB_JOB: 'test',
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_REF: 'refs/pull/7/merge',
        GITHUB_EVENT_PATH: event
      },
      moduleRestore: Promise.resolve({ report: { enabled: false, key: '', hit: 'miss', purged: [] } })
    })
    expect(runner.log).toEqual([])
    const state = await start.finish()
    expect(state?.key).toMatch(/^go-build-linux-(amd64|arm64)-go[^-]+-[0-9a-f]{16}-[0-9a-f]{16}-77-1$/)
    // The seed's key is not one this job's prefixes find.
    expect(state?.matchedKey).toBe('')
    expect(state?.saveBlocked).toMatch(/and this is a pull_request run on refs\/pull\/7\/merge$/)
    expect(runner.log.map(l => l.level)).toEqual(['group', 'info', 'endgroup'])
    expect(runner.lines('info')).toEqual([expect.stringMatching(/^No build cache entry for go-build-/)])

    const off = startBuildCache({
      runner,
      inputs: { buildCache: 'off', buildCacheVariant: '', cacheDependencyPath: [] },
      goBin: 'go',
      workdirs: [workspace],
      env: job.env,
      moduleRestore: Promise.resolve({ report: { enabled: false, key: '', hit: 'miss', purged: [] } })
    })
    expect(await off.finish()).toBeUndefined()

    await build(job, './...')
    const post = await runPost(
      fakeRunner({ state: { summary: 'always', outcome: 'success', buildCache: state } })
    )
    expect(post.buildCache?.notSaved).toBe(`Not saved: ${state?.saveBlocked}.`)
  })

  it('saves only when the job added enough, and says so in a notice otherwise', async () => {
    const { saved } = await seed('1')
    const job = await newJob()
    const state = await restoreBuildCache(restoreOpts(job, '2', collector()))
    expect(state.restoredEntries).toBe(saved.length)
    const entries = service.entries().length
    await writeFile(path.join(workspace, 'c', 'more.go'), 'package c\n\nfunc More() int { return 4 }\n')
    try {
      expect((await build(job, './...')).sort()).toEqual(['example.test/app', 'example.test/app/c'])
      const log = collector()
      const report = await saveBuildCache(
        saveOpts(state, log, { threshold: { share: 0.1, bytes: 20 * 1024 * 1024 } })
      )
      expect(report.added.entries).toBeGreaterThan(0)
      expect(report.saved).toBeUndefined()
      expect(log.notices).toEqual([
        expect.stringMatching(
          /^Build cache not saved: the job added [\d.]+ KiB to the [\d.]+ KiB restored, less than the 20\.0 MiB a new entry needs, so the entry restored stays the newest\.$/
        )
      ])
      expect(service.entries()).toHaveLength(entries)
    } finally {
      await removeTree(path.join(workspace, 'c', 'more.go'))
    }
  })

  it('lets one of two jobs saving the same key save, and the other say so in a notice', async () => {
    await seed('1')
    const jobs = [await newJob(), await newJob()]
    const states: BuildCacheState[] = []
    for (const job of jobs) {
      const state = await restoreBuildCache(restoreOpts(job, '2', collector()))
      await writeFile(
        path.join(workspace, 'c', 'leg.go'),
        `package c\n\nfunc Leg() int { return ${states.length} }\n`
      )
      await build(job, './...')
      states.push(state)
    }
    await removeTree(path.join(workspace, 'c', 'leg.go'))
    const logs = [collector(), collector()]
    const reports = []
    for (const [i, state] of states.entries()) reports.push(await saveBuildCache(saveOpts(state, logs[i]!)))
    expect(reports[0]!.saved).toBeDefined()
    expect(reports[1]!.saved).toBeUndefined()
    expect(logs[1]!.notices).toEqual([
      `Build cache not saved: the entry ${PREFIX}2 already exists: another job of this run saved it first ` +
        '(matrix legs that build differently need build-cache-variants of their own).'
    ])
    expect(logs.flatMap(l => l.warnings)).toEqual([])
  })

  it('gives up on a service that errors, hangs or cannot be reached within seconds, and builds without it', async () => {
    await seed('1')
    for (const fault of ['error', 'hang', 'unreachable'] as const) {
      if (fault === 'unreachable') process.env.ACTIONS_RESULTS_URL = (await refusedUrl()) + '/'
      else service.setFault(fault)
      try {
        const job = await newJob()
        const log = collector()
        const started = Date.now()
        const state = await restoreBuildCache(restoreOpts(job, '2', log, { patience: QUICK }))
        expect(Date.now() - started).toBeLessThan(8000)
        expect(log.warnings).toEqual([
          expect.stringMatching(
            /^(Gave up on the build cache restore|Could not restore the build cache): .*; later steps build without it\.$/s
          )
        ])
        expect(state.matchedKey).toBe('')
        expect(state.unavailable).toBeDefined()
        expect(await names(job.gocache)).toEqual([])
        expect(await scratchLeft(job.gocache)).toEqual([])

        // The post step does not try a service the main step could not use (the abandoned restore may still
        // be retrying in the background, so the calls are counted in a test of their own, below)...
        await build(job, './...')
        const skipped = await saveBuildCache(saveOpts(state, collector(), { patience: QUICK }))
        expect(skipped.notSaved).toMatch(/^Not saved: the cache service could not be used/)
        // ...and a save that meets the fault itself gives up as quickly.
        const saveLog = collector()
        const saveStarted = Date.now()
        const saved = await saveBuildCache(
          saveOpts({ ...state, unavailable: undefined, manifest: undefined }, saveLog, { patience: QUICK })
        )
        expect(Date.now() - saveStarted).toBeLessThan(8000)
        expect(saved.saved).toBeUndefined()
        expect(saveLog.warnings).toEqual([saved.notSaved!.replace(/^Not saved: /, 'Build cache not saved: ')])
        expect(await scratchLeft(job.gocache)).toEqual([])
      } finally {
        service.setFault('none')
        process.env.ACTIONS_RESULTS_URL = service.url
      }
    }
    expect(service.entries().filter(e => e.finalized)).toHaveLength(1)
  })

  it('says in a plain line, not a notice, that a job that built nothing has nothing to save', async () => {
    const job = await newJob()
    const state = await restoreBuildCache(restoreOpts(job, '1', collector()))
    const log = collector()
    const report = await saveBuildCache(saveOpts(state, log))
    expect(report.notSaved).toBe("Not saved: the job's go commands wrote nothing to GOCACHE.")
    expect(log.notices).toEqual([])
    expect(service.entries()).toEqual([])
  })

  it('does not ask the service when the module cache could not use it in the same step', async () => {
    const job = await newJob()
    const log = collector()
    const state = await restoreBuildCache(restoreOpts(job, '1', log, { unavailable: 'it did not answer' }))
    expect(state.unavailable).toBe('it did not answer')
    expect(log.infos).toEqual([
      'Build cache not restored: the cache service could not be used for the module cache (it did not answer).'
    ])
    await build(job, './...')
    const report = await saveBuildCache(
      saveOpts({ ...state, unavailable: undefined }, collector(), { unavailable: 'no' })
    )
    expect(report.notSaved).toBe('Not saved: the cache service could not be used (no).')
    expect(service.calls()).toEqual([])
  })

  it('drops a corrupt archive: nothing lands in GOCACHE and the job builds from scratch', async () => {
    await seed('1')
    const entry = service.entries().find(e => e.finalized)!
    const blobs = new BlobServiceClient(
      azurite.blobEndpoint,
      new StorageSharedKeyCredential(DEV_ACCOUNT, DEV_ACCOUNT_KEY)
    ).getContainerClient('actions-cache')
    for await (const blob of blobs.listBlobsFlat({ prefix: `${entry.id}-` })) {
      const garbage = Buffer.alloc(entry.sizeBytes!, 0x5a)
      await blobs.getBlockBlobClient(blob.name).upload(garbage, garbage.length)
    }
    const job = await newJob()
    const log = collector()
    const state = await restoreBuildCache(restoreOpts(job, '2', log))
    expect(state.matchedKey).toBe('')
    expect(log.warnings).toEqual([
      expect.stringMatching(/^Could not restore the build cache: .*; later steps build without it\.$/)
    ])
    expect(await names(job.gocache)).toEqual([])
    expect(await scratchLeft(job.gocache)).toEqual([])
    expect(await stat(path.join(job.gocache, 'trim.txt')).catch(() => undefined)).toBeUndefined()
    expect(await build(job, './...')).toContain('example.test/app/a')
  })

  it('restores but does not save where the run may only read, with a notice', async () => {
    await seed('1')
    const job = await newJob()
    const state = await restoreBuildCache(
      restoreOpts(job, '2', collector(), {
        policy: { noSave: 'GitHub gives this run a read-only cache (cache-mode: read)', noSaveNotice: true }
      })
    )
    expect(state.matchedKey).toBe(`${PREFIX}1`)
    const log = collector()
    const report = await saveBuildCache(saveOpts(state, log))
    expect(report.saved).toBeUndefined()
    expect(log.notices).toEqual([
      'Build cache not saved: GitHub gives this run a read-only cache (cache-mode: read).'
    ])
  })
})
