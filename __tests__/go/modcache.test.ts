import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdirSync, writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { downloadDir, downloadRoot, listingsOnce } from '../../src/go/modcache.js'

let dir: string

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'modcache-'))
})

afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('downloadDir', () => {
  it("gives each module cache and module its own folder in go's layout, case-encoded", () => {
    const a = path.join(dir, 'a')
    const b = path.join(dir, 'b')
    expect(downloadDir(a, 'github.com/Azure/go')).toBe(
      path.join(a, 'cache', 'download', 'github.com', '!azure', 'go', '@v')
    )
    expect(downloadDir(b, 'github.com/Azure/go')).toBe(
      path.join(b, 'cache', 'download', 'github.com', '!azure', 'go', '@v')
    )
  })
})

describe('listingsOnce', () => {
  it('lists each folder once, as it was when first asked for', () => {
    const folder = downloadDir(dir, 'example.com/m')
    mkdirSync(folder, { recursive: true })
    writeFileSync(path.join(folder, 'v1.0.0.mod'), 'module example.com/m\n')
    const listing = listingsOnce(downloadRoot(dir))
    expect([...listing(folder)]).toEqual(['v1.0.0.mod'])
    writeFileSync(path.join(folder, 'v1.0.0.info'), '{}')
    expect([...listing(folder)]).toEqual(['v1.0.0.mod'])
    expect([...listingsOnce(downloadRoot(dir))(folder)].sort()).toEqual(['v1.0.0.info', 'v1.0.0.mod'])
  })

  it('lists nothing below a folder that is empty or missing, without looking', () => {
    const folder = downloadDir(dir, 'example.com/m')
    const listing = listingsOnce(downloadRoot(dir))
    // Files that appear later are not seen: the folder above held nothing when the pass began.
    mkdirSync(folder, { recursive: true })
    writeFileSync(path.join(folder, 'v1.0.0.mod'), 'module example.com/m\n')
    expect(listing(folder).size).toBe(0)
    // Without a folder above it, each folder is looked at.
    expect([...listingsOnce()(folder)]).toEqual(['v1.0.0.mod'])
  })
})
