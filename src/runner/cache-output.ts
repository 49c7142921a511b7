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

const active = new Set<LibraryOutput>()
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
    if (typeof chunk !== 'string' || active.size === 0)
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest)
    const out: string[] = []
    for (const line of chunk.split(/(?<=\n)/)) {
      const bare = line.replace(/\r?\n$/, '')
      const parsed = parseLine(bare)
      for (const capture of active) capture.lines.push(parsed)
      const demote =
        (parsed.command === 'warning' || parsed.command === 'error' || parsed.command === 'notice') &&
        LIBRARY_ANNOTATIONS.some(prefix => parsed.message.startsWith(prefix))
      out.push(demote ? parsed.message + line.slice(bare.length) : line)
    }
    return (write as (...a: unknown[]) => boolean)(out.join(''), ...rest)
  }) as typeof process.stdout.write
}

function uninstall(): void {
  if (active.size > 0 || !originalWrite) return
  process.stdout.write = originalWrite
  originalWrite = undefined
}

/**
 * Runs an @actions/cache call while recording what it writes to stdout, and turns its own warning and error
 * annotations into plain log lines: the library reports a 5xx as an error and a busy key as a warning, while
 * this action reports each cache problem once, as a warning or a notice. The recording lasts until the call
 * settles, even when the caller stops waiting for it.
 */
export function captureLibraryOutput<T>(call: () => Promise<T>): {
  output: LibraryOutput
  settled: Promise<T>
} {
  const output: LibraryOutput = { lines: [] }
  active.add(output)
  install()
  let settled: Promise<T>
  try {
    settled = call()
  } catch (error) {
    settled = Promise.reject(error)
  }
  const release = () => {
    active.delete(output)
    uninstall()
  }
  settled.then(release, release)
  return { output, settled }
}
