import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { RunReport } from '../../src/report/types.js'
import { goEnv, removeTree, runGo, runStep, type StepResult } from '../../testkit/action.js'
import { buildModuleZip, escapeModulePath, generateModuleSet, type ModuleSet } from '../../testkit/modset.js'
import { startProxy, type Proxy } from '../../testkit/proxy.js'

// The prefetch of everything go.sum names, and the `modules` input, through the bundled action.
let set: ModuleSet
/** A module set go.sum names too, but that no main module requires: what `go mod tidy` may still need. */
let extra: ModuleSet
const roots: string[] = []
const mirrors: Proxy[] = []

beforeAll(() => {
  set = generateModuleSet({ count: 40, seed: 41 })
  extra = generateModuleSet({ count: 3, seed: 42, prefix: 'extra.test' })
})

afterAll(async () => {
  await Promise.all(mirrors.map(m => m.close()))
  await Promise.all(roots.map(r => removeTree(r)))
})

async function mirror(files: Map<string, Buffer>): Promise<Proxy> {
  const m = await startProxy({ files })
  mirrors.push(m)
  return m
}

interface Job {
  root: string
  dir: string
  env: Record<string, string>
  goSum: string
}

async function job(goSum = set.consumer.goSum): Promise<Job> {
  const root = await mkdtemp(path.join(tmpdir(), 'e2e-prefetch-'))
  roots.push(root)
  const dir = path.join(root, 'work')
  await set.writeConsumer(dir)
  await writeFile(path.join(dir, 'go.sum'), goSum)
  return { root, dir, env: goEnv(root), goSum }
}

async function run(j: Job, inputs: Record<string, string>): Promise<{ step: StepResult; report: RunReport }> {
  const step = await runStep({
    entry: 'main',
    inputs: { cache: 'false', 'retry-delay': '20ms', 'retry-max-delay': '200ms', ...inputs },
    env: j.env,
    cwd: j.dir,
    runnerTemp: path.join(j.root, 'runner-temp'),
    timeoutMs: 120_000
  })
  const text = step.outputs.report ? await readFile(step.outputs.report, 'utf8') : '{}'
  return { step, report: JSON.parse(text) as RunReport }
}

/** Every file go.sum names, as a mirror's paths: .info, .mod and .zip with a zip hash, .mod alone without. */
function goSumFiles(...sets: ModuleSet[]): string[] {
  return sets
    .flatMap(s => s.modules)
    .flatMap(m => ['info', 'mod', 'zip'].map(ext => `${escapeModulePath(m.path)}/@v/${m.version}.${ext}`))
    .sort()
}

const downloadDir = (j: Job, m: { path: string }): string =>
  path.join(j.env.GOMODCACHE as string, 'cache', 'download', escapeModulePath(m.path), '@v')

const extracted = (j: Job, m: { path: string; version: string }): boolean =>
  existsSync(path.join(j.env.GOMODCACHE as string, `${escapeModulePath(m.path)}@${m.version}`))

describe('the prefetch', () => {
  it('asks the mirror for each file go.sum names once, and for none already in the module cache', async () => {
    const m = await mirror(set.files)
    const j = await job()
    const first = await run(j, { proxies: m.url })
    expect(first.step.exitCode).toBe(0)
    const asked = m.log.filter(e => e.path.includes('/@v/')).map(e => e.path)
    expect([...asked].sort()).toEqual(goSumFiles(set))
    expect(first.report.relay?.prefetch).toMatchObject({
      requested: asked.length,
      fetched: asked.length,
      cached: 0
    })
    // The report counts what the prefetch put into go's cache, which the summary then says.
    const intoCache = first.report.relay?.totals.intoCache ?? 0
    expect(intoCache).toBeGreaterThan(0)
    expect(intoCache).toBeLessThanOrEqual(asked.length)
    // Every zip is in go's download cache with the hash go.sum records, which go takes without hashing again.
    for (const module of set.modules) {
      const base = path.join(downloadDir(j, module), module.version)
      expect(await readFile(`${base}.ziphash`, 'utf8')).toBe(set.sums.get(`${module.path}@${module.version}`))
      expect(existsSync(`${base}.zip`)).toBe(true)
    }
    const verify = await runGo(['mod', 'verify'], { cwd: j.dir, env: { ...j.env, GOPROXY: 'off' } })
    expect(verify.stdout).toContain('all modules verified')

    m.log.length = 0
    const second = await run(j, { proxies: m.url })
    expect(second.step.exitCode).toBe(0)
    expect(m.log.filter(e => e.path.includes('/@v/'))).toEqual([])
    expect(second.report.relay?.prefetch).toMatchObject({ requested: 0, cached: asked.length })
  })

  it('names every required module that no mirror has in one failed run, not only the first go met', async () => {
    const missing = [set.modules[4]!, set.modules[17]!, set.modules[33]!]
    const gone = new Set(missing.map(m => `${escapeModulePath(m.path)}/@v/`))
    const files = new Map([...set.files].filter(([p]) => ![...gone].some(prefix => p.startsWith(prefix))))
    const m = await mirror(files)
    const { step } = await run(await job(), { proxies: m.url })
    expect(step.exitCode).toBe(1)
    const failed = JSON.parse(step.outputs['failed-modules'] ?? '[]') as { module: string; class: string }[]
    expect(failed.map(f => f.module).sort()).toEqual(missing.map(m => m.path).sort())
    expect(failed.every(f => f.class === 'not-found')).toBe(true)
    const goMod = set.consumer.goMod.split('\n')
    for (const module of missing) {
      const line = goMod.findIndex(l => l.trim().startsWith(`${module.path} `)) + 1
      expect(step.stdout).toMatch(new RegExp(`::error [^\\n]*file=go\\.mod,line=${line}[,:]`))
    }
  })
})

describe('unpacking while the prefetch fetches', () => {
  it('on a distant mirror, go unpacks what go.sum names as it arrives, and the download fetches no zip again', async () => {
    // Zips large enough for a go process to be worth starting, from a mirror 80 ms away: the relay waits.
    const far = generateModuleSet({
      count: 40,
      seed: 44,
      prefix: 'far.test',
      bigZipBytes: 400_000,
      bigEvery: 4
    })
    const m = await startProxy({ files: far.files, latencyMs: 80 })
    mirrors.push(m)
    const root = await mkdtemp(path.join(tmpdir(), 'e2e-prefetch-'))
    roots.push(root)
    const j: Job = { root, dir: path.join(root, 'work'), env: goEnv(root), goSum: far.consumer.goSum }
    await far.writeConsumer(j.dir)
    const { step } = await run(j, { proxies: m.url })
    expect(step.exitCode).toBe(0)
    expect(step.stdout).toMatch(/Unpacked ahead: \d+ modules, by \d+ go process/)
    expect(step.outputs.attempts).toBe('1')
    // go found every zip in its cache: none asked of the relay, and each asked of the mirror once.
    expect(step.stdout).not.toMatch(/# get [^\n]*\.zip/)
    expect(m.log.filter(e => e.path.endsWith('.zip')).length).toBe(far.modules.length)
    for (const module of far.modules) expect(extracted(j, module)).toBe(true)
    const verify = await runGo(['mod', 'verify'], { cwd: j.dir, env: { ...j.env, GOPROXY: 'off' } })
    expect(verify.stdout).toContain('all modules verified')
    expect(await readFile(path.join(j.dir, 'go.sum'), 'utf8')).toBe(far.consumer.goSum)
    expect(await readFile(path.join(j.dir, 'go.mod'), 'utf8')).toBe(far.consumer.goMod)
  })
})

describe('the modules input', () => {
  const goSumWithExtra = (): string =>
    [...new Set([...set.consumer.goSum.split('\n'), ...extra.consumer.goSum.split('\n')])]
      .filter(l => l !== '')
      .sort()
      .join('\n') + '\n'

  it('go.sum: every module version go.sum names ends up in the module cache, go.sum untouched', async () => {
    const m = await mirror(new Map([...set.files, ...extra.files]))
    const j = await job(goSumWithExtra())
    const { step } = await run(j, { proxies: m.url })
    expect(step.exitCode).toBe(0)
    // The build's modules extracted by go; the others verified in the download cache, for later commands.
    for (const module of set.modules) expect(extracted(j, module)).toBe(true)
    for (const module of extra.modules) {
      const base = path.join(downloadDir(j, module), module.version)
      expect(await readFile(`${base}.ziphash`, 'utf8')).toBe(
        extra.sums.get(`${module.path}@${module.version}`)
      )
    }
    expect(step.outputs.attempts).toBe('1')
    expect(await readFile(path.join(j.dir, 'go.sum'), 'utf8')).toBe(j.goSum)
    expect(await readFile(path.join(j.dir, 'go.mod'), 'utf8')).toBe(set.consumer.goMod)
    expect(step.stdout).not.toMatch(/go\.sum was changed/)
    // Offline, go finds every one of them.
    const offline = await runGo(['mod', 'download', ...extra.modules.map(x => `${x.path}@${x.version}`)], {
      cwd: j.dir,
      env: { ...j.env, GOPROXY: 'off' }
    })
    expect(offline.stderr).toBe('')
    expect(offline.code).toBe(0)
  })

  it('go.sum: a go.sum line no mirror has is a warning, not a failure', async () => {
    const m = await mirror(set.files)
    const j = await job(goSumWithExtra())
    const { step } = await run(j, { proxies: m.url })
    expect(step.exitCode).toBe(0)
    expect(step.outputs.outcome).toBe('success')
    expect(step.stdout).toMatch(new RegExp(`::warning::go\\.sum names ${extra.modules[0]!.path}@`))
    expect(await readFile(path.join(j.dir, 'go.sum'), 'utf8')).toBe(j.goSum)
  })

  it('build: what plain go mod download fetches, go.sum untouched', async () => {
    const m = await mirror(new Map([...set.files, ...extra.files]))
    const j = await job(goSumWithExtra())
    const { step } = await run(j, { proxies: m.url, modules: 'build' })
    expect(step.exitCode).toBe(0)
    for (const module of set.modules) expect(extracted(j, module)).toBe(true)
    for (const module of extra.modules) {
      expect(extracted(j, module)).toBe(false)
      expect(existsSync(path.join(downloadDir(j, module), `${module.version}.zip`))).toBe(false)
    }
    expect(m.log.filter(e => e.path.endsWith('.zip')).length).toBe(set.modules.length)
    expect(await readFile(path.join(j.dir, 'go.sum'), 'utf8')).toBe(j.goSum)
  })
})

describe('go mod tidy -diff after the action, offline', () => {
  /**
   * Module amb.test/a/b (at go 1.16, so its requirements join the consumer's module graph), imported by
   * the consumer, requires amb.test/a, which holds no package the consumer imports: a graph tidy must
   * check for an ambiguous import.
   */
  function nestedModules(): Map<string, Buffer> {
    const files = new Map<string, Buffer>()
    const add = (mod: { path: string; version: string }, goMod: string, source: string) => {
      const esc = `${escapeModulePath(mod.path)}/@v`
      files.set(`${esc}/list`, Buffer.from(`${mod.version}\n`))
      files.set(`${esc}/${mod.version}.info`, Buffer.from(JSON.stringify({ Version: mod.version }) + '\n'))
      files.set(`${esc}/${mod.version}.mod`, Buffer.from(goMod))
      const pkg = mod.path.slice(mod.path.lastIndexOf('/') + 1)
      const zipFiles = { 'go.mod': Buffer.from(goMod), [`${pkg}.go`]: Buffer.from(source) }
      files.set(`${esc}/${mod.version}.zip`, buildModuleZip(mod, zipFiles))
    }
    add({ path: 'amb.test/a', version: 'v1.0.0' }, 'module amb.test/a\n\ngo 1.21\n', 'package a\n')
    add(
      { path: 'amb.test/a/b', version: 'v1.0.0' },
      'module amb.test/a/b\n\ngo 1.16\n\nrequire amb.test/a v1.0.0\n',
      'package b\n'
    )
    return files
  }

  /** The consumer, importing amb.test/a/b too, made tidy by go itself against the mirror. */
  async function tidyConsumer(m: Proxy): Promise<{ goMod: string; goSum: string; dir: string }> {
    const root = await mkdtemp(path.join(tmpdir(), 'e2e-tidy-'))
    roots.push(root)
    const dir = path.join(root, 'work')
    await set.writeConsumer(dir)
    await writeFile(path.join(dir, 'nested.go'), 'package main\n\nimport _ "amb.test/a/b"\n')
    await writeFile(path.join(dir, 'go.mod'), `${set.consumer.goMod}\nrequire amb.test/a/b v1.0.0\n`)
    const tidy = await runGo(['mod', 'tidy'], { cwd: dir, env: { ...goEnv(root), GOPROXY: m.url } })
    expect(tidy.code).toBe(0)
    return {
      dir,
      goMod: await readFile(path.join(dir, 'go.mod'), 'utf8'),
      goSum: await readFile(path.join(dir, 'go.sum'), 'utf8')
    }
  }

  it('succeeds with modules: go.sum, go.mod and go.sum untouched', async () => {
    const m = await mirror(new Map([...set.files, ...nestedModules()]))
    const consumer = await tidyConsumer(m)
    // amb.test/a is in the module graph through a go 1.16 module, though no package comes from it.
    expect(consumer.goSum).toMatch(/^amb\.test\/a v1\.0\.0\/go\.mod h1:/m)
    const j = await job(consumer.goSum)
    await writeFile(path.join(j.dir, 'go.mod'), consumer.goMod)
    await writeFile(path.join(j.dir, 'nested.go'), await readFile(path.join(consumer.dir, 'nested.go')))
    const { step } = await run(j, { proxies: m.url })
    expect(step.exitCode).toBe(0)
    expect(await readFile(path.join(j.dir, 'go.mod'), 'utf8')).toBe(consumer.goMod)
    expect(await readFile(path.join(j.dir, 'go.sum'), 'utf8')).toBe(consumer.goSum)
    await m.close()
    const diff = await runGo(['mod', 'tidy', '-diff'], { cwd: j.dir, env: { ...j.env, GOPROXY: 'off' } })
    expect(diff.stdout + diff.stderr).toBe('')
    expect(diff.code).toBe(0)
  })
})
