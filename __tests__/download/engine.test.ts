import { afterAll, describe, expect, it } from '@jest/globals'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { downloadModules, type EngineOptions } from '../../src/download/engine.js'
import type { Clock } from '../../src/policy/clock.js'
import { moduleJson, scriptedGo, type ScriptedRun } from '../../__fixtures__/scripted-go.js'

const A = 'http://127.0.0.1:1/a'
const B = 'http://127.0.0.1:2/b'
const ok: ScriptedRun = { exitCode: 0, stdout: moduleJson('example.test/m', 'v1.0.0') }
const failing = (error: string): ScriptedRun => ({
  exitCode: 1,
  stdout: moduleJson('example.test/m', 'v1.0.0', error) + moduleJson('example.test/n', 'v1.0.0')
})
const http503 = failing(
  `example.test/m@v1.0.0: reading ${A}/example.test/m/@v/v1.0.0.zip: 503 Service Unavailable`
)

const modCaches: string[] = []
afterAll(() => {
  for (const dir of modCaches) rmSync(dir, { recursive: true, force: true })
})

/** A module cache of the test's own, removed after the file's tests. */
function tempModCache(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'engine-modcache-'))
  modCaches.push(dir)
  return dir
}

function testClock(): Clock & { slept: number[] } {
  const slept: number[] = []
  return { slept, now: () => Date.now(), sleep: async ms => void slept.push(ms), random: () => 0.5 }
}

function options(runner: EngineOptions['runner'], overrides: Partial<EngineOptions> = {}): EngineOptions {
  return {
    workdirs: [{ label: '.', dir: process.cwd() }],
    mirrors: [A, B],
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

describe('downloadModules', () => {
  it('completes in one attempt on a healthy mirror and exports it first', async () => {
    const go = scriptedGo({ [A]: [ok] })
    const { report, goproxyForLaterSteps } = await downloadModules(options(go))
    expect(report.outcome).toBe('success')
    expect(report.attempts).toHaveLength(1)
    expect(report.recovered).toEqual([])
    expect(go.calls).toEqual([A])
    expect(goproxyForLaterSteps).toBe(`${A}|${B}`)
  })

  it('retries a 503 on the same mirror after a jittered backoff and reports the recovery', async () => {
    const go = scriptedGo({ [A]: [http503, ok] })
    const clock = testClock()
    const { report } = await downloadModules(options(go, { clock }))
    expect(go.calls).toEqual([A, A])
    expect(clock.slept).toEqual([50])
    expect(report.outcome).toBe('success')
    expect(report.recovered).toEqual([
      { module: 'example.test/m', version: 'v1.0.0', class: 'server-error', attempts: 2, proxy: A }
    ])
    expect(report.attempts[0]?.decision).toBe('retry')
  })

  it('does not count a module as recovered when the retry stopped before go fetched it', async () => {
    const abortsOnN: ScriptedRun = {
      exitCode: 1,
      stdout: moduleJson(
        'example.test/n',
        'v1.0.0',
        'example.test/n@v1.0.0: invalid version: unknown revision'
      )
    }
    const go = scriptedGo({ [A]: [http503, abortsOnN] })
    const { report } = await downloadModules(options(go))
    expect(go.calls).toEqual([A, A])
    expect(report.outcome).toBe('failure')
    expect(report.failed.map(f => f.module)).toEqual(['example.test/n'])
    expect(report.recovered).toEqual([])
  })

  it('counts a module as recovered when the -x trace shows a later attempt fetched it', async () => {
    const fetchesMThenAbortsOnN: ScriptedRun = {
      exitCode: 1,
      stderr: [
        `# get ${A}/example.test/m/@v/v1.0.0.zip`,
        `# get ${A}/example.test/m/@v/v1.0.0.zip: 200 OK (0.001s)`,
        'go: example.test/n@v1.0.0: invalid version: unknown revision v1.0.0'
      ]
    }
    const go = scriptedGo({ [A]: [http503, fetchesMThenAbortsOnN] })
    const { report } = await downloadModules(options(go))
    expect(report.outcome).toBe('failure')
    expect(report.recovered).toEqual([
      { module: 'example.test/m', version: 'v1.0.0', class: 'server-error', attempts: 2, proxy: A }
    ])
  })

  it('waits longer before retrying a rate limit', async () => {
    const go = scriptedGo({
      [A]: [failing(`example.test/m@v1.0.0: reading ${A}/x: 429 Too Many Requests`), ok]
    })
    const clock = testClock()
    await downloadModules(options(go, { clock }))
    expect(clock.slept).toEqual([200])
  })

  it('moves to the next mirror at once on a 403', async () => {
    const go = scriptedGo({
      [A]: [failing(`example.test/m@v1.0.0: reading ${A}/example.test/m/@v/v1.0.0.info: 403 Forbidden`)],
      [B]: [ok]
    })
    const { report, goproxyForLaterSteps } = await downloadModules(options(go))
    expect(go.calls).toEqual([A, B])
    expect(report.recovered[0]).toMatchObject({ module: 'example.test/m', class: 'forbidden', proxy: B })
    expect(goproxyForLaterSteps).toBe(B)
  })

  it('gives up on a mirror after max-attempts transient failures and tries the next', async () => {
    const go = scriptedGo({ [A]: [http503], [B]: [ok] })
    const { report } = await downloadModules(options(go, { maxAttempts: 3 }))
    expect(go.calls).toEqual([A, A, A, B])
    expect(report.attempts.map(a => a.decision)).toEqual(['retry', 'retry', 'next-mirror', 'done'])
  })

  it('fails naming the module when every mirror says not found', async () => {
    const go = scriptedGo({
      [A]: [failing(`example.test/m@v1.0.0: reading ${A}/example.test/m/@v/v1.0.0.info: 404 Not Found`)],
      [B]: [failing(`example.test/m@v1.0.0: reading ${B}/example.test/m/@v/v1.0.0.info: 410 Gone`)]
    })
    const { report } = await downloadModules(options(go))
    expect(go.calls).toEqual([A, B])
    expect(report.outcome).toBe('failure')
    expect(report.failed).toEqual([
      expect.objectContaining({ module: 'example.test/m', class: 'not-found', proxy: B })
    ])
    expect(report.recovered).toEqual([])
  })

  it('fails fast on an invalid version without asking other mirrors', async () => {
    const go = scriptedGo({
      [A]: [failing('example.test/m@v9.9.9: invalid version: unknown revision v9.9.9')],
      [B]: [ok]
    })
    const { report } = await downloadModules(options(go))
    expect(go.calls).toEqual([A])
    expect(report.outcome).toBe('failure')
    expect(report.failed[0]?.class).toBe('invalid-version')
  })

  it('reads failures from stderr when go aborts without JSON', async () => {
    const go = scriptedGo({
      [A]: [
        {
          exitCode: 1,
          stderr: [
            `# get ${A}/example.test/m/@v/v1.0.0.mod`,
            `# get ${A}/example.test/m/@v/v1.0.0.mod: 502 Bad Gateway (0.002s)`,
            `go: example.test/m@v1.0.0: reading ${A}/example.test/m/@v/v1.0.0.mod: 502 Bad Gateway`
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
      { url: `${A}/example.test/m/@v/v1.0.0.mod`, origin: A, status: 502, ms: 2 }
    ])
    expect(report.outcome).toBe('success')
  })

  it('stops a silent mirror after the stall timeout, demotes it and falls back', async () => {
    const pending = `${A}/example.test/m/@v/v1.0.0.zip`
    const go = scriptedGo({ [A]: [{ hang: true, stderr: [`# get ${pending}`] }], [B]: [ok] })
    const { report, goproxyForLaterSteps } = await downloadModules(options(go, { stallTimeoutMs: 150 }))
    expect(go.killed).toBe(1)
    expect(report.attempts[0]).toMatchObject({
      stopped: 'stalled',
      pendingUrl: pending,
      decision: 'next-mirror'
    })
    expect(report.attempts[0]?.failures[0]).toMatchObject({ module: 'example.test/m', class: 'stalled' })
    expect(report.mirrors.find(m => m.proxy === A)?.demoted).toBe(true)
    expect(goproxyForLaterSteps).toBe(B)
    expect(report.outcome).toBe('success')
  })

  it('blames a stalled zip body on its own module, not on the zips that already finished', async () => {
    const modCache = tempModCache()
    const dir = path.join(modCache, 'cache', 'download', 'example.test', 'slow', '@v')
    mkdirSync(dir, { recursive: true })
    writeFileSync(path.join(dir, 'v1.0.0.zip123.tmp'), 'half a body')
    const zip = (m: string): string => `${A}/example.test/${m}/@v/v1.0.0.zip`
    const go = scriptedGo({
      [A]: [
        {
          hang: true,
          stderr: [
            `# get ${zip('done')}`,
            `# get ${zip('done')}: 200 OK (0.001s)`,
            `# get ${zip('slow')}`,
            `# get ${zip('slow')}: 200 OK (0.001s)`
          ]
        }
      ],
      [B]: [ok]
    })
    const { report } = await downloadModules(options(go, { modCache, stallTimeoutMs: 150 }))
    expect(report.attempts[0]?.stopped).toBe('stalled')
    expect(report.attempts[0]?.failures.map(f => f.module)).toEqual(['example.test/slow'])
    expect(report.attempts[0]?.pendingUrl).toBe(zip('slow'))
  })

  it('tries a demoted mirror last for the next working directory', async () => {
    const go = scriptedGo({ [A]: [{ hang: true }, ok], [B]: [ok] })
    await downloadModules(
      options(go, {
        stallTimeoutMs: 100,
        workdirs: [
          { label: 'one', dir: process.cwd() },
          { label: 'two', dir: process.cwd() }
        ]
      })
    )
    expect(go.calls).toEqual([A, B, B])
  })

  it('never exports a mirror that did not answer, even when every mirror ended up demoted', async () => {
    const refused: ScriptedRun = {
      exitCode: 1,
      stdout: moduleJson(
        'example.test/m',
        'v1.0.0',
        `example.test/m@v1.0.0: Get "${B}/example.test/m/@v/v1.0.0.zip": dial tcp 127.0.0.1:2: connect: connection refused`
      )
    }
    const go = scriptedGo({ [A]: [ok, { hang: true }], [B]: [refused] })
    const { report, goproxyForLaterSteps } = await downloadModules(
      options(go, {
        stallTimeoutMs: 100,
        workdirs: [
          { label: 'one', dir: process.cwd() },
          { label: 'two', dir: process.cwd() }
        ]
      })
    )
    expect(go.calls).toEqual([A, A, B])
    expect(report.mirrors.map(m => [m.proxy, m.demoted, m.answered])).toEqual([
      [A, true, true],
      [B, true, false]
    ])
    expect(report.exportProxy).toBe(A)
    expect(goproxyForLaterSteps).toBe(A)
  })

  it('stops a running attempt when the step budget runs out', async () => {
    const go = scriptedGo({ [A]: [{ hang: true }], [B]: [ok] })
    const { report } = await downloadModules(options(go, { timeoutMs: 200 }))
    expect(report.timedOut).toBe(true)
    expect(report.outcome).toBe('failure')
    expect(report.attempts[0]?.stopped).toBe('timeout')
    expect(go.calls).toEqual([A])
  })

  it('purges a module whose download did not match go.sum and fetches it from the next mirror', async () => {
    const modCache = tempModCache()
    const dir = path.join(modCache, 'cache', 'download', 'example.test', 'm', '@v')
    mkdirSync(dir, { recursive: true })
    writeFileSync(path.join(dir, 'v1.0.0.zip'), 'tampered')
    writeFileSync(path.join(dir, 'v1.0.0.ziphash'), 'h1:bad')
    const mismatch: ScriptedRun = {
      exitCode: 1,
      stderr: [
        `# get ${A}/example.test/m/@v/v1.0.0.zip`,
        `# get ${A}/example.test/m/@v/v1.0.0.zip: 200 OK (0.001s)`,
        'go: verifying example.test/m@v1.0.0: checksum mismatch',
        '\tdownloaded: h1:AAAA',
        '\tgo.sum:     h1:BBBB',
        '',
        'SECURITY ERROR'
      ]
    }
    const go = scriptedGo({ [A]: [mismatch], [B]: [ok] })
    const { report } = await downloadModules(options(go, { modCache }))
    expect(existsSync(path.join(dir, 'v1.0.0.zip'))).toBe(false)
    expect(existsSync(path.join(dir, 'v1.0.0.ziphash'))).toBe(false)
    expect(report.purged).toEqual([{ module: 'example.test/m', version: 'v1.0.0', proxy: A }])
    expect(go.calls).toEqual([A, B])
    expect(report.outcome).toBe('success')

    const strict = scriptedGo({ [A]: [mismatch], [B]: [ok] })
    const failed = await downloadModules(options(strict, { onChecksumMismatch: 'fail' }))
    expect(strict.calls).toEqual([A])
    expect(failed.report.outcome).toBe('failure')
    expect(failed.report.failed[0]?.class).toBe('checksum-mismatch')
  })

  it('never exports credentials in the report, only in the GOPROXY value for later steps', async () => {
    const secret = 'https://user:s3cret@127.0.0.1:3/p'
    const go = scriptedGo({ [secret]: [ok] })
    const { report, goproxyForLaterSteps } = await downloadModules(options(go, { mirrors: [secret] }))
    expect(JSON.stringify(report)).not.toContain('s3cret')
    expect(goproxyForLaterSteps).toBe(secret)
  })
})
