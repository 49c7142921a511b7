import { describe, expect, it } from '@jest/globals'

import { rendered } from '../../../__fixtures__/summary-html.js'
import type { BuildCacheReport } from '../../../src/report/build-cache.js'
import { renderBuildCache } from '../../../src/report/summary/build-cache.js'

function report(fields: Partial<BuildCacheReport> = {}): BuildCacheReport {
  return {
    key: 'go-build-linux-amd64-abc-1001-2',
    matchedKey: 'go-build-linux-amd64-abc-1001-1',
    restored: { entries: 1_200, bytes: 157_286_400 },
    restoreMs: 2_100,
    used: { entries: 900, bytes: 104_857_600 },
    added: { entries: 1, bytes: 2_048 },
    ...fields
  }
}

describe('renderBuildCache', () => {
  it('says what was restored, what the job used and added, and what was saved', () => {
    const html = rendered(
      renderBuildCache,
      report({
        saved: { entries: 901, bytes: 104_859_648, executables: 2, archiveBytes: 31_457_280, saveMs: 4_300 }
      })
    )
    expect(html).toBe(
      '<h4>Build cache (post step)</h4>\n' +
        '<p>Restored 1200 entries (150.0 MiB) from <code>go-build-linux-amd64-abc-1001-1</code> in 2.1 s; the job used 900 entries (100.0 MiB) of them and added 1 entry (2.0 KiB).' +
        ' Saved 901 entries (100.0 MiB), 2 cached executables among them as <code>go-build-linux-amd64-abc-1001-2</code>, a 30.0 MiB archive in 4.3 s.</p>\n'
    )
  })

  it('says plainly when nothing was restored, and why nothing was saved', () => {
    const html = rendered(
      renderBuildCache,
      report({ matchedKey: '', notSaved: 'Not saved: the job added less than <1 MiB>.' })
    )
    expect(html).toContain(
      '<p>Nothing was restored; the job added 1 entry (2.0 KiB). Not saved: the job added less than &lt;1 MiB&gt;.</p>'
    )
  })

  it('says why the job left the build cache alone', () => {
    expect(rendered(renderBuildCache, report({ skipped: 'the job runs on a fork' }))).toBe(
      '<h4>Build cache (post step)</h4>\n<p>Not used: the job runs on a fork.</p>\n'
    )
  })
})
