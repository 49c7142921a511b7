import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { cacheKey, cacheKeyPrefix } from '../../src/cache/key.js'
import { removeTree } from '../../testkit/action.js'

let workspace: string

beforeAll(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'gmd-key-'))
  await mkdir(join(workspace, 'tools', 'vendor', 'example.test', 'dep'), { recursive: true })
  await writeFile(join(workspace, 'go.sum'), 'example.test/a v1.0.0 h1:aaa=\n')
  await writeFile(join(workspace, 'tools', 'go.sum'), 'example.test/b v1.0.0 h1:bbb=\n')
})

afterAll(async () => {
  if (workspace) await removeTree(workspace)
})

function keyOf(dependencyPath = '') {
  return cacheKey({ dependencyPath, workingDirectories: ['.'], workspace, platform: 'linux', arch: 'x64' })
}

describe('cacheKey', () => {
  it('hashes the very go.sum files verification goes by, vendor/ left out of both', async () => {
    const before = await keyOf()
    expect(before.goSumFiles).toEqual([join(workspace, 'go.sum'), join(workspace, 'tools', 'go.sum')])
    await writeFile(join(workspace, 'tools', 'vendor', 'example.test', 'dep', 'go.sum'), 'vendored\n')
    const after = await keyOf()
    expect(after).toEqual(before)
    expect(after.key).toMatch(/^go-mod-linux-amd64-[0-9a-f]{64}$/)
  })

  it('hashes only what cache-dependency-path names when it is set, and still verifies by every go.sum', async () => {
    const all = await keyOf()
    const one = await keyOf('tools/go.sum')
    expect(one.key).not.toBe(all.key)
    expect(one.goSumFiles).toEqual(all.goSumFiles)
    await writeFile(join(workspace, 'go.sum'), 'example.test/a v1.0.1 h1:ccc=\n')
    expect((await keyOf('tools/go.sum')).key).toBe(one.key)
    expect((await keyOf()).key).not.toBe(all.key)
  })

  it('names the platform as go env does', () => {
    expect(cacheKeyPrefix('linux', 'x64')).toBe('go-mod-linux-amd64-')
    expect(cacheKeyPrefix('win32', 'arm64')).toBe('go-mod-windows-arm64-')
    expect(cacheKeyPrefix('linux', 'arm')).toBe('go-mod-linux-arm-')
    expect(cacheKeyPrefix('darwin', 'ia32')).toBe('go-mod-darwin-386-')
  })
})
