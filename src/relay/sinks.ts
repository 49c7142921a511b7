/** Where the bodies of upstream answers go while they arrive: a file, or nowhere. */
import { open, rm, type FileHandle } from 'node:fs/promises'
import { creator } from '../go/disk.js'
import { SpillSink } from './memory.js'

/** Where a response body goes while it arrives. */
export interface BodySink {
  write(chunk: Buffer): Promise<void>
  /** Discards what was written (a Range request was answered with the whole file). */
  reset(): Promise<void>
  readonly bytes: number
}

/** A sink that writes the body to a file, for zips: memory stays flat whatever their size. */
export class FileSink implements BodySink {
  bytes = 0
  private handle: FileHandle | undefined
  /** Chunks not yet on disk: written a few hundred KiB at a time, not one system call per packet. */
  private pending: Buffer[] = []
  private pendingBytes = 0
  private flushed = 0

  constructor(readonly file: string) {}

  async write(chunk: Buffer): Promise<void> {
    this.pending.push(chunk)
    this.pendingBytes += chunk.length
    this.bytes += chunk.length
    if (this.pendingBytes >= FILE_SINK_BATCH_BYTES) await this.flush()
  }

  async reset(): Promise<void> {
    this.bytes = 0
    this.flushed = 0
    this.pending = []
    this.pendingBytes = 0
    if (this.handle) await this.handle.truncate(0)
  }

  /** Writes what is pending and closes the file; the sink can be written again (a resumed body). */
  async close(): Promise<void> {
    if (this.handle === undefined && this.flushed === 0) {
      // A body that fits in one batch, as most module zips do: written at once, without a file handle.
      await this.writeWhole()
      return
    }
    await this.flush()
    await this.handle?.close()
    this.handle = undefined
  }

  private async writeWhole(): Promise<void> {
    await creator().file(this.file, Buffer.concat(this.pending, this.pendingBytes))
    this.flushed = this.pendingBytes
    this.pending = []
    this.pendingBytes = 0
  }

  private async flush(): Promise<void> {
    if (this.pendingBytes === 0) return
    const chunks = this.pending
    const length = this.pendingBytes
    this.pending = []
    this.pendingBytes = 0
    // Reopened to resume a cut body: keep what is there.
    this.handle ??= await open(this.file, this.flushed === 0 ? 'w' : 'r+')
    await this.handle.writev(chunks, this.flushed)
    this.flushed += length
  }
}

const FILE_SINK_BATCH_BYTES = 256 * 1024

/** Where a body no one keeps goes: counted, then dropped. */
export function nowhere(): BodySink {
  let bytes = 0
  return {
    write: async chunk => void (bytes += chunk.length),
    reset: async () => void (bytes = 0),
    get bytes() {
      return bytes
    }
  }
}

/** Lets go of a body: its file removed, its memory given back. */
export async function discard(sink: BodySink): Promise<void> {
  if (sink instanceof SpillSink) return sink.discard()
  if (sink instanceof FileSink) {
    await sink.close().catch(() => undefined)
    await rm(sink.file, { force: true })
  }
}
