// Writes zips in the shapes real tools produce, for the hasher's tests: stored and deflated entries,
// directory entries, empty files, sizes in a data descriptor after the data, and zip64 records.
import { crc32, deflateRawSync } from 'node:zlib'

export interface ZipEntrySpec {
  name: string
  /** Absent for a directory entry. */
  data?: Buffer
  method?: 'store' | 'deflate'
}

export interface ZipShape {
  /** Sizes and CRC after the data, with zeros in the local header (as a streaming writer does). */
  dataDescriptor?: boolean
  /** zip64 extra fields on every entry and zip64 end records. */
  zip64?: boolean
  /** Bytes before the zip (a self-extracting stub, say). */
  prefix?: Buffer
}

export function writeZip(entries: readonly ZipEntrySpec[], shape: ZipShape = {}): Buffer {
  const parts: Buffer[] = []
  const central: Buffer[] = []
  const start = shape.prefix?.length ?? 0
  if (shape.prefix) parts.push(shape.prefix)
  let offset = start
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8')
    const content = entry.data ?? Buffer.alloc(0)
    const deflate = entry.data !== undefined && entry.method !== 'store'
    const packed = deflate ? deflateRawSync(content) : content
    const crc = crc32(content) >>> 0
    const flags = (shape.dataDescriptor ? 0x8 : 0) | 0x800
    const method = deflate ? 8 : 0
    const zip64Extra = Buffer.alloc(shape.zip64 ? 4 + 16 : 0)
    if (shape.zip64) {
      zip64Extra.writeUInt16LE(0x0001, 0)
      zip64Extra.writeUInt16LE(16, 2)
      zip64Extra.writeBigUInt64LE(BigInt(content.length), 4)
      zip64Extra.writeBigUInt64LE(BigInt(packed.length), 12)
    }
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(shape.zip64 ? 45 : 20, 4)
    local.writeUInt16LE(flags, 6)
    local.writeUInt16LE(method, 8)
    local.writeUInt32LE(shape.dataDescriptor ? 0 : crc, 14)
    const localSize = (n: number) => (shape.dataDescriptor ? 0 : shape.zip64 ? 0xffffffff : n)
    local.writeUInt32LE(localSize(packed.length), 18)
    local.writeUInt32LE(localSize(content.length), 22)
    local.writeUInt16LE(name.length, 26)
    local.writeUInt16LE(zip64Extra.length, 28)
    parts.push(local, name, zip64Extra, packed)
    let size = 30 + name.length + zip64Extra.length + packed.length
    if (shape.dataDescriptor) {
      const descriptor = Buffer.alloc(shape.zip64 ? 24 : 16)
      descriptor.writeUInt32LE(0x08074b50, 0)
      descriptor.writeUInt32LE(crc, 4)
      if (shape.zip64) {
        descriptor.writeBigUInt64LE(BigInt(packed.length), 8)
        descriptor.writeBigUInt64LE(BigInt(content.length), 16)
      } else {
        descriptor.writeUInt32LE(packed.length, 8)
        descriptor.writeUInt32LE(content.length, 12)
      }
      parts.push(descriptor)
      size += descriptor.length
    }
    const centralExtra = Buffer.alloc(shape.zip64 ? 4 + 24 : 0)
    if (shape.zip64) {
      centralExtra.writeUInt16LE(0x0001, 0)
      centralExtra.writeUInt16LE(24, 2)
      centralExtra.writeBigUInt64LE(BigInt(content.length), 4)
      centralExtra.writeBigUInt64LE(BigInt(packed.length), 12)
      centralExtra.writeBigUInt64LE(BigInt(offset - start), 20)
    }
    const header = Buffer.alloc(46)
    header.writeUInt32LE(0x02014b50, 0)
    header.writeUInt16LE(shape.zip64 ? 45 : 20, 4)
    header.writeUInt16LE(shape.zip64 ? 45 : 20, 6)
    header.writeUInt16LE(flags, 8)
    header.writeUInt16LE(method, 10)
    header.writeUInt32LE(crc, 16)
    header.writeUInt32LE(shape.zip64 ? 0xffffffff : packed.length, 20)
    header.writeUInt32LE(shape.zip64 ? 0xffffffff : content.length, 24)
    header.writeUInt16LE(name.length, 28)
    header.writeUInt16LE(centralExtra.length, 30)
    header.writeUInt32LE(entry.data === undefined ? 0x10 : 0, 38)
    header.writeUInt32LE(shape.zip64 ? 0xffffffff : offset - start, 42)
    central.push(header, name, centralExtra)
    offset += size
  }
  const cd = Buffer.concat(central)
  const cdOffset = offset - start
  parts.push(cd)
  if (shape.zip64) {
    const record = Buffer.alloc(56)
    record.writeUInt32LE(0x06064b50, 0)
    record.writeBigUInt64LE(44n, 4)
    record.writeUInt16LE(45, 12)
    record.writeUInt16LE(45, 14)
    record.writeBigUInt64LE(BigInt(entries.length), 24)
    record.writeBigUInt64LE(BigInt(entries.length), 32)
    record.writeBigUInt64LE(BigInt(cd.length), 40)
    record.writeBigUInt64LE(BigInt(cdOffset), 48)
    const locator = Buffer.alloc(20)
    locator.writeUInt32LE(0x07064b50, 0)
    locator.writeBigUInt64LE(BigInt(offset + cd.length), 8)
    locator.writeUInt32LE(1, 16)
    parts.push(record, locator)
  }
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(shape.zip64 ? 0xffff : entries.length, 8)
  end.writeUInt16LE(shape.zip64 ? 0xffff : entries.length, 10)
  end.writeUInt32LE(shape.zip64 ? 0xffffffff : cd.length, 12)
  end.writeUInt32LE(shape.zip64 ? 0xffffffff : cdOffset, 16)
  parts.push(end)
  return Buffer.concat(parts)
}
