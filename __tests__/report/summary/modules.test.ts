import { describe, expect, it } from '@jest/globals'

import {
  checksumMismatchPurgedReport,
  CORP,
  GOOGLE,
  moduleFailure,
  notFoundEverywhereReport,
  recoveredAfter503Report,
  relayedFailureReport,
  relayedSuccessReport,
  relayNotFoundReport,
  runReport,
  successReport
} from '../../../__fixtures__/reports.js'
import { rendered, section, tableRows } from '../../../__fixtures__/summary-html.js'
import { renderModules } from '../../../src/report/summary/modules.js'

const HEADER =
  '<tr><th>Result</th><th>Module</th><th>Version</th><th>Class</th><th>Mirror</th><th>Attempts</th><th>What happened</th></tr>'

describe('renderModules', () => {
  it('adds nothing when no module failed or needed help', () => {
    expect(rendered(renderModules, successReport())).toBe('')
  })

  it('lists what the relay recovered: the mirror that failed, the one that served, and what it answered', () => {
    const html = rendered(renderModules, relayedSuccessReport())
    expect(html).toContain(`<h3>Modules</h3>\n<table>${HEADER}`)
    expect(tableRows(html)).toEqual([
      [
        '🔁 recovered',
        '<code>github.com/acme/flaky</code>',
        '<code>v1.0.0</code>',
        'server-error',
        `<code>${CORP}</code>`,
        '2',
        `github.com/acme/flaky@v1.0.0 .zip: ${CORP}: 503 Service Unavailable`
      ],
      [
        '🔁 recovered',
        '<code>github.com/acme/refused</code>',
        '<code>v1.0.12</code>',
        'forbidden',
        `<code>${CORP}</code> → <code>${GOOGLE}</code>`,
        '2',
        `github.com/acme/refused@v1.0.12 .zip: ${CORP}: 403 Forbidden`
      ]
    ])
  })

  it('names every mirror the relay asked for a module it could not serve, and its most tries of one file', () => {
    const [failed, recovered] = tableRows(rendered(renderModules, relayedFailureReport()))
    expect(failed!.slice(0, 6)).toEqual([
      '❌ failed',
      '<code>github.com/acme/broken</code>',
      '<code>v1.0.18</code>',
      'server-error',
      `<code>${CORP}</code><br><code>${GOOGLE}</code>`,
      '6'
    ])
    // go's message, folded under its first line without the module the row already names.
    expect(failed![6]).toMatch(
      /^<details><summary>reading relay\/github.com\/acme\/broken\/@v\/v1.0.18.zip: 502 Bad Gateway server response: /
    )
    expect(failed![6]).toContain(`&nbsp;&nbsp;&nbsp;&nbsp;${GOOGLE}: 502 Bad Gateway ×3</details>`)
    expect(recovered![0]).toBe('🔁 recovered')
    expect(recovered![1]).toBe('<code>github.com/acme/flaky</code>')
  })

  it('counts what the relay asked of the mirrors for a module go asked the relay for once', () => {
    const [row] = tableRows(rendered(renderModules, relayNotFoundReport()))
    expect(row![4]).toBe(`<code>${CORP}</code><br><code>${GOOGLE}</code>`)
    expect(row![5]).toBe('2')
  })

  it('lists recovered modules with the go message', () => {
    const [row] = tableRows(rendered(renderModules, recoveredAfter503Report()))
    expect(row!.slice(0, 4)).toEqual([
      '🔁 recovered',
      '<code>github.com/acme/widget</code>',
      '<code>v1.2.3</code>',
      'server-error'
    ])
    expect(row![6]).toContain('503 Service Unavailable')
  })

  it('names the failed modules, their class and the mirrors tried, failed rows first', () => {
    const report = notFoundEverywhereReport()
    report.download.recovered = [
      { module: 'golang.org/x/sys', version: 'v0.20.0', class: 'reset', attempts: 2, proxy: GOOGLE }
    ]
    const rows = tableRows(section(rendered(renderModules, report), 'Modules'))
    expect(rows.map(r => r.slice(0, 3))).toEqual([
      ['❌ failed', '<code>github.com/acme/gone</code>', '<code>v0.9.0</code>'],
      ['❌ failed', '<code>github.com/acme/lost</code>', '<code>v1.0.0</code>'],
      ['🔁 recovered', '<code>golang.org/x/sys</code>', '<code>v0.20.0</code>']
    ])
    expect(rows[0]![4]).toBe(`<code>https://***@athens.corp.example</code><br><code>${GOOGLE}</code>`)
    expect(rows[0]![5]).toBe('2')
  })

  it('drops the module and the mirror URL the row already shows from the one-line go message', () => {
    const [row] = tableRows(rendered(renderModules, notFoundEverywhereReport()))
    const fold = /<details><summary>(.*?)<\/summary>(.*?)<\/details>/.exec(row![6]!)
    expect(fold).not.toBeNull()
    expect(fold![1]).toMatch(/^reading …\/github.com\/acme\/gone\/@v\/v0.9.0.info: 404 Not Found/)
    expect(fold![1]!.length).toBeLessThanOrEqual(125)
    expect(fold![2]).toContain('github.com/acme/gone@v0.9.0: reading https://')
  })

  it('shortens a long go message and folds the full text, keeping line breaks without blank lines', () => {
    const html = rendered(renderModules, checksumMismatchPurgedReport())
    const fold = /<details><summary>(.*?)<\/summary>(.*?)<\/details>/.exec(html)
    expect(fold).not.toBeNull()
    expect(fold![1]!.length).toBeLessThanOrEqual(205)
    expect(fold![1]).toMatch(
      /^verifying github.com\/acme\/moved@v1.4.0: checksum mismatch downloaded: h1:AAAA=/
    )
    expect(fold![2]).toContain('SECURITY ERROR<br>')
    expect(fold![2]).toContain('&#39;go help module-auth&#39;')
    // A blank line would end the HTML block and let Markdown mangle the rest of the table.
    expect(html).not.toMatch(/\n\s*\n/)
  })

  it('says so when go failed before naming a module', () => {
    const report = runReport({
      outcome: 'failure',
      workdirs: [{ workdir: '.', ok: false }],
      failed: [
        moduleFailure({ module: '', version: '', class: 'toolchain', message: 'go: download go1.99 failed' })
      ]
    })
    expect(tableRows(rendered(renderModules, report))[0]!.slice(1, 3)).toEqual([
      '<em>(go failed before naming a module)</em>',
      ''
    ])
  })

  it('shows a module in its working directory when there are several', () => {
    const report = checksumMismatchPurgedReport()
    report.download.workdirs.push({ workdir: 'tools', ok: true })
    expect(tableRows(rendered(renderModules, report))[0]![1]).toBe(
      '<code>github.com/acme/moved</code><br><sub>in services/api</sub>'
    )
  })
})
