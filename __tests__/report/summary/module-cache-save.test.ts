import { describe, expect, it } from '@jest/globals'

import { rendered } from '../../../__fixtures__/summary-html.js'
import type { CacheSaveReport } from '../../../src/report/types.js'
import { renderModuleCacheSave } from '../../../src/report/summary/module-cache-save.js'

function render(report: CacheSaveReport, matchedKey: string): string {
  return rendered((r: CacheSaveReport, summary) => renderModuleCacheSave(r, matchedKey, summary), report)
}

describe('renderModuleCacheSave', () => {
  it('says what was restored and what was saved, with its size and time', () => {
    const saved = { saved: true, key: 'go-mod-Linux-x64-def', sizeBytes: 52_428_800, saveMs: 4_200 }
    expect(render(saved, 'go-mod-Linux-x64-')).toBe(
      '<h3>Module cache (post step)</h3>\n' +
        '<p>Restored from <code>go-mod-Linux-x64-</code>. Saved as <code>go-mod-Linux-x64-def</code>, 50.0 MiB in 4.2 s.</p>\n'
    )
  })

  it('says plainly when nothing was restored, and why nothing was saved', () => {
    const skipped = { saved: false, key: 'k', skipped: 'Not saved: the cache entry <k> already exists.' }
    expect(render(skipped, '')).toBe(
      '<h3>Module cache (post step)</h3>\n' +
        '<p>Nothing was restored. Not saved: the cache entry &lt;k&gt; already exists.</p>\n'
    )
    expect(render({ saved: false, key: 'k' }, '')).toContain('<p>Nothing was restored. Not saved.</p>')
  })

  it('keeps a key on one line, escaped', () => {
    expect(render({ saved: true, key: 'a<b>\nc' }, 'x&y')).toContain(
      '<p>Restored from <code>x&amp;y</code>. Saved as <code>a&lt;b&gt; c</code>.</p>'
    )
  })
})
