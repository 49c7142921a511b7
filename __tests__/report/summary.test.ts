import { beforeEach, describe, expect, it } from '@jest/globals'
import { summary } from '@actions/core'

import {
  budgetReport,
  connectivityReport,
  CORP,
  GOOGLE,
  GOPROXY_CN,
  mirror,
  checksumMismatchPurgedReport,
  hugeReport,
  moduleFailure,
  notFoundEverywhereReport,
  probeResult,
  recovered,
  recoveredAfter503Report,
  relayNotFoundReport,
  runReport,
  stallFallbackReport,
  successReport,
  vendorReport
} from '../../__fixtures__/reports.js'
import { renderSummary } from '../../src/report/summary/index.js'
import type { RunReport } from '../../src/report/types.js'

function render(report: RunReport): string {
  summary.emptyBuffer()
  renderSummary(report, summary)
  return summary.stringify()
}

/** The text of the first paragraph: the verdict. */
function verdictOf(html: string): string {
  return /<p>(.*?)<\/p>/.exec(html)?.[1] ?? ''
}

function section(html: string, heading: string): string {
  const start = html.indexOf(`<h3>${heading}</h3>`)
  if (start < 0) return ''
  const next = html.indexOf('<h3>', start + 1)
  return html.slice(start, next < 0 ? undefined : next)
}

describe('renderSummary', () => {
  beforeEach(() => {
    summary.emptyBuffer()
  })

  it('says in one line that everything downloaded, and shows the cache hit', () => {
    const html = render(successReport())
    expect(verdictOf(html)).toBe('✅ Downloaded 143 modules for <code>./</code> in 12.4 s')
    expect(html).not.toContain('<h3>Modules</h3>')
    expect(html).not.toContain('What this means')
    expect(section(html, 'Module cache')).toContain(
      'Exact hit for key <code>gomod-Linux-x64-abc123</code> (150.0 MiB in 3.2 s).'
    )
  })

  it('counts recovered modules in the verdict and lists them with the go message', () => {
    const html = render(recoveredAfter503Report())
    expect(verdictOf(html)).toBe(
      '✅ Downloaded 143 modules for <code>./</code> in 12.4 s; 1 recovered by a retry'
    )
    const modules = section(html, 'Modules')
    expect(modules).toContain(
      '<tr><td>🔁 recovered</td><td><code>github.com/acme/widget</code></td><td><code>v1.2.3</code></td><td>server-error</td>'
    )
    expect(modules).toContain('503 Service Unavailable')
    expect(html).not.toContain('<h3>What this means and how to fix it</h3>')
    const advice =
      /<details><summary>What the recovered failures mean \(server-error\)<\/summary>(.*?)<\/details>/.exec(
        html
      )?.[1]
    expect(advice).toContain('<strong>server-error</strong> (1 recovered)')
    expect(advice).toContain('<code>go clean -modcache</code>')
  })

  it('keeps the advice for failing classes open and folds the advice for the recovered ones', () => {
    const report = notFoundEverywhereReport()
    report.download.recovered = [recovered({ class: 'reset' })]
    const html = render(report)
    const open = section(html, 'What this means and how to fix it').split('</ul>')[0]
    expect(open).toContain('<strong>not-found</strong> (2 failures)')
    expect(open).not.toContain('<strong>reset</strong>')
    expect(html).toContain(
      '<details><summary>What the recovered failures mean (reset)</summary><ul><li><strong>reset</strong> (1 recovered)'
    )
  })

  it('calls the message column what happened, since it holds the relay words as well as go words', () => {
    const header = section(render(notFoundEverywhereReport()), 'Modules').split('<tr>')[1]
    expect(header).toBe(
      '<th>Result</th><th>Module</th><th>Version</th><th>Class</th><th>Mirror</th><th>Attempts</th><th>What happened</th></tr>'
    )
  })

  it('counts what the relay asked of the mirrors for a module go asked the relay for once', () => {
    const html = render(relayNotFoundReport())
    expect(verdictOf(html)).toBe(
      '❌ 1 module could not be downloaded: <strong>not-found</strong> after 2 tries on 2 mirrors'
    )
    const row = section(html, 'Modules').split('<tr>')[2]!
    expect(row).toContain(`<td><code>${CORP}</code><br><code>${GOOGLE}</code></td><td>2</td>`)
  })

  it('folds the connectivity section under one line after a download that succeeded, and not after a failure', () => {
    const green = render({ ...successReport(), connectivity: connectivityReport() })
    expect(green).not.toContain('<h3>Connectivity</h3>')
    expect(green).toContain(
      '<details><summary>Connectivity: 4 mirrors probed in 1.3 s: 1 reachable</summary><table>'
    )
    const red = render({ ...notFoundEverywhereReport(), connectivity: connectivityReport() })
    expect(section(red, 'Connectivity')).toContain('<table>')
    expect(red).not.toContain('<summary>Connectivity')
  })

  it('says there is no cache service rather than a miss when the runner has none', () => {
    const report = successReport()
    report.cache = {
      enabled: true,
      key: 'go-mod-Linux-x64-abc',
      hit: 'miss',
      purged: [],
      noService: true,
      warning: 'The GitHub cache service is not configured on this runner; starting without a module cache.'
    }
    const cache = section(render(report), 'Module cache')
    expect(cache).toContain(
      '<li>No cache service on this runner: nothing was restored, and nothing will be saved.</li>'
    )
    expect(cache).not.toContain('Miss for key')
    expect(cache).not.toContain('not configured')
  })

  it('names the failed modules, their class and the mirrors tried, failed rows first', () => {
    const report = notFoundEverywhereReport()
    report.download.recovered = [
      {
        module: 'golang.org/x/sys',
        version: 'v0.20.0',
        class: 'reset',
        attempts: 2,
        proxy: 'https://proxy.golang.org'
      }
    ]
    const html = render(report)
    expect(verdictOf(html)).toBe(
      '❌ 2 modules could not be downloaded: <strong>not-found</strong> after 2 attempts on 2 mirrors'
    )
    const modules = section(html, 'Modules')
    const rows = modules.split('<tr>').slice(2)
    expect(rows[0]).toMatch(
      /^<td>❌ failed<\/td><td><code>github.com\/acme\/gone<\/code><\/td><td><code>v0.9.0<\/code>/
    )
    expect(rows[1]).toContain('github.com/acme/lost')
    expect(rows[2]).toContain('🔁 recovered')
    expect(rows[0]).toContain(
      '<code>https://***@athens.corp.example</code><br><code>https://proxy.golang.org</code>'
    )
    expect(rows[0]).toContain('<td>2</td>')
  })

  it('tells retried modules from those another mirror served, in the verdict', () => {
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
    expect(verdictOf(render(report))).toBe(
      '✅ Downloaded 143 modules for <code>./</code> in 12.4 s; 2 recovered (1 by a retry, 1 on another mirror)'
    )
  })

  it('puts the advice right after the modules, before the mirrors and the details', () => {
    const html = render(notFoundEverywhereReport())
    const order = ['Modules', 'What this means and how to fix it', 'Mirrors'].map(h =>
      html.indexOf(`<h3>${h}</h3>`)
    )
    expect(order.every(i => i >= 0)).toBe(true)
    expect([...order].sort((a, b) => a - b)).toEqual(order)
    expect(html.indexOf('Attempt timeline')).toBeGreaterThan(order[2]!)
  })

  it('drops the module and the mirror URL the row already shows from the one-line go message', () => {
    const html = render(notFoundEverywhereReport())
    const row = section(html, 'Modules').split('<tr>')[2]!
    const folded = /<details><summary>(.*?)<\/summary>(.*?)<\/details>/.exec(row)
    expect(folded).not.toBeNull()
    expect(folded![1]).toMatch(/^reading …\/github.com\/acme\/gone\/@v\/v0.9.0.info: 404 Not Found/)
    expect(folded![1]!.length).toBeLessThanOrEqual(125)
    expect(folded![2]).toContain('github.com/acme/gone@v0.9.0: reading https://')
  })

  it('gives advice for the classes present and no others', () => {
    const html = render(notFoundEverywhereReport())
    const advice = section(html, 'What this means and how to fix it')
    expect(advice).toContain('<strong>not-found</strong> (2 failures)')
    expect(advice).toContain('<strong>Avoid:</strong> <code>GOSUMDB=off</code>')
    expect(advice.match(/<li>/g)).toHaveLength(1)
    for (const other of ['server-error', 'checksum-mismatch', 'stalled', 'sumdb']) {
      expect(advice).not.toContain(`<strong>${other}</strong>`)
    }
  })

  it('never prints the credentials of a mirror URL', () => {
    const html = render(notFoundEverywhereReport())
    expect(html).not.toContain('secret')
    expect(html).not.toContain('user:')
    expect(section(html, 'Mirrors')).toContain('<code>https://***@athens.corp.example</code>')
  })

  it('redacts credentials inside go messages, pending URLs and the exported GOPROXY', () => {
    const report = stallFallbackReport()
    report.download.attempts[0]!.pendingUrl =
      'https://bot:hunter2@goproxy.cn/golang.org/x/text/@v/v0.14.0.zip'
    report.download.exportProxy = 'https://proxy.golang.org|https://bot:hunter2@goproxy.cn'
    report.download.attempts[0]!.failures[0]!.message = 'Get "https://bot:hunter2@goproxy.cn/x": EOF'
    const html = render(report)
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
    const html = render(report)
    expect(html).not.toContain('<script>')
    expect(html).not.toContain('<b>')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; more')
    expect(html).toContain('evil.example/&lt;b&gt;')
    expect(html).toContain('https://p.example/?a=1&amp;b=&lt;i&gt;')
  })

  it('shortens a long go message and folds the full text, keeping line breaks without blank lines', () => {
    const html = render(checksumMismatchPurgedReport())
    const modules = section(html, 'Modules')
    const folded = /<details><summary>(.*?)<\/summary>(.*?)<\/details>/.exec(modules)
    expect(folded).not.toBeNull()
    expect(folded![1]!.length).toBeLessThanOrEqual(205)
    expect(folded![1]).toMatch(
      /^verifying github.com\/acme\/moved@v1.4.0: checksum mismatch downloaded: h1:AAAA=/
    )
    expect(folded![2]).toContain('SECURITY ERROR<br>')
    expect(folded![2]).toContain('&#39;go help module-auth&#39;')
    // A blank line would end the HTML block and let Markdown mangle the rest of the table.
    expect(html).not.toMatch(/\n\s*\n/)
  })

  it('shows a module in its working directory when there are several', () => {
    const report = checksumMismatchPurgedReport()
    report.download.workdirs.push({ workdir: 'tools', ok: true })
    const html = render(report)
    expect(section(html, 'Modules')).toContain(
      '<code>github.com/acme/moved</code><br><sub>in services/api</sub>'
    )
  })

  it('reports the mirrors table with failures by class, latency and demotion', () => {
    const html = render(stallFallbackReport())
    const mirrors = section(html, 'Mirrors')
    expect(mirrors).toContain(
      '<tr><td><code>https://goproxy.cn</code></td><td>12</td><td>11</td><td>stalled ×1</td><td>120 ms</td><td>⬇️ yes</td></tr>'
    )
    expect(mirrors).toContain(
      '<tr><td><code>https://proxy.golang.org</code></td><td>176</td><td>176</td><td>—</td><td>35 ms</td><td>no</td></tr>'
    )
    expect(mirrors).toContain('best first: <code>https://proxy.golang.org|https://goproxy.cn</code>')
  })

  it('folds the attempt timeline with the stop reason and the pending URL', () => {
    const html = render(stallFallbackReport())
    const timeline =
      /<details><summary>Attempt timeline \(2 attempts, go1.23.4\)<\/summary>(.*)<\/details>/.exec(html)
    expect(timeline).not.toBeNull()
    expect(timeline![1]).toContain(
      '<tr><td>1</td><td><code>.</code></td><td><code>https://goproxy.cn</code></td><td>1</td><td>—</td><td>1 min</td><td>killed</td><td>stalled waiting for <code>https://goproxy.cn/golang.org/x/text/@v/v0.14.0.zip</code></td><td>1 (stalled)</td><td>next-mirror</td></tr>'
    )
    expect(timeline![1]).toContain(
      '<td>2</td><td><code>.</code></td><td><code>https://proxy.golang.org</code>'
    )
    expect(verdictOf(html)).toBe(
      '✅ Downloaded 88 modules for <code>./</code> in 1 min 15 s; 1 recovered on another mirror'
    )
  })

  it('describes a checksum mismatch, the purged copies, the cache and the warnings', () => {
    const html = render(checksumMismatchPurgedReport())
    expect(verdictOf(html)).toBe(
      '❌ 1 module could not be downloaded: <strong>checksum-mismatch</strong> after 2 attempts on 2 mirrors'
    )
    const advice = section(html, 'What this means and how to fix it')
    expect(advice).toContain('<strong>checksum-mismatch</strong> (1 failure)')
    expect(advice).toContain('<code>on-checksum-mismatch: fallback</code>')
    const cache = section(html, 'Module cache')
    expect(cache).toContain(
      'Partial hit: restored <code>gomod-Linux-x64-</code> for key <code>gomod-Linux-x64-def456</code> (50.0 MiB in 1.9 s).'
    )
    expect(cache).toContain(
      '1 restored module failed verification and was purged: <code>github.com/acme/stale@v0.3.0</code>'
    )
    expect(cache).toContain('⚠️ 1 restored module failed go mod verify')
    expect(cache).toContain(
      'after a checksum mismatch, then fetched again: <code>github.com/acme/moved@v1.4.0</code> from <code>https://athens.corp.example</code>'
    )
    expect(section(html, 'Warnings')).toContain(
      '<li>⚠️ GOFLAGS contains -insecure: module downloads skip transport security</li>'
    )
  })

  it('says when the build falls back to vendor/', () => {
    const html = render(vendorReport())
    expect(verdictOf(html)).toBe(
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
    const html = render(report)
    expect(verdictOf(html)).toBe(
      '❌ go failed before naming a module: <strong>toolchain</strong> after 1 attempt on 1 mirror; the step ran out of its time budget (<code>timeout</code>, 10 min)'
    )
    expect(section(html, 'Modules')).toContain('<em>(go failed before naming a module)</em>')
  })

  it('mixes classes in the verdict, most frequent first', () => {
    const report = runReport({
      outcome: 'failure',
      workdirs: [{ workdir: '.', ok: false }],
      failed: [
        moduleFailure({ module: 'a', class: 'auth' }),
        moduleFailure({ module: 'b', class: 'not-found' }),
        moduleFailure({ module: 'c', class: 'not-found' })
      ]
    })
    expect(verdictOf(render(report))).toBe(
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
    expect(verdictOf(render(report))).toBe(
      '❌ 2 modules could not be downloaded: <strong>not-found</strong> after 1 attempt on 1 mirror'
    )
  })

  it('lists as answered only the mirrors that answered, and the rest of the exported list apart', () => {
    const report = runReport({
      mirrors: [mirror({ proxy: GOOGLE })],
      exportProxy: `${GOOGLE}|${GOPROXY_CN}`
    })
    expect(section(render(report), 'Mirrors')).toContain(
      `<p>Mirrors that answered, best first: <code>${GOOGLE}</code>; for later steps also, not having answered here: <code>${GOPROXY_CN}</code>.</p>`
    )
  })

  it('names the setting go could not work with in the advice for a local failure', () => {
    const report = runReport({
      outcome: 'failure',
      workdirs: [{ workdir: '.', ok: false }],
      failed: [
        moduleFailure({
          class: 'local',
          transient: false,
          misconfigured: 'modcache-relative',
          message: 'GOMODCACHE entry is relative; must be absolute path: "rel".'
        })
      ]
    })
    expect(section(render(report), 'What this means and how to fix it')).toContain(
      '<strong>Fix:</strong> <code>GOMODCACHE</code> must be an absolute path: set it to one.'
    )
  })

  it("blames the step's own time budget, not the network, when it ran out", () => {
    const html = render(budgetReport())
    expect(verdictOf(html)).toContain('the step ran out of its time budget (<code>timeout</code>, 1.0 s)')
    expect(html).toContain(
      '<li><strong>time budget</strong> (1 stopped): The step&#39;s time budget (<code>timeout</code>, 1.0 s) ran out before the download finished'
    )
    expect(html).toContain('<strong>Fix:</strong> Raise <code>timeout</code> (now 1.0 s)')
    expect(html).not.toContain('the network drops or filters the traffic')
  })

  it('stays far below the 1 MiB limit with thousands of failures and huge messages', () => {
    const html = render(hugeReport())
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
    const html = render(report)
    expect(Buffer.byteLength(html, 'utf8')).toBeLessThan(900 * 1024)
    expect(html).toMatch(/…and \d+ more probes; see the JSON report/)
    expect(html).toMatch(/unreachable or silent: .* and \d+ more\.<\/p>/)
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
    expect(Buffer.byteLength(render(report), 'utf8')).toBeLessThan(900 * 1024)
  })
})
