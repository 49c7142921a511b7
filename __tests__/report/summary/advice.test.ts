import { describe, expect, it } from '@jest/globals'

import {
  budgetReport,
  checksumMismatchPurgedReport,
  moduleFailure,
  notFoundEverywhereReport,
  recovered,
  recoveredAfter503Report,
  relayedFailureReport,
  relayedSuccessReport,
  runReport,
  successReport
} from '../../../__fixtures__/reports.js'
import { folded, rendered, section } from '../../../__fixtures__/summary-html.js'
import { renderAdvice } from '../../../src/report/summary/advice.js'

const HEADING = 'What this means and how to fix it'

describe('renderAdvice', () => {
  it('adds nothing when nothing went wrong', () => {
    expect(rendered(renderAdvice, successReport())).toBe('')
  })

  it('folds the advice for what the relay recovered: nothing to do now', () => {
    const html = rendered(renderAdvice, relayedSuccessReport())
    expect(html).not.toContain(`<h3>${HEADING}</h3>`)
    const advice = folded(html, 'What the recovered failures mean (server-error, forbidden)')
    expect(advice).toContain('<li><strong>server-error</strong> (1 recovered): ')
    expect(advice).toContain('<li><strong>forbidden</strong> (1 recovered): ')
  })

  it('opens the advice for the class the relay could not get past, once per module', () => {
    const html = rendered(renderAdvice, relayedFailureReport())
    const open = section(html, HEADING)
    expect(open.match(/<li>/g)).toHaveLength(1)
    expect(open).toContain('<li><strong>server-error</strong> (1 failure): The mirror answered 5xx')
    // server-error is open already, so the recovered module of that class adds no folded copy.
    expect(html).not.toContain('What the recovered failures mean')
  })

  it('keeps the advice for failing classes open and folds the advice for the recovered ones', () => {
    const report = notFoundEverywhereReport()
    report.download.recovered = [recovered({ class: 'reset' })]
    const html = rendered(renderAdvice, report)
    const open = section(html, HEADING).split('</ul>')[0]
    expect(open).toContain('<strong>not-found</strong> (2 failures)')
    expect(open).not.toContain('<strong>reset</strong>')
    expect(html).toContain(
      '<details><summary>What the recovered failures mean (reset)</summary><ul><li><strong>reset</strong> (1 recovered)'
    )
  })

  it('shows code in the advice as code', () => {
    const advice = folded(
      rendered(renderAdvice, recoveredAfter503Report()),
      /^What the recovered failures mean/
    )
    expect(advice).toContain('<strong>server-error</strong> (1 recovered)')
    expect(advice).toContain('<code>go clean -modcache</code>')
  })

  it('gives advice for the classes present and no others', () => {
    const advice = section(rendered(renderAdvice, notFoundEverywhereReport()), HEADING)
    expect(advice).toContain('<strong>not-found</strong> (2 failures)')
    expect(advice).toContain('<strong>Avoid:</strong> <code>GOSUMDB=off</code>')
    expect(advice.match(/<li>/g)).toHaveLength(1)
    for (const other of ['server-error', 'checksum-mismatch', 'stalled', 'sumdb']) {
      expect(advice).not.toContain(`<strong>${other}</strong>`)
    }
  })

  it('tells what a checksum mismatch means and which setting decides what happens next', () => {
    const advice = section(rendered(renderAdvice, checksumMismatchPurgedReport()), HEADING)
    expect(advice).toContain('<strong>checksum-mismatch</strong> (1 failure)')
    expect(advice).toContain('<code>on-checksum-mismatch: fallback</code>')
  })

  it('names the setting go could not work with for a local failure', () => {
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
    expect(section(rendered(renderAdvice, report), HEADING)).toContain(
      '<strong>Fix:</strong> <code>GOMODCACHE</code> must be an absolute path: set it to one.'
    )
  })

  it("blames the step's own time budget, not the network, when it ran out", () => {
    const html = rendered(renderAdvice, budgetReport())
    expect(html).toContain(
      '<li><strong>time budget</strong> (1 stopped): The step&#39;s time budget (<code>timeout</code>, 1.0 s) ran out before the download finished'
    )
    expect(html).toContain('<strong>Fix:</strong> Raise <code>timeout</code> (now 1.0 s)')
    expect(html).not.toContain('the network drops or filters the traffic')
  })
})
