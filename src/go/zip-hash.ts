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
  fs: Pick<typeof fs, 'openSync' | 'closeSync' | 'fstatSync' | 'readSync'>
  zlib: Pick<typeof zlib, 'inflateRawSync' | 'deflateRawSync' | 'createInflateRaw' | 'crc32' | 'constants'>
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
  /** How entries are inflated: one zlib stream driven through its handle, or a zlib call per entry. */
  readonly inflater: 'handle' | 'per call'
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

  // Buffers reused from zip to zip, so that hashing leaves no garbage behind: the whole zip when it is
  // small enough, a piece of an entry otherwise, and what the inflater writes. Hashing is synchronous,
  // so one zip at a time uses them.
  let whole = Buffer.allocUnsafe(0)
  let piece = Buffer.allocUnsafe(0)
  const OUTPUT_BYTES = 128 * 1024
  const output = Buffer.allocUnsafe(OUTPUT_BYTES)

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

  /** Reads `length` bytes at `position` into a buffer of their own. */
  function readAt(fd: number, position: number, length: number): Buffer {
    return readInto(fd, Buffer.allocUnsafe(length), position, length)
  }

  /**
   * Raw deflate data inflated a piece at a time into `output`, each stretch of it handed to `out`.
   * `last` marks the entry's last piece: data that ends before its end of stream fails there. `most`:
   * inflating may stop with an error past this many bytes.
   */
  interface Inflater {
    feed(input: Buffer, last: boolean, most: number, out: (chunk: Buffer) => void): void
    /** Ready for the next entry. */
    reset(): void
  }

  /**
   * One zlib stream for every entry, driven through the handle Node's own synchronous calls use
   * (zlib.inflateRawSync builds a stream object per call, about 6 µs and a buffer per entry, thousands
   * of times a module graph). Undefined when this Node's handle does not work that way.
   */
  function handleInflater(): Inflater | undefined {
    interface Handle {
      writeSync(
        flush: number,
        input: Buffer,
        inAt: number,
        inLength: number,
        out: Buffer,
        outAt: number,
        outLength: number
      ): void
      reset(): void
      onerror: (message: string) => void
    }
    try {
      const stream = deps.zlib.createInflateRaw() as unknown as {
        _handle?: Handle
        _writeState?: Uint32Array
      }
      const handle = stream._handle
      const state = stream._writeState
      if (typeof handle?.writeSync !== 'function' || typeof handle.reset !== 'function') return undefined
      if (!ArrayBuffer.isView(state) || state.length < 2) return undefined
      let failure: string | undefined
      // In place of the stream's handler, which would destroy the stream: the failure is thrown below.
      handle.onerror = message => void (failure = String(message))
      const { Z_FINISH, Z_NO_FLUSH } = deps.zlib.constants
      const inflater: Inflater = {
        feed(input, last, _most, out) {
          let at = 0
          for (;;) {
            handle.writeSync(
              last ? Z_FINISH : Z_NO_FLUSH,
              input,
              at,
              input.length - at,
              output,
              0,
              OUTPUT_BYTES
            )
            if (failure !== undefined) throw new Error(`an entry that does not inflate (${failure})`)
            const outLeft = state[0] as number
            const inLeft = state[1] as number
            if (outLeft < OUTPUT_BYTES) out(output.subarray(0, OUTPUT_BYTES - outLeft))
            at = input.length - inLeft
            // Room left in the output: the input is used up, or the stream has ended.
            if (outLeft > 0) return
          }
        },
        reset: () => handle.reset()
      }
      // Checked once on something known: an answer that differs means the handle is not what it was.
      const text = Buffer.from('package zip\n'.repeat(64))
      const got: Buffer[] = []
      inflater.feed(
        deps.zlib.deflateRawSync(text),
        true,
        text.length,
        chunk => void got.push(Buffer.from(chunk))
      )
      inflater.reset()
      return Buffer.concat(got).equals(text) ? inflater : undefined
    } catch {
      return undefined
    }
  }

  /** The public way, a zlib stream per entry, where the handle cannot be driven. */
  function callInflater(): Inflater {
    let pieces: Buffer[] = []
    return {
      feed(input, last, most, out) {
        pieces.push(Buffer.from(input))
        if (!last) return
        const packed = Buffer.concat(pieces)
        pieces = []
        out(deps.zlib.inflateRawSync(packed, { maxOutputLength: Math.max(1, most) }))
      },
      reset: () => void (pieces = [])
    }
  }

  let inflater: Inflater | undefined
  let inflaterKind: ZipHashing['inflater'] = 'handle'
  const inflaterNow = (): Inflater => {
    if (!inflater) {
      const driven = handleInflater()
      inflaterKind = driven ? 'handle' : 'per call'
      inflater = driven ?? callInflater()
    }
    return inflater
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

  /**
   * The SHA-256 of an entry's content, and whether its CRC holds (a wrong CRC is a flaw: the content is
   * still hashed). `packed` is the entry's packed bytes when the zip was read whole; otherwise they are
   * read from the file a piece at a time.
   */
  function entryDigest(
    entry: Entry,
    source: { packed: Buffer } | { fd: number; start: number; readBytes: number }
  ): { sha256: string; flaw?: string } {
    const hash = deps.crypto.createHash('sha256')
    let size = 0
    let crc = 0
    const take = (chunk: Buffer): void => {
      size += chunk.length
      if (size > entry.size) throw new Error('an entry whose size is not the one recorded')
      crc = deps.zlib.crc32(chunk, crc)
      hash.update(chunk)
    }
    const give = (input: Buffer, last: boolean): void => {
      if (entry.method === 0) take(input)
      // One byte more than recorded is enough to tell the entry is not what its record says.
      else inflaterNow().feed(input, last, entry.size + 1, take)
    }
    try {
      if ('packed' in source) {
        give(source.packed, true)
      } else {
        const readBytes = Math.max(1, source.readBytes)
        if (piece.length < readBytes) piece = Buffer.allocUnsafe(readBytes)
        let done = 0
        do {
          const length = Math.min(readBytes, entry.packed - done)
          const input = readInto(source.fd, piece, source.start + done, length)
          if (input.length !== length) throw new Error('an entry that runs past the end of the zip')
          done += length
          give(input, done === entry.packed)
        } while (done < entry.packed)
      }
    } catch (error) {
      // A stream left part way (a failure, or an entry too long) is no start for the next entry.
      inflater = undefined
      throw error
    }
    if (entry.method !== 0) inflaterNow().reset()
    if (size !== entry.size) throw new Error('an entry whose size is not the one recorded')
    return { sha256: hash.digest('hex'), flaw: crcFlaw(entry, crc) }
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
        zip ? zip.subarray(Math.max(0, at), Math.max(0, at) + length) : readAt(fd, Math.max(0, at), length)
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
        const key = entry.name.toString('latin1')
        if (entry.name[entry.name.length - 1] === 0x2f) {
          // A directory: empty, and archive/zip refuses to read one that claims content.
          if (entry.size !== 0) throw new Error('a directory entry with content')
          digests.set(key, deps.crypto.createHash('sha256').digest('hex'))
          continue
        }
        const start = dataStart(read(entry.header, 30), entry.header)
        let result: { sha256: string; flaw?: string }
        if (zip) {
          const packed = read(start, entry.packed)
          if (packed.length !== entry.packed) throw new Error('an entry that runs past the end of the zip')
          result = entryDigest(entry, { packed })
        } else {
          result = entryDigest(entry, { fd, start, readBytes })
        }
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

  return {
    hashZipFile,
    get inflater() {
      inflaterNow()
      return inflaterKind
    }
  }
}

/** The hashing code on this thread: for tests, and where a worker cannot be had. */
export const localZipHashing: ZipHashing = zipHashing({ crypto, fs, zlib })
