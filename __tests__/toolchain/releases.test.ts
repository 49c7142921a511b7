import { describe, expect, it } from '@jest/globals'
import {
  compareGoVersionsDesc,
  goPlatform,
  selectRelease,
  toolCacheVersion
} from '../../src/toolchain/releases.js'
import { indexOnlyRelease } from '../../testkit/go-dist.js'

describe('selectRelease', () => {
  const linux = { os: 'linux', arch: 'amd64' }
  const releases = [
    indexOnlyRelease('go1.24rc1', false, 'linux', 'amd64'),
    indexOnlyRelease('go1.23.4', true, 'linux', 'amd64'),
    indexOnlyRelease('go1.23.5', true, 'darwin', 'arm64'),
    indexOnlyRelease('go1.23.0', true, 'linux', 'amd64'),
    indexOnlyRelease('go1.22.10', true, 'linux', 'amd64'),
    indexOnlyRelease('go1.22.9', true, 'linux', 'amd64'),
    indexOnlyRelease('go1.20', true, 'linux', 'amd64')
  ]
  it.each([
    ['stable', 'go1.23.4'],
    ['oldstable', 'go1.22.10'],
    ['1.23', 'go1.23.4'],
    ['1.22', 'go1.22.10'],
    ['1.22.9', 'go1.22.9'],
    ['go1.22.9', 'go1.22.9'],
    ['1.24rc1', 'go1.24rc1'],
    ['1.20', 'go1.20'],
    ['1', 'go1.23.4'],
    ['1.24', undefined],
    ['1.23.5', undefined]
  ])('%s is %s', (spec, version) => {
    expect(selectRelease(releases, spec, linux)?.release.version).toBe(version)
  })
})

describe('naming', () => {
  it('orders go versions newest first, pre-releases before their release', () => {
    const sorted = ['go1.21.0', 'go1.9', 'go1.21rc2', 'go1.21beta1', 'go1.20.14', 'go1.21.1'].sort(
      compareGoVersionsDesc
    )
    expect(sorted).toEqual(['go1.21.1', 'go1.21.0', 'go1.21rc2', 'go1.21beta1', 'go1.20.14', 'go1.9'])
  })

  it('names versions the way the tool cache stores them', () => {
    expect(toolCacheVersion('go1.23.4')).toBe('1.23.4')
    expect(toolCacheVersion('go1.20')).toBe('1.20.0')
    expect(toolCacheVersion('go1.21rc2')).toBe('1.21.0-rc.2')
  })

  it('maps Node platforms to go release names', () => {
    expect(goPlatform('linux', 'x64')).toEqual({ os: 'linux', arch: 'amd64' })
    expect(goPlatform('win32', 'arm64')).toEqual({ os: 'windows', arch: 'arm64' })
    expect(goPlatform('darwin', 'arm64')).toEqual({ os: 'darwin', arch: 'arm64' })
    expect(goPlatform('linux', 'arm')).toEqual({ os: 'linux', arch: 'armv6l' })
    expect(goPlatform('linux', 'ppc64')).toEqual({ os: 'linux', arch: 'ppc64le' })
  })
})
