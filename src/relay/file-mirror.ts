/** A file:// mirror: a folder in go's download cache layout, read as the relay reads an http one. */
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { UpstreamRequest, UpstreamResult } from './upstream.js'

/**
 * The file of a path below a file:// mirror's folder: each segment a plain file name (no separator of
 * any platform, no dot segment, no drive), joined onto the folder and checked to be still inside it.
 */
export function fileBelowFolder(
  folder: string,
  requestPath: string,
  paths: path.PlatformPath = path
): string | undefined {
  let segments: string[]
  try {
    segments = requestPath.split('/').map(segment => decodeURIComponent(segment))
  } catch {
    return undefined
  }
  const plain = (segment: string): boolean =>
    segment !== '' && !/^\.+$/.test(segment) && !/[\\/:\0]/.test(segment)
  if (!segments.every(plain)) return undefined
  const root = paths.resolve(folder)
  const file = paths.resolve(root, ...segments)
  const inside = paths.relative(root, file)
  return inside !== '' && !inside.startsWith('..') && !paths.isAbsolute(inside) ? file : undefined
}

/** One file from a file:// mirror, as an upstream answer: a missing file is a 404, as go reads it. */
export async function fetchFile(req: UpstreamRequest): Promise<UpstreamResult> {
  let file: string | undefined
  try {
    file = fileBelowFolder(fileURLToPath(req.mirror.base), req.path)
  } catch {
    file = undefined
  }
  if (!file)
    return {
      kind: 'error',
      class: 'bad-response',
      transient: false,
      detail: 'a path that is not a file below the mirror'
    }
  try {
    const info = await stat(file)
    if (!info.isFile()) return { kind: 'status', status: 404, statusText: 'Not Found', text: '' }
    if (info.size > req.limit)
      return {
        kind: 'error',
        class: 'bad-response',
        transient: true,
        detail: `the file is larger than ${req.limit} bytes`
      }
    req.onHeaders?.()
    await req.sink.reset()
    const signal = AbortSignal.any([...req.signals])
    for await (const chunk of createReadStream(file, { signal }) as AsyncIterable<Buffer>) {
      await req.sink.write(chunk)
      req.onData?.(chunk.length)
    }
    return { kind: 'ok', bytes: req.sink.bytes, acceptRanges: false }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR')
      return { kind: 'status', status: 404, statusText: 'Not Found', text: '' }
    return { kind: 'error', class: 'local', transient: false, detail: (error as Error).message }
  }
}
