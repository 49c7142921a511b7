import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import * as glob from '@actions/glob'
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { findGoSumFiles } from '../../src/go/workspace.js'
import { removeTree } from '../../testkit/action.js'

let root: string

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'gmd-gosums-'))
  const files = [
    'repo/go.sum',
    'repo/go.work.sum',
    'repo/tools/go.sum',
    'repo/.github/ci/go.sum',
    'repo/node_modules/pkg/go.sum',
    'repo/node_modules/pkg/index.js',
    'repo/vendor/example.test/dep/go.sum',
    'repo/tools/vendor/go.sum',
    'repo/deep/a/b/c/d/go.sum',
    'repo/deep/a/b/notes.txt',
    'repo/not-go.sum',
    'elsewhere/linked/go.sum'
  ]
  for (const file of files) {
    await mkdir(join(root, file, '..'), { recursive: true })
    await writeFile(join(root, file), 'example.test/a v1.0.0 h1:aaa=\n')
  }
  await mkdir(join(root, 'repo', 'go.sum.d'))
  await symlink(join(root, 'elsewhere', 'linked'), join(root, 'repo', 'linked'), 'dir')
  await symlink(join(root, 'repo', 'tools', 'go.sum'), join(root, 'repo', 'deep', 'go.sum'), 'file')
  await symlink(join(root, 'repo'), join(root, 'repo', 'deep', 'a', 'loop'), 'dir')
  await symlink(join(root, 'missing'), join(root, 'repo', 'deep', 'broken'), 'dir')
})

afterAll(async () => {
  if (root) await removeTree(root)
})

describe('findGoSumFiles', () => {
  it('finds what @actions/glob finds for the go.sum patterns, links followed, loops cut, vendor/ left out', async () => {
    const repo = join(root, 'repo')
    const globber = await glob.create(
      [`${repo}/**/go.sum`, `${repo}/**/go.work.sum`, `!${repo}/**/vendor/**`].join('\n'),
      { matchDirectories: false }
    )
    const globbed = (await globber.glob()).sort()
    const found = await findGoSumFiles([repo])
    expect(found).toEqual(globbed)
    expect(found).toEqual(
      [
        'repo/.github/ci/go.sum',
        'repo/deep/a/b/c/d/go.sum',
        'repo/deep/go.sum',
        'repo/go.sum',
        'repo/go.work.sum',
        'repo/linked/go.sum',
        'repo/node_modules/pkg/go.sum',
        'repo/tools/go.sum'
      ]
        .map(file => join(root, file))
        .sort()
    )
  })

  it('lists a file once when working directories overlap, and skips one that does not exist', async () => {
    const found = await findGoSumFiles([join(root, 'repo', 'tools'), join(root, 'repo'), join(root, 'gone')])
    expect(found.filter(file => file === join(root, 'repo', 'tools', 'go.sum'))).toHaveLength(1)
    expect(found).toContain(join(root, 'repo', 'go.sum'))
  })

  it('matches names regardless of case on Windows only', async () => {
    const dir = join(root, 'cased')
    await mkdir(join(dir, 'Vendor'), { recursive: true })
    await writeFile(join(dir, 'Vendor', 'go.sum'), '')
    await writeFile(join(dir, 'GO.SUM'), '')
    expect(await findGoSumFiles([dir], 'linux')).toEqual([join(dir, 'Vendor', 'go.sum')])
    expect(await findGoSumFiles([dir], 'win32')).toEqual([join(dir, 'GO.SUM')])
  })
})
