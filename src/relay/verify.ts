import { createHash } from 'node:crypto'
import type { Readable } from 'node:stream'
import yauzl from 'yauzl'
import { hash1OfDigests, hashGoMod } from '../go/gosum.js'

/** cmd/go's limits on what a module zip may hold (x/mod/zip): the zip and its unpacked files, 500 MiB each. */
export const MAX_ZIP_BYTES = 500 * 1024 * 1024
export const MAX_UNZIPPED_BYTES = 500 * 1024 * 1024
/** A .mod from a proxy has no cap in cmd/go; this one keeps a mirror that never stops from filling memory. */
export const MAX_MOD_BYTES = 16 * 1024 * 1024
export const MAX_SMALL_BYTES = 16 * 1024 * 1024

export type Verdict = { ok: true; hash?: string } | { ok: false; reason: string; mismatch: boolean }

/**
 * Checks a module zip on disk: readable, within go's limits, and, when go.sum has a hash for it, hashing
 * to that hash. Entries are inflated one at a time as streams, so memory stays flat for any size, and
 * the inflating runs off the main thread while other requests are served.
 */
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

/** The h1 of a zip file as dirhash.HashZip computes it: every entry, directories included, by decompressed content. */
export async function hashZipFile(file: string): Promise<string> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true, decodeStrings: false, autoClose: true })
  try {
    if (zip.fileSize > MAX_ZIP_BYTES) throw new Error(`larger than ${MAX_ZIP_BYTES} bytes`)
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
        const stream: Readable = await zip.openReadStreamPromise(entry)
        for await (const chunk of stream as AsyncIterable<Buffer>) hash.update(chunk)
      }
      files.push({ name, sha256: hash.digest('hex') })
    }
    return hash1OfDigests(files)
  } finally {
    zip.close()
  }
}
