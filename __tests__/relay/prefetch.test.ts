import { describe, expect, it } from '@jest/globals'
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseGoSum } from '../../src/go/gosum.js'
import { downloadDir } from '../../src/go/modcache.js'
import type { ProxyRequest } from '../../src/go/proxy-path.js'
import { prefetch, prefetchPlan } from '../../src/relay/prefetch.js'
import { removeTree } from '../../testkit/action.js'

const goSum = [
  'example.test/Acme/a v1.0.0 h1:aaa=',
  'example.test/Acme/a v1.0.0/go.mod h1:amod=',
  'example.test/b v1.2.0/go.mod h1:bmod=',
  'private.test/c v0.1.0 h1:ccc=',
  'private.test/c v0.1.0/go.mod h1:cmod='
].join('\n')

describe('prefetchPlan', () => {
  it('asks for every .mod first, then .info and zip where go.sum has a zip hash, skipping private paths and cached files', async () => {
    const modCache = await mkdtemp(path.join(tmpdir(), 'prefetch-'))
    try {
      const dir = downloadDir(modCache, 'example.test/Acme/a')
      await mkdir(dir, { recursive: true })
      await writeFile(path.join(dir, 'v1.0.0.info'), '{}')
      const plan = prefetchPlan(parseGoSum(goSum), modCache, 'private.test')
      expect(plan.requests.map(r => `${r.module}@${r.version}.${r.file}`)).toEqual([
        'example.test/Acme/a@v1.0.0.mod',
        'example.test/b@v1.2.0.mod',
        'example.test/Acme/a@v1.0.0.zip'
      ])
      expect(plan.cached).toBe(1)
      expect(plan.private).toBe(3)
    } finally {
      await removeTree(modCache)
    }
  })
})

describe('prefetch', () => {
  it('asks for each file once, at most `parallel` at a time, and counts what it could not get', async () => {
    const seen: string[] = []
    let inFlight = 0
    let peak = 0
    const report = await prefetch({
      sums: parseGoSum(goSum),
      modCache: path.join(tmpdir(), 'does-not-exist'),
      noProxy: '',
      parallel: 2,
      fetch: async (request: ProxyRequest) => {
        inFlight++
        peak = Math.max(peak, inFlight)
        await new Promise(resolve => setTimeout(resolve, 5))
        inFlight--
        const r = request as { module: string; file: string }
        seen.push(`${r.module}.${r.file}`)
        if (r.module === 'private.test/c') return { ok: false, status: r.file === 'zip' ? 502 : 404 }
        return { ok: true }
      }
    })
    expect(seen.sort()).toEqual([...new Set(seen)].sort())
    expect(seen).toHaveLength(7)
    expect(peak).toBe(2)
    expect(report).toMatchObject({ requested: 7, fetched: 4, notFound: 2, failed: 1, cached: 0 })
  })
})

describe('the part go fetches itself', () => {
  const withExtra = [
    'example.test/app v1.0.0 h1:app=',
    'example.test/app v1.0.0/go.mod h1:appmod=',
    'example.test/testonly v1.0.0 h1:t=',
    'example.test/testonly v1.0.0/go.mod h1:tmod='
  ].join('\n')

  it("puts go's files first, in go's order, and says when those go asks for before unpacking are settled", async () => {
    const order: string[] = []
    let goPartAt = -1
    const report = await prefetch({
      sums: parseGoSum(withExtra),
      modCache: path.join(tmpdir(), 'does-not-exist'),
      noProxy: '',
      parallel: 1,
      goFetches: entry => entry.path === 'example.test/app',
      onGoPart: () => (goPartAt = order.length),
      fetch: async (request: ProxyRequest) => {
        if (request.kind === 'version') order.push(`${request.module}.${request.file}`)
        return { ok: true }
      }
    })
    expect(order).toEqual([
      'example.test/app.mod',
      'example.test/testonly.mod',
      'example.test/app.info',
      'example.test/app.zip',
      'example.test/testonly.info',
      'example.test/testonly.zip'
    ])
    // go stats every module before it fetches any zip: the graph and the .info files are its part.
    expect(goPartAt).toBe(3)
    expect(report.fetched).toBe(6)
  })

  it('with modules: build, asks only for the zips go fetches', () => {
    const plan = prefetchPlan(
      parseGoSum(withExtra),
      path.join(tmpdir(), 'does-not-exist'),
      '',
      entry => entry.path === 'example.test/app'
    )
    expect(plan.requests.filter(r => r.file === 'zip').map(r => r.module)).toEqual(['example.test/app'])
  })
})

describe('unpacking early', () => {
  const three = [
    'example.test/a v1.0.0 h1:a=',
    'example.test/a v1.0.0/go.mod h1:amod=',
    'example.test/b v1.0.0 h1:b=',
    'example.test/b v1.0.0/go.mod h1:bmod=',
    'example.test/graph v1.0.0/go.mod h1:gmod=',
    'example.test/c v1.0.0 h1:c=',
    'example.test/c v1.0.0/go.mod h1:cmod='
  ].join('\n')
  /** The prefetch of those lines one request at a time: what it asked for, handed over, and when go could start. */
  async function unpackingEarly(early: string[], waited: boolean, modCache = path.join(tmpdir(), 'none')) {
    const order: string[] = []
    const ready: string[] = []
    let goPartAt = -1
    let measures = 0
    await prefetch({
      sums: parseGoSum(three),
      modCache,
      noProxy: '',
      parallel: 1,
      early: {
        modules: new Set(early.map(name => `example.test/${name}@v1.0.0`)),
        measure: () => {
          measures++
          return () => waited
        },
        ready: (module, bytes) => ready.push(`${module.slice(13)}: ${bytes} bytes, after ${order.length}`)
      },
      onGoPart: () => (goPartAt = order.length),
      fetch: async (request: ProxyRequest) => {
        if (request.kind !== 'version') return { ok: false, status: 400 }
        order.push(`${request.module.slice(13)}.${request.file}`)
        return { ok: true, size: request.file === 'zip' ? 1000 : 10 }
      }
    })
    return { order, ready, goPartAt, measures }
  }

  it("once the relay mostly waits, fetches each early module's files together and hands it over whole", async () => {
    const run = await unpackingEarly(['b', 'c'], true)
    // Three requests in go's order, then the early modules whole, then the rest.
    expect(run.order).toEqual([
      'a.mod',
      'b.mod',
      'graph.mod',
      'b.info',
      'b.zip',
      'c.mod',
      'c.info',
      'c.zip',
      'a.info',
      'a.zip'
    ])
    expect(run.measures).toBe(1)
    expect(run.ready).toEqual(['b@v1.0.0: 1020 bytes, after 5', 'c@v1.0.0: 1020 bytes, after 8'])
    // go starts once the early zips are in too: it then finds them unpacked instead of fetching them.
    expect(run.goPartAt).toBe(9)
  })

  it('keeps go’s order, and hands nothing over, when the relay was busy', async () => {
    const run = await unpackingEarly(['b'], false)
    expect(run.order).toEqual([
      'a.mod',
      'b.mod',
      'graph.mod',
      'c.mod',
      'a.info',
      'b.info',
      'c.info',
      'a.zip',
      'b.zip',
      'c.zip'
    ])
    expect(run.ready).toEqual([])
    expect(run.goPartAt).toBe(7)
  })

  it('hands over, once it unpacks early, an early module whose files were all in the cache', async () => {
    const modCache = await mkdtemp(path.join(tmpdir(), 'prefetch-'))
    try {
      const dir = downloadDir(modCache, 'example.test/c')
      await mkdir(dir, { recursive: true })
      for (const ext of ['mod', 'info', 'zip']) await writeFile(path.join(dir, `v1.0.0.${ext}`), 'x')
      const run = await unpackingEarly(['c'], true, modCache)
      expect(run.ready).toEqual(['c@v1.0.0: 0 bytes, after 3'])
    } finally {
      await removeTree(modCache)
    }
  })
})
