import { describe, expect, it } from '@jest/globals'
import { buildCacheKey, type BuildKeyParts } from '../../src/cache/build-key.js'
import { OUTPUT_SETTINGS } from '../../src/go/build-env.js'

const parts: BuildKeyParts = {
  env: {
    goVersion: 'go1.26.8',
    gocache: '/home/runner/.cache/go-build',
    gocacheprog: '',
    settings: Object.fromEntries(OUTPUT_SETTINGS.map(name => [name, ''])) as Record<string, string>
  },
  variant: 'test',
  goSumDigest: 'ab'.repeat(32),
  runId: '123456',
  runAttempt: '2',
  platform: 'linux',
  arch: 'x64'
}

describe('buildCacheKey', () => {
  it('names the platform and Go, then the settings, go.sum and the run; restore keys drop the run, then go.sum', () => {
    const { key, restoreKeys } = buildCacheKey(parts)
    expect(key).toMatch(/^go-build-linux-amd64-go1\.26\.8-[0-9a-f]{16}-abababababababab-123456-2$/)
    const base = key.split('-').slice(0, 6).join('-')
    expect(restoreKeys).toEqual([`${base}-abababababababab-`, `${base}-`])
    expect(key.startsWith(restoreKeys[0]!)).toBe(true)
  })

  it('changes the settings part with every setting that changes outputs, and with the variant', () => {
    const settingsOf = (p: BuildKeyParts) => buildCacheKey(p).key.split('-')[5]
    const plain = settingsOf(parts)
    const changed = [
      ...OUTPUT_SETTINGS.map(name => ({
        ...parts,
        env: { ...parts.env, settings: { ...parts.env.settings, [name]: 'x' } }
      })),
      { ...parts, variant: 'race' }
    ].map(settingsOf)
    expect(new Set([plain, ...changed]).size).toBe(changed.length + 1)
    expect(settingsOf({ ...parts, runId: '9', goSumDigest: 'cd'.repeat(32) })).toBe(plain)
  })

  it('keeps a key free of commas and spaces whatever go says its version is', () => {
    const { key } = buildCacheKey({
      ...parts,
      env: { ...parts.env, goVersion: 'devel go1.27-abc, Tue Jan 2' }
    })
    expect(key).toMatch(/^go-build-linux-amd64-devel_go1\.27-abc__Tue_Jan_2-/)
    expect(key).not.toMatch(/[ ,]/)
  })
})
