import { describe, expect, it } from '@jest/globals'
import type { CacheRestoreReport } from '../../src/report/types.js'
import { cacheState, parseMainState, serializeMainState, type MainState } from '../../src/runner/state.js'

describe('main state', () => {
  const state: MainState = {
    summary: 'on-failure',
    outcome: 'success',
    cache: {
      key: 'go-mod-linux-amd64-abc',
      matchedKey: 'go-mod-linux-amd64-old',
      exactHit: false,
      clean: true,
      modCache: '/home/runner/go/pkg/mod',
      goSumFiles: ['/work/go.sum']
    }
  }

  it('reads back what it wrote', () => {
    expect(parseMainState(serializeMainState(state))).toEqual(state)
    expect(parseMainState(serializeMainState({ summary: 'always' }))).toEqual({ summary: 'always' })
  })

  it('is absent when the main step saved nothing', () => {
    expect(parseMainState('')).toBeUndefined()
  })

  it('refuses a state it did not write instead of reading it as a cache that is off', () => {
    const text = serializeMainState(state)
    for (const bad of [
      text.replace('"summary"', '"sumary"'),
      text.replace('"success"', '"succeeded"'),
      text.replace('"exactHit":false', '"exactHit":"false"'),
      text.replace('["/work/go.sum"]', '"/work/go.sum"'),
      '"cache-enabled"',
      '{'
    ]) {
      expect(() => parseMainState(bad)).toThrow()
    }
  })

  it('records the cache only when it is on', () => {
    const restored: CacheRestoreReport = {
      enabled: true,
      key: 'k',
      matchedKey: 'k',
      hit: 'exact',
      purged: ['m@v1']
    }
    expect(cacheState(restored, '/mod', ['/w/go.sum'])).toEqual({
      key: 'k',
      matchedKey: 'k',
      exactHit: true,
      clean: false,
      modCache: '/mod',
      goSumFiles: ['/w/go.sum']
    })
    expect(cacheState({ enabled: false, key: '', hit: 'miss', purged: [] }, '/mod', [])).toBeUndefined()
  })
})
