import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import {
  compareSemver,
  DownloadCacheWriter,
  isCanonicalVersion,
  settleCachedZips
} from '../../src/go/download-cache.js'
import { parseGoSum } from '../../src/go/gosum.js'
import { downloadDir, escapeModulePath } from '../../src/go/modcache.js'
import { localZipHashing } from '../../src/go/zip-hash.js'
import { prefetch } from '../../src/relay/prefetch.js'
import { startRelay } from '../../src/relay/relay.js'
import { goEnv, removeTree, runGo } from '../../testkit/action.js'
import { generateModuleSet, type ModuleSet } from '../../testkit/modset.js'
import { startProxy } from '../../testkit/proxy.js'
import { tamperZip } from '../../testkit/proxy.js'

let set: ModuleSet
const roots: string[] = []

beforeAll(() => {
  set = generateModuleSet({ count: 30, seed: 23, bigZipBytes: 256 * 1024, bigEvery: 5 })
})

afterAll(() => Promise.all(roots.map(r => removeTree(r))))

async function root(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'download-cache-'))
  roots.push(dir)
  return dir
}

const fileOf = (m: { path: string; version: string }, ext: string): Buffer =>
  set.files.get(`${escapeModulePath(m.path)}/@v/${m.version}.${ext}`) as Buffer

async function hash(file: string): Promise<{ hash: string; flaw?: string }> {
  return localZipHashing.hashZipFile(file)
}

describe('DownloadCacheWriter', () => {
  it("writes .mod, .info, zip and .ziphash in go's layout, with go's version list and go's modes", async () => {
    const modCache = path.join(await root(), 'modcache')
    const writer = await DownloadCacheWriter.open(modCache)
    const m = set.modules[1]!
    const dir = downloadDir(modCache, m.path)
    // Each write says where in go's cache the file now is.
    expect(await writer.writeSmall(m.path, m.version, 'mod', fileOf(m, 'mod'))).toEqual({
      result: 'written',
      file: path.join(dir, `${m.version}.mod`)
    })
    expect((await writer.writeSmall(m.path, 'v0.0.1', 'mod', Buffer.from(`module ${m.path}\n`))).result).toBe(
      'written'
    )
    expect(await writer.writeSmall(m.path, m.version, 'info', fileOf(m, 'info'))).toEqual({
      result: 'written',
      file: path.join(dir, `${m.version}.info`)
    })
    const zip = writer.scratchFile()
    await writeFile(zip, fileOf(m, 'zip'))
    const sum = set.sums.get(`${m.path}@${m.version}`)!
    expect(await writer.writeZip(m.path, m.version, zip, sum)).toEqual({
      result: 'written',
      file: path.join(dir, `${m.version}.zip`)
    })
    expect(await readFile(path.join(dir, `${m.version}.ziphash`), 'utf8')).toBe(sum)
    expect(await readFile(path.join(dir, `${m.version}.zip`))).toEqual(fileOf(m, 'zip'))
    const mode = (await stat(path.join(dir, `${m.version}.mod`))).mode & 0o777
    expect(mode).toBe(0o666 & ~process.umask())
    // Nothing is left in the scratch folder but the zip the caller still holds.
    const left = await readdir(writer.scratch, { recursive: true, withFileTypes: true })
    expect(left.filter(e => e.isFile()).map(e => path.join(e.parentPath, e.name))).toEqual([zip])
    // The version lists are written once, when the writer closes.
    expect(existsSync(path.join(dir, 'list'))).toBe(false)
    await writer.close()
    expect(existsSync(writer.scratch)).toBe(false)
    expect(await readFile(path.join(dir, 'list'), 'utf8')).toBe(
      [`v0.0.1`, m.version].sort(compareSemver).join('\n') + '\n'
    )
  })

  it('never replaces a file that is there: another writer was first', async () => {
    const modCache = path.join(await root(), 'modcache')
    const writer = await DownloadCacheWriter.open(modCache)
    const m = set.modules[2]!
    const dir = downloadDir(modCache, m.path)
    await mkdir(dir, { recursive: true })
    await writeFile(path.join(dir, `${m.version}.mod`), 'written by go')
    await writeFile(path.join(dir, `${m.version}.ziphash`), 'h1:by-go')
    expect(await writer.writeSmall(m.path, m.version, 'mod', fileOf(m, 'mod'))).toEqual({
      result: 'present',
      file: path.join(dir, `${m.version}.mod`)
    })
    const zip = writer.scratchFile()
    await writeFile(zip, fileOf(m, 'zip'))
    await writer.writeZip(m.path, m.version, zip, set.sums.get(`${m.path}@${m.version}`)!)
    expect(await readFile(path.join(dir, `${m.version}.mod`), 'utf8')).toBe('written by go')
    expect(await readFile(path.join(dir, `${m.version}.ziphash`), 'utf8')).toBe('h1:by-go')
    await writer.close()
  })

  it('creates a .ziphash in place, which go hashes its zip again for when it reads one short', async () => {
    // A go process may read the .ziphash between its creation and its write: go must then re-hash the
    // zip, not stop. That is why the .ziphash alone is not linked from a finished file.
    const dir = await root()
    const env = goEnv(dir)
    const modCache = env.GOMODCACHE as string
    const writer = await DownloadCacheWriter.open(modCache)
    const m = set.modules[6]!
    const sum = set.sums.get(`${m.path}@${m.version}`)!
    await writer.writeSmall(m.path, m.version, 'mod', fileOf(m, 'mod'))
    await writer.writeSmall(m.path, m.version, 'info', fileOf(m, 'info'))
    const zip = writer.scratchFile()
    await writeFile(zip, fileOf(m, 'zip'))
    const ziphash = path.join(downloadDir(modCache, m.path), `${m.version}.ziphash`)
    await writeFile(ziphash, '')
    expect((await writer.writeZip(m.path, m.version, zip, sum)).result).toBe('written')
    expect(await readFile(ziphash, 'utf8')).toBe('')
    await writer.close()
    const run = await runGo(['mod', 'download', `${m.path}@${m.version}`], { cwd: dir, env })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(await readFile(ziphash, 'utf8')).toBe(sum)
  })
})

describe('settleCachedZips', () => {
  it('completes a zip without .ziphash that matches go.sum, and purges one that does not', async () => {
    const modCache = path.join(await root(), 'modcache')
    const [good, bad, hashed, contradicted] = [
      set.modules[3]!,
      set.modules[4]!,
      set.modules[5]!,
      set.modules[6]!
    ]
    for (const [m, data] of [
      [good, fileOf(good, 'zip')],
      [bad, tamperZip(fileOf(bad, 'zip'))],
      [hashed, fileOf(hashed, 'zip')],
      [contradicted, fileOf(contradicted, 'zip')]
    ] as const) {
      const dir = downloadDir(modCache, m.path)
      await mkdir(dir, { recursive: true })
      await writeFile(path.join(dir, `${m.version}.zip`), data)
    }
    await writeFile(
      path.join(downloadDir(modCache, hashed.path), `${hashed.version}.ziphash`),
      set.sums.get(`${hashed.path}@${hashed.version}`)!
    )
    // A .ziphash that says otherwise than go.sum: go would stop at it, so the zip goes even though it is good.
    await writeFile(
      path.join(downloadDir(modCache, contradicted.path), `${contradicted.version}.ziphash`),
      set.sums.get(`${good.path}@${good.version}`)!
    )
    const zips = [good, bad, hashed, contradicted].map(m => ({
      ...m,
      zip: set.sums.get(`${m.path}@${m.version}`)!
    }))
    const result = await settleCachedZips(modCache, zips, hash)
    expect(result).toEqual({
      completed: 1,
      purged: [`${bad.path}@${bad.version}`, `${contradicted.path}@${contradicted.version}`]
    })
    expect(
      await readFile(path.join(downloadDir(modCache, good.path), `${good.version}.ziphash`), 'utf8')
    ).toBe(zips[0]!.zip)
    expect(existsSync(path.join(downloadDir(modCache, bad.path), `${bad.version}.zip`))).toBe(false)
    expect(
      existsSync(path.join(downloadDir(modCache, contradicted.path), `${contradicted.version}.zip`))
    ).toBe(false)
    expect(existsSync(path.join(downloadDir(modCache, hashed.path), `${hashed.version}.zip`))).toBe(true)
  })
})

describe('the prefetch writing into the cache while go runs', () => {
  it('leaves a cache go verifies, with two go processes downloading from the relay at the same time', async () => {
    const dir = await root()
    const mirror = await startProxy({ files: set.files, latencyMs: 5 })
    const env: Record<string, string> = { ...goEnv(dir), GOFLAGS: '-modcacherw' }
    const modCache = env.GOMODCACHE as string
    const writer = await DownloadCacheWriter.open(modCache)
    const sums = parseGoSum(set.consumer.goSum)
    const relay = await startRelay({
      mirrors: [mirror.url],
      sums,
      env: {},
      cache: writer,
      policy: {
        maxAttempts: 3,
        backoff: { baseMs: 10, maxMs: 50 },
        stallTimeoutMs: 5000,
        concurrency: 8,
        onChecksumMismatch: 'fallback',
        deadline: Date.now() + 90_000
      }
    })
    try {
      const consumers = [path.join(dir, 'one'), path.join(dir, 'two')]
      for (const consumer of consumers) await set.writeConsumer(consumer)
      const prefetched = prefetch({ sums, modCache, noProxy: '', parallel: 8, fetch: r => relay.fetch(r) })
      const runs = await Promise.all(
        consumers.map(cwd => runGo(['mod', 'download'], { cwd, env: { ...env, GOPROXY: relay.url } }))
      )
      const report = await prefetched
      for (const run of runs) {
        expect(run.stderr).toBe('')
        expect(run.code).toBe(0)
      }
      expect(report.fetched).toBe(report.requested)
      // The prefetch wrote what go had not asked for yet, and go used it.
      expect(relay.report().totals.files).toBeGreaterThan(0)
      expect(writer.written.zip + writer.written.mod).toBeGreaterThan(0)
      const verify = await runGo(['mod', 'verify'], { cwd: consumers[0]!, env: { ...env, GOPROXY: 'off' } })
      expect(verify.stdout).toContain('all modules verified')
      for (const m of set.modules) {
        const ziphash = path.join(downloadDir(modCache, m.path), `${m.version}.ziphash`)
        expect(await readFile(ziphash, 'utf8')).toBe(set.sums.get(`${m.path}@${m.version}`))
      }
      // The relay's close leaves the writer its scratch folder: every version list is written at the end.
      await relay.close()
      await writer.close()
      for (const m of set.modules) {
        const list = await readFile(path.join(downloadDir(modCache, m.path), 'list'), 'utf8')
        expect(list.split('\n')).toContain(m.version)
      }
      expect(existsSync(writer.scratch)).toBe(false)
      // No scratch file of the relay's is named like go's own temporary files.
      const names = await readdir(path.join(modCache, 'cache', 'download'), { recursive: true })
      expect(names.filter(n => /\.tmp$/.test(String(n)))).toEqual([])
    } finally {
      await relay.close()
      await writer.close()
      await mirror.close()
    }
  })
})

describe('versions', () => {
  it('knows canonical versions and sorts them as go does', () => {
    expect(isCanonicalVersion('v1.2.3')).toBe(true)
    expect(isCanonicalVersion('v1.2.3-pre.1+incompatible')).toBe(true)
    expect(isCanonicalVersion('v1.2')).toBe(false)
    expect(isCanonicalVersion('v1.0.0-01')).toBe(false)
    expect(isCanonicalVersion('v1.0.0-!r!c1')).toBe(false)
    expect(
      ['v1.10.0', 'v1.2.0', 'v1.2.0-rc.10', 'v1.2.0-rc.2', 'v1.2.0-alpha', 'v2.0.0+incompatible'].sort(
        compareSemver
      )
    ).toEqual(['v1.2.0-alpha', 'v1.2.0-rc.2', 'v1.2.0-rc.10', 'v1.2.0', 'v1.10.0', 'v2.0.0+incompatible'])
  })
})
