import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { localZipHashing } from '../../src/go/zip-hash.js'
import { HASH_HERE_UNZIPPED_BYTES, HASH_HERE_ZIP_BYTES, ZipPool } from '../../src/go/zip-pool.js'
import { escapeModulePath } from '../../src/go/modcache.js'
import { removeTree } from '../../testkit/action.js'
import { generateModuleSet, type ModuleSet } from '../../testkit/modset.js'
import { writeZip } from '../../testkit/zip-writer.js'

let set: ModuleSet
let dir: string
const files: { file: string; want: string }[] = []

beforeAll(async () => {
  set = generateModuleSet({ count: 12, seed: 9, bigZipBytes: 24 * 1024 * 1024, bigEvery: 6 })
  dir = await mkdtemp(path.join(tmpdir(), 'zip-pool-'))
  for (const m of set.modules) {
    const file = path.join(dir, `${files.length}.zip`)
    await writeFile(file, set.files.get(`${escapeModulePath(m.path)}/@v/${m.version}.zip`) as Buffer)
    files.push({ file, want: set.sums.get(`${m.path}@${m.version}`) as string })
  }
})

afterAll(() => removeTree(dir))

describe('ZipPool', () => {
  it('hashes zips in worker threads to the h1 go.sum records, never more threads than allowed', async () => {
    const pool = new ZipPool({ threads: 2, growAfterMs: 0 })
    try {
      const hashes = (await Promise.all(files.map(f => pool.hash(f.file)))).map(d => d.hash)
      expect(hashes).toEqual(files.map(f => f.want))
      expect(pool.stats.zips).toBe(files.length)
      expect(pool.stats.peakThreads).toBe(2)
    } finally {
      await pool.close()
    }
  })

  it('starts a second thread only for zips that waited growAfterMs for the first', async () => {
    const patient = new ZipPool({ threads: 2, growAfterMs: 60_000 })
    const eager = new ZipPool({ threads: 2, growAfterMs: 0 })
    try {
      for (const pool of [patient, eager]) {
        const hashes = (await Promise.all(files.map(f => pool.hash(f.file)))).map(d => d.hash)
        expect(hashes).toEqual(files.map(f => f.want))
      }
      expect(patient.stats.peakThreads).toBe(1)
      expect(eager.stats.peakThreads).toBe(2)
    } finally {
      await Promise.all([patient.close(), eager.close()])
    }
  })

  it('keeps the event loop free while it hashes', async () => {
    const pool = new ZipPool({ threads: 1 })
    const delay = monitorEventLoopDelay({ resolution: 10 })
    delay.enable()
    try {
      await Promise.all(files.map(f => pool.hash(f.file)))
    } finally {
      delay.disable()
      await pool.close()
    }
    // Hashing the large zips on this thread blocks it far longer than this generous bound.
    const started = Date.now()
    await localZipHashing.hashZipFile(files[0]!.file)
    const blocking = Date.now() - started
    expect(delay.max / 1e6).toBeLessThan(Math.max(100, blocking / 2))
  })

  it('rejects a zip it cannot read with the reason, and goes on with the next', async () => {
    const pool = new ZipPool({ threads: 1 })
    const page = path.join(dir, 'page.zip')
    await writeFile(page, '<!DOCTYPE html><html>login</html>')
    try {
      await expect(pool.hash(page)).rejects.toThrow(/no end of central directory/)
      expect((await pool.hash(files[1]!.file)).hash).toBe(files[1]!.want)
    } finally {
      await pool.close()
    }
  })

  it('ends its threads when idle, and starts one again for the next zip', async () => {
    const pool = new ZipPool({ threads: 2, idleMs: 50 })
    try {
      await pool.hash(files[1]!.file)
      expect(pool.running).toBe(1)
      await new Promise(resolve => setTimeout(resolve, 300))
      expect(pool.running).toBe(0)
      expect((await pool.hash(files[2]!.file)).hash).toBe(files[2]!.want)
    } finally {
      await pool.close()
    }
  })

  it('starts its first thread when a large zip is on its way, and lets it go idle when none comes', async () => {
    const ports = () => process.getActiveResourcesInfo().filter(r => r === 'MessagePort').length
    const before = ports()
    const pool = new ZipPool({ threads: 2, idleMs: 100, growAfterMs: 0 })
    try {
      // A small zip, or one of unknown size, is no reason for a thread.
      pool.anticipate(HASH_HERE_ZIP_BYTES)
      pool.anticipate(Number.NaN)
      expect(pool.running).toBe(0)
      pool.anticipate(HASH_HERE_ZIP_BYTES + 1)
      expect(pool.running).toBe(1)
      // Only the first: more threads come from zips that wait.
      pool.anticipate(HASH_HERE_ZIP_BYTES + 1)
      expect(pool.running).toBe(1)
      // Waiting for a zip, it does not hold the process open.
      expect(ports()).toBe(before)
      await new Promise(resolve => setTimeout(resolve, 500))
      expect(pool.running).toBe(0)
      pool.anticipate(HASH_HERE_ZIP_BYTES + 1)
      expect((await pool.hash(files[1]!.file)).hash).toBe(files[1]!.want)
      expect(pool.stats.peakThreads).toBe(1)
    } finally {
      await pool.close()
    }
  })

  it('holds the process open while it hashes, and not once its threads are idle', async () => {
    // The main step ends when nothing else holds the process: an idle thread must not keep it waiting.
    const ports = () => process.getActiveResourcesInfo().filter(r => r === 'MessagePort').length
    const before = ports()
    const pool = new ZipPool({ threads: 1 })
    try {
      const hashing = pool.hash(files[1]!.file)
      expect(ports()).toBe(before + 1)
      expect((await hashing).hash).toBe(files[1]!.want)
      expect(pool.running).toBe(1)
      expect(ports()).toBe(before)
    } finally {
      await pool.close()
    }
  })

  it('hashes a small zip on the calling thread, and one that unpacks to much more in a thread', async () => {
    const prefix = 'example.test/small@v1.0.0/'
    const small = writeZip([
      { name: `${prefix}go.mod`, data: Buffer.from('module example.test/small\n') },
      { name: `${prefix}a.go`, data: Buffer.from('package small\n'.repeat(50)), method: 'deflate' }
    ])
    // A few KiB that unpack past the limit: hashing it on the calling thread would hold it up.
    const bomb = writeZip([
      { name: `${prefix}go.mod`, data: Buffer.from('module example.test/small\n') },
      { name: `${prefix}zeros.bin`, data: Buffer.alloc(HASH_HERE_UNZIPPED_BYTES * 4), method: 'deflate' }
    ])
    expect(bomb.length).toBeLessThan(HASH_HERE_ZIP_BYTES)
    const pool = new ZipPool({ threads: 1 })
    try {
      for (const [name, data, inThreads] of [
        ['small', small, 0],
        ['bomb', bomb, 1]
      ] as const) {
        const file = path.join(dir, `${name}.zip`)
        await writeFile(file, data)
        const want = (await localZipHashing.hashZipFile(file)).hash
        const before = pool.stats.zips
        expect((await pool.hash(file, data.length)).hash).toBe(want)
        expect(pool.stats.zips - before).toBe(inThreads)
      }
    } finally {
      await pool.close()
    }
  })

  it('hashes what is still queued on its own thread once closed', async () => {
    const pool = new ZipPool({ threads: 1 })
    const all = Promise.all(files.map(f => pool.hash(f.file)))
    await pool.close()
    expect((await all).map(d => d.hash)).toEqual(files.map(f => f.want))
  })
})
