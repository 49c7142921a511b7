import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import {
  goEnv,
  removeTree,
  runGo,
  runMainOnConsumer,
  runStep,
  type ConsumerRun
} from '../../testkit/action.js'
import { generateModuleSet, type ModuleSet } from '../../testkit/modset.js'
import { refusedUrl, startProxy, type Fault, type Proxy } from '../../testkit/proxy.js'
import type { RunReport } from '../../src/report/types.js'
import { downloadDir } from '../../src/go/modcache.js'

// The bundled action, run the way the runner runs it, with the real go against loopback proxies.
let set: ModuleSet
const roots: string[] = []
const proxies: Proxy[] = []

beforeAll(() => {
  set = generateModuleSet({ count: 120, seed: 7 })
})

afterAll(async () => {
  await Promise.all(proxies.map(p => p.close()))
  await Promise.all(roots.map(r => removeTree(r)))
})

async function proxy(faults: Fault[] = [], seed = 1): Promise<Proxy> {
  const p = await startProxy({ files: set.files, faults, seed })
  proxies.push(p)
  return p
}

type Run = ConsumerRun<RunReport>

function runAction(
  inputs: Record<string, string>,
  timeoutMs = 120_000,
  prepare?: (dir: string) => Promise<void>
): Promise<Run> {
  return runMainOnConsumer({
    writeConsumer: async dir => {
      await set.writeConsumer(dir)
      await prepare?.(dir)
    },
    inputs,
    timeoutMs,
    roots
  })
}

/** After a successful run: the cache verifies offline and the user's files are as they were. */
async function expectVerifiedAndUntouched(run: Run): Promise<void> {
  expect(run.step.exitCode).toBe(0)
  expect(run.step.outputs.outcome).toBe('success')
  const verify = await runGo(['mod', 'verify'], { cwd: run.dir, env: { ...run.env, GOPROXY: 'off' } })
  expect(verify.stdout + verify.stderr).toContain('all modules verified')
  expect(verify.code).toBe(0)
  expect(await readFile(path.join(run.dir, 'go.sum'), 'utf8')).toBe(set.consumer.goSum)
  expect(await readFile(path.join(run.dir, 'go.mod'), 'utf8')).toBe(set.consumer.goMod)
}

const recoveredClasses = (run: Run): string[] =>
  [
    ...new Set(
      (JSON.parse(run.step.outputs['recovered-modules'] ?? '[]') as { class: string }[]).map(r => r.class)
    )
  ].sort()

describe('the action end to end', () => {
  it('downloads a healthy module set in one attempt and exports the mirror', async () => {
    const healthy = await proxy()
    const run = await runAction({ proxies: healthy.url })
    await expectVerifiedAndUntouched(run)
    expect(run.step.outputs.attempts).toBe('1')
    expect(run.step.outputs['recovered-modules']).toBe('[]')
    expect(run.step.outputs['failed-modules']).toBe('[]')
    expect(run.step.env.GOPROXY).toBe(healthy.url)
    expect(healthy.log.some(e => e.path.startsWith('sumdb/'))).toBe(false)
    expect(run.step.summary).toContain('120')
    // The version lists go keeps beside each module's files, for the modules the relay put in place too.
    for (const m of set.modules) {
      const list = await readFile(
        path.join(downloadDir(run.env.GOMODCACHE as string, m.path), 'list'),
        'utf8'
      )
      expect(list.split('\n')).toContain(m.version)
    }
  })

  it("logs go's output with workflow commands stopped, so a mirror cannot inject one", async () => {
    // One zip the prefetch cannot get (two tries), so that go asks the relay for it and says so.
    const hostile = await proxy([
      { kind: 'status', status: 503, times: 3, match: { module: set.modules[0]!.path, file: 'zip' } }
    ])
    const run = await runAction({ proxies: hostile.url, 'max-attempts': '2' })
    await expectVerifiedAndUntouched(run)
    let stoppedBy: string | undefined
    const outside: string[] = []
    for (const line of run.step.stdout.split('\n')) {
      const stop = /^::stop-commands::(.+)$/.exec(line)
      if (stop) stoppedBy = stop[1]
      else if (stoppedBy && line === `::${stoppedBy}::`) stoppedBy = undefined
      else if (!stoppedBy && (line.startsWith('# get') || line.includes('server response')))
        outside.push(line)
    }
    expect(outside).toEqual([])
    expect(run.step.stdout).toMatch(/^# get /m)
  })

  it('puts go.mod back when go rewrites it, and says so', async () => {
    const healthy = await proxy()
    const direct = set.consumer.goMod.split('\n').find(l => /^\t\S+ v\d+\.\d+\.\d+$/.test(l)) as string
    const shortened = direct.replace(/(v\d+\.\d+)\.\d+$/, '$1')
    const goMod = set.consumer.goMod.replace(direct, shortened)
    const run = await runAction({ proxies: healthy.url }, 120_000, async dir => {
      await writeFile(path.join(dir, 'go.mod'), goMod)
    })
    expect(run.step.exitCode).toBe(0)
    // go mod download canonicalises the version in go.mod (v1.4 -> v1.4.6); the user's file must stay as it was.
    expect(await readFile(path.join(run.dir, 'go.mod'), 'utf8')).toBe(goMod)
    expect(run.step.stdout).toMatch(
      /::warning::.*go\.mod was changed during the download and has been put back/
    )
  })

  it('retries random 503s per request, so one go process gets every module in', async () => {
    const flaky = await proxy([{ kind: 'status', status: 503, probability: 0.15, times: 1 }], 3)
    const run = await runAction({ proxies: flaky.url })
    await expectVerifiedAndUntouched(run)
    expect(run.step.outputs.attempts).toBe('1')
    expect(run.report.relay?.mirrors[0]?.retries).toBeGreaterThan(0)
    expect(recoveredClasses(run)).toContain('server-error')
    expect(run.step.summary).toMatch(/server-error/)
  })

  it('moves past a mirror that answers 403 to the healthy one behind it', async () => {
    const gate = await proxy([{ kind: 'status', status: 403 }])
    const healthy = await proxy()
    const run = await runAction({ proxies: `${gate.url}\n${healthy.url}` })
    await expectVerifiedAndUntouched(run)
    expect(run.step.outputs.attempts).toBe('1')
    const gateStats = run.report.download.mirrors.find(m => m.proxy === gate.url)
    expect(gateStats?.failuresByClass.forbidden).toBeGreaterThan(0)
    expect(run.step.env.GOPROXY).toBe(healthy.url)
    expect(run.step.summary).toContain('forbidden')
  })

  it('tries a mirror that refuses connections last, after the probe found it down', async () => {
    const refused = await refusedUrl()
    const healthy = await proxy()
    const run = await runAction({ proxies: `${refused},${healthy.url}` })
    await expectVerifiedAndUntouched(run)
    // Tried last, and never needed: the relay asked only the healthy mirror.
    expect(run.report.download.mirrors.map(m => m.proxy)).toEqual([healthy.url])
    expect(run.step.env.GOPROXY).toBe(healthy.url)
  })

  it('without the probe, moves past a mirror that refuses connections and demotes it', async () => {
    const refused = await refusedUrl()
    const healthy = await proxy()
    const run = await runAction({ proxies: `${refused},${healthy.url}`, probe: 'false' })
    await expectVerifiedAndUntouched(run)
    expect(run.step.outputs.attempts).toBe('1')
    const down = run.report.download.mirrors.find(m => m.proxy === refused)
    expect(down?.failuresByClass.connection).toBeGreaterThan(0)
    // The breaker skips it after a few refusals, instead of paying for it on every request.
    expect(down?.demoted).toBe(true)
    expect(down?.requests).toBeLessThan(set.modules.length)
    expect(run.step.env.GOPROXY).toBe(healthy.url)
  })

  it('hedges past a mirror that accepts and never answers, and skips it once it has gone quiet', async () => {
    const silent = await proxy([{ kind: 'hang' }])
    const healthy = await proxy()
    // The probe would already put the silent mirror last; without it the relay must find out itself.
    const run = await runAction({ proxies: `${silent.url}|${healthy.url}`, probe: 'false' })
    await expectVerifiedAndUntouched(run)
    expect(run.step.outputs.attempts).toBe('1')
    expect(run.report.download.attempts[0]?.stopped).toBeUndefined()
    const quiet = run.report.relay?.mirrors.find(m => m.mirror === silent.url)
    expect(quiet?.hedges).toBeGreaterThan(0)
    expect(quiet?.breakerTrips).toBeGreaterThan(0)
    expect(run.report.relay?.mirrors.find(m => m.mirror === healthy.url)?.hedgesWon).toBeGreaterThan(0)
    expect(run.step.env.GOPROXY).toBe(healthy.url)
    // Generous safety bound: far below the default stall timeout (60 s) that one silent request once cost.
    expect(run.step.durationMs).toBeLessThan(20_000)
  })

  it('backs off and retries 429s', async () => {
    const limited = await proxy([{ kind: 'status', status: 429, probability: 0.2, times: 1 }], 5)
    const run = await runAction({ proxies: limited.url, 'max-attempts': '5' })
    await expectVerifiedAndUntouched(run)
    expect(recoveredClasses(run)).toContain('rate-limited')
  })

  it('recovers from truncated and reset transfers', async () => {
    // go's HTTP client silently repeats a GET once when a reused connection closes unanswered, so
    // a reset must hit twice to reach go.
    const resetModules = new Set([4, 30, 77].map(i => set.modules[i]?.path))
    const broken = await proxy(
      [
        { kind: 'truncate', match: { file: 'zip' }, probability: 0.15, times: 1 },
        { kind: 'reset', match: req => resetModules.has(req.module) && req.file === 'info', times: 2 }
      ],
      11
    )
    const run = await runAction({ proxies: broken.url, 'max-attempts': '5' })
    await expectVerifiedAndUntouched(run)
    const classes = recoveredClasses(run)
    expect(classes).toEqual(expect.arrayContaining(['reset', 'truncated']))
  })

  describe('a tampered zip', () => {
    const victim = (): string => set.modules[10]?.path as string

    it('is dropped and fetched from the next mirror with on-checksum-mismatch: fallback', async () => {
      const evil = await proxy([{ kind: 'tamper', match: { module: victim(), file: 'zip' } }])
      const healthy = await proxy()
      const run = await runAction({ proxies: `${evil.url}\n${healthy.url}` })
      await expectVerifiedAndUntouched(run)
      // The relay checked the copy before go saw it: nothing reached the module cache to purge.
      expect(run.report.download.purged).toEqual([])
      expect(run.step.stdout).toMatch(new RegExp(`::error.*${victim()}.*${evil.url.replace(/[.]/g, '\\.')}`))
      expect(recoveredClasses(run)).toEqual(['checksum-mismatch'])
      expect(healthy.log.some(e => e.path.includes(`${victim()}/@v/`) && e.path.endsWith('.zip'))).toBe(true)
    })

    it('fails the step with on-checksum-mismatch: fail', async () => {
      const evil = await proxy([{ kind: 'tamper', match: { module: victim(), file: 'zip' } }])
      const healthy = await proxy()
      const run = await runAction({ proxies: `${evil.url}\n${healthy.url}`, 'on-checksum-mismatch': 'fail' })
      expect(run.step.exitCode).toBe(1)
      expect(run.step.outputs.outcome).toBe('failure')
      const failed = JSON.parse(run.step.outputs['failed-modules'] ?? '[]') as {
        module: string
        class: string
      }[]
      expect(failed).toEqual([expect.objectContaining({ module: victim(), class: 'checksum-mismatch' })])
      expect(healthy.log.filter(e => e.path.includes('/@v/'))).toHaveLength(0)
    })
  })

  it('fails naming exactly the modules no mirror has, with annotations on their go.mod lines', async () => {
    const missing = [set.modules[3]?.path as string, set.modules[42]?.path as string]
    const gone = (status: number): Fault[] =>
      missing.map(module => ({ kind: 'status', status, match: { module, file: 'zip' } }) as Fault)
    const first = await proxy(gone(404))
    const second = await proxy(gone(410))
    const run = await runAction({ proxies: `${first.url}\n${second.url}` })
    expect(run.step.exitCode).toBe(1)
    expect(run.step.outputs.outcome).toBe('failure')
    const failed = JSON.parse(run.step.outputs['failed-modules'] ?? '[]') as {
      module: string
      class: string
    }[]
    expect(failed.map(f => f.module).sort()).toEqual([...missing].sort())
    expect(failed.every(f => f.class === 'not-found')).toBe(true)
    const goMod = set.consumer.goMod.split('\n')
    for (const module of missing) {
      const line = goMod.findIndex(l => l.trim().startsWith(`${module} `)) + 1
      expect(line).toBeGreaterThan(0)
      expect(run.step.stdout).toMatch(new RegExp(`::error [^\\n]*file=go\\.mod,line=${line}[,:]`))
    }
    expect(run.step.stdout).toMatch(/::error::2 modules could not be downloaded/)
    expect(await readFile(path.join(run.dir, 'go.sum'), 'utf8')).toBe(set.consumer.goSum)
  })
})

describe('a job summary or a JSON report that cannot be written', () => {
  it('is a warning: the completed download still succeeds', async () => {
    const healthy = await proxy()
    const root = await mkdtemp(path.join(tmpdir(), 'e2e-summary-'))
    roots.push(root)
    await set.writeConsumer(root)
    const step = await runStep({
      entry: 'main',
      inputs: { proxies: healthy.url, cache: 'false' },
      env: goEnv(root),
      cwd: root,
      summaryFile: path.join(root, 'no-such-dir', 'summary.md')
    })
    expect(step.stdout).not.toMatch(/^::error::/m)
    expect(step.stdout).toMatch(/^::warning::Could not write the job summary: /m)
    expect(step.exitCode).toBe(0)
    expect(step.outputs.outcome).toBe('success')
  })

  it('is a warning, and the report output is empty', async () => {
    const healthy = await proxy()
    const root = await mkdtemp(path.join(tmpdir(), 'e2e-report-'))
    roots.push(root)
    const dir = path.join(root, 'work')
    await set.writeConsumer(dir)
    const notADirectory = path.join(root, 'runner-temp-is-a-file')
    await writeFile(notADirectory, '')
    const step = await runStep({
      entry: 'main',
      inputs: { proxies: healthy.url, cache: 'false' },
      env: goEnv(root),
      cwd: dir,
      runnerTemp: notADirectory
    })
    expect(step.stdout).not.toMatch(/^::error::/m)
    expect(step.stdout).toMatch(
      /^::warning::Could not write the JSON report to .*go-mod-download-report\.json: /m
    )
    expect(step.exitCode).toBe(0)
    expect(step.outputs).toMatchObject({ outcome: 'success', report: '' })
    expect(step.summary).toContain('✅ Downloaded')
  })
})

describe('bad input', () => {
  const cases: Array<[string, string]> = [
    ['working-directory', 'nowhere'],
    ['proxies', 'ftp://mirror.example'],
    ['max-attempts', '0'],
    ['retry-delay', 'soon'],
    ['retry-max-delay', 'forever'],
    ['stall-timeout', '0s'],
    ['timeout', '10'],
    ['on-checksum-mismatch', 'ignore'],
    ['private-modules', 'a b'],
    ['vendor-fallback', 'yes'],
    ['cache', 'maybe'],
    ['summary', 'sometimes'],
    ['export-proxy', 'no'],
    ['go-version', 'newest']
  ]

  it.each(cases)('fails fast on %s=%j with one line naming it', async (input, value) => {
    const healthy = await proxy()
    const run = await runAction({ proxies: healthy.url, [input]: value }, 30_000)
    expect(run.step.exitCode).toBe(1)
    const errors = run.step.stdout.split('\n').filter(l => l.startsWith('::error'))
    expect(errors).toHaveLength(1)
    expect(errors[0]).toContain(`'${input}'`)
    expect(errors[0]).toContain(`'${value}'`)
    expect(run.step.stdout + run.step.stderr).not.toMatch(/\n\s+at /)
    expect(healthy.log).toHaveLength(0)
    expect(run.step.durationMs).toBeLessThan(10_000)
    expect(run.step.outputs).toEqual({ outcome: 'failure' })
  })

  it('says in one line that go is missing and how to get it, in the log and in the job summary', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'e2e-nogo-'))
    roots.push(root)
    await set.writeConsumer(root)
    const noGo = await runStep({
      entry: 'main',
      inputs: { cache: 'false' },
      env: { PATH: '/nonexistent' },
      cwd: root
    })
    expect(noGo.exitCode).toBe(1)
    expect(noGo.stdout).toMatch(/::error::go was not found on PATH: add an actions\/setup-go step/)
    expect(noGo.summary).toContain('<h2>go mod download</h2>')
    expect(noGo.summary).toContain(
      '❌ go was not found on PATH: add an actions/setup-go step before this one'
    )
    expect(noGo.outputs).toEqual({ outcome: 'failure' })
  })

  it('writes a job summary for a bad input too, unless the summary input says never', async () => {
    const badInput = await runAction({ proxies: 'off', 'max-attempts': '0' }, 30_000)
    expect(badInput.step.exitCode).toBe(1)
    expect(badInput.step.summary).toContain('❌ Input &#39;max-attempts&#39; has the value &#39;0&#39;')

    const quiet = await runAction({ proxies: 'off', 'max-attempts': '0', summary: 'never' }, 30_000)
    expect(quiet.step.exitCode).toBe(1)
    expect(quiet.step.summary).toBe('')
  })
})
