import { describe, expect, it } from '@jest/globals'
import type { AnnotationProperties } from '@actions/core'
import path from 'node:path'

import {
  budgetReport,
  moduleFailure,
  notFoundEverywhereReport,
  recoveredAfter503Report,
  runReport,
  stallFallbackReport,
  successReport,
  vendorReport
} from '../../__fixtures__/reports.js'
import { annotate, annotationsFor, findRequireLine } from '../../src/report/annotations.js'
import type { RunReport } from '../../src/report/types.js'

const workspace = path.resolve('/work/repo')

const goMod = `module example.com/app

go 1.22

toolchain go1.22.3

require github.com/acme/single v1.0.0 // a comment

require (
	github.com/acme/gone v0.9.0
	"github.com/acme/quoted" v2.0.0+incompatible
	golang.org/x/text v0.14.0 // indirect
)

require(
	github.com/acme/lost v1.0.0
)

replace github.com/acme/old => github.com/acme/fork v1.1.0

exclude github.com/acme/excluded v0.1.0
`

interface Emitted {
  level: 'error' | 'warning'
  message: string
  properties?: AnnotationProperties
}

function files(entries: Record<string, string>): (p: string) => string | undefined {
  return p => entries[path.relative(workspace, p).split(path.sep).join('/')]
}

function emitted(report: RunReport, fileTree: Record<string, string>, maxErrors?: number): Emitted[] {
  const calls: Emitted[] = []
  annotate(
    report,
    { workspace, readFile: files(fileTree), maxErrors },
    {
      error: (message, properties) => calls.push({ level: 'error', message: String(message), properties }),
      warning: (message, properties) => calls.push({ level: 'warning', message: String(message), properties })
    }
  )
  return calls
}

function failingReport(...failures: Parameters<typeof moduleFailure>[0][]): RunReport {
  return runReport({
    outcome: 'failure',
    workdirs: [{ workdir: '.', ok: false }],
    failed: failures.map(f => moduleFailure(f))
  })
}

describe('findRequireLine', () => {
  it('finds single-line and block requirements, quoted or not', () => {
    expect(findRequireLine(goMod, 'github.com/acme/single')).toBe(7)
    expect(findRequireLine(goMod, 'github.com/acme/gone')).toBe(10)
    expect(findRequireLine(goMod, 'github.com/acme/quoted')).toBe(11)
    expect(findRequireLine(goMod, 'golang.org/x/text')).toBe(12)
    expect(findRequireLine(goMod, 'github.com/acme/lost')).toBe(16)
  })

  it('ignores modules that are only replaced, excluded, named in comments, or are prefixes', () => {
    expect(findRequireLine(goMod, 'github.com/acme/old')).toBeUndefined()
    expect(findRequireLine(goMod, 'github.com/acme/excluded')).toBeUndefined()
    expect(findRequireLine(goMod, 'github.com/acme')).toBeUndefined()
    expect(findRequireLine(goMod, 'example.com/app')).toBeUndefined()
    expect(findRequireLine('// require github.com/acme/x v1.0.0\n', 'github.com/acme/x')).toBeUndefined()
  })

  it('reads CRLF files', () => {
    expect(
      findRequireLine('module m\r\n\r\nrequire (\r\n\tgithub.com/a/b v1.0.0\r\n)\r\n', 'github.com/a/b')
    ).toBe(4)
  })
})

describe('annotate', () => {
  it('puts an error on the require line of each failed module', () => {
    const calls = emitted(notFoundEverywhereReport(), { 'go.mod': goMod })
    const errors = calls.filter(c => c.level === 'error')
    expect(errors.map(c => c.properties)).toEqual([
      { title: 'go mod download: not-found', file: 'go.mod', startLine: 10 },
      { title: 'go mod download: not-found', file: 'go.mod', startLine: 16 }
    ])
    expect(errors[0]!.message).toContain(
      'github.com/acme/gone@v0.9.0 could not be downloaded (not-found, last tried on https://proxy.golang.org).'
    )
    expect(errors[0]!.message).toContain('go said: github.com/acme/gone@v0.9.0: reading')
    expect(errors[0]!.message).toContain('Fix: Check what exists with `go list -m -versions <module>`')
  })

  it('places the file relative to the workspace for a nested working directory', () => {
    const report = failingReport({ module: 'github.com/acme/single', workdir: 'services/api' })
    const [error] = emitted(report, { 'services/api/go.mod': goMod })
    expect(error!.properties).toMatchObject({ file: 'services/api/go.mod', startLine: 7 })
  })

  it('accepts an absolute working directory inside the workspace', () => {
    const report = failingReport({ module: 'github.com/acme/single', workdir: path.join(workspace, 'tools') })
    const [error] = emitted(report, { 'tools/go.mod': goMod })
    expect(error!.properties).toMatchObject({ file: 'tools/go.mod', startLine: 7 })
  })

  it('falls back to the go.mod without a line when the module is not required there', () => {
    const report = failingReport({ module: 'github.com/acme/transitive' })
    const [error] = emitted(report, { 'go.mod': goMod })
    expect(error!.properties).toEqual({ title: 'go mod download: server-error', file: 'go.mod' })
  })

  it('points at the replace directive when the fork is what failed', () => {
    const report = failingReport({ module: 'github.com/acme/fork', class: 'not-found' })
    const [error] = emitted(report, { 'go.mod': goMod })
    expect(error!.properties).toMatchObject({ file: 'go.mod', startLine: 19 })
  })

  it('points at the replace directive of a required module whose replacement failed', () => {
    const replaced =
      'module example.com/app\n\ngo 1.22\n\nrequire github.com/acme/old v1.0.0\n\nreplace github.com/acme/old => github.com/acme/fork v1.1.0\n'
    const report = failingReport({
      module: 'github.com/acme/old',
      version: 'v1.0.0',
      class: 'not-found',
      message:
        'github.com/acme/old@v1.0.0 (replaced by github.com/acme/fork@v1.1.0): reading https://proxy.golang.org/github.com/acme/fork/@v/v1.1.0.mod: 404 Not Found'
    })
    const [error] = emitted(report, { 'go.mod': replaced })
    expect(error!.properties).toMatchObject({ file: 'go.mod', startLine: 7 })
  })

  it('points at the go line when go.mod asks for a newer go than GOTOOLCHAIN=local allows', () => {
    const report = failingReport({
      module: '',
      version: '',
      class: 'toolchain',
      transient: false,
      misconfigured: 'toolchain-local',
      message: 'go.mod requires go >= 1.999 (running go 1.26.8; GOTOOLCHAIN=local)'
    })
    const [error] = emitted(report, { 'go.mod': goMod })
    expect(error!.properties).toEqual({ title: 'go mod download: toolchain', file: 'go.mod', startLine: 3 })
    expect(error!.message).toContain(
      'Fix: The `go` line of go.mod asks for a newer Go than the one installed'
    )
  })

  it('points at the toolchain line for a toolchain failure', () => {
    const report = failingReport({
      module: 'golang.org/toolchain',
      version: 'v0.0.1-go1.22.3.linux-amd64',
      class: 'toolchain'
    })
    const [error] = emitted(report, { 'go.mod': goMod })
    expect(error!.properties).toMatchObject({ file: 'go.mod', startLine: 5 })
  })

  it('finds the requirement in a module used by a go.work root', () => {
    const report = failingReport({ module: 'github.com/acme/lost' })
    const [error] = emitted(report, {
      'go.work': 'go 1.22\n\nuse (\n\t./cmd\n\t./lib\n)\n',
      'cmd/go.mod': 'module example.com/cmd\n',
      'lib/go.mod': goMod
    })
    expect(error!.properties).toMatchObject({ file: 'lib/go.mod', startLine: 16 })
  })

  it('gives no file for a failure that names no module', () => {
    const report = failingReport({
      module: '',
      version: '',
      class: 'dns',
      message: 'lookup proxy.golang.org: no such host'
    })
    const [error] = emitted(report, { 'go.mod': goMod })
    expect(error!.properties).toEqual({ title: 'go mod download: dns' })
    expect(error!.message).toMatch(/^go mod download failed in \. before naming a module \(dns/)
  })

  it('gives no file for a working directory outside the workspace', () => {
    const report = failingReport({ module: 'github.com/acme/single', workdir: '/elsewhere' })
    const [error] = emitted(report, {})
    expect(error!.properties).toEqual({ title: 'go mod download: server-error' })
  })

  it('redacts mirror credentials in the message', () => {
    const report = failingReport({
      proxy: 'https://ci:secret@athens.example',
      message: 'Get "https://ci:secret@athens.example/x/@v/list": EOF'
    })
    const [error] = emitted(report, { 'go.mod': goMod })
    expect(error!.message).not.toContain('secret')
    expect(error!.message).toContain('https://***@athens.example')
  })

  it('sums up recoveries in one warning and emits no error on success', () => {
    const calls = emitted(recoveredAfter503Report(), { 'go.mod': goMod })
    expect(calls).toEqual([
      {
        level: 'warning',
        message:
          '1 module needed a retry or another mirror: github.com/acme/widget@v1.2.3 (server-error, 2 attempts, served by https://proxy.golang.org).',
        properties: { title: 'go mod download: recovered' }
      }
    ])
    expect(emitted(stallFallbackReport(), {})[0]!.message).toContain('golang.org/x/text@v0.14.0 (stalled')
    expect(emitted(successReport(), {})).toEqual([])
  })

  it('downgrades failures to warnings when the build falls back to vendor/', () => {
    const calls = emitted(vendorReport(), { 'go.mod': 'module m\n\nrequire github.com/acme/widget v1.2.3\n' })
    expect(calls).toHaveLength(1)
    expect(calls[0]!.level).toBe('warning')
    expect(calls[0]!.properties).toMatchObject({ file: 'go.mod', startLine: 3 })
    expect(calls[0]!.message).toContain('the build uses the committed vendor/ instead')
  })

  it('stays within GitHub annotation limit and sums up the rest in the last error', () => {
    const report = failingReport(...Array.from({ length: 25 }, (_, i) => ({ module: `example.com/m${i}` })))
    const calls = emitted(report, { 'go.mod': goMod })
    expect(calls).toHaveLength(10)
    expect(calls[9]!.message).toMatch(
      /^16 more modules could not be downloaded: example.com\/m9@v1.2.3 \(server-error\)/
    )
    expect(calls[9]!.properties).toEqual({ title: 'go mod download: more failures' })
  })

  it("says the step's time budget ran out for what it stopped, not that the network timed out", () => {
    const [error] = emitted(budgetReport(), { 'go.mod': goMod })
    expect(error!.message).toContain("The step's time budget (`timeout`, 1.0 s) ran out")
    expect(error!.message).toContain('Fix: Raise `timeout` (now 1.0 s)')
    expect(error!.message).not.toContain('the network drops or filters the traffic')
  })

  it('returns the same annotations without emitting them', () => {
    const report = notFoundEverywhereReport()
    const annotations = annotationsFor(report, { workspace, readFile: files({ 'go.mod': goMod }) })
    expect(annotations.map(a => `${a.level} ${a.properties.file}:${a.properties.startLine}`)).toEqual([
      'error go.mod:10',
      'error go.mod:16'
    ])
  })
})
