import { createHash } from 'node:crypto'
import { open, readFile, stat, type FileHandle } from 'node:fs/promises'
import type { Readable } from 'node:stream'
import { inflateRawSync } from 'node:zlib'
import yauzl from 'yauzl'
import { hash1OfDigests, hashGoMod } from '../go/gosum.js'

/** cmd/go's limits on what a module zip may hold (x/mod/zip): the zip and its unpacked files, 500 MiB each. */
export const MAX_ZIP_BYTES = 500 * 1024 * 1024
export const MAX_UNZIPPED_BYTES = 500 * 1024 * 1024
/** A .mod from a proxy has no cap in cmd/go; this one keeps a mirror that never stops from filling memory. */
export const MAX_MOD_BYTES = 16 * 1024 * 1024
export const MAX_SMALL_BYTES = 16 * 1024 * 1024

export type Verdict = { ok: true; hash?: string } | { ok: false; reason: string; mismatch: boolean }

/** Checks a module zip on disk: readable, within go's limits, and, when go.sum has a hash for it, hashing to that hash. */
export async function verifyZip(file: string, want: string | undefined): Promise<Verdict> {
  let hash: string
  try {
    hash = await hashZipFile(file)
  } catch (error) {
    return { ok: false, reason: `not a valid module zip: ${(error as Error).message}`, mismatch: false }
  }
  if (want !== undefined && hash !== want) {
    return { ok: false, reason: `checksum mismatch: got ${hash}, go.sum has ${want}`, mismatch: true }
  }
  return { ok: true, hash }
}

export function verifyMod(data: Buffer, want: string | undefined): Verdict {
  if (looksLikeHtml(data)) return { ok: false, reason: 'an HTML page instead of a go.mod', mismatch: false }
  if (want === undefined) return { ok: true }
  const hash = hashGoMod(data)
  if (hash !== want)
    return { ok: false, reason: `checksum mismatch: got ${hash}, go.sum has ${want}`, mismatch: true }
  return { ok: true, hash }
}

/** An .info must be the JSON object go reads, naming the version asked for (canonical versions only). */
export function verifyInfo(data: Buffer, version: string): Verdict {
  let parsed: unknown
  try {
    parsed = JSON.parse(data.toString('utf8'))
  } catch {
    return {
      ok: false,
      reason: looksLikeHtml(data) ? 'an HTML page instead of JSON' : 'not JSON',
      mismatch: false
    }
  }
  const found = (parsed as { Version?: unknown } | null)?.Version
  if (typeof found !== 'string') return { ok: false, reason: 'JSON without a Version', mismatch: false }
  if (isCanonical(version) && found !== version) {
    return {
      ok: false,
      reason: `info for version ${found.slice(0, 80)} instead of ${version}`,
      mismatch: false
    }
  }
  return { ok: true }
}

/** A version list or a sumdb answer: text, never a web page. */
export function verifyText(data: Buffer): Verdict {
  return looksLikeHtml(data) ? { ok: false, reason: 'an HTML page', mismatch: false } : { ok: true }
}

function looksLikeHtml(data: Buffer): boolean {
  const head = data.subarray(0, 512).toString('utf8').trimStart().toLowerCase()
  return head.startsWith('<!doctype html') || head.startsWith('<html') || head.startsWith('<?xml')
}

function isCanonical(version: string): boolean {
  return /^v\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+incompatible)?$/.test(version)
}

/** How much of a zip is held in memory while it is hashed. */
export interface ZipMemory {
  /** Zips up to this size are read whole and their entries inflated in one call each. */
  wholeZipBytes: number
  /** Entries larger than this, packed or unpacked, are inflated as streams. */
  entryBytes: number
}

const ZIP_MEMORY: ZipMemory = { wholeZipBytes: 32 * 1024 * 1024, entryBytes: 16 * 1024 * 1024 }
/** Zips held in memory at once: verifying is CPU work on one thread, so more would only hold memory. */
const IN_MEMORY_AT_ONCE = 2

let inMemory = 0
const waiting: (() => void)[] = []

async function withMemorySlot<T>(work: () => Promise<T>): Promise<T> {
  if (inMemory >= IN_MEMORY_AT_ONCE) await new Promise<void>(resolve => waiting.push(resolve))
  else inMemory++
  try {
    return await work()
  } finally {
    const next = waiting.shift()
    if (next) next()
    else inMemory--
  }
}

type Zip = Awaited<ReturnType<typeof yauzl.openPromise>>
type ZipEntry = Parameters<Zip['openReadStreamPromise']>[0]

/**
 * The h1 of a zip file as dirhash.HashZip computes it: every entry, directories included, by
 * decompressed content. A zip of ordinary size is read whole and each entry inflated in one call (a
 * module zip is thousands of small files: per-entry streams cost far more than the inflating); from a
 * large one each entry is read in one call, and only a huge entry is inflated as a stream, so memory
 * stays bounded for any size.
 */
export async function hashZipFile(file: string, memory: ZipMemory = ZIP_MEMORY): Promise<string> {
  const size = (await stat(file)).size
  if (size > MAX_ZIP_BYTES) throw new Error(`larger than ${MAX_ZIP_BYTES} bytes`)
  return withMemorySlot(async () => {
    if (size > memory.wholeZipBytes) {
      // Too big to hold whole: each entry is read with one call and inflated with another.
      const handle = await open(file)
      try {
        const zip = await yauzl.openPromise(file, {
          lazyEntries: true,
          decodeStrings: false,
          autoClose: true
        })
        return await hashZip(zip, memory, entry => readEntry(handle, entry, memory))
      } finally {
        await handle.close()
      }
    }
    const data = await readFile(file)
    const zip = await yauzl.fromBufferPromise(data, { lazyEntries: true, decodeStrings: false })
    return hashZip(zip, memory, entry => Promise.resolve(contentOf(data, 0, entry)))
  })
}

/** The bytes of one entry's local header and data, read from the file in one call (two when its extra field is long). */
async function readEntry(
  handle: FileHandle,
  entry: ZipEntry,
  memory: ZipMemory
): Promise<Buffer | undefined> {
  if (entry.compressedSize > memory.entryBytes) return undefined
  const at = entry.relativeOffsetOfLocalHeader
  const guess = 30 + entry.fileNameLength + 256 + entry.compressedSize
  let chunk = Buffer.allocUnsafe(guess)
  let { bytesRead } = await handle.read(chunk, 0, guess, at)
  if (bytesRead >= 30) {
    const needed = 30 + chunk.readUInt16LE(26) + chunk.readUInt16LE(28) + entry.compressedSize
    if (needed > bytesRead && needed > guess) {
      chunk = Buffer.allocUnsafe(needed)
      ;({ bytesRead } = await handle.read(chunk, 0, needed, at))
    }
  }
  const data = chunk.subarray(0, bytesRead)
  return contentOf(data, at, entry)
}

async function hashZip(
  zip: Zip,
  memory: ZipMemory,
  contentFor: (entry: ZipEntry) => Promise<Buffer | undefined>
): Promise<string> {
  try {
    const files: { name: string; sha256: string }[] = []
    let unzipped = 0
    for await (const entry of zip.eachEntry()) {
      const raw = entry.fileName as unknown as Buffer
      const name = raw.toString('utf8')
      if (name.includes('\n')) throw new Error('an entry name with a newline')
      unzipped += entry.uncompressedSize
      if (unzipped > MAX_UNZIPPED_BYTES) throw new Error(`more than ${MAX_UNZIPPED_BYTES} bytes unzipped`)
      const hash = createHash('sha256')
      if (!name.endsWith('/') || entry.uncompressedSize > 0) {
        const content = entry.uncompressedSize <= memory.entryBytes ? await contentFor(entry) : undefined
        if (content) hash.update(content)
        else {
          const stream: Readable = await zip.openReadStreamPromise(entry)
          for await (const chunk of stream as AsyncIterable<Buffer>) hash.update(chunk)
        }
      }
      files.push({ name, sha256: hash.digest('hex') })
    }
    return hash1OfDigests(files)
  } finally {
    zip.close()
  }
}

/**
 * An entry's unpacked content from bytes that hold its local header at `base` in the zip (the whole
 * zip, base 0, or the entry alone).
 */
function contentOf(data: Buffer, base: number, entry: ZipEntry): Buffer {
  if (entry.isEncrypted()) throw new Error(`an encrypted entry`)
  const method = entry.compressionMethod
  if (method !== 0 && method !== 8) throw new Error(`an entry compressed with method ${method}`)
  // The local file header: 30 bytes, then the name and the extra field, whose lengths it gives.
  const header = entry.relativeOffsetOfLocalHeader - base
  if (header < 0 || header + 30 > data.length || data.readUInt32LE(header) !== 0x04034b50)
    throw new Error('a bad local file header')
  const start = header + 30 + data.readUInt16LE(header + 26) + data.readUInt16LE(header + 28)
  const end = start + entry.compressedSize
  if (end > data.length) throw new Error('an entry that runs past the end of the zip')
  const packed = data.subarray(start, end)
  const content =
    method === 0 ? packed : inflateRawSync(packed, { maxOutputLength: Math.max(1, entry.uncompressedSize) })
  if (content.length !== entry.uncompressedSize)
    throw new Error('an entry whose size is not the one recorded')
  return content
}
