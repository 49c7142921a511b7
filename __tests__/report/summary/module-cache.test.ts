import { describe, expect, it } from '@jest/globals'

import {
  checksumMismatchPurgedReport,
  relayedFailureReport,
  relayedSuccessReport,
  successReport
} from '../../../__fixtures__/reports.js'
import { rendered } from '../../../__fixtures__/summary-html.js'
import { renderModuleCache } from '../../../src/report/summary/module-cache.js'

describe('renderModuleCache', () => {
  it('adds nothing when the main step had no cache and purged nothing', () => {
    expect(rendered(renderModuleCache, relayedFailureReport())).toBe('')
  })

  it('says the cache was off', () => {
    const report = relayedSuccessReport()
    report.cache = { enabled: false, key: '', hit: 'miss', purged: [] }
    expect(rendered(renderModuleCache, report)).toBe('<h3>Module cache</h3>\n<ul><li>Cache off.</li></ul>\n')
  })

  it('shows an exact hit with its size and restore time', () => {
    expect(rendered(renderModuleCache, successReport())).toContain(
      '<li>Exact hit for key <code>gomod-Linux-x64-abc123</code> (150.0 MiB in 3.2 s).</li>'
    )
  })

  it('says there is no cache service rather than a miss when the runner has none', () => {
    const report = relayedSuccessReport()
    report.cache = {
      enabled: true,
      key: 'go-mod-Linux-x64-abc',
      hit: 'miss',
      purged: [],
      noService: true,
      warning: 'The GitHub cache service is not configured on this runner; starting without a module cache.'
    }
    const html = rendered(renderModuleCache, report)
    expect(html).toContain(
      '<li>No cache service on this runner: nothing was restored, and nothing will be saved.</li>'
    )
    expect(html).not.toContain('Miss for key')
    expect(html).not.toContain('not configured')
  })

  it('describes a partial hit, the restored modules purged, its warning and the copies a mismatch removed', () => {
    const html = rendered(renderModuleCache, checksumMismatchPurgedReport())
    expect(html).toContain(
      'Partial hit: restored <code>gomod-Linux-x64-</code> for key <code>gomod-Linux-x64-def456</code> (50.0 MiB in 1.9 s).'
    )
    expect(html).toContain(
      '1 restored module failed verification and was purged: <code>github.com/acme/stale@v0.3.0</code>'
    )
    expect(html).toContain('⚠️ 1 restored module failed go mod verify')
    expect(html).toContain(
      'after a checksum mismatch, then fetched again: <code>github.com/acme/moved@v1.4.0</code> from <code>https://athens.corp.example</code>'
    )
  })

  it('says a miss plainly', () => {
    const report = relayedSuccessReport()
    report.cache = { enabled: true, key: 'gomod-Linux-x64-abc', hit: 'miss', purged: [] }
    expect(rendered(renderModuleCache, report)).toContain(
      '<li>Miss for key <code>gomod-Linux-x64-abc</code>.</li>'
    )
  })
})
