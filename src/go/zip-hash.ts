/**
 * The h1 of a module zip as go computes it (x/mod dirhash.HashZip over archive/zip): every entry of the
 * central directory, directories included, by its decompressed content.
 *
 * The hashing threads run this code from its source text: `zipHashing`, `zipLayout` (zip-layout.ts) and
 * `zipInflater` (zip-inflate.ts) are each self-contained, use only what they are handed, and are put
 * together in ZIP_HASHING_SOURCE for a thread and in `localZipHashing` for this one.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import zlib from 'node:zlib'
import { zipInflater, type ZipInflater } from './zip-inflate.js'
import { zipLayout, type ZipEntry, type ZipLayout } from './zip-layout.js'

/** What the hashing code may use, handed in, so its source runs anywhere. */
export interface ZipHashingDeps {
  crypto: Pick<typeof crypto, 'createHash'>
  fs: Pick<typeof fs, 'openSync' | 'closeSync' | 'fstatSync' | 'readSync'>
  zlib: Pick<typeof zlib, 'crc32'>
  layout: ZipLayout
  inflater: ZipInflater
}

/** How much of one zip is held in memory while it is hashed. */
export interface ZipMemory {
  /** Zips up to this size are read whole; larger ones entry by entry (4 MiB unless given). */
  wholeZipBytes?: number
  /** The entries of a zip not read whole are read this many bytes at a time (256 KiB unless given). */
  readBytes?: number
  /**
   * A zip that unpacks to more than this is not hashed here: it fails with UNZIP_OVER_LIMIT before
   * anything is inflated past it, for a caller that hashes small zips where it must not block long.
   */
  unzippedBytes?: number
}

/** The code of the error a zip that unpacks past `unzippedBytes` fails with. */
export const UNZIP_OVER_LIMIT = 'UNZIP_OVER_LIMIT'

/** cmd/go's limit (x/mod/zip) on a zip, and on all it unpacks to: 500 MiB each. */
export const MAX_ZIP_BYTES = 500 * 1024 * 1024

/** A zip's h1, and what archive/zip would still refuse in it though it could be hashed. */
export interface ZipDigest {
  hash: string
  /** An entry whose CRC does not match its content: go would refuse to unpack it. */
  flaw?: string
}

export interface ZipHashing {
  /** The h1 of the zip file; throws, with a short reason, when it cannot be read as a zip at all. */
  hashZipFile(file: string, memory?: ZipMemory): Promise<ZipDigest>
}

/** The hashing code: self-contained (see the file's comment), so keep every helper inside it. */
export function zipHashing(deps: ZipHashingDeps): ZipHashing {
  // MAX_ZIP_BYTES, spelt out: this code runs in the hashing threads from its source text.
  const LIMIT = 500 * 1024 * 1024
  const { layout, inflater } = deps

  // Buffers reused from zip to zip, so that hashing leaves no garbage behind: the whole zip when it is
  // small enough, a piece of an entry otherwise. Hashing is synchronous, so one zip at a time uses them.
  let whole = Buffer.allocUnsafe(0)
  let piece = Buffer.allocUnsafe(0)

  /** Reads up to `length` bytes at `position` (fewer at the end of the file) into `into`. */
  function readInto(fd: number, into: Buffer, position: number, length: number): Buffer {
    let done = 0
    while (done < length) {
      const n = deps.fs.readSync(fd, into, done, length - done, position + done)
      if (n === 0) break
      done += n
    }
    return into.subarray(0, done)
  }

  /** An entry's packed bytes, from the file `readBytes` at a time into the reused piece. */
  function* packedPieces(fd: number, entry: ZipEntry, start: number, readBytes: number): Generator<Buffer> {
    const most = Math.max(1, readBytes)
    if (piece.length < most) piece = Buffer.allocUnsafe(most)
    let done = 0
    do {
      const length = Math.min(most, entry.packed - done)
      const input = readInto(fd, piece, start + done, length)
      if (input.length !== length) throw new Error('an entry that runs past the end of the zip')
      done += length
      yield input
    } while (done < entry.packed)
  }

  /** Checks a zip's entries before any is read: what archive/zip refuses, and what the caller allows. */
  function check(list: Iterable<ZipEntry>, memory: ZipMemory): void {
    let unzipped = 0
    for (const entry of list) {
      if (entry.name.includes(0x0a)) throw new Error('an entry name with a newline')
      if (entry.flags & 0x1) throw new Error('an encrypted entry')
      if (entry.method !== 0 && entry.method !== 8)
        throw new Error(`an entry compressed with method ${entry.method}`)
      // A directory: empty, and archive/zip refuses to read one that claims content.
      if (entry.name[entry.name.length - 1] === 0x2f && entry.size !== 0)
        throw new Error('a directory entry with content')
      unzipped += entry.size
    }
    if (unzipped > LIMIT) throw new Error(`more than ${LIMIT} bytes unzipped`)
    if (memory.unzippedBytes !== undefined && unzipped > memory.unzippedBytes)
      // UNZIP_OVER_LIMIT spelt out: this code also runs in the hashing threads, from its source text.
      throw Object.assign(new Error(`more than ${memory.unzippedBytes} bytes unzipped`), {
        code: 'UNZIP_OVER_LIMIT'
      })
  }

  /**
   * The SHA-256 of an entry's content from its packed bytes, and whether its CRC holds (archive/zip
   * skips the check when the directory records none; a wrong CRC is a flaw, the content is still hashed).
   */
  function entryDigest(entry: ZipEntry, pieces: Iterable<Buffer>): { sha256: string; flaw?: string } {
    const hash = deps.crypto.createHash('sha256')
    let size = 0
    let crc = 0
    const take = (chunk: Buffer): void => {
      size += chunk.length
      if (size > entry.size) throw new Error('an entry whose size is not the one recorded')
      crc = deps.zlib.crc32(chunk, crc)
      hash.update(chunk)
    }
    if (entry.method === 0) for (const input of pieces) take(input)
    // One byte more than recorded is enough to tell the entry is not what its record says.
    else inflater.inflate(pieces, entry.size + 1, take)
    if (size !== entry.size) throw new Error('an entry whose size is not the one recorded')
    const flaw =
      entry.crc !== 0 && crc >>> 0 !== entry.crc
        ? `the CRC of ${entry.name.toString('utf8').slice(0, 200)} does not match its content`
        : undefined
    return { sha256: hash.digest('hex'), flaw }
  }

  async function hashZipFile(file: string, memory: ZipMemory = {}): Promise<ZipDigest> {
    const { wholeZipBytes = 4 * 1024 * 1024, readBytes = 256 * 1024 } = memory
    const fd = deps.fs.openSync(file, 'r')
    try {
      const size = deps.fs.fstatSync(fd).size
      if (size > LIMIT) throw new Error(`larger than ${LIMIT} bytes`)
      if (size <= wholeZipBytes && whole.length < size) whole = Buffer.allocUnsafe(size)
      const zip = size <= wholeZipBytes ? readInto(fd, whole, 0, size) : undefined
      const read = (at: number, length: number): Buffer =>
        zip
          ? zip.subarray(Math.max(0, at), Math.max(0, at) + length)
          : readInto(fd, Buffer.allocUnsafe(length), Math.max(0, at), length)
      const list = layout.entries(read, size)
      // archive/zip lists every entry, and a name seen twice reads the last one.
      const byName = new Map<string, ZipEntry>()
      for (const entry of list) byName.set(entry.name.toString('latin1'), entry)
      check(byName.values(), memory)
      const digests = new Map<string, string>()
      let flaw: string | undefined
      for (const [key, entry] of byName) {
        if (entry.name[entry.name.length - 1] === 0x2f) {
          digests.set(key, deps.crypto.createHash('sha256').digest('hex'))
          continue
        }
        const start = layout.dataStart(read(entry.header, 30), entry.header)
        let pieces: Iterable<Buffer>
        if (zip) {
          const packed = read(start, entry.packed)
          if (packed.length !== entry.packed) throw new Error('an entry that runs past the end of the zip')
          pieces = [packed]
        } else {
          pieces = packedPieces(fd, entry, start, readBytes)
        }
        const result = entryDigest(entry, pieces)
        flaw ??= result.flaw
        digests.set(key, result.sha256)
      }
      // Hash1: "<sha256>  <name>\n" per file, names sorted bytewise, a name listed twice counted twice.
      const names = list.map(e => e.name).sort(Buffer.compare)
      const outer = deps.crypto.createHash('sha256')
      for (const name of names) {
        outer.update(`${digests.get(name.toString('latin1'))}  `)
        outer.update(name)
        outer.update('\n')
      }
      const hash = 'h1:' + outer.digest('base64')
      return flaw ? { hash, flaw } : { hash }
    } finally {
      deps.fs.closeSync(fd)
    }
  }

  return { hashZipFile }
}

/**
 * The hashing code put together in a thread's source, as an expression: Node's modules from `require`,
 * the layout reader and the inflater from their own source text.
 */
export const ZIP_HASHING_SOURCE = `(${zipHashing.toString()})({
  crypto: require('node:crypto'),
  fs: require('node:fs'),
  zlib: require('node:zlib'),
  layout: (${zipLayout.toString()})(),
  inflater: (${zipInflater.toString()})(require('node:zlib'))
})`

/** The hashing code on this thread: for tests, and where a worker cannot be had. */
export const localZipHashing: ZipHashing = zipHashing({
  crypto,
  fs,
  zlib,
  layout: zipLayout(),
  inflater: zipInflater(zlib)
})
