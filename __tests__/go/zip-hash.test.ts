import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import crypto from 'node:crypto'
import fs from 'node:fs'
import zlib from 'node:zlib'
import { localZipHashing, zipHashing, type ZipHashing, type ZipMemory } from '../../src/go/zip-hash.js'
import { zipInflater } from '../../src/go/zip-inflate.js'
import { zipLayout } from '../../src/go/zip-layout.js'
import { goEnv, removeTree, runGo } from '../../testkit/action.js'
import { writeZip, type ZipEntrySpec, type ZipShape } from '../../testkit/zip-writer.js'

const MODULE = 'example.test/zips'
const VERSION = 'v1.0.0'
const prefix = `${MODULE}@${VERSION}/`

let root: string

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'zip-hash-'))
})

afterAll(() => removeTree(root))

/** A module zip with every kind of entry go accepts: files packed both ways, an empty file, directories. */
function entries(): ZipEntrySpec[] {
  const text = Buffer.from('package zips\n\n// Lines enough to be worth deflating.\n'.repeat(40))
  return [
    { name: `${prefix}go.mod`, data: Buffer.from(`module ${MODULE}\n\ngo 1.21\n`) },
    { name: `${prefix}sub/` },
    { name: `${prefix}sub/stored.go`, data: Buffer.from('package sub\n'), method: 'store' },
    { name: `${prefix}zips.go`, data: text, method: 'deflate' },
    { name: `${prefix}empty.txt`, data: Buffer.alloc(0) },
    { name: `${prefix}LICENSE`, data: Buffer.from('Licensed to whoever reads it.\n'), method: 'deflate' }
  ]
}

/** go's own h1 for a zip: what `go mod download` computes for it, served from a file:// mirror. */
async function goHash(zip: Buffer, name: string): Promise<string> {
  const dir = path.join(root, name)
  const versions = path.join(dir, 'mirror', MODULE, '@v')
  await mkdir(versions, { recursive: true })
  await writeFile(path.join(versions, 'list'), `${VERSION}\n`)
  await writeFile(path.join(versions, `${VERSION}.info`), JSON.stringify({ Version: VERSION }))
  await writeFile(path.join(versions, `${VERSION}.mod`), `module ${MODULE}\n\ngo 1.21\n`)
  await writeFile(path.join(versions, `${VERSION}.zip`), zip)
  const env = {
    ...goEnv(path.join(dir, 'go')),
    GOPROXY: pathToFileURL(path.join(dir, 'mirror')).href,
    GOFLAGS: '-modcacherw'
  }
  const result = await runGo(['mod', 'download', '-json', `${MODULE}@${VERSION}`], { cwd: dir, env })
  expect(result.stderr).toBe('')
  return (JSON.parse(result.stdout) as { Sum: string }).Sum
}

async function ourHash(
  zip: Buffer,
  name: string,
  memory?: ZipMemory,
  hashing: ZipHashing = localZipHashing
): Promise<string> {
  const file = path.join(root, `${name}.zip`)
  await writeFile(file, zip)
  return (await hashing.hashZipFile(file, memory)).hash
}

/** What this Node's zlib gives the inflater, and a zlib whose streams have no handle to drive. */
const drivenInflater = zipInflater(zlib)
const perCallInflater = zipInflater({ ...zlib, createInflateRaw: () => ({}) as zlib.InflateRaw })

/** The hashing code with that second inflater: a zlib call per entry. */
const perCallHashing = zipHashing({ crypto, fs, zlib, layout: zipLayout(), inflater: perCallInflater })

const SHAPES: [string, ZipShape][] = [
  ['plain', {}],
  ['data descriptors', { dataDescriptor: true }],
  ['zip64 records', { zip64: true }],
  ['zip64 with data descriptors', { zip64: true, dataDescriptor: true }]
]

describe('the zip hash', () => {
  it.each(SHAPES)('is what go computes, for %s', async (name, shape) => {
    const zip = writeZip(entries(), shape)
    const want = await goHash(zip, name.replace(/\W+/g, '-'))
    expect(want).toMatch(/^h1:/)
    expect(await ourHash(zip, name.replace(/\W+/g, '-'))).toBe(want)
  })

  it("inflates through one driven zlib stream on this Node, and gets go's hash with a call per entry too", async () => {
    expect(drivenInflater.kind).toBe('handle')
    expect(perCallInflater.kind).toBe('per call')
    for (const [name, shape] of SHAPES) {
      const zip = writeZip(entries(), shape)
      const want = await goHash(zip, `per-call-${name.replace(/\W+/g, '-')}`)
      expect(await ourHash(zip, 'per-call', undefined, perCallHashing)).toBe(want)
      expect(await ourHash(zip, 'per-call', { wholeZipBytes: 0, readBytes: 3 }, perCallHashing)).toBe(want)
    }
  })

  it('refuses an entry that does not inflate, inflates past its size or is cut, and hashes the next zip right', async () => {
    const good = writeZip(entries())
    const want = await ourHash(good, 'good-before')
    const deflated = zlib.deflateRawSync(entries()[3]!.data as Buffer)
    const at = good.indexOf(deflated)
    expect(at).toBeGreaterThan(0)
    const broken = Buffer.from(good)
    broken.fill(0xff, at, at + 8)
    // The central directory's size of the same entry, one byte short of what it inflates to.
    const long = Buffer.from(good)
    const name = long.lastIndexOf(Buffer.from(`${prefix}zips.go`))
    long.writeUInt32LE(long.readUInt32LE(name - 46 + 24) - 1, name - 46 + 24)
    // Its packed size five bytes short: the deflate stream is cut before its end.
    const cut = Buffer.from(good)
    cut.writeUInt32LE(cut.readUInt32LE(name - 46 + 20) - 5, name - 46 + 20)
    for (const hashing of [localZipHashing, perCallHashing]) {
      for (const memory of [undefined, { wholeZipBytes: 0, readBytes: 16 }]) {
        await expect(ourHash(broken, 'broken', memory, hashing)).rejects.toThrow(/does not inflate|invalid/)
        expect(await ourHash(good, 'good-after', memory, hashing)).toBe(want)
        await expect(ourHash(long, 'long', memory, hashing)).rejects.toThrow(/size is not the one recorded/)
        expect(await ourHash(good, 'good-after', memory, hashing)).toBe(want)
        await expect(ourHash(cut, 'cut-stream', memory, hashing)).rejects.toThrow(/end of file|inflate/)
        expect(await ourHash(good, 'good-after', memory, hashing)).toBe(want)
      }
    }
  })

  it('is the same whether the zip is read whole, entry by entry, or a few bytes at a time', async () => {
    const zip = writeZip(entries(), { dataDescriptor: true })
    const want = await ourHash(zip, 'ways')
    for (const memory of [
      { wholeZipBytes: 0, readBytes: 1 << 30 },
      { wholeZipBytes: 0, readBytes: 7 },
      { wholeZipBytes: 0, readBytes: 0 },
      { wholeZipBytes: 1 << 30, readBytes: 0 }
    ]) {
      expect(await ourHash(zip, 'ways', memory)).toBe(want)
    }
  })

  it('gives two hashes under way at once each their own answer', async () => {
    // Entry by entry, a few bytes at a time, so that a hash that waited for anything would be overtaken.
    const memory = { wholeZipBytes: 0, readBytes: 5 }
    const changed = entries()
    changed[3] = { ...changed[3]!, data: Buffer.from('package zips\n// another\n') }
    const want = [
      await ourHash(writeZip(entries()), 'first', memory),
      await ourHash(writeZip(changed), 'second', memory)
    ]
    const files = [path.join(root, 'first.zip'), path.join(root, 'second.zip')]
    const together = await Promise.all(files.map(f => localZipHashing.hashZipFile(f, memory)))
    expect(together.map(d => d.hash)).toEqual(want)
  })

  it('reads a zip with bytes before it, as archive/zip does', async () => {
    const plain = writeZip(entries())
    const prefixed = writeZip(entries(), { prefix: Buffer.from('#!/bin/sh\nexit 0\n') })
    expect(await ourHash(prefixed, 'prefixed')).toBe(await ourHash(plain, 'plain'))
  })

  it('changes when one byte of one file changes', async () => {
    const changed = entries()
    changed[3] = { ...changed[3]!, data: Buffer.from('package zips\n// another\n') }
    expect(await ourHash(writeZip(changed), 'changed')).not.toBe(await ourHash(writeZip(entries()), 'same'))
  })

  it('refuses what archive/zip cannot read, and names a wrong CRC as a flaw of a zip it hashes', async () => {
    const zip = writeZip(entries())
    await expect(ourHash(zip.subarray(0, zip.length - 30), 'cut')).rejects.toThrow()
    await expect(ourHash(Buffer.from('<!DOCTYPE html><html>login</html>'), 'page')).rejects.toThrow(
      /no end of central directory/
    )
    const badCrc = Buffer.from(zip)
    const at = badCrc.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]))
    badCrc.writeUInt32LE((badCrc.readUInt32LE(at + 16) ^ 1) >>> 0, at + 16)
    const file = path.join(root, 'crc.zip')
    await writeFile(file, badCrc)
    expect(await localZipHashing.hashZipFile(file)).toEqual({
      hash: await ourHash(zip, 'good'),
      flaw: expect.stringMatching(/CRC of .* does not match/)
    })
    const dirWithContent = writeZip([
      { name: `${prefix}go.mod`, data: Buffer.from(`module ${MODULE}\n`) },
      { name: `${prefix}sub/`, data: Buffer.from('content'), method: 'store' }
    ])
    await expect(ourHash(dirWithContent, 'dir')).rejects.toThrow(/directory/)
  })
})
