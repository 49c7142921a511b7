/**
 * The build cache on disk (cmd/go/internal/cache): `00`-`ff` folders of entries, an action entry `<id>-a`
 * naming its output `<id>-d` (a file, or for a cached executable a folder holding it), use marked by mtime.
 */
import { lstat, open, readdir, utimes, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { eachLimited } from '../go/disk.js'

const SUBDIR = /^[0-9a-f]{2}$/
const ENTRY = /^([0-9a-f]{64})-([ad])$/

/** go marks an entry used only when its mtime is an hour old or more; restored entries are set further back. */
export const UNUSED_AGE_MS = 2 * 60 * 60_000
/** What tells a used or added entry from an untouched restored one, which is UNUSED_AGE_MS old at restore time. */
export const USED_SLACK_MS = 60 * 60_000

export interface BuildEntry {
  /** `xx/<id>-a`, `/`-separated. */
  name: string
  id: string
  kind: 'a' | 'd'
  /** A cached executable: a folder holding the one file. */
  executable: boolean
  bytes: number
  mtimeMs: number
}

/**
 * The entries under `root` (a GOCACHE or a restored copy of one), in `00`-`ff` only. Anything else is left
 * out: a name that is not an entry's, an entry in the wrong folder, a link, a folder that is not one file.
 */
export async function listEntries(root: string): Promise<BuildEntry[]> {
  const subdirs = (await readdir(root).catch(() => [] as string[])).filter(name => SUBDIR.test(name))
  const found: BuildEntry[] = []
  await eachLimited(subdirs, 8, async sub => {
    for (const name of await readdir(path.join(root, sub)).catch(() => [] as string[])) {
      const match = ENTRY.exec(name)
      if (!match || !match[1]!.startsWith(sub)) continue
      const entry = await describe(path.join(root, sub, name))
      if (entry) found.push({ name: `${sub}/${name}`, id: match[1]!, kind: match[2] as 'a' | 'd', ...entry })
    }
  })
  return found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
}

async function describe(
  file: string
): Promise<{ executable: boolean; bytes: number; mtimeMs: number } | undefined> {
  const info = await lstat(file).catch(() => undefined)
  if (info?.isFile()) return { executable: false, bytes: info.size, mtimeMs: info.mtimeMs }
  if (!info?.isDirectory() || !file.endsWith('-d')) return undefined
  const inside = await readdir(file, { withFileTypes: true }).catch(() => [])
  const only = inside[0]
  if (inside.length !== 1 || !only?.isFile()) return undefined
  const binary = await lstat(path.join(file, only.name)).catch(() => undefined)
  return binary ? { executable: true, bytes: binary.size, mtimeMs: info.mtimeMs } : undefined
}

/** Whether GOCACHE holds any entry at all; stops at the first. */
export async function holdsEntries(gocache: string): Promise<boolean> {
  const subdirs = (await readdir(gocache).catch(() => [] as string[])).filter(name => SUBDIR.test(name))
  for (const sub of subdirs) {
    const names = await readdir(path.join(gocache, sub)).catch(() => [] as string[])
    if (names.some(name => ENTRY.test(name))) return true
  }
  return false
}

// `v1 <hex action id> <hex output id> <size, 20 wide> <unix nanoseconds, 20 wide>\n`
const ACTION_ENTRY_BYTES = 2 + 1 + 64 + 1 + 64 + 1 + 20 + 1 + 20 + 1
const ACTION_ENTRY = /^v1 ([0-9a-f]{64}) ([0-9a-f]{64}) {1,20}\d{1,20} {1,20}\d{1,20}\n$/

/** The output id an action entry names, or undefined when the text is not an action entry go would read. */
export function actionOutput(text: string, actionId: string): string | undefined {
  if (text.length !== ACTION_ENTRY_BYTES) return undefined
  const match = ACTION_ENTRY.exec(text)
  return match && match[1] === actionId ? match[2] : undefined
}

/** Reads the output id of the action entry `xx/<id>-a` under `root`. */
export async function readActionOutput(root: string, entry: BuildEntry): Promise<string | undefined> {
  const handle = await open(path.join(root, ...entry.name.split('/')), 'r').catch(() => undefined)
  if (!handle) return undefined
  try {
    const buffer = Buffer.alloc(ACTION_ENTRY_BYTES + 1)
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
    return actionOutput(buffer.subarray(0, bytesRead).toString('latin1'), entry.id)
  } finally {
    await handle.close()
  }
}

/**
 * Sets the mtime of each entry (a cached executable's folder, not the file in it) to `at`, so that the next
 * use marks it; returns the names it could not set.
 */
export async function markUnused(
  root: string,
  entries: readonly BuildEntry[],
  at: number
): Promise<string[]> {
  const failed: string[] = []
  const when = new Date(at)
  await eachLimited(entries, 16, async entry => {
    await utimes(path.join(root, ...entry.name.split('/')), when, when).catch(() => failed.push(entry.name))
  })
  return failed
}

/** Writes go's last-trim time (Unix seconds, as go writes it), so that no go of this job scans the cache to trim it. */
export async function writeTrimStamp(gocache: string, now: number): Promise<void> {
  await writeFile(path.join(gocache, 'trim.txt'), String(Math.floor(now / 1000)))
}

/** Whether an entry was used or written since the restore at `restoredAt`. */
export function usedSince(entry: BuildEntry, restoredAt: number): boolean {
  return entry.mtimeMs >= restoredAt - USED_SLACK_MS
}

/**
 * What a save keeps: entries used or added since the restore, an action entry only with the output it names,
 * an output only with an action entry that names it.
 */
export async function keptEntries(
  root: string,
  entries: readonly BuildEntry[],
  restoredAt: number
): Promise<BuildEntry[]> {
  const recent = entries.filter(e => usedSince(e, restoredAt))
  const outputs = new Set(recent.filter(e => e.kind === 'd').map(e => e.id))
  const named = new Set<string>()
  const actions: BuildEntry[] = []
  await eachLimited(
    recent.filter(e => e.kind === 'a'),
    16,
    async entry => {
      const output = await readActionOutput(root, entry)
      if (output === undefined || !outputs.has(output)) return
      named.add(output)
      actions.push(entry)
    }
  )
  const kept = new Set(actions.map(e => e.name))
  return recent.filter(e => kept.has(e.name) || (e.kind === 'd' && named.has(e.id)))
}
