import { AsyncLocalStorage } from 'node:async_hooks'
import diagnostics_channel from 'node:diagnostics_channel'
import type { ClientRequest } from 'node:http'
import type { Socket } from 'node:net'

/** One line @actions/cache wrote while an operation ran: a workflow command (`::debug::`...) or plain text. */
export interface LibraryLine {
  command?: string
  message: string
}

/** What the library said during one operation. */
export interface LibraryOutput {
  lines: LibraryLine[]
}

// The library's own annotations for best-effort failures; this action reports them once, as it decides.
const LIBRARY_ANNOTATIONS = [
  'Failed to restore:',
  'Failed to save:',
  'Cache reservation failed:',
  'uploadCacheArchiveSDK:',
  "You've hit a rate limit",
  'Unable to finalize cache'
]

interface Capture {
  output: LibraryOutput
  onLine?: (line: LibraryLine) => void
  /** The connections the call's HTTP requests went out on. */
  sockets: Set<Socket>
}

const active = new Set<Capture>()
// Which call a write comes from: an abandoned call may still write while a later one runs.
const calling = new AsyncLocalStorage<Capture>()
let originalWrite: typeof process.stdout.write | undefined

function decodeCommandMessage(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
}

function parseLine(line: string): LibraryLine {
  const match = /^::([a-z-]+)(?: [^:]*)?::(.*)$/s.exec(line)
  if (!match) return { message: line }
  return { command: match[1] as string, message: decodeCommandMessage(match[2] as string) }
}

function install(): void {
  if (originalWrite) return
  const write = process.stdout.write.bind(process.stdout) as typeof process.stdout.write
  originalWrite = process.stdout.write
  process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => {
    const capture = calling.getStore()
    if (typeof chunk !== 'string' || capture === undefined)
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest)
    const out: string[] = []
    for (const line of chunk.split(/(?<=\n)/)) {
      const bare = line.replace(/\r?\n$/, '')
      const parsed = parseLine(bare)
      capture.output.lines.push(parsed)
      capture.onLine?.(parsed)
      const demote =
        (parsed.command === 'warning' || parsed.command === 'error' || parsed.command === 'notice') &&
        LIBRARY_ANNOTATIONS.some(prefix => parsed.message.startsWith(prefix))
      out.push(demote ? parsed.message + line.slice(bare.length) : line)
    }
    return (write as (...a: unknown[]) => boolean)(out.join(''), ...rest)
  }) as typeof process.stdout.write
}

// Every HTTP request the library makes (its own client's and the Azure SDK's) names the call it belongs to;
// the channel is held here, since node keeps channels only while something refers to them.
const requests = diagnostics_channel.channel('http.client.request.start')
requests.subscribe(message => {
  const capture = calling.getStore()
  const request = (message as { request?: ClientRequest }).request
  if (!capture || !request) return
  // Published once the request has its connection, or is about to get it.
  if (request.socket) capture.sockets.add(request.socket)
  else request.once('socket', socket => capture.sockets.add(socket))
})

function uninstall(): void {
  if (active.size > 0 || !originalWrite) return
  process.stdout.write = originalWrite
  originalWrite = undefined
}

/**
 * Runs an @actions/cache call while recording what it writes to stdout, and turns its own warning and error
 * annotations into plain log lines: the library reports a 5xx as an error and a busy key as a warning, while
 * this action reports each cache problem once, as a warning or a notice. The recording lasts until the call
 * settles, even when the caller stops waiting for it; `onLine` sees each line as it is written, and
 * `bytesMoved` counts the bytes sent and received on the call's connections so far.
 */
export function captureLibraryOutput<T>(
  call: () => Promise<T>,
  onLine?: (line: LibraryLine) => void
): {
  output: LibraryOutput
  settled: Promise<T>
  bytesMoved(): number
} {
  const capture: Capture = { output: { lines: [] }, onLine, sockets: new Set() }
  active.add(capture)
  install()
  let settled: Promise<T>
  try {
    settled = calling.run(capture, call)
  } catch (error) {
    settled = Promise.reject(error)
  }
  const release = () => {
    active.delete(capture)
    uninstall()
  }
  settled.then(release, release)
  const bytesMoved = () => {
    let total = 0
    for (const socket of capture.sockets) total += socket.bytesRead + socket.bytesWritten
    return total
  }
  return { output: capture.output, settled, bytesMoved }
}
