/**
 * Raw deflate data, as a zip entry holds it, inflated into one reused buffer. `zipInflater` runs in the
 * hashing threads from its own source text (see zip-hash.ts), so it uses only the zlib it is handed.
 */
import type zlib from 'node:zlib'

export type InflaterZlib = Pick<
  typeof zlib,
  'inflateRawSync' | 'deflateRawSync' | 'createInflateRaw' | 'constants'
>

export interface ZipInflater {
  /**
   * Inflates one entry from its packed bytes, `pieces` in order, handing each stretch of output to
   * `out` (valid only until `out` returns). Throws when the data does not inflate or ends before its
   * end of stream; may stop with an error once past `most` bytes.
   */
  inflate(pieces: Iterable<Buffer>, most: number, out: (chunk: Buffer) => void): void
  /**
   * How: one zlib stream for every entry, reset between them and driven through the handle Node's own
   * synchronous calls use; or, where this Node's handle does not answer a known input as expected, a
   * zlib.inflateRawSync call per entry (a stream object and a buffer each time).
   */
  readonly kind: 'handle' | 'per call'
}

/** The inflater: self-contained, so keep every helper inside it. */
export function zipInflater(z: InflaterZlib): ZipInflater {
  const OUTPUT_BYTES = 128 * 1024
  const output = Buffer.allocUnsafe(OUTPUT_BYTES)
  const NOTHING = Buffer.alloc(0)
  const { Z_FINISH, Z_NO_FLUSH } = z.constants

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

  /** A zlib stream's handle and its write state; undefined when this Node has none of that shape. */
  function driven(): { handle: Handle; state: Uint32Array; failure: () => string | undefined } | undefined {
    const stream = z.createInflateRaw() as unknown as { _handle?: Handle; _writeState?: Uint32Array }
    const handle = stream._handle
    const state = stream._writeState
    if (typeof handle?.writeSync !== 'function' || typeof handle.reset !== 'function') return undefined
    if (!ArrayBuffer.isView(state) || state.length < 2) return undefined
    let failure: string | undefined
    // In place of the stream's handler, which would destroy the stream: the failure is thrown instead.
    handle.onerror = message => void (failure = String(message))
    return { handle, state, failure: () => failure }
  }

  let stream: ReturnType<typeof driven>

  /** Runs `input` through the stream until it is used up or the stream ends, or, on `finish`, flushes it. */
  function write(input: Buffer, flush: number, out: (chunk: Buffer) => void): void {
    const { handle, state, failure } = stream as NonNullable<typeof stream>
    let at = 0
    for (;;) {
      handle.writeSync(flush, input, at, input.length - at, output, 0, OUTPUT_BYTES)
      const failed = failure()
      if (failed !== undefined) throw new Error(`an entry that does not inflate (${failed})`)
      const outLeft = state[0] as number
      if (outLeft < OUTPUT_BYTES) out(output.subarray(0, OUTPUT_BYTES - outLeft))
      at = input.length - (state[1] as number)
      // Room left in the output: the input is used up, or the stream has ended.
      if (outLeft > 0) return
    }
  }

  function throughHandle(pieces: Iterable<Buffer>, _most: number, out: (chunk: Buffer) => void): void {
    stream ??= driven()
    try {
      for (const piece of pieces) write(piece, Z_NO_FLUSH, out)
      write(NOTHING, Z_FINISH, out)
      stream?.handle.reset()
    } catch (error) {
      // A stream left part way (a failure, or `out` refusing more) is no start for the next entry.
      stream = undefined
      throw error
    }
  }

  function perCall(pieces: Iterable<Buffer>, most: number, out: (chunk: Buffer) => void): void {
    // Copied as they come: a piece may be overwritten by the next.
    const copies: Buffer[] = []
    for (const piece of pieces) copies.push(Buffer.from(piece))
    const packed = Buffer.concat(copies)
    out(z.inflateRawSync(packed, { maxOutputLength: Math.max(1, most) }))
  }

  // Checked once on something known: an answer that differs means the handle is not what it was.
  const works = ((): boolean => {
    try {
      stream = driven()
      if (!stream) return false
      const text = Buffer.from('package zip\n'.repeat(64))
      const got: Buffer[] = []
      throughHandle([z.deflateRawSync(text)], text.length, chunk => void got.push(Buffer.from(chunk)))
      return Buffer.concat(got).equals(text)
    } catch {
      return false
    }
  })()
  return works ? { inflate: throughHandle, kind: 'handle' } : { inflate: perCall, kind: 'per call' }
}
