import { hashGoMod } from '../go/gosum.js'
import { zipPool } from '../go/zip-pool.js'
import type { ZipDigest } from '../go/zip-hash.js'

export { MAX_ZIP_BYTES } from '../go/zip-hash.js'
/** A .mod from a proxy has no cap in cmd/go; this one keeps a mirror that never stops from filling memory. */
export const MAX_MOD_BYTES = 16 * 1024 * 1024
export const MAX_SMALL_BYTES = 16 * 1024 * 1024

export type Verdict = { ok: true; hash?: string } | { ok: false; reason: string; mismatch: boolean }

/**
 * Checks a module zip on disk: readable, within go's limits, and, when go.sum has a hash for it, hashing
 * to that hash. `size` is the zip's size, when known.
 */
export async function verifyZip(file: string, want: string | undefined, size?: number): Promise<Verdict> {
  let digest: ZipDigest
  try {
    digest = await zipPool().hash(file, size)
  } catch (error) {
    return { ok: false, reason: `not a valid module zip: ${(error as Error).message}`, mismatch: false }
  }
  if (want !== undefined && digest.hash !== want) {
    return { ok: false, reason: `checksum mismatch: got ${digest.hash}, go.sum has ${want}`, mismatch: true }
  }
  if (digest.flaw) return { ok: false, reason: `not a valid module zip: ${digest.flaw}`, mismatch: false }
  return { ok: true, hash: digest.hash }
}

/** A zip of `bytes` is about to arrive: the hashing threads get ready for it. */
export function anticipateZip(bytes: number): void {
  zipPool().anticipate(bytes)
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
  // Most bodies show at their first byte that they are not markup: past ASCII white space, anything
  // but '<' or a byte of a multi-byte character (which may be white space too) is text.
  let at = 0
  while (at < data.length && at < 512 && ASCII_SPACE.has(data[at] as number)) at++
  const first = data[at]
  if (first === undefined || (first !== 0x3c && first < 0x80)) return false
  const head = data.subarray(0, 512).toString('utf8').trimStart().toLowerCase()
  return head.startsWith('<!doctype html') || head.startsWith('<html') || head.startsWith('<?xml')
}

/** Tab, line feed, vertical tab, form feed, carriage return, space: what trimStart drops below 0x80. */
const ASCII_SPACE = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20])

function isCanonical(version: string): boolean {
  return /^v\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+incompatible)?$/.test(version)
}
