import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdir, mkdtemp, readdir, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { listEntries } from '../../src/cache/build-entries.js'
import { goEnv, removeTree, runGo, runJob, type JobResult } from '../../testkit/action.js'
import { startAzurite, type Azurite } from '../../testkit/azurite.js'
import { startCacheService, type CacheService } from '../../testkit/cache-service.js'
import { generateModuleSet, type ModuleSet } from '../../testkit/modset.js'
import { startProxy, type Proxy } from '../../testkit/proxy.js'

// The bundled action as a workflow that replaced setup-go's cache with it runs it: main, the job's build,
// vet and go run steps, post; every job on a fresh runner (empty GOCACHE and module cache), the real go,
// the real @actions/cache against the cache service stand-in over Azurite.
let azurite: Azurite
let service: CacheService
let base: ModuleSet
let extra: ModuleSet
let proxy: Proxy
let modCache: string
let checkout: string
let event: string
const roots: string[] = []
let run = 0

beforeAll(async () => {
  base = generateModuleSet({ count: 5, seed: 51 })
  extra = generateModuleSet({ count: 1, seed: 52, prefix: 'extra.test' })
  proxy = await startProxy({ files: new Map([...base.files, ...extra.files]) })
  const shared = await mkdtemp(path.join(tmpdir(), 'e2e-build-cache-'))
  roots.push(shared)
  modCache = path.join(shared, 'mod')
  checkout = path.join(shared, 'work')
  event = path.join(shared, 'event.json')
  await writeFile(event, JSON.stringify({ repository: { default_branch: 'main' } }))
  azurite = await startAzurite()
  service = await startCacheService({ blobEndpoint: azurite.blobEndpoint })
})

afterAll(async () => {
  await Promise.all([service?.close(), proxy?.close()])
  await azurite?.stop()
  await Promise.all(roots.map(r => removeTree(r)))
})

/** A library importing every module the consumer requires directly (none of the standard library), and a tool. */
async function writeConsumer(dir: string, withExtra: boolean): Promise<void> {
  const direct = [...base.modules, ...(withExtra ? extra.modules : [])].filter(m => m.direct)
  const requires = (set: ModuleSet) => set.consumer.goMod.split('\n').filter(l => /^\t\S+ v\S+/.test(l))
  const goMod =
    `module example.test/consumer\n\ngo 1.21\n\nrequire (\n` +
    [...requires(base), ...(withExtra ? requires(extra) : [])].join('\n') +
    '\n)\n'
  const files: Record<string, string> = {
    'go.mod': goMod,
    'go.sum': base.consumer.goSum + (withExtra ? extra.consumer.goSum : ''),
    'lib.go':
      'package consumer\n\nimport (\n' +
      direct.map((m, i) => `\tm${i} "${m.path}"\n`).join('') +
      ')\n\n// Sum adds up what the modules give.\nfunc Sum() int {\n\treturn ' +
      direct.map((_, i) => `m${i}.Value()`).join(' + ') +
      '\n}\n',
    'cmd/tool/main.go': 'package main\n\nfunc main() {}\n'
  }
  // Well before the build, and the same every job: go keys what it knows of a package's files by their
  // mtimes, and does not cache it for files changed seconds ago.
  const checkedOut = new Date('2024-01-02T03:04:05Z')
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, ...name.split('/'))
    await mkdir(path.dirname(file), { recursive: true })
    await writeFile(file, text)
    await utimes(file, checkedOut, checkedOut)
  }
}

interface Job extends JobResult {
  root: string
  gocache: string
  /** What `go build -v ./...` said it compiled. */
  compiled: string[]
  /** The entries GOCACHE held before the job's own steps ran. */
  entriesBefore: number
}

/** One job on a fresh runner; `github` overrides the push-on-main event. */
async function job(
  opts: {
    withExtra?: boolean
    github?: Record<string, string>
    /** Runs before the action, as a step that fills GOCACHE would. */
    before?: (env: Record<string, string>, dir: string) => Promise<void>
  } = {}
): Promise<Job> {
  const root = await mkdtemp(path.join(tmpdir(), 'e2e-build-cache-'))
  roots.push(root)
  // Every job checks out at the same path and starts with empty caches at the same paths, as on a runner:
  // go's action ids hold the package's directory, and the cache version the module cache's path.
  const dir = checkout
  await removeTree(dir)
  await writeConsumer(dir, opts.withExtra ?? false)
  await removeTree(modCache)
  run++
  const env: Record<string, string> = {
    ...goEnv(root),
    GOMODCACHE: modCache,
    ...service.env,
    GITHUB_EVENT_NAME: 'push',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_EVENT_PATH: event,
    GITHUB_JOB: 'build',
    GITHUB_RUN_ID: String(1000 + run),
    GITHUB_RUN_ATTEMPT: '1',
    ...opts.github
  }
  await opts.before?.(env, dir)
  const gocache = env.GOCACHE!
  let compiled: string[] = []
  let entriesBefore = 0
  const result = await runJob({
    inputs: { proxies: proxy.url, 'retry-delay': '20ms' },
    env,
    cwd: dir,
    runnerTemp: path.join(root, 'runner-temp'),
    timeoutMs: 120_000,
    between: async (main, later) => {
      expect(main.exitCode).toBe(0)
      entriesBefore = (await listEntries(gocache)).length
      const go = (args: string[]) => runGo(args, { cwd: dir, env: later, timeoutMs: 90_000 })
      const built = await go(['build', '-v', './...'])
      expect(built.code).toBe(0)
      compiled = built.stderr.split('\n').filter(l => l !== '')
      expect((await go(['vet', './...'])).code).toBe(0)
      expect((await go(['run', './cmd/tool'])).code).toBe(0)
    }
  })
  return { ...result, root, gocache, compiled, entriesBefore }
}

function buildEntries(): string[] {
  return service
    .entries()
    .filter(e => e.finalized && e.key.startsWith('go-build-'))
    .map(e => e.key)
}

describe('the build cache end to end', () => {
  it('saves what a push on the default branch built, vetted and ran, and the next run compiles nothing', async () => {
    const first = await job()
    expect(first.main.stdout).toMatch(/No build cache entry for go-build-linux-/)
    expect(first.compiled).toEqual(
      expect.arrayContaining(['example.test/consumer', 'example.test/consumer/cmd/tool'])
    )
    expect(first.post.exitCode).toBe(0)
    expect(first.post.stdout).not.toMatch(/^::(warning|error)::/m)
    expect(first.post.summary).toMatch(
      /<p>Nothing was restored; the job added \d+ entries \([^)]+\)\. Saved \d+ entries \([^)]+\), 1 cached executables among them as <code>go-build-linux-\S+-1001-1<\/code>, a [^,]+ archive in [^<]+\.<\/p>/
    )
    expect(buildEntries()).toEqual([
      expect.stringMatching(/^go-build-linux-(amd64|arm64)-go[^-]+-[0-9a-f]{16}-[0-9a-f]{16}-1001-1$/)
    ])

    const second = await job()
    expect(second.main.stdout).toMatch(
      /Build cache restored from go-build-\S+-1001-1: \d+ entries \([^)]+, 1 cached executables\)/
    )
    expect(second.entriesBefore).toBeGreaterThan(0)
    expect(second.compiled).toEqual([])
    expect(second.post.summary).toMatch(
      /the job used \d+ entries \([^)]+\) of them and added 0 entries \(0 B\)\./
    )
    expect(second.post.stdout).toMatch(
      /^::notice::Build cache not saved: the job added 0 B to the [^ ]+ [KMG]?i?B restored, less than the 20\.0 MiB a new entry needs, so the entry restored stays the newest\.$/m
    )
    expect(buildEntries()).toHaveLength(1)
  })

  it('after go.sum changed by one module, starts from the newest entry and compiles only what changed', async () => {
    const changed = await job({ withExtra: true })
    expect(changed.main.stdout).toMatch(/Build cache restored from go-build-\S+-1001-1:/)
    expect(changed.compiled.sort()).toEqual([extra.modules[0]!.path, 'example.test/consumer'].sort())
    expect(changed.post.summary).toMatch(/and added [1-9]\d* entries/)
  })

  it('restores on a pull request without saving, and leaves tag runs alone', async () => {
    const pr = await job({ github: { GITHUB_EVENT_NAME: 'pull_request', GITHUB_REF: 'refs/pull/7/merge' } })
    expect(pr.compiled).toEqual([])
    expect(pr.post.stdout).toMatch(
      /^Build cache not saved: only push, schedule and workflow_dispatch runs on main save it \(build-cache: always lets every run save\), and this is a pull_request run on refs\/pull\/7\/merge\.$/m
    )
    expect(pr.post.stdout).not.toMatch(/^::(warning|notice)::/m)

    const calls = service.calls().length
    const tag = await job({ github: { GITHUB_REF: 'refs/tags/v1.0.0' } })
    expect(tag.main.stdout).toMatch(
      /Build cache not used: tag and release runs build from scratch unless build-cache is always\./
    )
    expect(tag.entriesBefore).toBe(0)
    expect(tag.compiled).toContain('example.test/consumer')
    expect(tag.post.summary).toContain(
      '<p>Not used: tag and release runs build from scratch unless build-cache is always.</p>'
    )
    // The module cache asked the service, the build cache did not.
    expect(
      service
        .calls()
        .slice(calls)
        .filter(c => c === 'GetCacheEntryDownloadURL')
    ).toHaveLength(1)
    expect(buildEntries()).toHaveLength(1)
  })

  it('leaves a GOCACHE that already holds entries exactly as it is', async () => {
    const filled = await job({
      before: async (env, dir) => {
        const built = await runGo(['build', './cmd/tool'], { cwd: dir, env: { ...env, GOPROXY: 'off' } })
        expect(built.code).toBe(0)
      }
    })
    expect(filled.main.stdout).toMatch(/Build cache not used: \S+ already holds entries/)
    expect(filled.post.summary).toMatch(/<p>Not used: \S+ already holds entries, which are left as they are/)
    expect((await readdir(filled.gocache)).filter(n => n.startsWith('go-mod-download-'))).toEqual([])
    expect(buildEntries()).toHaveLength(1)
  })
})
