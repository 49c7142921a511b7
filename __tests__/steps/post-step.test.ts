import { describe, expect, it } from '@jest/globals'
import { fakeRunner } from '../../__fixtures__/runner.js'
import type { MainState } from '../../src/runner/state.js'
import { runPost } from '../../src/steps/post-step.js'

const cache: NonNullable<MainState['cache']> = {
  key: 'go-mod-linux-amd64-abc',
  matchedKey: '',
  exactHit: false,
  clean: true,
  modCache: '/nonexistent/gomodcache',
  goSumFiles: []
}

describe('runPost', () => {
  it('does nothing when the main step recorded no cache', async () => {
    for (const state of [undefined, { summary: 'always', outcome: 'success' } as const]) {
      const runner = fakeRunner({ state })
      expect(await runPost(runner)).toEqual({})
      expect(runner.log).toEqual([])
      expect(runner.writtenSummary).toBe('')
    }
  })

  it('saves nothing after a failed download and says why in the summary', async () => {
    const runner = fakeRunner({ state: { summary: 'on-failure', outcome: 'failure', cache } })
    const result = await runPost(runner)
    expect(result.report).toEqual({
      saved: false,
      key: cache.key,
      skipped: 'Not saved: the download did not complete.'
    })
    expect(runner.writtenSummary).toBe(
      '<h3>Module cache (post step)</h3>\n<p>Nothing was restored. Not saved: the download did not complete.</p>\n'
    )
  })

  it('adds no section when the summary input does not ask for one', async () => {
    const runner = fakeRunner({ state: { summary: 'on-failure', outcome: 'vendor', cache } })
    expect((await runPost(runner)).report?.saved).toBe(false)
    expect(runner.writtenSummary).toBe('')
  })

  it('treats a main step that stopped before its outcome as a failed one', async () => {
    const runner = fakeRunner({ state: { summary: 'always', cache: { ...cache, matchedKey: 'go-mod-old' } } })
    const result = await runPost(runner)
    expect(result.report?.skipped).toBe('Not saved: the download did not complete.')
    expect(runner.writtenSummary).toContain('Restored from <code>go-mod-old</code>.')
  })
})
