import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync } from 'node:fs'
import { appendFile, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { arch, tmpdir } from 'node:os'
import path from 'node:path'
import { goCommand, readGoEnv } from '../../src/go/command.js'
import { execCommand } from '../../src/runner/exec.js'
import type { RunReport } from '../../src/report/types.js'
import { toolCacheVersion } from '../../src/toolchain/releases.js'
import { goEnv, removeTree, runGo, runStep, type StepResult } from '../../testkit/action.js'
import {
  buildGoArchive,
  startGoDownloadSite,
  type GoArchive,
  type GoDownloadSite,
  type SiteFault
} from '../../testkit/go-dist.js'
import { generateModuleSet, type ModuleSet } from '../../testkit/modset.js'
import { refusedUrl, startProxy, type Fault, type Proxy } from '../../testkit/proxy.js'

// The bundled action (npm run package first) with the real go, a local Go download site and loopback proxies.
let set: ModuleSet
let archive: GoArchive
const roots: string[] = []
const servers: { close(): Promise<void> }[] = []

beforeAll(async () => {
  set = generateModuleSet({ count: 8, seed: 11 })
  const dir = await mkdtemp(path.join(tmpdir(), 'e2e-go-dist-'))
  roots.push(dir)
  archive = await buildGoArchive(dir)
})

afterAll(async () => {
  await Promise.all(servers.map(s => s.close()))
  await Promise.all(roots.map(r => removeTree(r)))
})

async function site(faults: SiteFault[] = []): Promise<GoDownloadSite> {
  const s = await startGoDownloadSite({ archives: [archive], faults })
  servers.push(s)
  return s
}

async function proxy(faults: Fault[] = []): Promise<Proxy> {
  const p = await startProxy({ files: set.files, faults })
  servers.push(p)
  return p
}

/** PATH without any directory that holds a go executable. */
function pathWithoutGo(): string {
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter(dir => dir !== '' && !existsSync(path.join(dir, 'go')) && !existsSync(path.join(dir, 'go.exe')))
    .join(path.delimiter)
}

interface Run {
  step: StepResult
  root: string
  dir: string
  env: Record<string, string>
  report?: RunReport
}

async function runAction(
  inputs: Record<string, string>,
  env: Record<string, string>,
  goMod?: (text: string) => string
): Promise<Run> {
  const root = await mkdtemp(path.join(tmpdir(), 'e2e-toolchain-'))
  roots.push(root)
  const dir = path.join(root, 'work')
  await set.writeConsumer(dir)
  if (goMod) await appendFile(path.join(dir, 'go.mod'), goMod(''))
  const fullEnv = { ...goEnv(root), ...env }
  const step = await runStep({
    entry: 'main',
    inputs: {
      cache: 'false',
      'retry-delay': '20ms',
      'retry-max-delay': '100ms',
      summary: 'never',
      ...inputs
    },
    env: fullEnv,
    cwd: dir,
    runnerTemp: path.join(root, 'runner-temp'),
    timeoutMs: 120_000
  })
  const reportPath = step.outputs.report
  const report = reportPath ? (JSON.parse(await readFile(reportPath, 'utf8')) as RunReport) : undefined
  return { step, root, dir, env: fullEnv, report }
}

const errorLines = (step: StepResult): string[] =>
  step.stdout.split('\n').filter(l => l.startsWith('::error'))

describe('Go from the go-version input', () => {
  it('downloads Go into the tool cache when go is not on PATH, then the modules with it', async () => {
    const flaky = await site([{ target: 'archive', kind: 'status', status: 503, times: 1 }])
    const mirror = await site()
    const modules = await proxy()
    const toolCache = await mkdtemp(path.join(tmpdir(), 'e2e-tool-cache-'))
    roots.push(toolCache)
    const minor = archive.version.replace(/^go/, '').split('.').slice(0, 2).join('.')
    const run = await runAction(
      { proxies: modules.url, 'go-version': minor },
      {
        PATH: pathWithoutGo(),
        RUNNER_TOOL_CACHE: toolCache,
        GO_MOD_DOWNLOAD_GO_BASE_URLS: `${flaky.url},${mirror.url}`
      }
    )
    expect(run.step.exitCode).toBe(0)
    expect(run.step.outputs.outcome).toBe('success')
    const goRoot = path.join(toolCache, 'go', toolCacheVersion(archive.version), arch())
    expect(existsSync(`${goRoot}.complete`)).toBe(true)
    expect(run.step.path).toEqual([path.join(goRoot, 'bin')])
    expect(run.report?.goVersion).toBe(archive.version)
    // The 503 was retried on the same site, which then served the archive.
    expect(flaky.log.map(r => [r.target, r.status])).toEqual([
      ['index', 200],
      ['archive', 503],
      ['archive', 200]
    ])
    expect(mirror.log).toEqual([])
    const PATH = [path.join(goRoot, 'bin'), run.env.PATH].join(path.delimiter)
    const verify = await runGo(['mod', 'verify'], { cwd: run.dir, env: { ...run.env, PATH, GOPROXY: 'off' } })
    expect(verify.stdout).toContain('all modules verified')
  })

  it('fails with one line when no site can serve Go', async () => {
    const down = await site([{ kind: 'status', status: 503 }])
    const toolCache = await mkdtemp(path.join(tmpdir(), 'e2e-tool-cache-'))
    roots.push(toolCache)
    const run = await runAction(
      { proxies: 'off', 'go-version': 'stable', 'max-attempts': '2' },
      {
        PATH: pathWithoutGo(),
        RUNNER_TOOL_CACHE: toolCache,
        GO_MOD_DOWNLOAD_GO_BASE_URLS: `${down.url},${await refusedUrl()}/dl/`
      }
    )
    expect(run.step.exitCode).toBe(1)
    const errors = errorLines(run.step)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(
      /^::error::Could not download the Go release index: http:\/\/127\.0\.0\.1:\d+\/dl\/ server-error after 2 tries \(reading .*: 503 Service Unavailable\); http:\/\/127\.0\.0\.1:\d+\/dl\/ connection after 1 try/
    )
  })

  it('without go and without go-version, says how to get go', async () => {
    const run = await runAction({ proxies: 'off' }, { PATH: pathWithoutGo() })
    expect(run.step.exitCode).toBe(1)
    expect(errorLines(run.step)).toEqual([
      '::error::go was not found on PATH: add an actions/setup-go step before this one, or set the go-version input'
    ])
  })
})

describe('toolchain switches', () => {
  const toolchainRequests = (p: Proxy): string[] =>
    p.log.filter(e => e.path.startsWith('golang.org/toolchain/')).map(e => `${e.path} ${e.status}`)

  it("never start from the action's own go env, even when go.mod asks for a newer go", async () => {
    const p = await proxy([{ kind: 'status', status: 503, match: { module: 'golang.org/toolchain' } }])
    const root = await mkdtemp(path.join(tmpdir(), 'e2e-toolchain-env-'))
    roots.push(root)
    const dir = path.join(root, 'work')
    await set.writeConsumer(dir)
    const goMod = await readFile(path.join(dir, 'go.mod'), 'utf8')
    await writeFile(path.join(dir, 'go.mod'), goMod.replace(/^go 1\.\d+(\.\d+)?$/m, 'go 1.99'))
    const env = { ...goEnv(root), GOTOOLCHAIN: 'auto', GOPROXY: p.url }
    const auto = await runGo(['env', 'GOVERSION'], { cwd: dir, env })
    expect(auto.stderr).toContain('go: downloading go1.99')
    const before = toolchainRequests(p).length
    expect(before).toBeGreaterThan(0)
    const goEnvValues = await readGoEnv(goCommand('go', execCommand), dir, env)
    expect(goEnvValues.GOVERSION).toMatch(/^go1\./)
    expect(toolchainRequests(p)).toHaveLength(before)
  })

  it('retry a toolchain download that hit a 503 and report it as server-error', async () => {
    const p = await proxy([{ kind: 'status', status: 503, match: { module: 'golang.org/toolchain' } }])
    const run = await runAction(
      { proxies: p.url, 'max-attempts': '3' },
      { GOTOOLCHAIN: 'auto' },
      () => 'toolchain go1.99.1\n'
    )
    expect(run.step.exitCode).toBe(1)
    // Three tries of the relay per attempt, three attempts; go env, run with GOTOOLCHAIN=local, asked for none.
    expect(toolchainRequests(p)).toEqual(
      Array(9).fill(`golang.org/toolchain/@v/v0.0.1-go1.99.1.${archive.os}-${archive.arch}.zip 503`)
    )
    expect(run.report?.download.attempts.map(a => a.decision)).toEqual(['retry', 'retry', 'fail'])
    expect(run.report?.download.failed.map(f => f.class)).toEqual(['server-error'])
    expect(errorLines(run.step).join('\n')).toContain('server-error')
  })

  it('ask the next mirror when one lacks the toolchain, and fail as toolchain when none has it', async () => {
    const first = await proxy()
    const second = await proxy()
    const run = await runAction(
      { proxies: `${first.url}\n${second.url}`, 'max-attempts': '3' },
      { GOTOOLCHAIN: 'auto' },
      () => 'toolchain go1.99.1\n'
    )
    expect(run.step.exitCode).toBe(1)
    expect(toolchainRequests(first)).toHaveLength(1)
    expect(toolchainRequests(second)).toHaveLength(1)
    // One go process: the relay asked both mirrors, and both lack it.
    expect(run.report?.download.attempts.map(a => a.decision)).toEqual(['fail'])
    expect(run.report?.download.failed.map(f => [f.class, f.message])).toEqual([
      ['toolchain', `download go1.99.1 for ${archive.os}/${archive.arch}: toolchain not available`]
    ])
  })
})
