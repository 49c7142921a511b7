import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { downloadModules, type EngineOptions } from '../../src/download/engine.js'
import type { RelayAccount, RelayRoute } from '../../src/download/types.js'
import { realGoRunner } from '../../src/go/command.js'
import type { Clock } from '../../src/policy/clock.js'
import { moduleJson, scriptedGo, type ScriptedRun } from '../../__fixtures__/scripted-go.js'
import { goEnv, removeTree, runGo } from '../../testkit/action.js'
import { generateModuleSet, type ModuleSet } from '../../testkit/modset.js'
import { startProxy, type Fault, type Proxy } from '../../testkit/proxy.js'

// The relay as go sees it: its secret is a path, which must never reach the report.
const SECRET = '5ec7e75ec7e7'
const RELAY = `http://127.0.0.1:9/${SECRET}`
const VIA_RELAY = `${RELAY}|direct`
const A = 'http://127.0.0.1:1/a'
const B = 'http://127.0.0.1:2/b'

const ok: ScriptedRun = { exitCode: 0, stdout: moduleJson('example.test/m', 'v1.0.0') }
const failing = (error: string): ScriptedRun => ({
  exitCode: 1,
  stdout: moduleJson('example.test/m', 'v1.0.0', error) + moduleJson('example.test/n', 'v1.0.0')
})
const zipUrl = (base: string, module = 'm'): string => `${base}/example.test/${module}/@v/v1.0.0.zip`
const relayed502 = failing(`example.test/m@v1.0.0: reading ${zipUrl(RELAY)}: 502 Bad Gateway`)

const tempDirs: string[] = []
const roots: string[] = []
const closers: (() => Promise<void>)[] = []
afterAll(async () => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true })
  for (const close of closers.reverse()) await close()
  await Promise.all(roots.map(r => removeTree(r)))
})

/** A module cache of the test's own, removed after the file's tests. */
function tempModCache(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'engine-modcache-'))
  tempDirs.push(dir)
  return dir
}

function testClock(): Clock & { slept: number[] } {
  const slept: number[] = []
  return { slept, now: () => Date.now(), sleep: async ms => void slept.push(ms), random: () => 0.5 }
}

/** The relay's side of the engine: what it says of the URLs go reported as failed, and its progress. */
function relayRoute(accounts: Record<string, RelayAccount> = {}, progress = () => 0): RelayRoute {
  return {
    goproxy: VIA_RELAY,
    label: 'relay',
    base: RELAY,
    progress,
    explain: url => accounts[url]
  }
}

function options(runner: EngineOptions['runner'], overrides: Partial<EngineOptions> = {}): EngineOptions {
  return {
    workdirs: [{ label: '.', dir: process.cwd() }],
    mirrors: ['https://mirror.example', 'direct'],
    relay: relayRoute(),
    maxAttempts: 3,
    backoff: { baseMs: 100, maxMs: 1000 },
    stallTimeoutMs: 10_000,
    timeoutMs: 60_000,
    onChecksumMismatch: 'fallback',
    env: {},
    modCache: tempModCache(),
    runner,
    clock: testClock(),
    ...overrides
  }
}

/** Without the relay: go asks the listed mirrors itself. */
function withoutRelay(mirrors: string[]): Partial<EngineOptions> {
  return { relay: undefined, mirrors }
}

describe('downloadModules through the relay', () => {
  it('points go at the relay, completes in one go process and leaves the mirrors to the relay', async () => {
    const go = scriptedGo({ [VIA_RELAY]: [ok] })
    const { report } = await downloadModules(options(go))
    expect(go.calls).toEqual([VIA_RELAY])
    expect(report.outcome).toBe('success')
    expect(report.attempts).toEqual([expect.objectContaining({ proxy: 'relay', try: 1, decision: 'done' })])
    expect(report.workdirs).toEqual([{ workdir: '.', ok: true, completedBy: 'relay' }])
    expect(report.mirrors).toEqual([])
    expect(report.recovered).toEqual([])
  })

  it("runs go again after a jittered backoff when the relay ran out of tries, with the relay's account", async () => {
    const go = scriptedGo({ [VIA_RELAY]: [relayed502, ok] })
    const clock = testClock()
    const relay = relayRoute({
      [zipUrl(RELAY)]: { class: 'server-error', transient: true, mirrors: 'https://mirror.example' }
    })
    const { report } = await downloadModules(options(go, { clock, relay }))
    expect(go.calls).toEqual([VIA_RELAY, VIA_RELAY])
    expect(clock.slept).toEqual([50])
    expect(report.outcome).toBe('success')
    expect(report.attempts.map(a => [a.try, a.decision])).toEqual([
      [1, 'retry'],
      [2, 'done']
    ])
    expect(report.attempts[0]?.failures[0]).toEqual({
      module: 'example.test/m',
      version: 'v1.0.0',
      class: 'server-error',
      transient: true,
      proxy: 'https://mirror.example',
      message: 'example.test/m@v1.0.0: reading relay/example.test/m/@v/v1.0.0.zip: 502 Bad Gateway',
      workdir: '.',
      fromRelay: true
    })
    expect(report.recovered).toEqual([
      { module: 'example.test/m', version: 'v1.0.0', class: 'server-error', attempts: 2, proxy: 'relay' }
    ])
    expect(JSON.stringify(report)).not.toContain(SECRET)
  })

  it('gives up after max-attempts go processes, naming the module', async () => {
    const go = scriptedGo({ [VIA_RELAY]: [relayed502] })
    const { report } = await downloadModules(options(go, { maxAttempts: 3 }))
    expect(go.calls).toHaveLength(3)
    expect(report.attempts.map(a => a.decision)).toEqual(['retry', 'retry', 'fail'])
    expect(report.outcome).toBe('failure')
    expect(report.workdirs).toEqual([{ workdir: '.', ok: false }])
    expect(report.failed).toEqual([
      expect.objectContaining({ module: 'example.test/m', class: 'server-error' })
    ])
  })

  it('gives up at once when the relay found the module on no mirror', async () => {
    const go = scriptedGo({ [VIA_RELAY]: [relayed502, ok] })
    const relay = relayRoute({
      [zipUrl(RELAY)]: {
        class: 'not-found',
        transient: false,
        mirrors: 'https://a.example, https://b.example'
      }
    })
    const { report } = await downloadModules(options(go, { relay }))
    expect(go.calls).toHaveLength(1)
    expect(report.attempts[0]?.decision).toBe('fail')
    expect(report.failed).toEqual([
      expect.objectContaining({ class: 'not-found', proxy: 'https://a.example, https://b.example' })
    ])
  })

  it('fails fast on an invalid version', async () => {
    const go = scriptedGo({
      [VIA_RELAY]: [failing('example.test/m@v9.9.9: invalid version: unknown revision v9.9.9'), ok]
    })
    const { report } = await downloadModules(options(go))
    expect(go.calls).toHaveLength(1)
    expect(report.outcome).toBe('failure')
    expect(report.failed[0]?.class).toBe('invalid-version')
  })

  it('waits longer before running go again after a rate limit', async () => {
    const go = scriptedGo({
      [VIA_RELAY]: [failing(`example.test/m@v1.0.0: reading ${zipUrl(RELAY)}: 429 Too Many Requests`), ok]
    })
    const clock = testClock()
    await downloadModules(options(go, { clock }))
    expect(clock.slept).toEqual([200])
  })

  it('does not count a module as recovered when the next go process stopped before fetching it', async () => {
    const abortsOnN: ScriptedRun = {
      exitCode: 1,
      stdout: moduleJson(
        'example.test/n',
        'v1.0.0',
        'example.test/n@v1.0.0: invalid version: unknown revision'
      )
    }
    const go = scriptedGo({ [VIA_RELAY]: [relayed502, abortsOnN] })
    const { report } = await downloadModules(options(go))
    expect(go.calls).toHaveLength(2)
    expect(report.outcome).toBe('failure')
    expect(report.failed.map(f => f.module)).toEqual(['example.test/n'])
    expect(report.recovered).toEqual([])
  })

  it('counts a module as recovered when the -x trace shows a later go process fetched it', async () => {
    const fetchesMThenAbortsOnN: ScriptedRun = {
      exitCode: 1,
      stderr: [
        `# get ${zipUrl(RELAY)}`,
        `# get ${zipUrl(RELAY)}: 200 OK (0.001s)`,
        'go: example.test/n@v1.0.0: invalid version: unknown revision v1.0.0'
      ]
    }
    const go = scriptedGo({ [VIA_RELAY]: [relayed502, fetchesMThenAbortsOnN] })
    const { report } = await downloadModules(options(go))
    expect(report.outcome).toBe('failure')
    expect(report.recovered).toEqual([
      { module: 'example.test/m', version: 'v1.0.0', class: 'server-error', attempts: 2, proxy: 'relay' }
    ])
  })

  it('reads failures from stderr when go aborts without JSON, the relay shown by name', async () => {
    const mod = `${RELAY}/example.test/m/@v/v1.0.0.mod`
    const go = scriptedGo({
      [VIA_RELAY]: [
        {
          exitCode: 1,
          stderr: [
            `# get ${mod}`,
            `# get ${mod}: 502 Bad Gateway (0.002s)`,
            `go: example.test/m@v1.0.0: reading ${mod}: 502 Bad Gateway`
          ]
        },
        ok
      ]
    })
    const { report } = await downloadModules(options(go))
    expect(report.attempts[0]?.failures).toEqual([
      expect.objectContaining({ module: 'example.test/m', version: 'v1.0.0', class: 'server-error' })
    ])
    expect(report.attempts[0]?.requests).toEqual([
      { url: 'relay/example.test/m/@v/v1.0.0.mod', origin: 'relay', status: 502, ms: 2 }
    ])
    expect(report.outcome).toBe('success')
    expect(JSON.stringify(report)).not.toContain(SECRET)
  })

  it('stops a silent go after the stall timeout, names what it waited for, and gives up', async () => {
    const pending = zipUrl(RELAY)
    const go = scriptedGo({ [VIA_RELAY]: [{ hang: true, stderr: [`# get ${pending}`] }, ok] })
    const { report } = await downloadModules(options(go, { stallTimeoutMs: 150 }))
    expect(go.killed).toBe(1)
    expect(go.calls).toHaveLength(1)
    expect(report.attempts[0]).toMatchObject({
      stopped: 'stalled',
      pendingUrl: 'relay/example.test/m/@v/v1.0.0.zip',
      decision: 'fail'
    })
    expect(report.attempts[0]?.failures[0]).toMatchObject({ module: 'example.test/m', class: 'stalled' })
    expect(report.outcome).toBe('failure')
  })

  it('does not stop a quiet go while the relay makes progress for it', async () => {
    const go = scriptedGo({ [VIA_RELAY]: [{ hang: true }] })
    let progress = 0
    const ticking = setInterval(() => progress++, 20)
    try {
      const relay = relayRoute({}, () => progress)
      const { report } = await downloadModules(options(go, { relay, stallTimeoutMs: 150, timeoutMs: 600 }))
      // Only the step's budget stopped it, never the stall watchdog.
      expect(report.attempts.map(a => a.stopped)).toEqual(['timeout'])
      expect(report.timedOut).toBe(true)
    } finally {
      clearInterval(ticking)
    }
  })

  it('does not stop a quiet go while a zip body it is fetching grows', async () => {
    const modCache = tempModCache()
    const dir = path.join(modCache, 'cache', 'download', 'example.test', 'm', '@v')
    mkdirSync(dir, { recursive: true })
    const partial = path.join(dir, 'v1.0.0.zip42.tmp')
    writeFileSync(partial, '')
    const go = scriptedGo({
      [VIA_RELAY]: [
        { hang: true, stderr: [`# get ${zipUrl(RELAY)}`, `# get ${zipUrl(RELAY)}: 200 OK (0.001s)`] }
      ]
    })
    const growing = setInterval(() => appendFileSync(partial, 'more bytes'), 20)
    try {
      const { report } = await downloadModules(options(go, { modCache, stallTimeoutMs: 150, timeoutMs: 600 }))
      expect(report.attempts.map(a => a.stopped)).toEqual(['timeout'])
    } finally {
      clearInterval(growing)
    }
  })

  it('blames a stalled zip body on its own module, not on the zips that already finished', async () => {
    const modCache = tempModCache()
    const dir = path.join(modCache, 'cache', 'download', 'example.test', 'slow', '@v')
    mkdirSync(dir, { recursive: true })
    writeFileSync(path.join(dir, 'v1.0.0.zip123.tmp'), 'half a body')
    const go = scriptedGo({
      [VIA_RELAY]: [
        {
          hang: true,
          stderr: [
            `# get ${zipUrl(RELAY, 'done')}`,
            `# get ${zipUrl(RELAY, 'done')}: 200 OK (0.001s)`,
            `# get ${zipUrl(RELAY, 'slow')}`,
            `# get ${zipUrl(RELAY, 'slow')}: 200 OK (0.001s)`
          ]
        }
      ]
    })
    const { report } = await downloadModules(options(go, { modCache, stallTimeoutMs: 150 }))
    expect(report.attempts[0]?.stopped).toBe('stalled')
    expect(report.attempts[0]?.failures.map(f => f.module)).toEqual(['example.test/slow'])
    expect(report.attempts[0]?.pendingUrl).toBe('relay/example.test/slow/@v/v1.0.0.zip')
  })

  it('tries every working directory, and stops them all when the step budget runs out', async () => {
    const workdirs = ['one', 'two', 'three'].map(label => ({ label, dir: process.cwd() }))
    const invalid = failing('example.test/m@v9.9.9: invalid version: unknown revision v9.9.9')
    const go = scriptedGo({ [VIA_RELAY]: [invalid, ok, { hang: true }] })
    const { report } = await downloadModules(options(go, { workdirs, timeoutMs: 500 }))
    expect(go.calls).toHaveLength(3)
    expect(report.workdirs).toEqual([
      { workdir: 'one', ok: false },
      { workdir: 'two', ok: true, completedBy: 'relay' },
      { workdir: 'three', ok: false }
    ])
    expect(report.attempts[2]?.stopped).toBe('timeout')
    expect(report.timedOut).toBe(true)

    const stopped = scriptedGo({ [VIA_RELAY]: [{ hang: true }, ok] })
    const first = await downloadModules(options(stopped, { workdirs, timeoutMs: 200 }))
    expect(stopped.calls).toHaveLength(1)
    expect(first.report.workdirs.map(w => w.ok)).toEqual([false, false, false])
  })

  it('purges a cached copy that does not match go.sum and runs go again', async () => {
    const modCache = tempModCache()
    const dir = path.join(modCache, 'cache', 'download', 'example.test', 'm', '@v')
    const tamper = (): void => {
      mkdirSync(dir, { recursive: true })
      writeFileSync(path.join(dir, 'v1.0.0.zip'), 'tampered')
      writeFileSync(path.join(dir, 'v1.0.0.ziphash'), 'h1:bad')
    }
    // go read the copy from its cache: no request for the module in the trace.
    const mismatch: ScriptedRun = {
      exitCode: 1,
      stderr: [
        'go: verifying example.test/m@v1.0.0: checksum mismatch',
        '\tdownloaded: h1:AAAA',
        '\tgo.sum:     h1:BBBB',
        '',
        'SECURITY ERROR'
      ]
    }
    tamper()
    const go = scriptedGo({ [VIA_RELAY]: [mismatch, ok] })
    const { report } = await downloadModules(options(go, { modCache }))
    expect(existsSync(path.join(dir, 'v1.0.0.zip'))).toBe(false)
    expect(existsSync(path.join(dir, 'v1.0.0.ziphash'))).toBe(false)
    expect(report.purged).toEqual([{ module: 'example.test/m', version: 'v1.0.0', proxy: 'relay' }])
    expect(report.attempts.map(a => a.decision)).toEqual(['retry', 'done'])
    expect(report.outcome).toBe('success')

    tamper()
    const strict = scriptedGo({ [VIA_RELAY]: [mismatch, ok] })
    const failed = await downloadModules(options(strict, { modCache, onChecksumMismatch: 'fail' }))
    expect(strict.calls).toHaveLength(1)
    expect(failed.report.outcome).toBe('failure')
    expect(failed.report.failed[0]?.class).toBe('checksum-mismatch')
  })
})

describe('downloadModules without the relay', () => {
  it('points go at direct alone when no mirror is a module proxy, and exports it', async () => {
    const go = scriptedGo({ direct: [ok] })
    const { report, goproxyForLaterSteps } = await downloadModules(options(go, withoutRelay(['direct'])))
    expect(go.calls).toEqual(['direct'])
    expect(report.outcome).toBe('success')
    expect(report.mirrors).toEqual([
      { proxy: 'direct', requests: 0, ok: 0, failuresByClass: {}, demoted: false, answered: true }
    ])
    expect(report.exportProxy).toBe('direct')
    expect(goproxyForLaterSteps).toBe('direct')
  })

  it('runs direct again for a transient failure of a fetch the relay cannot see', async () => {
    const go = scriptedGo({
      direct: [
        failing(
          'example.test/m@v1.0.0: unrecognized import path "example.test/m": https fetch: Get "https://example.test/m?go-get=1": read tcp 10.0.0.1:50000->10.0.0.2:443: read: connection reset by peer'
        ),
        ok
      ]
    })
    const { report } = await downloadModules(options(go, withoutRelay(['direct'])))
    expect(go.calls).toEqual(['direct', 'direct'])
    expect(report.outcome).toBe('success')
    expect(report.recovered).toEqual([expect.objectContaining({ module: 'example.test/m', proxy: 'direct' })])
    expect(report.mirrors[0]?.failuresByClass).toEqual({ reset: 1 })
  })

  it('exports nothing when the mirrors say off', async () => {
    const go = scriptedGo({
      off: [failing('example.test/m@v1.0.0: module lookup disabled by GOPROXY=off')]
    })
    const { report, goproxyForLaterSteps } = await downloadModules(options(go, withoutRelay(['off'])))
    expect(go.calls).toEqual(['off'])
    expect(report.failed[0]).toMatchObject({ class: 'local', misconfigured: 'goproxy-off', proxy: 'off' })
    expect(report.exportProxy).toBe('')
    expect(goproxyForLaterSteps).toBe('')
  })

  it("joins the mirrors with pipes in one go process, and counts each mirror's requests from the trace", async () => {
    const listed = `${A}|${B}|direct`
    const mod = (base: string): string => `${base}/example.test/m/@v/v1.0.0.mod`
    const go = scriptedGo({
      [listed]: [
        failing(`example.test/m@v1.0.0: reading ${mod(B)}: 500 Internal Server Error`),
        {
          exitCode: 0,
          stdout: moduleJson('example.test/m', 'v1.0.0'),
          stderr: [
            `# get ${mod(A)}`,
            `# get ${mod(A)}: 503 Service Unavailable (0.001s)`,
            `# get ${mod(B)}`,
            `# get ${mod(B)}: 200 OK (0.002s)`
          ]
        }
      ]
    })
    const { report, goproxyForLaterSteps } = await downloadModules(
      options(go, withoutRelay([A, B, 'direct']))
    )
    expect(go.calls).toEqual([listed, listed])
    expect(report.attempts.map(a => a.proxy)).toEqual([listed, listed])
    expect(report.mirrors).toEqual([
      { proxy: A, requests: 1, ok: 0, failuresByClass: {}, demoted: false, answered: false },
      {
        proxy: B,
        requests: 1,
        ok: 1,
        failuresByClass: { 'server-error': 1 },
        demoted: false,
        answered: true
      },
      { proxy: 'direct', requests: 0, ok: 0, failuresByClass: {}, demoted: false, answered: false }
    ])
    expect(report.recovered).toEqual([expect.objectContaining({ module: 'example.test/m', proxy: listed })])
    expect(report.exportProxy).toBe(listed)
    expect(goproxyForLaterSteps).toBe(listed)
  })

  it('purges a bad copy a mirror served, names the mirror, and gives up: go has no other source', async () => {
    const modCache = tempModCache()
    const dir = path.join(modCache, 'cache', 'download', 'example.test', 'm', '@v')
    mkdirSync(dir, { recursive: true })
    writeFileSync(path.join(dir, 'v1.0.0.zip'), 'tampered')
    const mismatch: ScriptedRun = {
      exitCode: 1,
      stderr: [
        `# get ${zipUrl(B)}`,
        `# get ${zipUrl(B)}: 200 OK (0.001s)`,
        'go: verifying example.test/m@v1.0.0: checksum mismatch',
        '\tdownloaded: h1:AAAA',
        '\tgo.sum:     h1:BBBB'
      ]
    }
    const go = scriptedGo({ [`${A}|${B}`]: [mismatch, ok] })
    const { report } = await downloadModules(options(go, { modCache, ...withoutRelay([A, B]) }))
    expect(existsSync(path.join(dir, 'v1.0.0.zip'))).toBe(false)
    expect(report.purged).toEqual([{ module: 'example.test/m', version: 'v1.0.0', proxy: B }])
    expect(go.calls).toHaveLength(1)
    expect(report.attempts[0]?.decision).toBe('fail')
    expect(report.outcome).toBe('failure')
  })

  it('never shows credentials in the report, only in the GOPROXY value for later steps', async () => {
    const secret = 'https://user:s3cret@127.0.0.1:3/p'
    const listed = `${secret}|direct`
    const go = scriptedGo({
      [listed]: [failing(`example.test/m@v1.0.0: reading ${secret}/example.test/m/@v/v1.0.0.zip: 503`), ok]
    })
    const { report, goproxyForLaterSteps } = await downloadModules(
      options(go, withoutRelay([secret, 'direct']))
    )
    expect(report.outcome).toBe('success')
    expect(JSON.stringify(report)).not.toContain('s3cret')
    expect(report.attempts[0]?.proxy).toBe('https://***@127.0.0.1:3/p|direct')
    expect(report.mirrors[0]).toMatchObject({
      proxy: 'https://***@127.0.0.1:3/p',
      failuresByClass: { 'server-error': 1 }
    })
    expect(goproxyForLaterSteps).toBe(listed)
  })
})

describe('downloadModules with the real go', () => {
  let set: ModuleSet

  beforeAll(() => {
    set = generateModuleSet({ count: 8, seed: 5 })
  })

  async function mirror(faults: Fault[] = []): Promise<Proxy> {
    const p = await startProxy({ files: set.files, faults, seed: 2 })
    closers.push(() => p.close())
    return p
  }

  async function consumer(): Promise<{ dir: string; env: Record<string, string>; modCache: string }> {
    const root = await mkdtemp(path.join(tmpdir(), 'engine-go-'))
    roots.push(root)
    const dir = path.join(root, 'work')
    await set.writeConsumer(dir)
    // The engine sets GOPROXY itself.
    const { GOPROXY: _set, ...env }: Record<string, string> = { ...goEnv(root), GOFLAGS: '-modcacherw' }
    return { dir, env, modCache: env.GOMODCACHE as string }
  }

  it('falls past a mirror that answers 503 to the next one in the same go process', async () => {
    const [sick, healthy] = [await mirror([{ kind: 'status', status: 503 }]), await mirror()]
    const { dir, env, modCache } = await consumer()
    const { report, goproxyForLaterSteps } = await downloadModules(
      options(realGoRunner('go'), {
        ...withoutRelay([sick.url, healthy.url]),
        workdirs: [{ label: '.', dir }],
        env,
        modCache
      })
    )
    expect(report.outcome).toBe('success')
    expect(report.attempts).toHaveLength(1)
    expect(report.mirrors.map(m => [m.proxy, m.ok > 0, m.answered])).toEqual([
      [sick.url, false, false],
      [healthy.url, true, true]
    ])
    expect(report.mirrors[0]?.requests).toBeGreaterThan(0)
    expect(goproxyForLaterSteps).toBe(`${sick.url}|${healthy.url}`)
    const verify = await runGo(['mod', 'verify'], { cwd: dir, env: { ...env, GOPROXY: 'off' } })
    expect(verify.stdout).toContain('all modules verified')
  })

  it('stops a go that waits on a silent mirror, process tree and all, and names the file', async () => {
    const silent = await mirror([{ kind: 'hang', match: { file: 'zip' } }])
    const { dir, env, modCache } = await consumer()
    const { report } = await downloadModules(
      options(realGoRunner('go'), {
        ...withoutRelay([silent.url]),
        workdirs: [{ label: '.', dir }],
        env,
        modCache,
        stallTimeoutMs: 1000
      })
    )
    expect(report.outcome).toBe('failure')
    expect(report.attempts).toHaveLength(1)
    expect(report.attempts[0]).toMatchObject({ stopped: 'stalled', decision: 'fail' })
    expect(report.attempts[0]?.pendingUrl).toMatch(new RegExp(`^${silent.url}/.+\\.zip$`))
    expect(report.failed[0]).toMatchObject({ class: 'stalled', proxy: silent.url })
  })
})
