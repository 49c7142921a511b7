import { afterEach, describe, expect, it } from '@jest/globals'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { parse } from 'yaml'

import {
  GOOGLE,
  checksumMismatchPurgedReport,
  hugeReport,
  notFoundEverywhereReport,
  recoveredAfter503Report,
  successReport,
  vendorReport
} from '../../__fixtures__/reports.js'
import { setOutputs, writeJsonReport } from '../../src/report/outputs.js'
import type { RunReport } from '../../src/report/types.js'

function outputs(report: RunReport, exportedGoproxy = ''): Record<string, string> {
  const values: Record<string, string> = {}
  setOutputs(report, { reportPath: '/tmp/go-mod-download/report.json', exportedGoproxy }, (name, value) => {
    expect(values).not.toHaveProperty(name)
    values[name] = value
  })
  return values
}

describe('setOutputs', () => {
  it('sets exactly the outputs action.yml declares', async () => {
    const actionYml = parse(await readFile(path.resolve('action.yml'), 'utf8')) as { outputs: object }
    expect(Object.keys(outputs(successReport())).sort()).toEqual(Object.keys(actionYml.outputs).sort())
  })

  it('reports a clean run', () => {
    expect(outputs(successReport(), GOOGLE)).toEqual({
      outcome: 'success',
      attempts: '1',
      proxy: GOOGLE,
      'failed-modules': '[]',
      'recovered-modules': '[]',
      report: '/tmp/go-mod-download/report.json',
      'cache-hit': 'true',
      'cache-key': 'gomod-Linux-x64-abc123'
    })
  })

  it('lists failed modules with exactly the public fields, credentials redacted', () => {
    const values = outputs(notFoundEverywhereReport())
    expect(values.outcome).toBe('failure')
    expect(values.attempts).toBe('2')
    const failed = JSON.parse(values['failed-modules']!) as Record<string, unknown>[]
    expect(failed).toHaveLength(2)
    for (const entry of failed)
      expect(Object.keys(entry).sort()).toEqual(['class', 'message', 'module', 'proxy', 'version'])
    expect(failed[0]).toEqual({
      module: 'github.com/acme/gone',
      version: 'v0.9.0',
      class: 'not-found',
      proxy: GOOGLE,
      message:
        'github.com/acme/gone@v0.9.0: reading https://proxy.golang.org/github.com/acme/gone/@v/v0.9.0.info: 404 Not Found\n\tserver response: not found: unknown revision v0.9.0'
    })
    const report = notFoundEverywhereReport()
    report.download.failed[0]!.proxy = 'https://ci:secret@athens.example'
    report.download.failed[0]!.message = 'Get "https://ci:secret@athens.example/m/@v/list": EOF'
    expect(outputs(report)['failed-modules']).not.toContain('secret')
  })

  it('lists recovered modules with exactly the public fields', () => {
    const recovered = JSON.parse(outputs(recoveredAfter503Report())['recovered-modules']!) as unknown[]
    expect(recovered).toEqual([
      {
        module: 'github.com/acme/widget',
        version: 'v1.2.3',
        class: 'server-error',
        attempts: 2,
        proxy: GOOGLE
      }
    ])
  })

  it('falls back to the mirror that completed the download when nothing was exported', () => {
    expect(outputs(successReport()).proxy).toBe(GOOGLE)
    expect(outputs(notFoundEverywhereReport()).proxy).toBe('')
  })

  it('says cache-hit true only for an exact hit', () => {
    expect(outputs(checksumMismatchPurgedReport())['cache-hit']).toBe('false')
    expect(outputs(checksumMismatchPurgedReport())['cache-key']).toBe('gomod-Linux-x64-def456')
    const noCache = vendorReport()
    expect(outputs(noCache)).toMatchObject({ outcome: 'vendor', 'cache-hit': 'false', 'cache-key': '' })
  })

  it('keeps each JSON output under 1 MB and parseable', () => {
    const values = outputs(hugeReport())
    for (const name of ['failed-modules', 'recovered-modules']) {
      expect(Buffer.byteLength(values[name]!, 'utf8')).toBeLessThan(1024 * 1024)
      expect(Array.isArray(JSON.parse(values[name]!))).toBe(true)
    }
  })
})

describe('writeJsonReport', () => {
  let dir: string | undefined

  afterEach(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true })
  })

  it('writes the whole run as pretty JSON with credentials removed', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'report-'))
    const file = path.join(dir, 'nested', 'report.json')
    const report = notFoundEverywhereReport()
    report.download.attempts[0]!.requests.push({
      url: 'https://user:secret@athens.corp.example/github.com/acme/gone/@v/v0.9.0.info',
      origin: 'https://user:secret@athens.corp.example',
      status: 404,
      ms: 12
    })
    await writeJsonReport(report, file)
    const text = await readFile(file, 'utf8')
    expect(text).not.toContain('secret')
    expect(text.startsWith('{\n  "outcome": "failure",\n')).toBe(true)
    const parsed = JSON.parse(text) as RunReport
    expect(parsed.download.failed).toEqual(report.download.failed)
    expect(parsed.download.attempts[0]!.requests[0]!.url).toBe(
      'https://***@athens.corp.example/github.com/acme/gone/@v/v0.9.0.info'
    )
  })
})
