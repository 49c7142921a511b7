import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { Creator, makeScratch, scratchName } from '../../src/go/disk.js'

/** A clock that moves by the next of `steps` (ms) each time a creation is timed: two readings each. */
function clock(steps: (i: number) => number): () => number {
  let reading = 0
  let t = 0
  return () => {
    if (reading++ % 2 === 1) t += steps(Math.floor(reading / 2) - 1)
    return t
  }
}

describe('Creator', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'disk-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  const createMany = async (creator: Creator, n: number, from = 0) => {
    for (let i = from; i < from + n; i++) await creator.file(path.join(dir, `f${i}`), `file ${i}`)
  }

  it('stays on the event loop while creations are cheap, a hiccup included', async () => {
    const creator = new Creator({ now: clock(i => (i === 5 ? 40 : 0.02)), window: 8 })
    await createMany(creator, 24)
    expect(creator.offThread).toBe(false)
    expect(readFileSync(path.join(dir, 'f23'), 'utf8')).toBe('file 23')
  })

  it('moves creations to libuv threads once most of a window are slow, and they still land', async () => {
    const creator = new Creator({ now: clock(() => 0.5), window: 8 })
    await createMany(creator, 7)
    expect(creator.offThread).toBe(false)
    await createMany(creator, 1, 7)
    expect(creator.offThread).toBe(true)
    await createMany(creator, 4, 8)
    await creator.folder(path.join(dir, 'a', 'b'))
    expect(readdirSync(dir).filter(n => n.startsWith('f'))).toHaveLength(12)
    expect(readFileSync(path.join(dir, 'f11'), 'utf8')).toBe('file 11')
    expect(existsSync(path.join(dir, 'a', 'b'))).toBe(true)
  })

  it.each([false, true])('creates only where nothing is with wx, off the loop: %s', async slow => {
    const creator = new Creator({ now: clock(() => (slow ? 1 : 0)), window: 1 })
    await creator.file(path.join(dir, 'warm-up'), '')
    expect(creator.offThread).toBe(slow)
    const file = path.join(dir, 'x.ziphash')
    await creator.file(file, 'first', 'wx')
    await expect(creator.file(file, 'second', 'wx')).rejects.toMatchObject({ code: 'EEXIST' })
    expect(readFileSync(file, 'utf8')).toBe('first')
  })
})

describe('scratch folders', () => {
  it('spread their files over subfolders made beforehand', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'scratch-'))
    try {
      await makeScratch(path.join(dir, 'tmp'))
      const names = Array.from({ length: 64 }, () => scratchName(path.join(dir, 'tmp')))
      const folders = new Set(names.map(n => path.dirname(n)))
      expect(folders.size).toBeGreaterThan(1)
      for (const folder of folders) expect(existsSync(folder)).toBe(true)
      expect(new Set(names).size).toBe(64)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
