import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { goEnv, removeTree, runGo, runJob, runStep, type JobResult } from '../../testkit/action.js'
import { startAzurite, type Azurite } from '../../testkit/azurite.js'
import { startCacheService, type CacheService } from '../../testkit/cache-service.js'
import { generateModuleSet, type ModuleSet } from '../../testkit/modset.js'
import { refusedUrl, startProxy, type LogEntry, type Proxy } from '../../testkit/proxy.js'

// The bundled action, main and post, with the real @actions/cache against a local cache service
// whose blobs live in Azurite, and the real go against a loopback module proxy.
let azurite: Azurite
let service: CacheService
let base: ModuleSet
let extra: ModuleSet
let proxy: Proxy
const roots: string[] = []
let modCache: string

beforeAll(async () => {
  base = generateModuleSet({ count: 100, seed: 21 })
  extra = generateModuleSet({ count: 8, seed: 22, prefix: 'extra.test' })
  proxy = await startProxy({ files: new Map([...base.files, ...extra.files]) })
  modCache = path.join(await mkdtemp(path.join(tmpdir(), 'e2e-cache-modcache-')), 'mod')
  roots.push(path.dirname(modCache))
  azurite = await startAzurite()
  service = await startCacheService({ blobEndpoint: azurite.blobEndpoint })
})

afterAll(async () => {
  await Promise.all([service?.close(), proxy?.close()])
  await azurite?.stop()
  await Promise.all(roots.map(r => removeTree(r)))
})

interface Consumer {
  goMod: string
  goSum: string
}

/** The base consumer with a direct requirement (the first by default) dropped and the extra set's modules added. */
function changedConsumer(drop = 0): { consumer: Consumer; dropped: string } {
  const directLine = base.consumer.goMod.split('\n').filter(l => /^\t\S+ v\S+$/.test(l))[drop] as string
  const [dropped, version] = directLine.trim().split(' ') as [string, string]
  const extraRequires = extra.consumer.goMod
    .split('\n')
    .filter(l => /^\t\S+ v\S+/.test(l))
    .join('\n')
  const goMod = base.consumer.goMod
    .replace(`${directLine}\n`, '')
    .replace(/require \(\n/, `require (\n${extraRequires}\n`)
  const goSum =
    base.consumer.goSum
      .split('\n')
      .filter(l => !l.startsWith(`${dropped} ${version}`))
      .join('\n') + extra.consumer.goSum
  return { consumer: { goMod, goSum }, dropped }
}

async function job(
  consumer: Consumer,
  env: Record<string, string> = service.env
): Promise<
  JobResult & { root: string; dir: string; fetched: LogEntry[]; requests: number; mirrorRequests: number }
> {
  const root = await mkdtemp(path.join(tmpdir(), 'e2e-cache-'))
  roots.push(root)
  const dir = path.join(root, 'work')
  await mkdir(dir, { recursive: true })
  await writeFile(path.join(dir, 'go.mod'), consumer.goMod)
  await writeFile(path.join(dir, 'go.sum'), consumer.goSum)
  const before = proxy.log.length
  // Every job starts empty, at the same GOMODCACHE path a runner would have (the path is part of the cache version).
  await removeTree(modCache)
  const result = await runJob({
    inputs: { proxies: proxy.url, 'retry-delay': '20ms' },
    env: { ...goEnv(root), GOMODCACHE: modCache, ...env },
    cwd: dir,
    runnerTemp: path.join(root, 'runner-temp'),
    timeoutMs: 120_000
  })
  const fetched = proxy.log.slice(before).filter(e => e.path.includes('/@v/'))
  return {
    ...result,
    root,
    dir,
    fetched,
    requests: fetched.length,
    mirrorRequests: proxy.log.length - before
  }
}

/** A step's warnings, but for the one goEnv's GOSUMDB=off earns in every main step. */
function warnings(stdout: string): string[] {
  return stdout.split('\n').filter(l => l.startsWith('::warning') && !l.startsWith('::warning::GOSUMDB=off'))
}

async function cachedZips(): Promise<string[]> {
  const download = path.join(modCache, 'cache', 'download')
  const entries = await readdir(download, { recursive: true }).catch(() => [] as string[])
  return entries.filter(e => e.endsWith('.zip')).sort()
}

describe('the module cache end to end', () => {
  it('misses and saves, then restores an exact hit that sends no request to the mirror, not even a probe', async () => {
    const first = await job(base.consumer)
    expect(first.main.exitCode).toBe(0)
    expect(first.main.outputs['cache-hit']).toBe('false')
    expect(first.main.outputs['cache-key']).toMatch(/^go-mod-linux-(amd64|arm64)-[0-9a-f]{64}$/)
    expect(first.post.exitCode).toBe(0)
    expect(first.post.summary).toMatch(/Saved as/)
    expect(service.entries().filter(e => e.finalized)).toHaveLength(1)

    const second = await job(base.consumer)
    expect(second.main.exitCode).toBe(0)
    expect(second.main.outputs['cache-hit']).toBe('true')
    expect(second.main.outputs['cache-key']).toBe(first.main.outputs['cache-key'])
    expect(second.mirrorRequests).toBe(0)
    expect(second.main.stdout).toMatch(/holds every file go\.sum names/)
    expect(second.main.summary).toMatch(/Mirrors were not probed: the restored module cache holds every file/)
    expect(await cachedZips()).toHaveLength(base.modules.length)
    const verify = await runGo(['mod', 'verify'], {
      cwd: second.dir,
      env: { ...goEnv(second.root), GOMODCACHE: modCache, GOPROXY: 'off', GOFLAGS: '-mod=mod' }
    })
    expect(verify.code).toBe(0)
    expect(second.post.summary).toMatch(/Not saved: the cache was restored from go-mod-\S+ itself/)
    expect(service.entries().filter(e => e.finalized)).toHaveLength(1)
  })

  it('starts from the previous cache when go.sum changed, fetches only the new modules and saves a pruned entry', async () => {
    const { consumer, dropped } = changedConsumer()
    const changed = await job(consumer)
    expect(changed.main.exitCode).toBe(0)
    expect(changed.main.outputs['cache-hit']).toBe('false')
    const zipRequests = changed.fetched.filter(e => e.path.endsWith('.zip'))
    expect(zipRequests.length).toBe(extra.modules.length)
    expect(zipRequests.every(e => e.path.startsWith('extra.test/'))).toBe(true)
    expect(changed.post.summary).toMatch(/Saved as/)

    const again = await job(consumer)
    expect(again.main.outputs['cache-hit']).toBe('true')
    expect(again.requests).toBe(0)
    const zips = await cachedZips()
    expect(zips.some(z => z.startsWith(dropped.replace(/[A-Z]/g, c => '!' + c.toLowerCase()) + '/'))).toBe(
      false
    )
    expect(zips).toHaveLength(base.modules.length - 1 + extra.modules.length)
  })

  it('saves nothing when the download failed', async () => {
    const entries = service.entries().length
    const broken: Consumer = {
      goMod: base.consumer.goMod.replace(/(\tex\S+) v1\.\d+\.\d+\n/, '$1 v9.9.9\n'),
      goSum: base.consumer.goSum
    }
    const failed = await job(broken)
    expect(failed.main.exitCode).toBe(1)
    expect(failed.main.outputs.outcome).toBe('failure')
    expect(failed.post.exitCode).toBe(0)
    expect(failed.post.summary).toMatch(/Not saved/)
    expect(service.entries().length).toBe(entries)
  })

  // The goal: a cache service in trouble costs main and post 20 s at most each; 25 s leaves room for the rest.
  const BOUND_MS = 25_000

  for (const [fault, said] of [
    ['hang', /did not answer within/],
    ['error', /failed 2 times \(Failed request: \(500\)/]
  ] as const) {
    it(`gives up on a cache service that ${fault === 'hang' ? 'never answers' : 'answers 500'}, once in main, and post does not try again`, async () => {
      service.setFault(fault)
      try {
        const run = await job(base.consumer)
        expect(run.main.exitCode).toBe(0)
        expect(run.main.outputs.outcome).toBe('success')
        expect(run.main.durationMs).toBeLessThan(BOUND_MS)
        expect(warnings(run.main.stdout)).toEqual([expect.stringMatching(said)])
        expect(warnings(run.main.stdout)[0]).toMatch(/^::warning::Gave up on the module cache restore: /)
        expect(run.post.exitCode).toBe(0)
        expect(run.post.durationMs).toBeLessThan(BOUND_MS)
        expect(warnings(run.post.stdout)).toEqual([
          expect.stringMatching(/^::warning::Not saved: the cache service could not be used in the main step/)
        ])
        expect(run.post.stdout).not.toMatch(/::error::/)
        expect(await readFile(path.join(run.dir, 'go.sum'), 'utf8')).toBe(base.consumer.goSum)
      } finally {
        service.setFault('none')
      }
    })
  }

  it('gives up on a save the cache service accepts and never answers', async () => {
    const { consumer } = changedConsumer()
    const entries = service.entries().length
    service.setFault('hang', { methods: ['CreateCacheEntry', 'FinalizeCacheEntryUpload'] })
    try {
      const run = await job({ ...consumer, goSum: consumer.goSum.replace(/\n$/, '\n\n') })
      expect(run.main.exitCode).toBe(0)
      expect(warnings(run.main.stdout)).toEqual([])
      expect(run.post.exitCode).toBe(0)
      expect(run.post.durationMs).toBeLessThan(BOUND_MS)
      expect(warnings(run.post.stdout)).toEqual([
        expect.stringMatching(/^::warning::Not saved: the cache service did not answer within/)
      ])
      expect(service.entries().length).toBe(entries)
    } finally {
      service.setFault('none')
    }
  })

  it('gives up on a restore whose download stalls after the lookup answered, and downloads from the mirror', async () => {
    const first = service.entries().find(e => e.finalized)
    expect(first).toBeDefined()
    service.setFault('stall-blob')
    try {
      const run = await job(base.consumer)
      expect(service.calls()).toContain('blob download')
      expect(run.main.exitCode).toBe(0)
      expect(run.main.outputs.outcome).toBe('success')
      expect(run.main.outputs['cache-hit']).toBe('false')
      expect(run.main.durationMs).toBeLessThan(BOUND_MS)
      expect(warnings(run.main.stdout)).toEqual([
        expect.stringMatching(/^::warning::Gave up on the module cache restore: the transfer stalled/)
      ])
      expect(run.fetched.filter(e => e.path.endsWith('.zip'))).toHaveLength(base.modules.length)
      expect(run.post.exitCode).toBe(0)
      expect(run.post.durationMs).toBeLessThan(BOUND_MS)
      expect(warnings(run.post.stdout)).toEqual([])
      expect(run.post.summary).toMatch(/already exists/)
    } finally {
      service.setFault('none')
    }
  })

  it('lets two jobs share one module cache at once: both green, one saves, the other says so, the cache verifies', async () => {
    const { consumer } = changedConsumer(1)
    const shared = path.join(await mkdtemp(path.join(tmpdir(), 'e2e-cache-shared-')), 'mod')
    roots.push(path.dirname(shared))
    const before = new Set(service.entries().map(e => e.id))
    const jobs = await Promise.all(
      ['a', 'b'].map(async name => {
        const root = await mkdtemp(path.join(tmpdir(), `e2e-cache-${name}-`))
        roots.push(root)
        const dir = path.join(root, 'work')
        await mkdir(dir, { recursive: true })
        await writeFile(path.join(dir, 'go.mod'), consumer.goMod)
        await writeFile(path.join(dir, 'go.sum'), consumer.goSum)
        const step = {
          inputs: { proxies: proxy.url, 'retry-delay': '20ms' },
          env: { ...goEnv(root), GOMODCACHE: shared, ...service.env },
          cwd: dir,
          runnerTemp: path.join(root, 'runner-temp'),
          timeoutMs: 120_000
        }
        await mkdir(step.runnerTemp, { recursive: true })
        return { root, dir, step }
      })
    )
    // Both main steps run at once, then both post steps, as in two jobs started together.
    const mains = await Promise.all(jobs.map(j => runStep({ ...j.step, entry: 'main' })))
    const posts = await Promise.all(
      jobs.map((j, i) => runStep({ ...j.step, entry: 'post', state: mains[i]!.state }))
    )
    for (const main of mains) {
      expect(main.exitCode).toBe(0)
      expect(main.outputs.outcome).toBe('success')
      expect(main.outputs['cache-hit']).toBe('false')
      expect(warnings(main.stdout)).toEqual([])
    }
    for (const post of posts) {
      expect(post.exitCode).toBe(0)
      expect(warnings(post.stdout)).toEqual([])
      expect(post.stdout).not.toMatch(/::error::/)
    }
    const key = mains[0]!.outputs['cache-key']
    expect(mains[1]!.outputs['cache-key']).toBe(key)
    const saved = service.entries().filter(e => !before.has(e.id) && e.finalized)
    expect(saved.map(e => e.key)).toEqual([key])
    const summaries = posts.map(p => p.summary)
    expect(summaries.filter(t => t.includes(`Saved as <code>${key}</code>`))).toHaveLength(1)
    expect(summaries.filter(t => /already exists; another job saved it first/.test(t))).toHaveLength(1)

    expect((await readdir(path.join(shared, 'cache'))).filter(n => n.startsWith('go-mod-download-'))).toEqual(
      []
    )
    const verify = await runGo(['mod', 'verify'], {
      cwd: jobs[0]!.dir,
      env: { ...goEnv(jobs[0]!.root), GOMODCACHE: shared, GOPROXY: 'off', GOFLAGS: '-mod=mod' }
    })
    expect(verify.stderr).toBe('')
    expect(verify.code).toBe(0)
  })

  it('downloads normally, with warnings and no failed step, when the cache service is unreachable', async () => {
    const unreachable = { ...service.env, ACTIONS_RESULTS_URL: `${await refusedUrl()}/` }
    const run = await job(base.consumer, unreachable)
    expect(run.main.exitCode).toBe(0)
    expect(run.main.outputs.outcome).toBe('success')
    expect(run.main.stdout).toMatch(/::warning::.*(cache|Cache)/)
    expect(run.post.exitCode).toBe(0)
    expect(run.post.stdout).not.toMatch(/::error::/)
    expect(await readFile(path.join(run.dir, 'go.sum'), 'utf8')).toBe(base.consumer.goSum)
  })
})
