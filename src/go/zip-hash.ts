/**
 * The h1 of a module zip as go computes it (x/mod dirhash.HashZip over archive/zip): every entry of the
 * central directory, directories included, by its decompressed content. `zipHashing` is written to run
 * in a worker thread from its own source text, so it uses only what it is handed and builds everything
 * else inside itself.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import zlib from 'node:zlib'

/** What the hashing code may use: Node's own modules, handed in, so its source runs anywhere. */
export interface ZipHashingDeps {
  crypto: Pick<typeof crypto, 'createHash'>
  fs: Pick<typeof fs, 'openSync' | 'closeSync' | 'fstatSync' | 'readSync' | 'createReadStream'>
  zlib: Pick<typeof zlib, 'inflateRawSync' | 'createInflateRaw' | 'crc32'>
  /**
   * Called after every few MiB of buffers the hashing dropped: a thread that can collect them then keeps
   * its memory near one entry's instead of the tens of MiB V8 lets dead buffers grow to.
   */
  collect?: () => void
}

/** How much of one zip is held in memory while it is hashed. */
export interface ZipMemory {
  /** Zips up to this size are read whole; larger ones entry by entry. */
  wholeZipBytes: number
  /** Entries larger than this, packed or unpacked, are inflated as streams. */
  entryBytes: number
  /**
   * A zip that unpacks to more than this is not hashed here: it fails with UNZIP_OVER_LIMIT before
   * anything is inflated past it, for a caller that hashes small zips where it must not block long.
   */
  unzippedBytes?: number
}

/** The code of the error a zip that unpacks past `unzippedBytes` fails with. */
export const UNZIP_OVER_LIMIT = 'UNZIP_OVER_LIMIT'

export const ZIP_MEMORY: ZipMemory = { wholeZipBytes: 4 * 1024 * 1024, entryBytes: 4 * 1024 * 1024 }

/** cmd/go's limits (x/mod/zip): the zip, and all it unpacks to, at most 500 MiB each. */
export const MAX_ZIP_BYTES = 500 * 1024 * 1024
export const MAX_UNZIPPED_BYTES = 500 * 1024 * 1024

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
  const EOCD = 0x06054b50
  const EOCD64 = 0x06064b50
  const LOCATOR64 = 0x07064b50
  const CENTRAL = 0x02014b50
  const LOCAL = 0x04034b50
  const LIMIT = 500 * 1024 * 1024

  interface Entry {
    name: Buffer
    method: number
    flags: number
    crc: number
    packed: number
    size: number
    header: number
  }

  // One buffer for whole zips, reused: a zip at a time per thread, and no garbage per zip.
  let reusable = Buffer.allocUnsafe(0)
  // A hash that streams an entry awaits with the reusable buffer still in use: one begun meanwhile gets its own.
  let reusableTaken = false
  const COLLECT_EVERY = 4 * 1024 * 1024
  let dropped = 0
  function drop(bytes: number): void {
    dropped += bytes
    if (dropped < COLLECT_EVERY || !deps.collect) return
    dropped = 0
    deps.collect()
  }

  /** Reads `length` bytes at `position` (fewer at the end of the file), into the reusable buffer when asked. */
  function readAt(fd: number, position: number, length: number, reuse = false): Buffer {
    if (reuse && reusable.length < length) reusable = Buffer.allocUnsafe(length)
    const buffer = reuse ? reusable : Buffer.allocUnsafe(length)
    let done = 0
    while (done < length) {
      const n = deps.fs.readSync(fd, buffer, done, length - done, position + done)
      if (n === 0) break
      done += n
    }
    return buffer.subarray(0, done)
  }

  function big(value: bigint): number {
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error('a zip64 field out of range')
    return Number(value)
  }

  /** The central directory's place and size, from the end records (zip64 when the plain one overflows). */
  function directory(read: (at: number, length: number) => Buffer, size: number) {
    const tailLength = Math.min(size, 22 + 65535)
    const tail = read(size - tailLength, tailLength)
    let at = -1
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD && i + 22 + tail.readUInt16LE(i + 20) <= tail.length) {
        at = i
        break
      }
    }
    if (at < 0) throw new Error('no end of central directory')
    const eocdOffset = size - tailLength + at
    let count = tail.readUInt16LE(at + 10)
    let cdSize = tail.readUInt32LE(at + 12)
    let cdOffset = tail.readUInt32LE(at + 16)
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      if (eocdOffset < 20) throw new Error('no zip64 end of central directory')
      const locator = read(eocdOffset - 20, 20)
      if (locator.readUInt32LE(0) !== LOCATOR64) throw new Error('no zip64 end of central directory')
      const record = read(big(locator.readBigUInt64LE(8)), 56)
      if (record.length < 56 || record.readUInt32LE(0) !== EOCD64)
        throw new Error('a bad zip64 end of central directory')
      count = big(record.readBigUInt64LE(32))
      cdSize = big(record.readBigUInt64LE(40))
      cdOffset = big(record.readBigUInt64LE(48))
    }
    // Data before the zip moves every offset, as archive/zip allows.
    const base = eocdOffset - cdSize - cdOffset
    if (base < 0) throw new Error('a central directory that does not fit')
    return { count, cdSize, cdOffset, base }
  }

  function entries(read: (at: number, length: number) => Buffer, size: number): Entry[] {
    const dir = directory(read, size)
    let base = dir.base
    let cd = read(dir.cdOffset + base, dir.cdSize)
    if (base > 0 && (cd.length < 4 || cd.readUInt32LE(0) !== CENTRAL)) {
      base = 0
      cd = read(dir.cdOffset, dir.cdSize)
    }
    const list: Entry[] = []
    let p = 0
    while (p + 46 <= cd.length && cd.readUInt32LE(p) === CENTRAL) {
      const nameLength = cd.readUInt16LE(p + 28)
      const extraLength = cd.readUInt16LE(p + 30)
      const commentLength = cd.readUInt16LE(p + 32)
      if (p + 46 + nameLength + extraLength + commentLength > cd.length)
        throw new Error('a central directory entry that runs past its end')
      const entry: Entry = {
        name: Buffer.from(cd.subarray(p + 46, p + 46 + nameLength)),
        flags: cd.readUInt16LE(p + 8),
        method: cd.readUInt16LE(p + 10),
        crc: cd.readUInt32LE(p + 16),
        packed: cd.readUInt32LE(p + 20),
        size: cd.readUInt32LE(p + 24),
        header: cd.readUInt32LE(p + 42)
      }
      const wantSize = entry.size === 0xffffffff
      const wantPacked = entry.packed === 0xffffffff
      const wantHeader = entry.header === 0xffffffff
      let e = p + 46 + nameLength
      const extraEnd = e + extraLength
      while (e + 4 <= extraEnd) {
        const id = cd.readUInt16LE(e)
        const length = cd.readUInt16LE(e + 2)
        let f = e + 4
        const end = f + length
        if (end > extraEnd) break
        if (id === 0x0001) {
          if (wantSize && f + 8 <= end) {
            entry.size = big(cd.readBigUInt64LE(f))
            f += 8
          }
          if (wantPacked && f + 8 <= end) {
            entry.packed = big(cd.readBigUInt64LE(f))
            f += 8
          }
          if (wantHeader && f + 8 <= end) entry.header = big(cd.readBigUInt64LE(f))
        }
        e = end
      }
      entry.header += base
      list.push(entry)
      p += 46 + nameLength + extraLength + commentLength
    }
    // archive/zip compares the counts as 16-bit numbers.
    if ((list.length & 0xffff) !== (dir.count & 0xffff)) throw new Error('a short central directory')
    return list
  }

  /** Where an entry's packed bytes start, from its local header. */
  function dataStart(header: Buffer, at: number): number {
    if (header.length < 30 || header.readUInt32LE(0) !== LOCAL) throw new Error('a bad local file header')
    return at + 30 + header.readUInt16LE(26) + header.readUInt16LE(28)
  }

  // archive/zip skips the CRC check when the directory records none.
  function crcFlaw(entry: Entry, crc: number): string | undefined {
    return entry.crc !== 0 && crc >>> 0 !== entry.crc
      ? `the CRC of ${entry.name.toString('utf8').slice(0, 200)} does not match its content`
      : undefined
  }

  /** An entry's content and whether its CRC holds; a wrong CRC is a flaw, the content is still hashed. */
  function unpack(entry: Entry, packed: Buffer): { content: Buffer; flaw?: string } {
    const content =
      entry.method === 0
        ? packed
        : deps.zlib.inflateRawSync(packed, {
            maxOutputLength: Math.max(1, entry.size),
            chunkSize: Math.max(64, Math.min(entry.size, 1 << 20))
          })
    if (content.length !== entry.size) throw new Error('an entry whose size is not the one recorded')
    return { content, flaw: crcFlaw(entry, deps.zlib.crc32(content)) }
  }

  /** A huge entry, inflated and hashed as a stream, so memory stays flat. */
  function streamed(file: string, entry: Entry, start: number): Promise<{ sha256: string; flaw?: string }> {
    return new Promise((resolve, reject) => {
      const hash = deps.crypto.createHash('sha256')
      let size = 0
      let crc = 0
      const source = deps.fs.createReadStream(file, { start, end: start + entry.packed - 1 })
      const body = entry.method === 0 ? source : source.pipe(deps.zlib.createInflateRaw())
      source.on('error', reject)
      body.on('error', reject)
      body.on('data', (chunk: Buffer) => {
        size += chunk.length
        if (size > entry.size) {
          source.destroy()
          reject(new Error('an entry whose size is not the one recorded'))
          return
        }
        crc = deps.zlib.crc32(chunk, crc)
        hash.update(chunk)
      })
      body.on('end', () => {
        if (size !== entry.size) reject(new Error('an entry whose size is not the one recorded'))
        else resolve({ sha256: hash.digest('hex'), flaw: crcFlaw(entry, crc) })
      })
    })
  }

  async function hashZipFile(
    file: string,
    memory: ZipMemory = { wholeZipBytes: 4 * 1024 * 1024, entryBytes: 4 * 1024 * 1024 }
  ): Promise<ZipDigest> {
    const fd = deps.fs.openSync(file, 'r')
    let ownsReusable = false
    try {
      const size = deps.fs.fstatSync(fd).size
      if (size > LIMIT) throw new Error(`larger than ${LIMIT} bytes`)
      ownsReusable = !reusableTaken
      reusableTaken = true
      const whole = size <= memory.wholeZipBytes ? readAt(fd, 0, size, ownsReusable) : undefined
      const read = (at: number, length: number): Buffer =>
        whole
          ? whole.subarray(Math.max(0, at), Math.max(0, at) + length)
          : readAt(fd, Math.max(0, at), length)
      const list = entries(read, size)
      // archive/zip lists every entry, and a name seen twice reads the last one.
      const byName = new Map<string, Entry>()
      for (const entry of list) byName.set(entry.name.toString('latin1'), entry)
      const digests = new Map<string, string>()
      let flaw: string | undefined
      let unzipped = 0
      for (const entry of byName.values()) {
        if (entry.name.includes(0x0a)) throw new Error('an entry name with a newline')
        if (entry.flags & 0x1) throw new Error('an encrypted entry')
        if (entry.method !== 0 && entry.method !== 8)
          throw new Error(`an entry compressed with method ${entry.method}`)
        unzipped += entry.size
        if (unzipped > LIMIT) throw new Error(`more than ${LIMIT} bytes unzipped`)
        if (memory.unzippedBytes !== undefined && unzipped > memory.unzippedBytes)
          // UNZIP_OVER_LIMIT spelt out: this code also runs in the hashing threads, from its source text.
          throw Object.assign(new Error(`more than ${memory.unzippedBytes} bytes unzipped`), {
            code: 'UNZIP_OVER_LIMIT'
          })
        const hash = deps.crypto.createHash('sha256')
        const key = entry.name.toString('latin1')
        if (entry.name[entry.name.length - 1] === 0x2f) {
          // A directory: empty, and archive/zip refuses to read one that claims content.
          if (entry.size !== 0) throw new Error('a directory entry with content')
          digests.set(key, hash.digest('hex'))
          continue
        }
        const start = dataStart(read(entry.header, 30), entry.header)
        if (entry.packed > memory.entryBytes || entry.size > memory.entryBytes) {
          const result = await streamed(file, entry, start)
          flaw ??= result.flaw
          digests.set(key, result.sha256)
          continue
        }
        const packed = read(start, entry.packed)
        if (packed.length !== entry.packed) throw new Error('an entry that runs past the end of the zip')
        const result = unpack(entry, packed)
        flaw ??= result.flaw
        digests.set(key, hash.update(result.content).digest('hex'))
        drop(result.content.length + (whole ? 0 : packed.length))
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
      if (ownsReusable) reusableTaken = false
      deps.fs.closeSync(fd)
    }
  }

  return { hashZipFile }
}

/** The hashing code on this thread: for tests, and where a worker cannot be had. */
export const localZipHashing: ZipHashing = zipHashing({ crypto, fs, zlib })
