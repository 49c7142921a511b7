/**
 * The journal of a detached relay: one JSON line per file it answered for, its totals and why it
 * stopped, bounded in size; the post step reads it back for the summary.
 */
import { appendFile, readFile } from 'node:fs/promises'
import type { FileRecord, RelayMirrorStats } from './types.js'

/** Why a detached relay ended, as its journal says. */
export type DaemonStopReason = 'asked' | 'idle' | 'worker-gone' | 'out-of-memory' | 'signal'

/** One line of the journal: a file the relay answered for, or the totals written as it stops. */
export type JournalLine =
  | ({ t: 'file' } & JournalFile)
  | { t: 'stats'; mirrors: RelayMirrorStats[]; requests: number }
  | { t: 'stopped'; reason: DaemonStopReason; detail?: string; at: string }
  | { t: 'truncated' }

/** A file record as the journal keeps it: short. */
export interface JournalFile {
  name: string
  module?: string
  version?: string
  outcome: FileRecord['outcome']
  servedBy?: string
  tries: number
  retried: boolean
  hedged: boolean
  /** For a failure or a file that needed help: what went wrong, in order. */
  trouble?: string[]
  failure?: { class: string; message: string }
}

export function journalFile(record: FileRecord): JournalFile {
  const trouble = record.tries
    .filter(t => t.outcome !== 'ok' && t.detail)
    .map(t => `${t.mirror}: ${t.detail}`)
    .slice(0, 8)
  return {
    name: record.name,
    module: record.module,
    version: record.version,
    outcome: record.outcome,
    servedBy: record.servedBy,
    tries: record.tries.length,
    retried: record.tries.filter(t => !t.hedge).length > 1,
    hedged: record.tries.some(t => t.hedge),
    trouble: trouble.length > 0 ? trouble : undefined,
    failure: record.failure ? { class: record.failure.class, message: record.failure.message } : undefined
  }
}

/** Appends journal lines up to a size limit, then one `truncated` line and nothing more. */
export class Journal {
  private bytes = 0
  private full = false
  private pending: Promise<void> = Promise.resolve()

  constructor(
    private readonly file: string,
    private readonly limitBytes: number
  ) {}

  write(line: JournalLine, always = false): Promise<void> {
    if (this.full && !always) return this.pending
    let text = `${JSON.stringify(line)}\n`
    if (!always && this.bytes + text.length > this.limitBytes) {
      this.full = true
      text = `${JSON.stringify({ t: 'truncated' })}\n`
    }
    this.bytes += text.length
    this.pending = this.pending
      .then(() => appendFile(this.file, text, { mode: 0o600 }))
      .catch(() => undefined)
    return this.pending
  }
}

/** Reads a journal back; torn or foreign lines are skipped. */
export async function readJournal(file: string): Promise<JournalLine[]> {
  const text = await readFile(file, 'utf8').catch(() => '')
  const lines: JournalLine[] = []
  for (const raw of text.split('\n')) {
    if (raw.trim() === '') continue
    try {
      const line = JSON.parse(raw) as JournalLine
      if (line && typeof line === 'object' && 't' in line) lines.push(line)
    } catch {
      // A line cut off by a kill says nothing reliable.
    }
  }
  return lines
}
