import { describe, it, expect, beforeAll, afterAll } from '@jest/globals'
import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { unzipSync } from 'fflate'
import { escapeModulePath, generateModuleSet, type ModuleSet } from '../../testkit/modset.js'
import {
  refusedUrl,
  startFileMirror,
  startProxy,
  tamperZip,
  type Fault,
  type Proxy
} from '../../testkit/proxy.js'
import {
  goEnv,
  inputVariable,
  parseFileCommands,
  removeTree,
  repoRoot,
  runGo,
  runJob,
  runStep
} from '../../testkit/action.js'

interface DownloadJson {
  Path: string
  Version: string
  Error?: string
  Sum?: string
  GoModSum?: string
}

// `go mod download -json` prints concatenated objects, not an array.
function parseDownloadJson(stdout: string): DownloadJson[] {
  return stdout
    .split(/\n(?=\{)/)
    .filter(s => s.trim() !== '')
    .map(s => JSON.parse(s) as DownloadJson)
}

let tmp: string
let counter = 0

async function consumerDir(set: ModuleSet): Promise<{ dir: string; env: Record<string, string> }> {
  const root = join(tmp, `case-${counter++}`)
  const dir = join(root, 'consumer')
  await set.writeConsumer(dir)
  return { dir, env: goEnv(root) }
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'gmd-testkit-'))
})

afterAll(async () => {
  await removeTree(tmp)
})

describe('generateModuleSet', () => {
  it('escapes upper case the GOPROXY way', () => {
    expect(escapeModulePath('example.test/Acme/m012')).toBe('example.test/!acme/m012')
  })

  it('is deterministic from the seed and lays files out for a proxy', () => {
    const a = generateModuleSet({ count: 15, seed: 9 })
    const b = generateModuleSet({ count: 15, seed: 9 })
    expect(b.consumer).toEqual(a.consumer)
    expect([...b.files.keys()]).toEqual([...a.files.keys()])
    const upper = a.modules.find(m => /[A-Z]/.test(m.path))!
    const esc = escapeModulePath(upper.path)
    expect(esc).toContain('!acme')
    for (const ext of ['info', 'mod', 'zip'])
      expect(a.files.has(`${esc}/@v/${upper.version}.${ext}`)).toBe(true)
    expect(a.files.get(`${esc}/@v/list`)!.toString()).toBe(`${upper.version}\n`)
    const entries = Object.keys(unzipSync(new Uint8Array(a.files.get(`${esc}/@v/${upper.version}.zip`)!)))
    expect(entries.every(e => e.startsWith(`${upper.path}@${upper.version}/`))).toBe(true)
    expect(a.consumer.goSum.trim().split('\n')).toHaveLength(30)
  })

  it('adds an incompressible file to every Nth module', () => {
    const set = generateModuleSet({ count: 4, seed: 2, bigZipBytes: 1 << 20, bigEvery: 2 })
    const zipSize = (i: number) => {
      const m = set.modules[i]!
      return set.files.get(`${escapeModulePath(m.path)}/@v/${m.version}.zip`)!.length
    }
    expect(zipSize(0)).toBeGreaterThan(1 << 20)
    expect(zipSize(1)).toBeLessThan(4096)
    expect(zipSize(2)).toBeGreaterThan(1 << 20)
  })
})

describe('startProxy with the real go', () => {
  const big = generateModuleSet({ count: 120, seed: 42 })
  const small = generateModuleSet({ count: 8, seed: 5 })
  const target = small.modules[2]!
  const proxies: Proxy[] = []

  const proxy = async (set: ModuleSet, faults: Fault[] = []) => {
    const p = await startProxy({ files: set.files, faults })
    proxies.push(p)
    return p
  }

  afterAll(async () => {
    await Promise.all(proxies.map(p => p.close()))
  })

  it('serves 120 modules that go downloads and verifies against a complete go.sum', async () => {
    const p = await proxy(big)
    const { dir, env } = await consumerDir(big)
    const r = await runGo(['mod', 'download', '-json'], { cwd: dir, env: { ...env, GOPROXY: p.url } })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const results = parseDownloadJson(r.stdout)
    expect(results).toHaveLength(120)
    for (const m of results) {
      expect(m.Error).toBeUndefined()
      expect(m.Sum).toBe(big.sums.get(`${m.Path}@${m.Version}`))
    }
    const verify = await runGo(['mod', 'verify'], { cwd: dir, env })
    expect(verify.stdout.trim()).toBe('all modules verified')
    expect(verify.code).toBe(0)
    expect(await readFile(join(dir, 'go.sum'), 'utf8')).toBe(big.consumer.goSum)
    expect(await readFile(join(dir, 'go.mod'), 'utf8')).toBe(big.consumer.goMod)
    expect(p.log.filter(l => l.path.startsWith('sumdb/'))).toEqual([])
    expect(p.log.some(l => l.path.includes('/!acme/'))).toBe(true)
    expect(p.log.every(l => l.status === 200)).toBe(true)
  })

  it('a 503 on one module fails go naming that module', async () => {
    const p = await proxy(small, [
      { kind: 'status', status: 503, match: { module: target.path, file: 'zip' } }
    ])
    const { dir, env } = await consumerDir(small)
    const r = await runGo(['mod', 'download', '-json'], { cwd: dir, env: { ...env, GOPROXY: p.url } })
    expect(r.code).toBe(1)
    const failed = parseDownloadJson(r.stdout).filter(m => m.Error)
    expect(failed.map(m => m.Path)).toEqual([target.path])
    expect(failed[0]!.Error).toContain('503 Service Unavailable')
    expect(p.log.find(l => l.status === 503)?.path).toBe(
      `${escapeModulePath(target.path)}/@v/${target.version}.zip`
    )
  })

  it('a 503 on a .mod aborts the graph load with only stderr', async () => {
    const p = await proxy(small, [
      { kind: 'status', status: 503, match: { module: target.path, file: 'mod' } }
    ])
    const { dir, env } = await consumerDir(small)
    const r = await runGo(['mod', 'download', '-json'], { cwd: dir, env: { ...env, GOPROXY: p.url } })
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain(target.path)
    expect(r.stderr).toContain('503 Service Unavailable')
  })

  it('a tampered zip or go.mod gives a checksum mismatch', async () => {
    for (const file of ['zip', 'mod'] as const) {
      const p = await proxy(small, [{ kind: 'tamper', match: { module: target.path, file } }])
      const { dir, env } = await consumerDir(small)
      const r = await runGo(['mod', 'download', '-json'], { cwd: dir, env: { ...env, GOPROXY: p.url } })
      expect(r.code).toBe(1)
      const suffix = file === 'mod' ? '/go.mod' : ''
      expect(r.stdout + r.stderr).toContain(
        `verifying ${target.path}@${target.version}${suffix}: checksum mismatch`
      )
    }
  })

  it('a hang leaves go waiting until it is killed', async () => {
    const p = await proxy(small, [{ kind: 'hang', match: { module: target.path, file: 'zip' } }])
    const { dir, env } = await consumerDir(small)
    const r = await runGo(['mod', 'download', '-json'], {
      cwd: dir,
      env: { ...env, GOPROXY: p.url },
      timeoutMs: 2000
    })
    expect(r.timedOut).toBe(true)
    expect(r.signal).toBe('SIGKILL')
    expect(r.stdout).toBe('')
    expect(p.log.filter(l => l.status === 'hang')).toHaveLength(1)
  })

  it('a reset and a truncated body surface as network errors', async () => {
    const other = small.modules[3]!
    const p = await proxy(small, [
      { kind: 'reset', match: { module: target.path, file: 'zip' } },
      { kind: 'truncate', match: { module: other.path, file: 'zip' } }
    ])
    const { dir, env } = await consumerDir(small)
    const r = await runGo(['mod', 'download', '-json'], { cwd: dir, env: { ...env, GOPROXY: p.url } })
    expect(r.code).toBe(1)
    const byPath = new Map(parseDownloadJson(r.stdout).map(m => [m.Path, m.Error]))
    expect(byPath.get(target.path)).toMatch(/EOF|connection reset/)
    expect(byPath.get(other.path)).toMatch(/unexpected EOF/)
  })

  it('serves a file:// mirror go accepts', async () => {
    const url = await startFileMirror(small.files, join(tmp, 'mirror'))
    expect(url).toMatch(/^file:\/\/\//)
    const { dir, env } = await consumerDir(small)
    const r = await runGo(['mod', 'download', '-json'], { cwd: dir, env: { ...env, GOPROXY: url } })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(parseDownloadJson(r.stdout)).toHaveLength(small.modules.length)
  })

  it('two proxies: go walks past a 403 only with a pipe', async () => {
    const bad = await proxy(small, [{ kind: 'status', status: 403 }])
    const good = await proxy(small)
    const comma = await consumerDir(small)
    const r1 = await runGo(['mod', 'download'], {
      cwd: comma.dir,
      env: { ...comma.env, GOPROXY: `${bad.url},${good.url}` }
    })
    expect(r1.code).toBe(1)
    expect(r1.stderr).toContain('403 Forbidden')
    const pipe = await consumerDir(small)
    const r2 = await runGo(['mod', 'download'], {
      cwd: pipe.dir,
      env: { ...pipe.env, GOPROXY: `${bad.url}|${good.url}` }
    })
    expect(r2.stderr).toBe('')
    expect(r2.code).toBe(0)
  })

  it('refusedUrl gives connection refused', async () => {
    const url = await refusedUrl()
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const { dir, env } = await consumerDir(small)
    const r = await runGo(['mod', 'download', '-json'], { cwd: dir, env: { ...env, GOPROXY: url } })
    expect(r.code).toBe(1)
    expect(r.stdout + r.stderr).toContain('connection refused')
  })
})

describe('startProxy faults', () => {
  const set = generateModuleSet({ count: 3, seed: 7 })
  const m = set.modules[1]!
  const zipPath = `${escapeModulePath(m.path)}/@v/${m.version}.zip`

  it('counts times per path and answers unknown and sumdb paths with 404', async () => {
    const p = await startProxy({ files: set.files, faults: [{ kind: 'status', status: 502, times: 2 }] })
    try {
      const statuses: number[] = []
      for (let i = 0; i < 3; i++) statuses.push((await fetch(`${p.url}/${zipPath}`)).status)
      statuses.push((await fetch(`${p.url}/${escapeModulePath(m.path)}/@v/list`)).status)
      expect(statuses).toEqual([502, 502, 200, 502])
      p.setFaults([])
      const missing = await fetch(`${p.url}/example.test/nope/@v/list`)
      expect(missing.status).toBe(404)
      expect(await missing.text()).toContain('not found')
      expect((await fetch(`${p.url}/sumdb/sum.golang.org/supported`)).status).toBe(404)
      expect(p.log.map(l => l.status)).toEqual([502, 502, 200, 502, 404, 404])
      expect(p.log[5]!.path).toBe('sumdb/sum.golang.org/supported')
    } finally {
      await p.close()
    }
  })

  it('draws probabilities from the seed, so runs repeat', async () => {
    const run = async () => {
      const p = await startProxy({
        files: set.files,
        seed: 11,
        faults: [{ kind: 'status', probability: 0.5 }]
      })
      const out: number[] = []
      for (let i = 0; i < 20; i++) out.push((await fetch(`${p.url}/${zipPath}`)).status)
      await p.close()
      return out
    }
    const first = await run()
    expect(first).toContain(503)
    expect(first).toContain(200)
    expect(await run()).toEqual(first)
  })

  it('delays a slow answer', async () => {
    const p = await startProxy({ files: set.files, faults: [{ kind: 'slow', delayMs: 300 }] })
    try {
      const started = Date.now()
      const res = await fetch(`${p.url}/${zipPath}`)
      expect(Buffer.from(await res.arrayBuffer()).equals(set.files.get(zipPath)!)).toBe(true)
      expect(Date.now() - started).toBeGreaterThanOrEqual(290)
      expect(p.log).toEqual([expect.objectContaining({ path: zipPath, status: 200 })])
    } finally {
      await p.close()
    }
  })

  it('tampers a zip into a different but valid zip', () => {
    const zip = set.files.get(zipPath)!
    const bad = tamperZip(zip)
    const a = unzipSync(new Uint8Array(zip))
    const b = unzipSync(new Uint8Array(bad))
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort())
    expect(Object.keys(a).filter(k => Buffer.compare(a[k]!, b[k]!) !== 0)).toHaveLength(1)
  })

  it('close ends hung connections', async () => {
    const p = await startProxy({ files: set.files, faults: [{ kind: 'hang-body' }] })
    const res = await fetch(`${p.url}/${zipPath}`)
    expect(res.status).toBe(200)
    const body = res.text()
    await p.close()
    await expect(body).rejects.toThrow()
  })
})

describe('runStep', () => {
  const script = join(repoRoot, '__fixtures__', 'fake-step.mjs')

  it('names inputs the way the runner does', () => {
    expect(inputVariable('max-attempts')).toBe('INPUT_MAX-ATTEMPTS')
    expect(inputVariable('working directory')).toBe('INPUT_WORKING_DIRECTORY')
  })

  it('parses name=value lines and heredocs', () => {
    expect(parseFileCommands('a=1\r\nb<<EOF\nx=2\ny\nEOF\nc=\n')).toEqual({ a: '1', b: 'x=2\ny', c: '' })
  })

  it('runs a step with the runner files and environment', async () => {
    const cwd = await mkdtemp(join(tmp, 'ws-'))
    const r = await runStep({
      entry: 'main',
      script,
      inputs: { 'who-name': 'gopher' },
      env: { PATH: process.env.PATH ?? '' },
      cwd
    })
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toBe('main step\n')
    expect(r.stderr).toBe('to stderr\n')
    expect(r.outputs).toMatchObject({
      greeting: 'hello gopher',
      lines: 'first=1\nsecond',
      workspace: cwd,
      home: ''
    })
    expect(r.outputs.cwd).toBe(cwd)
    expect(r.outputs['runner-temp']).toMatch(/gmd-runner-temp-/)
    expect(r.env).toEqual({ FAKE_EXPORTED: 'exported value', PLAIN: '1' })
    expect(r.state).toEqual({ phase: 'main-done' })
    expect(r.path).toEqual(['/opt/fake-tool/bin'])
    expect(r.summary).toBe('### Fake step\n')
    expect(r.durationMs).toBeGreaterThan(0)
  })

  it('reports the exit code', async () => {
    const r = await runStep({ entry: 'main', script, inputs: { 'exit-code': '3' }, env: {}, cwd: tmp })
    expect(r.exitCode).toBe(3)
  })

  const unix = process.platform === 'win32' ? it.skip : it
  unix('runs the step with the node NODE_FOR_ACTION names', async () => {
    const node = join(await mkdtemp(join(tmp, 'node-')), 'node')
    await writeFile(node, `#!/bin/sh\necho 'the node for the action' >&2\nexec '${process.execPath}' "$@"\n`)
    await chmod(node, 0o755)
    const before = process.env.NODE_FOR_ACTION
    process.env.NODE_FOR_ACTION = node
    try {
      const r = await runStep({ entry: 'main', script, inputs: {}, env: {}, cwd: tmp })
      expect([r.exitCode, r.stderr]).toEqual([0, 'the node for the action\nto stderr\n'])
    } finally {
      if (before === undefined) delete process.env.NODE_FOR_ACTION
      else process.env.NODE_FOR_ACTION = before
    }
  })

  it('runJob passes state, exported env and PATH from main to post', async () => {
    const { main, post } = await runJob({
      scripts: { main: script, post: script },
      inputs: {},
      env: { PATH: '/usr/bin' },
      cwd: tmp
    })
    expect(main.state).toEqual({ phase: 'main-done' })
    expect(post.outputs).toEqual({
      'seen-state': 'main-done',
      'seen-env': 'exported value',
      'first-path': '/opt/fake-tool/bin'
    })
    expect(post.summary).toBe('post ran\n')
  })
})

describe('goEnv', () => {
  it('inherits no GO* or proxy variable from the machine', () => {
    const saved = { ...process.env }
    try {
      Object.assign(process.env, {
        GOFLAGS: '-mod=mod',
        GOEXPERIMENT: 'x',
        HTTPS_PROXY: 'http://x',
        GOPROXY: 'y'
      })
      const env = goEnv('/r')
      expect(env.GOMODCACHE).toBe('/r/gomodcache')
      expect(env.GOPROXY).toBe('off')
      expect(env.GOFLAGS).toBe('')
      expect(env.GOEXPERIMENT).toBeUndefined()
      expect(env.HTTPS_PROXY).toBeUndefined()
      expect(
        Object.keys(env)
          .filter(k => !k.startsWith('GO'))
          .sort()
      ).toEqual(['HOME', 'PATH'])
    } finally {
      process.env = saved
    }
  })
})
