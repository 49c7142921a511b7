import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import {
  attempt,
  connectivityReport,
  GOOGLE,
  moduleFailure,
  notFoundEverywhereReport,
  runReport
} from '../../__fixtures__/reports.js'
import { readInputs, type Inputs } from '../../src/config/inputs.js'
import {
  assembleReport,
  describeAttempt,
  peakRssKb,
  publicSettings,
  resourcesUsed,
  verdict
} from '../../src/report/assemble.js'

let workspace = ''

beforeAll(() => {
  workspace = mkdtempSync(path.join(tmpdir(), 'assemble-'))
  writeFileSync(path.join(workspace, 'go.mod'), 'module example.test/app\n\ngo 1.22\n')
})

afterAll(() => rmSync(workspace, { recursive: true, force: true }))

const inputs = (values: Record<string, string> = {}): Inputs =>
  readInputs(name => values[name] ?? '', workspace)

const CORP = 'https://user:hunter2@athens.corp.example'

describe('publicSettings', () => {
  it('hides the token and shows the mirrors used, credentials redacted', () => {
    const settings = publicSettings(inputs({ token: 'ghp_secret', 'max-attempts': '5' }), [CORP, 'direct'])
    expect(settings).toMatchObject({
      token: '***',
      maxAttempts: 5,
      proxies: ['https://***@athens.corp.example', 'direct']
    })
    expect(JSON.stringify(settings)).not.toMatch(/ghp_secret|hunter2/)
  })

  it('leaves the token empty when none was given, and the mirrors as the job gave them', () => {
    const settings = publicSettings(inputs(), [GOOGLE, 'direct'])
    expect(settings.token).toBe('')
    expect(settings.proxies).toEqual([GOOGLE, 'direct'])
  })
})

describe('resourcesUsed', () => {
  const usage = { userCPUTime: 1_500_000, systemCPUTime: 250_400, maxRSS: 512 * 1024 }
  const loopDelay = { p99Ms: 12.5, maxMs: 80.1 }

  it('counts CPU in ms and memory in MiB, with the event loop delay as measured', () => {
    expect(resourcesUsed({ usage, loopDelay })).toEqual({
      cpuMs: 1750,
      maxRssMb: 512,
      eventLoopDelayP99Ms: 12.5,
      eventLoopDelayMaxMs: 80.1
    })
  })

  it("takes the process's own high-water mark over maxRSS when the system gives it", () => {
    expect(resourcesUsed({ usage, loopDelay, peakRssKb: 96 * 1024 }).maxRssMb).toBe(96)
  })
})

describe('peakRssKb', () => {
  it("reads VmHWM from Linux's process status, and nothing from anything else", () => {
    expect(peakRssKb('Name:\tnode\nVmPeak:\t 1200000 kB\nVmHWM:\t   98304 kB\nVmRSS:\t 90000 kB\n')).toBe(
      98304
    )
    expect(peakRssKb('')).toBeUndefined()
  })
})

describe('verdict', () => {
  const failed = (count: number) =>
    Array.from({ length: count }, (_, i) =>
      moduleFailure({ module: `example.test/m${i}`, version: 'v1.0.0', class: 'not-found' })
    )

  it('names the modules no mirror had, once each however many working directories failed them', () => {
    const { download } = notFoundEverywhereReport()
    expect(
      verdict({ ...download, failed: [...download.failed, { ...download.failed[0]!, workdir: 'b' }] })
    ).toBe(
      '2 modules could not be downloaded from any mirror: github.com/acme/gone@v0.9.0 (not-found), github.com/acme/lost@v1.0.0 (not-found)'
    )
  })

  it('names five modules and counts the rest, in the singular for one', () => {
    const { download } = runReport({ outcome: 'failure' })
    expect(verdict({ ...download, failed: failed(7) })).toBe(
      '7 modules could not be downloaded from any mirror: example.test/m0@v1.0.0 (not-found), example.test/m1@v1.0.0 (not-found), example.test/m2@v1.0.0 (not-found), example.test/m3@v1.0.0 (not-found), example.test/m4@v1.0.0 (not-found) and 2 more'
    )
    expect(verdict({ ...download, failed: failed(1) })).toBe(
      '1 module could not be downloaded from any mirror: example.test/m0@v1.0.0 (not-found)'
    )
  })

  it('says the time budget ran out, with the modules not downloaded when go named any', () => {
    const { download } = runReport({ outcome: 'failure', timedOut: true, timeoutMs: 120_000 })
    expect(verdict(download)).toBe('go mod download ran out of its time budget (timeout: 2 min)')
    expect(verdict({ ...download, failed: failed(1) })).toBe(
      'go mod download ran out of its time budget (timeout: 2 min); 1 module not downloaded: example.test/m0@v1.0.0 (not-found)'
    )
  })

  it("gives go's first line when no module is named", () => {
    const { download } = runReport({ outcome: 'failure' })
    const local = moduleFailure({
      module: '',
      version: '',
      class: 'local',
      message: 'go: go.mod requires go >= 1.99 (running go 1.22)\nmore detail'
    })
    expect(verdict({ ...download, failed: [local] })).toBe(
      'go mod download failed (local): go: go.mod requires go >= 1.99 (running go 1.22)'
    )
    expect(verdict(download)).toBe('go mod download failed (unknown): no detail')
  })
})

describe('describeAttempt', () => {
  it('says how long a completed go process took', () => {
    expect(describeAttempt(attempt({ number: 2, durationMs: 1_500 }))).toBe('Attempt 2 completed in 1.5 s')
  })

  it('names the classes of what failed, why go was stopped and what comes next', () => {
    const line = describeAttempt(
      attempt({
        number: 1,
        durationMs: 60_000,
        stopped: 'stalled',
        failures: [
          moduleFailure(),
          moduleFailure({ module: 'example.test/b' }),
          moduleFailure({ class: 'stalled' })
        ],
        decision: 'retry'
      })
    )
    expect(line).toBe(
      'Attempt 1 failed in 1 min, stopped (stalled): 3 failure(s) [server-error, stalled]; next: retry'
    )
  })
})

describe('assembleReport', () => {
  it('puts what the phases found into the report, in the order the JSON report has always had', () => {
    const { download } = runReport({})
    const cache = { enabled: false, key: '', hit: 'miss' as const, purged: [] }
    const report = assembleReport({
      outcome: 'vendor',
      inputs: inputs({ token: 'ghp_secret' }),
      mirrors: [CORP],
      goEnv: { GOVERSION: 'go1.23.4', GOPATH: '/go' },
      download,
      warnings: ['a warning'],
      vendor: ['.'],
      cache,
      resources: { cpuMs: 1, maxRssMb: 2 },
      connectivity: connectivityReport()
    })
    expect(Object.keys(report)).toEqual([
      'outcome',
      'settings',
      'goVersion',
      'download',
      'warnings',
      'vendor',
      'cache',
      'resources',
      'connectivity',
      'relay',
      'goSum'
    ])
    expect(report).toMatchObject({
      outcome: 'vendor',
      settings: { token: '***', proxies: ['https://***@athens.corp.example'] },
      goVersion: 'go1.23.4',
      download,
      warnings: ['a warning'],
      vendor: ['.'],
      cache
    })
  })

  it('leaves the go version empty when go env does not give one', () => {
    const report = assembleReport({
      outcome: 'success',
      inputs: inputs(),
      mirrors: [GOOGLE],
      goEnv: {},
      download: runReport({}).download,
      warnings: [],
      cache: { enabled: false, key: '', hit: 'miss', purged: [] },
      resources: undefined,
      connectivity: connectivityReport()
    })
    expect(report.goVersion).toBe('')
  })
})
