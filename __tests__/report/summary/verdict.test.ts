import { describe, expect, it } from '@jest/globals'

import {
  budgetReport,
  checksumMismatchPurgedReport,
  moduleFailure,
  notFoundEverywhereReport,
  recoveredAfter503Report,
  relayedFailureReport,
  relayedSuccessReport,
  relayNotFoundReport,
  runReport,
  stallFallbackReport,
  successReport,
  tryRecord,
  vendorReport
} from '../../../__fixtures__/reports.js'
import { firstParagraph, rendered } from '../../../__fixtures__/summary-html.js'
import { renderVerdict } from '../../../src/report/summary/verdict.js'
import type { RunReport } from '../../../src/report/types.js'

function verdictOf(report: RunReport): string {
  return firstParagraph(rendered(renderVerdict, report))
}

describe('renderVerdict', () => {
  it('heads the summary with the action and one line', () => {
    expect(rendered(renderVerdict, successReport())).toBe(
      '<h2>go mod download</h2>\n<p>✅ Downloaded 143 modules for <code>./</code> in 12.4 s</p>\n'
    )
  })

  it('counts what the relay recovered, by a retry on the same mirror or on another one', () => {
    expect(verdictOf(relayedSuccessReport())).toBe(
      '✅ Downloaded 40 modules for <code>./</code> in 738 ms; 2 recovered (1 by a retry, 1 on another mirror)'
    )
  })

  it("counts the relay's tries and mirrors for a module it could not serve, not go's runs through the relay", () => {
    expect(verdictOf(relayedFailureReport())).toBe(
      '❌ 1 module could not be downloaded: <strong>server-error</strong> after 6 tries on 2 mirrors'
    )
    expect(verdictOf(relayNotFoundReport())).toBe(
      '❌ 1 module could not be downloaded: <strong>not-found</strong> after 2 tries on 2 mirrors'
    )
  })

  it('does not count a copy that lost its race as a try', () => {
    const report = relayNotFoundReport()
    const lost = tryRecord({ mirror: 'https://third.example', hedge: true, outcome: 'lost' })
    for (const file of report.relay!.files) file.tries.push(lost)
    expect(verdictOf(report)).toContain('after 2 tries on 2 mirrors')
  })

  it('says 1 try, not 1 tries, when the relay asked once', () => {
    const report = relayNotFoundReport()
    for (const file of report.relay!.files) file.tries = file.tries.slice(0, 1)
    expect(verdictOf(report)).toBe(
      '❌ 1 module could not be downloaded: <strong>not-found</strong> after 1 try on 1 mirror'
    )
  })

  it('counts recovered modules in the verdict', () => {
    expect(verdictOf(recoveredAfter503Report())).toBe(
      '✅ Downloaded 143 modules for <code>./</code> in 12.4 s; 1 recovered by a retry'
    )
    expect(verdictOf(stallFallbackReport())).toBe(
      '✅ Downloaded 88 modules for <code>./</code> in 1 min 15 s; 1 recovered on another mirror'
    )
  })

  it('tells retried modules from those another mirror served', () => {
    const report = recoveredAfter503Report()
    report.download.attempts[0]!.failures.push(
      moduleFailure({
        module: 'github.com/acme/private',
        version: 'v0.1.0',
        class: 'forbidden',
        proxy: 'https://athens.corp.example'
      })
    )
    report.download.recovered.push({
      module: 'github.com/acme/private',
      version: 'v0.1.0',
      class: 'forbidden',
      attempts: 2,
      proxy: 'https://proxy.golang.org'
    })
    expect(verdictOf(report)).toBe(
      '✅ Downloaded 143 modules for <code>./</code> in 12.4 s; 2 recovered (1 by a retry, 1 on another mirror)'
    )
  })

  it("counts go's attempts and the mirrors they used when go went to the mirrors itself", () => {
    expect(verdictOf(notFoundEverywhereReport())).toBe(
      '❌ 2 modules could not be downloaded: <strong>not-found</strong> after 2 attempts on 2 mirrors'
    )
    expect(verdictOf(checksumMismatchPurgedReport())).toBe(
      '❌ 1 module could not be downloaded: <strong>checksum-mismatch</strong> after 2 attempts on 2 mirrors'
    )
  })

  it('says when the build falls back to vendor/', () => {
    expect(verdictOf(vendorReport())).toBe(
      '⚠️ The download failed; <code>./</code> will build from the committed <code>vendor/</code>. 1 module could not be downloaded: <strong>server-error</strong> after 3 attempts on 1 mirror'
    )
  })

  it('says when go failed before naming any module, and when time ran out', () => {
    const report = runReport({
      outcome: 'failure',
      timedOut: true,
      workdirs: [{ workdir: '.', ok: false }],
      failed: [
        moduleFailure({ module: '', version: '', class: 'toolchain', message: 'go: download go1.99 failed' })
      ]
    })
    expect(verdictOf(report)).toBe(
      '❌ go failed before naming a module: <strong>toolchain</strong> after 1 attempt on 1 mirror; the step ran out of its time budget (<code>timeout</code>, 10 min)'
    )
  })

  it("blames the step's own time budget when it ran out", () => {
    expect(verdictOf(budgetReport())).toContain(
      'the step ran out of its time budget (<code>timeout</code>, 1.0 s)'
    )
  })

  it('mixes classes, most frequent first', () => {
    const report = runReport({
      outcome: 'failure',
      workdirs: [{ workdir: '.', ok: false }],
      failed: [
        moduleFailure({ module: 'a', class: 'auth' }),
        moduleFailure({ module: 'b', class: 'not-found' }),
        moduleFailure({ module: 'c', class: 'not-found' })
      ]
    })
    expect(verdictOf(report)).toBe(
      '❌ 3 modules could not be downloaded: 2 <strong>not-found</strong>, 1 <strong>auth</strong> after 1 attempt on 1 mirror'
    )
  })

  it('counts a module version that failed in several working directories once', () => {
    const report = runReport({
      outcome: 'failure',
      workdirs: ['a', 'b', 'c'].map(workdir => ({ workdir, ok: false })),
      failed: ['a', 'b', 'c'].flatMap(workdir => [
        moduleFailure({ workdir, module: 'example.com/x', class: 'not-found' }),
        moduleFailure({ workdir, module: 'example.com/y', class: 'not-found' })
      ])
    })
    expect(verdictOf(report)).toBe(
      '❌ 2 modules could not be downloaded: <strong>not-found</strong> after 1 attempt on 1 mirror'
    )
  })
})
