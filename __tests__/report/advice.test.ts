import { describe, expect, it } from '@jest/globals'
import { summary } from '@actions/core'

import { moduleFailure, runReport } from '../../__fixtures__/reports.js'
import { privateModuleHint, privateModuleHints, privatePrefix } from '../../src/report/advice.js'
import { annotationsFor } from '../../src/report/annotations.js'
import { renderSummary } from '../../src/report/summary/index.js'

const lookup410 = (module: string): string =>
  `${module}@v1.0.0: verifying module: ${module}@v1.0.0: reading https://sum.golang.org/lookup/${module}@v1.0.0: 410 Gone\n\tserver response: not found`

const privateLookupFailure = moduleFailure({
  module: 'github.com/acme/secret',
  version: 'v1.0.0',
  class: 'sumdb',
  transient: false,
  message: lookup410('github.com/acme/secret')
})

describe('the private-modules hint for a checksum database 404/410', () => {
  it('names the owner on shared code hosts and the host elsewhere', () => {
    expect(privatePrefix('github.com/acme/secret/v2')).toBe('github.com/acme')
    expect(privatePrefix('git.corp.test/team/lib')).toBe('git.corp.test')
  })

  it('is given for lookup 404/410 only, once per prefix', () => {
    const failures = [
      privateLookupFailure,
      moduleFailure({
        ...privateLookupFailure,
        module: 'github.com/acme/other',
        message: lookup410('github.com/acme/other')
      }),
      moduleFailure({
        class: 'sumdb',
        module: 'example.test/flaky',
        message:
          'example.test/flaky@v1.0.0: verifying module: example.test/flaky@v1.0.0: reading https://sum.golang.org/lookup/example.test/flaky@v1.0.0: 502 Bad Gateway'
      }),
      moduleFailure({ class: 'not-found', module: 'git.corp.test/x' })
    ]
    expect(privateModuleHints(failures)).toEqual(['github.com/acme'])
    expect(privateModuleHint([])).toBeUndefined()
  })

  it('reaches the annotation and the summary', () => {
    const report = runReport(
      { outcome: 'failure', failed: [privateLookupFailure], workdirs: [{ workdir: '.', ok: false }] },
      { outcome: 'failure' }
    )
    const [annotation] = annotationsFor(report, { workspace: '/work/repo', readFile: () => undefined })
    expect(annotation?.message).toContain(
      'Add `github.com/acme` to `private-modules` if it is private: the checksum database has never seen that module.'
    )
    summary.emptyBuffer()
    renderSummary(report, summary)
    expect(summary.stringify()).toContain(
      'Add <code>github.com/acme</code> to <code>private-modules</code> if it is private'
    )
  })
})
