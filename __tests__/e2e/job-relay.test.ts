// The bundled relay (dist/relay) as the main step starts it for later steps: detached, stopped by the post step.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { spawn } from 'node:child_process'
import {
  isAlive,
  spawnDaemon,
  stopDaemon,
  watchedProcess,
  type DaemonConfig
} from '../../src/relay/daemon.js'
import { goEnv, removeTree, repoRoot, runGo } from '../../testkit/action.js'
import { escapeModulePath, generateModuleSet, type ModuleSet } from '../../testkit/modset.js'
import { startProxy, type Proxy } from '../../testkit/proxy.js'

let set: ModuleSet
let root: string
let proxy: Proxy
const script = path.join(repoRoot, 'dist', 'relay', 'index.js')

beforeAll(async () => {
  set = generateModuleSet({ count: 8, seed: 21 })
  root = await mkdtemp(path.join(tmpdir(), 'daemon-'))
  proxy = await startProxy({ files: set.files, faults: [{ kind: 'status', status: 503, times: 1 }] })
})

afterAll(async () => {
  await proxy.close()
  await removeTree(root)
})

function config(
  overrides: Partial<DaemonConfig> = {}
): Omit<DaemonConfig, 'journal' | 'controlSecret' | 'joinSecret'> {
  return {
    mirrors: [proxy.url],
    tryLast: [],
    goSumFiles: [],
    env: {},
    policy: {
      maxAttempts: 3,
      backoff: { baseMs: 5, maxMs: 20 },
      stallTimeoutMs: 2000,
      concurrency: 4,
      onChecksumMismatch: 'fallback'
    },
    idleTimeoutMs: 60_000,
    journalLimitBytes: 1024 * 1024,
    ...overrides
  }
}

describe('a detached relay', () => {
  it('serves go after its parent step is gone, and stops when the post step asks', async () => {
    const handle = await spawnDaemon({ script, config: config(), tempDir: root, env: process.env })
    expect(isAlive(handle.pid)).toBe(true)
    const work = path.join(root, 'work')
    await set.writeConsumer(work)
    const env = {
      ...goEnv(root),
      GOPROXY: `http://127.0.0.1:${handle.port}/${handle.secret}`,
      GOFLAGS: '-modcacherw'
    }
    const result = await runGo(['mod', 'download'], { cwd: work, env, timeoutMs: 60_000 })
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const stopped = await stopDaemon(handle)
    expect(stopped.how).toBe('stopped')
    expect(isAlive(handle.pid)).toBe(false)
    const files = stopped.lines.filter(l => l.t === 'file')
    expect(files.length).toBeGreaterThanOrEqual(set.modules.length * 2)
    expect(files.every(f => f.t === 'file' && f.outcome === 'ok' && f.retried)).toBe(true)
    expect(stopped.lines.at(-2)).toMatchObject({ t: 'stats' })
    expect(stopped.stopped).toMatchObject({ t: 'stopped', reason: 'asked' })
  })

  it('stays small: under 60 MB idle and under 100 MB after serving a few hundred modules', async () => {
    const big = generateModuleSet({ count: 300, seed: 22, bigZipBytes: 200_000, bigEvery: 3 })
    const mirror = await startProxy({ files: big.files })
    const handle = await spawnDaemon({
      script,
      config: config({ mirrors: [mirror.url] }),
      tempDir: root,
      env: process.env
    })
    const rssMb = async (): Promise<number> =>
      Number(/VmHWM:\s+(\d+) kB/.exec(await readFile(`/proc/${handle.pid}/status`, 'utf8'))?.[1]) / 1024
    try {
      await new Promise(resolve => setTimeout(resolve, 500))
      expect(await rssMb()).toBeLessThan(60)
      const work = path.join(root, 'big')
      await big.writeConsumer(work)
      const env = {
        ...goEnv(root),
        GOPROXY: `http://127.0.0.1:${handle.port}/${handle.secret}`,
        GOFLAGS: '-modcacherw'
      }
      const result = await runGo(['mod', 'download'], { cwd: work, env, timeoutMs: 100_000 })
      expect(result.code).toBe(0)
      expect(await rssMb()).toBeLessThan(100)
    } finally {
      await stopDaemon(handle)
      await mirror.close()
    }
  })

  it('survives a mirror that answers every .info, .mod and list with 15 MiB, and keeps serving from the next', async () => {
    const bytes = 15 * 1024 * 1024
    const huge = await startProxy({
      files: set.files,
      faults: (['info', 'mod', 'list'] as const).map(file => ({
        kind: 'huge' as const,
        bytes,
        match: { file }
      }))
    })
    const healthy = await startProxy({ files: set.files })
    const work = path.join(root, 'huge')
    await set.writeConsumer(work)
    const handle = await spawnDaemon({
      script,
      config: config({ mirrors: [huge.url, healthy.url], goSumFiles: [path.join(work, 'go.sum')] }),
      tempDir: root,
      env: process.env
    })
    const relay = `http://127.0.0.1:${handle.port}/${handle.secret}`
    try {
      const small = [...set.files.keys()].filter(p => !p.endsWith('.zip'))
      const statuses = await Promise.all(
        [...small, ...small].map(async p => {
          const response = await fetch(`${relay}/${p}`)
          const body = Buffer.from(await response.arrayBuffer())
          return response.status === 200 && body.equals(set.files.get(p)!)
        })
      )
      expect(statuses.every(Boolean)).toBe(true)
      expect(huge.log.filter(e => e.fault === 'huge').length).toBeGreaterThan(0)
      const env = { ...goEnv(root), GOPROXY: relay, GOFLAGS: '-modcacherw' }
      const result = await runGo(['mod', 'download'], { cwd: work, env, timeoutMs: 100_000 })
      expect(result.stderr).toBe('')
      expect(result.code).toBe(0)
      expect(isAlive(handle.pid)).toBe(true)
      const peakMb =
        Number(/VmHWM:\s+(\d+) kB/.exec(await readFile(`/proc/${handle.pid}/status`, 'utf8'))?.[1]) / 1024
      expect(peakMb).toBeLessThan(120)
    } finally {
      await stopDaemon(handle)
      await huge.close()
      await healthy.close()
    }
  })

  it('asks a company mirror that was silent at first again now and then, and serves from it once it answers', async () => {
    const only = set.modules[3]!
    const prefix = `${escapeModulePath(only.path)}/@v/`
    const company = await startProxy({ files: set.files, faults: [{ kind: 'hang' }], name: 'company' })
    const open = await startProxy({
      files: new Map([...set.files].filter(([p]) => !p.startsWith(prefix))),
      name: 'public'
    })
    const handle = await spawnDaemon({
      script,
      config: config({
        mirrors: [company.url, open.url],
        tryLast: [company.url],
        policy: { ...config().policy, stallTimeoutMs: 2000, downRetryMs: 300 }
      }),
      tempDir: root,
      env: process.env
    })
    const env = {
      ...goEnv(path.join(root, 'company-first')),
      GOPROXY: `http://127.0.0.1:${handle.port}/${handle.secret}`,
      GOFLAGS: '-modcacherw'
    }
    const work = path.join(root, 'company')
    await set.writeConsumer(work)
    try {
      // Silent: the module only it has is not found, in a hedge delay rather than a stall window.
      const before = await runGo(['mod', 'download'], { cwd: work, env, timeoutMs: 60_000 })
      expect(before.code).not.toBe(0)
      expect(before.stderr).toContain(`${only.path}@${only.version}`)
      expect(before.stderr).toContain('404 Not Found')
      company.setFaults([])
      // Asked again in the background (its root, which answers 404 here), without a request waiting on it.
      const deadline = Date.now() + 20_000
      while (!company.log.some(e => e.path === '' && e.status === 404) && Date.now() < deadline)
        await new Promise(r => setTimeout(r, 100))
      expect(company.log.some(e => e.path === '' && e.status === 404)).toBe(true)
      // Back in its listed place: a fresh module cache gets every module from it, none from the public mirror.
      open.log.length = 0
      const fresh = {
        ...goEnv(path.join(root, 'company-again')),
        GOPROXY: env.GOPROXY,
        GOFLAGS: '-modcacherw'
      }
      const after = await runGo(['mod', 'download'], { cwd: work, env: fresh, timeoutMs: 60_000 })
      expect(after.stderr).toBe('')
      expect(after.code).toBe(0)
      expect(company.log.some(e => e.path.startsWith(prefix) && e.status === 200)).toBe(true)
      expect(open.log.filter(e => e.path.includes('/@v/'))).toEqual([])
      const stopped = await stopDaemon(handle)
      const stats = stopped.lines.findLast(l => l.t === 'stats')
      expect(stats?.t === 'stats' && stats.mirrors.find(m => m.mirror === company.url)?.down).toBeFalsy()
    } finally {
      if (isAlive(handle.pid)) await stopDaemon(handle)
      await company.close()
      await open.close()
    }
  })

  it('ends itself when nobody asks it anything', async () => {
    const handle = await spawnDaemon({
      script,
      config: config({ idleTimeoutMs: 300 }),
      tempDir: root,
      env: process.env
    })
    const deadline = Date.now() + 10_000
    while (isAlive(handle.pid) && Date.now() < deadline) await new Promise(r => setTimeout(r, 50))
    expect(isAlive(handle.pid)).toBe(false)
    const stopped = await stopDaemon(handle)
    expect(stopped.how).toBe('gone')
    expect(stopped.stopped).toMatchObject({ reason: 'idle' })
  })

  it("ends itself when the runner's worker process is gone, and says so", async () => {
    const worker = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' })
    const handle = await spawnDaemon({
      script,
      config: config({ watch: watchedProcess(worker.pid as number) }),
      tempDir: root,
      env: process.env
    })
    await new Promise(resolve => setTimeout(resolve, 500))
    expect(isAlive(handle.pid)).toBe(true)
    worker.kill('SIGKILL')
    const deadline = Date.now() + 15_000
    while (isAlive(handle.pid) && Date.now() < deadline) await new Promise(r => setTimeout(r, 100))
    expect(isAlive(handle.pid)).toBe(false)
    const stopped = await stopDaemon(handle)
    expect(stopped.how).toBe('gone')
    expect(stopped.stopped).toMatchObject({ reason: 'worker-gone', detail: `process ${worker.pid} ended` })
  })

  it('writes the signal that ended it into its journal', async () => {
    const handle = await spawnDaemon({ script, config: config(), tempDir: root, env: process.env })
    process.kill(handle.pid, 'SIGTERM')
    const deadline = Date.now() + 10_000
    while (isAlive(handle.pid) && Date.now() < deadline) await new Promise(r => setTimeout(r, 50))
    const stopped = await stopDaemon(handle)
    expect(stopped.stopped).toMatchObject({ reason: 'signal', detail: 'SIGTERM' })
  })

  it('deletes its config, which holds mirror credentials, once it has read it', async () => {
    const handle = await spawnDaemon({
      script,
      config: config({ mirrors: [proxy.url.replace('http://', 'http://user:pw@')] }),
      tempDir: root,
      env: process.env
    })
    await expect(readFile(path.join(handle.dir, 'config.json'), 'utf8')).rejects.toThrow()
    await stopDaemon(handle)
  })
})
