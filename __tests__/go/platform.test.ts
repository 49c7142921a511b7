import { describe, expect, it } from '@jest/globals'
import { goArch, goOs } from '../../src/go/platform.js'

describe('goOs and goArch', () => {
  it.each([
    ['linux', 'x64', 'linux', 'amd64'],
    ['win32', 'ia32', 'windows', '386'],
    ['darwin', 'arm64', 'darwin', 'arm64'],
    ['linux', 'arm', 'linux', 'arm'],
    ['linux', 'ppc64', 'linux', 'ppc64le'],
    ['aix', 'ppc64', 'aix', 'ppc64'],
    ['linux', 's390x', 'linux', 's390x']
  ] as const)('names %s/%s as go does: %s/%s', (platform, arch, os, goarch) => {
    expect([goOs(platform), goArch(arch, platform)]).toEqual([os, goarch])
  })
})
