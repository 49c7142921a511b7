import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { attempt, moduleFailure, recovered, runReport } from '../../__fixtures__/reports.js'
import { moduleJson, scriptedGo } from '../../__fixtures__/scripted-go.js'
import type { EngineOptions } from '../../src/download/engine.js'
import type { DownloadReport } from '../../src/download/types.js'
import type { GoRunner } from '../../src/go/command.js'
import type { ModuleSums } from '../../src/go/gosum.js'
import { emptyMirrorStats } from '../../src/relay/health.js'
import type { FileRecord, RelayReport } from '../../src/relay/types.js'
import {
  downloadGoSumModules,
  mergeRecovered,
  missingEverywhere,
  missingFromCache,
  withRelayReport
} from '../../src/steps/relayed-download.js'

const MIRROR = 'https://mirror.example'
let root = ''

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'relayed-download-'))
})

afterAll(() => rmSync(root, { recursive: true, force: true }))

function tempDir(name: string): string {
  return mkdtempSync(path.join(root, `${name}-`))
}

/** A working directory whose go.mod requires these `path@version`s. */
function workdir(label: string, requires: string[]): { label: string; dir: string } {
  const dir = tempDir('work')
  const lines = requires.map(r => `\t${r.replace('@', ' ')}`).join('\n')
  writeFileSync(
    path.join(dir, 'go.mod'),
    `module example.test/${label}\n\ngo 1.22\n\nrequire (\n${lines}\n)\n`
  )
  return { label, dir }
}

function file(fields: Partial<FileRecord> & Pick<FileRecord, 'module' | 'version' | 'outcome'>): FileRecord {
  return {
    name: `${fields.module}@${fields.version} .zip`,
    file: 'zip',
    requestedBy: 'prefetch',
    tries: [],
    servedToGo: false,
    ...fields
  }
}

function relayReport(files: FileRecord[], mirrors = [emptyMirrorStats(MIRROR)]): RelayReport {
  return { mirrors, files, totals: { files: files.length, servedToGo: 0, fromStore: 0, bytes: 0 } }
}

const failedTry = (mirror: string, detail: string) =>
  ({ mirror, hedge: false, startMs: 0, durationMs: 5, bytes: 0, outcome: 'failed', detail }) as const

const notFoundEverywhere = file({
  module: 'example.test/gone',
  version: 'v1.0.0',
  outcome: 'not-found',
  tries: [failedTry(MIRROR, '404 Not Found'), failedTry('https://b.example', '404 Not Found')]
})

const badEverywhere = file({
  module: 'example.test/bad',
  version: 'v2.0.0',
  outcome: 'failed',
  tries: [failedTry(MIRROR, 'checksum mismatch')],
  failure: { class: 'checksum-mismatch', transient: false, message: 'every copy differs from go.sum' }
})

const failedDownload = (fields: Partial<DownloadReport> = {}): DownloadReport =>
  runReport({ outcome: 'failure', workdirs: [{ workdir: '.', ok: false }], ...fields }).download

describe('mergeRecovered', () => {
  it("keeps go's own entries and adds the relay's for modules go does not list", () => {
    const engine = [recovered({ module: 'example.test/a', attempts: 2 })]
    const relay = [
      recovered({ module: 'example.test/a', attempts: 4, proxy: MIRROR }),
      recovered({ module: 'example.test/b', proxy: MIRROR })
    ]
    expect(mergeRecovered(engine, relay)).toEqual([engine[0], relay[1]])
  })
})

describe('missingEverywhere', () => {
  it('names every required module no mirror had or had only bad copies of, once, from the relay', () => {
    const dir = workdir('app', [
      'example.test/gone@v1.0.0',
      'example.test/bad@v2.0.0',
      'example.test/first@v1.0.0'
    ])
    const first = moduleFailure({ module: 'example.test/first', version: 'v1.0.0', class: 'not-found' })
    const notRequired = file({ module: 'example.test/other', version: 'v1.0.0', outcome: 'not-found' })
    const named = file({ module: 'example.test/first', version: 'v1.0.0', outcome: 'not-found' })
    const failures = missingEverywhere(
      relayReport([notFoundEverywhere, notFoundEverywhere, badEverywhere, notRequired, named]),
      [{ ...dir, label: '.' }],
      failedDownload({ failed: [first] })
    )
    expect(failures).toEqual([
      {
        module: 'example.test/gone',
        version: 'v1.0.0',
        class: 'not-found',
        transient: false,
        proxy: `${MIRROR}, https://b.example`,
        message: 'not found on any mirror',
        workdir: '.',
        fromRelay: true
      },
      {
        module: 'example.test/bad',
        version: 'v2.0.0',
        class: 'checksum-mismatch',
        transient: false,
        proxy: MIRROR,
        message: 'every copy differs from go.sum',
        workdir: '.',
        fromRelay: true
      }
    ])
  })

  it('skips the working directories that completed, and those without a go.mod to read', () => {
    const done = workdir('done', ['example.test/gone@v1.0.0'])
    const noGoMod = { label: 'empty', dir: tempDir('empty') }
    const download = failedDownload({
      workdirs: [
        { workdir: 'done', ok: true },
        { workdir: 'empty', ok: false }
      ]
    })
    expect(missingEverywhere(relayReport([notFoundEverywhere]), [done, noGoMod], download)).toEqual([])
  })
})

describe('withRelayReport', () => {
  it("shows the relay's mirrors and recovered modules, and adds what no mirror had after a failure", () => {
    const dir = workdir('app', ['example.test/gone@v1.0.0'])
    const served = file({
      module: 'example.test/slow',
      version: 'v1.0.0',
      outcome: 'ok',
      servedBy: MIRROR,
      tries: [
        { ...failedTry(MIRROR, '503 Service Unavailable'), class: 'server-error' },
        { ...failedTry(MIRROR, ''), outcome: 'ok' }
      ]
    })
    const relay = relayReport(
      [served, notFoundEverywhere],
      [{ ...emptyMirrorStats(MIRROR), requests: 3, ok: 2 }]
    )
    const download = failedDownload()
    const merged = withRelayReport(download, relay, [{ ...dir, label: '.' }])
    expect(merged.mirrors).toEqual([expect.objectContaining({ proxy: MIRROR, requests: 3, ok: 2 })])
    expect(merged.recovered).toEqual([
      expect.objectContaining({
        module: 'example.test/slow',
        class: 'server-error',
        attempts: 2,
        proxy: MIRROR
      })
    ])
    expect(merged.failed.map(f => f.module)).toEqual(['example.test/gone'])
    expect(Object.keys(merged)).toEqual(Object.keys(download))
    expect(download.failed).toEqual([])
  })
})

function sums(...ids: string[]): Map<string, ModuleSums> {
  return new Map(
    ids.map(id => {
      const [modulePath, version] = id.split('@') as [string, string]
      return [id, { path: modulePath, version, zip: 'h1:zip', mod: 'h1:mod' }]
    })
  )
}

describe('missingFromCache', () => {
  it('lists, sorted, the modules go.sum names that are neither extracted nor a verified zip in the cache', () => {
    const modCache = tempDir('modcache')
    // Upper case is escaped in the cache's paths, as go writes them.
    mkdirSync(path.join(modCache, 'example.test', '!acme', 'extracted@v1.0.0'), { recursive: true })
    const zips = path.join(modCache, 'cache', 'download', 'example.test', 'zipped', '@v')
    mkdirSync(zips, { recursive: true })
    writeFileSync(path.join(zips, 'v1.0.0.ziphash'), 'h1:zip\n')
    const onlyGoMod = new Map([
      ['example.test/modonly@v1.0.0', { path: 'example.test/modonly', version: 'v1.0.0', mod: 'h1:mod' }]
    ])
    const all = new Map([
      ...sums(
        'example.test/z@v1.0.0',
        'example.test/Acme/extracted@v1.0.0',
        'example.test/zipped@v1.0.0',
        'example.test/a@v0.1.0'
      ),
      ...onlyGoMod
    ])
    expect(missingFromCache(all, modCache)).toEqual(['example.test/a@v0.1.0', 'example.test/z@v1.0.0'])
  })
  it('passes on no go.sum line that go would take for a flag, or that go would never write', () => {
    const odd = sums('-modfile=/tmp/x@v1.0.0', 'example.test/ok@v1.0.0', 'example.test/branch@main')
    expect(missingFromCache(odd, tempDir('modcache'))).toEqual(['example.test/ok@v1.0.0'])
  })
})

describe('downloadGoSumModules', () => {
  /** Scripted go, recording the `path@version` arguments of each go process. */
  function recordingGo(run: Parameters<typeof scriptedGo>[0][string]): GoRunner & { modules: string[][] } {
    const go = scriptedGo({ [MIRROR]: run })
    const modules: string[][] = []
    return {
      modules,
      download(opts) {
        modules.push([...(opts.modules ?? [])])
        return go.download(opts)
      }
    }
  }

  function engine(runner: GoRunner, modCache: string): Omit<EngineOptions, 'workdirs'> {
    return {
      mirrors: [MIRROR],
      maxAttempts: 1,
      backoff: { baseMs: 0, maxMs: 0 },
      stallTimeoutMs: 10_000,
      timeoutMs: 60_000,
      onChecksumMismatch: 'fallback',
      env: {},
      modCache,
      runner
    }
  }

  const workdirs = [{ label: '.', dir: process.cwd() }]

  it('runs go for what the cache lacks, in batches, and numbers its go processes after the earlier ones', async () => {
    const modCache = tempDir('modcache')
    const ids = Array.from({ length: 250 }, (_, i) => `example.test/m${String(i).padStart(3, '0')}@v1.0.0`)
    const go = recordingGo([{ exitCode: 0 }])
    const download = runReport({ attempts: [attempt({ number: 1 })] }).download
    const warnings = await downloadGoSumModules(
      workdirs,
      sums(...ids),
      modCache,
      download,
      engine(go, modCache),
      Date.now() + 60_000
    )
    expect(warnings).toEqual([])
    expect(go.modules.map(batch => batch.length)).toEqual([200, 50])
    expect(go.modules.flat()).toEqual(ids)
    expect(download.attempts.map(a => a.number)).toEqual([1, 2, 3])
  })

  it('warns about each module go could not get, and fails nothing', async () => {
    const modCache = tempDir('modcache')
    const error = `example.test/gone@v1.0.0: reading ${MIRROR}/example.test/gone/@v/v1.0.0.zip: 404 Not Found`
    const go = recordingGo([{ exitCode: 1, stdout: moduleJson('example.test/gone', 'v1.0.0', error) }])
    const download = runReport({}).download
    const warnings = await downloadGoSumModules(
      workdirs,
      sums('example.test/gone@v1.0.0'),
      modCache,
      download,
      engine(go, modCache),
      Date.now() + 60_000
    )
    expect(warnings).toEqual([
      'go.sum names example.test/gone@v1.0.0, which could not be downloaded (not-found): later commands may need the network for it'
    ])
    expect(download.outcome).toBe('success')
  })

  it('starts no go process when the cache holds everything, or the time budget is spent', async () => {
    const modCache = tempDir('modcache')
    const go = recordingGo([{ exitCode: 0 }])
    const download = runReport({}).download
    expect(
      await downloadGoSumModules(
        workdirs,
        sums(),
        modCache,
        download,
        engine(go, modCache),
        Date.now() + 60_000
      )
    ).toEqual([])
    expect(
      await downloadGoSumModules(
        workdirs,
        sums('example.test/m@v1.0.0'),
        modCache,
        download,
        engine(go, modCache),
        Date.now() - 1
      )
    ).toEqual([])
    expect(go.modules).toEqual([])
    expect(download.attempts).toHaveLength(1)
  })
})
