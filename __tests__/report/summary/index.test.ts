import { describe, expect, it } from '@jest/globals'

import {
  connectivityReport,
  fileRecord,
  hugeReport,
  moduleFailure,
  notFoundEverywhereReport,
  probeResult,
  relayedFailureReport,
  relayedSuccessReport,
  relayMirror,
  runReport,
  stallFallbackReport,
  successReport,
  tryRecord
} from '../../../__fixtures__/reports.js'
import { rendered } from '../../../__fixtures__/summary-html.js'
import { renderStartFailure, renderSummary } from '../../../src/report/summary/index.js'

/** The headings and folded sections of a summary, in order. */
function outline(html: string): string[] {
  return [...html.matchAll(/<h[23]>(.*?)<\/h[23]>|^<details><summary>(.*?)<\/summary>/gm)].map(
    m => m[1] ?? `▸ ${m[2]}`
  )
}

describe('renderSummary', () => {
  it('reads top down after a relayed success: the verdict, the recovered modules, then the details folded', () => {
    expect(
      outline(rendered(renderSummary, { ...relayedSuccessReport(), connectivity: connectivityReport() }))
    ).toEqual([
      'go mod download',
      'Modules',
      '▸ What the recovered failures mean (server-error, forbidden)',
      'Mirrors',
      '▸ Files that needed a retry, a hedge or another mirror (3)',
      '▸ Connectivity: 4 mirrors probed in 1.3 s: 1 reachable',
      '▸ Attempt timeline (1 attempt, go1.23.4)'
    ])
  })

  it('puts the advice right after the modules, before the mirrors and the details, after a relayed failure', () => {
    const report = {
      ...relayedFailureReport(),
      connectivity: connectivityReport(),
      warnings: ['GOSUMDB=off']
    }
    report.cache = { enabled: false, key: '', hit: 'miss', purged: [] }
    expect(outline(rendered(renderSummary, report))).toEqual([
      'go mod download',
      'Modules',
      'What this means and how to fix it',
      'Mirrors',
      '▸ Files that needed a retry, a hedge or another mirror (5)',
      'Connectivity',
      '▸ Go environment that shapes requests',
      'Module cache',
      'Warnings',
      '▸ Attempt timeline (3 attempts, go1.23.4)'
    ])
  })

  it('never prints the credentials of a mirror URL', () => {
    const html = rendered(renderSummary, notFoundEverywhereReport())
    expect(html).not.toContain('secret')
    expect(html).not.toContain('user:')
  })

  it('redacts credentials inside go messages, pending URLs and the exported GOPROXY', () => {
    const report = stallFallbackReport()
    report.download.attempts[0]!.pendingUrl =
      'https://bot:hunter2@goproxy.cn/golang.org/x/text/@v/v0.14.0.zip'
    report.download.exportProxy = 'https://proxy.golang.org|https://bot:hunter2@goproxy.cn'
    report.download.attempts[0]!.failures[0]!.message = 'Get "https://bot:hunter2@goproxy.cn/x": EOF'
    const html = rendered(renderSummary, report)
    expect(html).not.toContain('hunter2')
    expect(html).toContain('https://***@goproxy.cn/golang.org/x/text/@v/v0.14.0.zip')
  })

  it('escapes every piece of go output, module path and mirror', () => {
    const report = runReport({
      outcome: 'failure',
      workdirs: [{ workdir: '.', ok: false }],
      failed: [
        moduleFailure({
          module: 'evil.example/<b>',
          class: 'bad-response',
          proxy: 'https://p.example/?a=1&b=<i>',
          message: 'invalid response from proxy: <script>alert(1)</script> & more'
        })
      ]
    })
    const html = rendered(renderSummary, report)
    expect(html).not.toContain('<script>')
    expect(html).not.toContain('<b>')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; more')
    expect(html).toContain('evil.example/&lt;b&gt;')
    expect(html).toContain('https://p.example/?a=1&amp;b=&lt;i&gt;')
  })

  it('stays far below the 1 MiB limit with thousands of failures and huge messages', () => {
    const html = rendered(renderSummary, hugeReport())
    expect(Buffer.byteLength(html, 'utf8')).toBeLessThan(900 * 1024)
    expect(html).toMatch(/…and \d+ more modules; see the JSON report/)
    expect(html).toMatch(/…and \d+ more attempts; see the JSON report/)
    expect(html).toMatch(/…and \d+ more warnings; see the JSON report/)
    expect(html).toMatch(/were purged: .* and \d+ more/)
    expect(html).toContain('&lt;&amp;&gt;')
    expect(html).not.toMatch(/\n\s*\n/)
  })

  it('stays far below the 1 MiB limit with thousands of mirrors probed as well', () => {
    const report = hugeReport()
    const targets = Array.from({ length: 5_000 }, (_, i) => `https://mirror-${i}.example/${'p'.repeat(150)}`)
    report.connectivity = {
      ...connectivityReport(),
      triedLast: targets,
      probes: targets.map(target =>
        probeResult({
          target,
          verdict: 'down',
          dns: { host: 'mirror.example', ms: 4, addresses: ['192.0.2.7', '192.0.2.8', '192.0.2.9'] },
          failure: { phase: 'connect', class: 'connection', message: `dial tcp: ${'x'.repeat(300)}` }
        })
      ),
      environment: [{ name: 'GOPROXY', value: targets.join('|') }]
    }
    const html = rendered(renderSummary, report)
    expect(Buffer.byteLength(html, 'utf8')).toBeLessThan(900 * 1024)
    expect(html).toMatch(/…and \d+ more probes; see the JSON report/)
    expect(html).toMatch(/unreachable or silent: .* and \d+ more\.<\/p>/)
  })

  it('stays far below the 1 MiB limit when the relay fought for thousands of files on thousands of mirrors', () => {
    const report = hugeReport()
    const mirrors = Array.from({ length: 3_000 }, (_, i) => `https://mirror-${i}.example/${'p'.repeat(150)}`)
    report.relay = {
      mirrors: mirrors.map(mirror =>
        relayMirror({ mirror, failuresByClass: { 'server-error': 3, stalled: 1 } })
      ),
      files: Array.from({ length: 5_000 }, (_, i) =>
        fileRecord({
          module: `github.com/acme/module${i}`,
          version: `v1.0.${i}`,
          file: 'zip',
          outcome: 'failed',
          tries: mirrors.slice(0, 20).map(mirror => tryRecord({ mirror, detail: `503 ${'x'.repeat(100)}` }))
        })
      ),
      totals: { files: 5_000, servedToGo: 5_000, fromStore: 0, bytes: 0 }
    }
    report.connectivity = {
      ...connectivityReport(),
      probes: mirrors.map(target => probeResult({ target, verdict: 'down' })),
      triedLast: mirrors
    }
    const html = rendered(renderSummary, report)
    expect(Buffer.byteLength(html, 'utf8')).toBeLessThan(900 * 1024)
    expect(html).toMatch(/…and \d+ more mirrors; see the JSON report/)
    expect(html).toMatch(/…and \d+ more files; see the JSON report/)
  })

  it('stays below the limit when one message, path and URL are each megabytes long', () => {
    const big = 'z'.repeat(3 * 1024 * 1024)
    const report = runReport({
      outcome: 'failure',
      workdirs: [{ workdir: big, ok: false }],
      failed: [moduleFailure({ module: big, version: big, proxy: big, message: big, workdir: big })],
      exportProxy: big
    })
    report.download.attempts[0]!.pendingUrl = big
    report.download.attempts[0]!.stopped = 'stalled'
    report.warnings = [big]
    expect(Buffer.byteLength(rendered(renderSummary, report), 'utf8')).toBeLessThan(900 * 1024)
  })

  it('renders a plain success as its verdict line, then the mirrors', () => {
    expect(rendered(renderSummary, successReport())).toMatch(
      /^<h2>go mod download<\/h2>\n<p>✅ Downloaded 143 modules for <code>.\/<\/code> in 12.4 s<\/p>\n<h3>Mirrors<\/h3>/
    )
  })
})

describe('renderStartFailure', () => {
  it('gives the one line the step failed with, escaped, without credentials', () => {
    expect(
      rendered(renderStartFailure, 'retry-delay: "<soon>" is not a duration; from https://u:p@h.example')
    ).toBe(
      '<h2>go mod download</h2>\n<p>❌ retry-delay: &quot;&lt;soon&gt;&quot; is not a duration; from https://***@h.example</p>\n'
    )
  })
})
