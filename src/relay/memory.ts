import { createHash, randomUUID, type Hash } from 'node:crypto'
import { open, readFile, rm, type FileHandle } from 'node:fs/promises'
import path from 'node:path'
import { hashGoModDigest } from '../go/gosum.js'
import type { BodySink } from './sinks.js'
import { verifyText, type Verdict } from './verify.js'

/** A real .info is under 1 KiB, its Origin field included: anything near this is not one. */
export const MAX_INFO_BYTES = 64 * 1024
/** A version list or an @latest answer: tens of KiB for the modules with the most versions. */
export const MAX_LIST_BYTES = 1024 * 1024
/** A checksum database answer: a signed lookup, or a tile of 256 hashes or records. */
export const MAX_SUMDB_BYTES = 1024 * 1024
/** A .mod larger than this goes to disk as it arrives rather than into memory. */
export const MOD_IN_MEMORY_BYTES = 1024 * 1024
/**
 * What one relay holds in memory at once of the bodies it receives and the small files it keeps: the
 * rest waits on disk. Zip bodies never count: they always go to disk.
 */
export const RELAY_MEMORY_BYTES = 16 * 1024 * 1024

/** A count of bytes held in memory against a fixed limit, shared by every request of one relay. */
export class MemoryBudget {
  private held = 0
  private peak = 0

  constructor(readonly limit: number = RELAY_MEMORY_BYTES) {}

  /** Takes `bytes` when they fit under the limit; false (and nothing taken) when they do not. */
  take(bytes: number): boolean {
    if (this.held + bytes > this.limit) return false
    this.held += bytes
    this.peak = Math.max(this.peak, this.held)
    return true
  }

  give(bytes: number): void {
    this.held = Math.max(0, this.held - bytes)
  }

  usage(): { heldBytes: number; peakBytes: number; limitBytes: number } {
    return { heldBytes: this.held, peakBytes: this.peak, limitBytes: this.limit }
  }
}

/** The first bytes of a body, enough to tell a web page from a module file. */
const HEAD_BYTES = 512

/**
 * A sink that keeps a body in memory while the relay's budget has room and the body is under its
 * threshold, and moves it to a file of its own once either is not so. It hashes the body as it
 * arrives, so a .mod on disk is checked against go.sum without being read back.
 */
export class SpillSink implements BodySink {
  bytes = 0
  private chunks: Buffer[] = []
  /** Bytes taken from the budget for the chunks held. */
  private charged = 0
  private handle: FileHandle | undefined
  private spilledTo: string | undefined
  private hash: Hash = createHash('sha256')
  private first = Buffer.alloc(0)

  constructor(private readonly opts: { dir: string; budget: MemoryBudget; inMemoryBytes: number }) {}

  get spilled(): boolean {
    return this.spilledTo !== undefined
  }

  /** The file the body went to, once it did. */
  get file(): string | undefined {
    return this.spilledTo
  }

  /** The first bytes of the body. */
  get head(): Buffer {
    return this.first
  }

  /** The sha256 (hex) of the body so far. */
  sha256(): string {
    return this.hash.copy().digest('hex')
  }

  async write(chunk: Buffer): Promise<void> {
    this.hash.update(chunk)
    if (this.first.length < HEAD_BYTES) {
      this.first = Buffer.concat([this.first, chunk.subarray(0, HEAD_BYTES - this.first.length)])
    }
    const fits =
      !this.spilled &&
      this.bytes + chunk.length <= this.opts.inMemoryBytes &&
      this.opts.budget.take(chunk.length)
    if (fits) {
      this.chunks.push(chunk)
      this.charged += chunk.length
    } else {
      await this.spill()
      await (this.handle as FileHandle).write(chunk, 0, chunk.length, this.bytes)
    }
    this.bytes += chunk.length
  }

  async reset(): Promise<void> {
    this.release()
    this.bytes = 0
    this.hash = createHash('sha256')
    this.first = Buffer.alloc(0)
    if (this.handle) await this.handle.truncate(0)
  }

  /** The whole body; a spilled one is read back (only .info does that, and it is small). */
  async read(): Promise<Buffer> {
    if (!this.spilledTo) return Buffer.concat(this.chunks)
    await this.close()
    return readFile(this.spilledTo)
  }

  /**
   * Hands the body over: in memory, with what it costs the budget (to be given back by whoever keeps
   * it), or as its file once closed.
   */
  async take(): Promise<{ data: Buffer; charged: number } | { file: string }> {
    if (this.spilledTo) {
      await this.close()
      return { file: this.spilledTo }
    }
    const data = Buffer.concat(this.chunks)
    const charged = this.charged
    this.chunks = []
    this.charged = 0
    return { data, charged }
  }

  /** Gives back what it holds: its memory to the budget and its file to the disk. */
  async discard(): Promise<void> {
    this.release()
    await this.close().catch(() => undefined)
    if (this.spilledTo) await rm(this.spilledTo, { force: true })
  }

  private release(): void {
    this.opts.budget.give(this.charged)
    this.charged = 0
    this.chunks = []
  }

  private async close(): Promise<void> {
    await this.handle?.close()
    this.handle = undefined
  }

  private async spill(): Promise<void> {
    if (this.handle) return
    const fresh = this.spilledTo === undefined
    this.spilledTo ??= path.join(this.opts.dir, randomUUID())
    this.handle = await open(this.spilledTo, fresh ? 'w' : 'r+', 0o600)
    if (!fresh) return
    let at = 0
    for (const chunk of this.chunks) {
      await this.handle.write(chunk, 0, chunk.length, at)
      at += chunk.length
    }
    this.release()
  }
}

/** A .mod checked by the hash of its bytes as they arrived: go.sum's `/go.mod` line hashes it as `go.mod`. */
export function verifyModDigest(head: Buffer, sha256: string, want: string | undefined): Verdict {
  if (!verifyText(head).ok) return { ok: false, reason: 'an HTML page instead of a go.mod', mismatch: false }
  if (want === undefined) return { ok: true }
  const hash = hashGoModDigest(sha256)
  if (hash !== want)
    return { ok: false, reason: `checksum mismatch: got ${hash}, go.sum has ${want}`, mismatch: true }
  return { ok: true, hash }
}
