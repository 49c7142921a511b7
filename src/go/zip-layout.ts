/**
 * Where a zip's entries are, read as archive/zip reads them: the end records (zip64 when the plain one
 * overflows), the central directory, and each entry's local header. `zipLayout` runs in the hashing
 * threads from its own source text (see zip-hash.ts), so it uses nothing but globals.
 */

/** One entry of the central directory. */
export interface ZipEntry {
  name: Buffer
  method: number
  flags: number
  crc: number
  /** Its packed and unpacked sizes. */
  packed: number
  size: number
  /** Where its local header starts in the file. */
  header: number
}

/** Reads `length` bytes at `at` (fewer past the end of the file). */
export type ZipRead = (at: number, length: number) => Buffer

export interface ZipLayout {
  /** Every entry of the central directory, in its order; throws when the zip cannot be read as one. */
  entries(read: ZipRead, size: number): ZipEntry[]
  /** Where the packed bytes of the entry whose local header (its first 30 bytes) starts at `at` begin. */
  dataStart(header: Buffer, at: number): number
}

/** The layout reader: self-contained, so keep every helper inside it. */
export function zipLayout(): ZipLayout {
  const EOCD = 0x06054b50
  const EOCD64 = 0x06064b50
  const LOCATOR64 = 0x07064b50
  const CENTRAL = 0x02014b50
  const LOCAL = 0x04034b50

  function big(value: bigint): number {
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error('a zip64 field out of range')
    return Number(value)
  }

  /** The central directory's place and size, from the end records (zip64 when the plain one overflows). */
  function directory(read: ZipRead, size: number) {
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

  function entries(read: ZipRead, size: number): ZipEntry[] {
    const dir = directory(read, size)
    let base = dir.base
    let cd = read(dir.cdOffset + base, dir.cdSize)
    if (base > 0 && (cd.length < 4 || cd.readUInt32LE(0) !== CENTRAL)) {
      base = 0
      cd = read(dir.cdOffset, dir.cdSize)
    }
    const list: ZipEntry[] = []
    let p = 0
    while (p + 46 <= cd.length && cd.readUInt32LE(p) === CENTRAL) {
      const nameLength = cd.readUInt16LE(p + 28)
      const extraLength = cd.readUInt16LE(p + 30)
      const commentLength = cd.readUInt16LE(p + 32)
      if (p + 46 + nameLength + extraLength + commentLength > cd.length)
        throw new Error('a central directory entry that runs past its end')
      const entry: ZipEntry = {
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

  return { entries, dataStart }
}
