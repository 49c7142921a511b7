/**
 * The GitHub cache as the module cache code sees it: every @actions/cache, @actions/glob and @actions/core
 * call it makes, behind one small interface, with what the library writes turned into progress and results.
 */
import { rmSync } from 'node:fs'
import * as cache from '@actions/cache'
import * as core from '@actions/core'
import * as glob from '@actions/glob'
import { captureLibraryOutput, type LibraryLine, type LibraryOutput } from './cache-output.js'

/** Where cache messages go; @actions/core by default, a collector in tests. */
export interface CacheLog {
  info(message: string): void
  warning(message: string): void
  notice(message: string): void
}

export const actionsLog: CacheLog = {
  info: message => core.info(message),
  warning: message => core.warning(message),
  notice: message => core.notice(message)
}

/** What an operation is doing, as far as the library lets it be seen. */
export type CacheProgress =
  /** A request to the cache service went out. */
  | { kind: 'request' }
  /** The cache service answered a request (an error status included). */
  | { kind: 'answer' }
  /** The lookup answered: the key of the entry found, or none. */
  | { kind: 'found'; key?: string }
  /** A request failed and the library will repeat it after a pause. */
  | { kind: 'retry'; error: string }
  /** The entry's bytes began to move between the blob store and this machine. */
  | { kind: 'transfer' }
  /** Bytes sent and received on the call's connections so far: while it grows, the call makes progress. */
  | { kind: 'traffic'; bytes: number }
  /** The entry's size, once the library says it. */
  | { kind: 'size'; bytes: number }
  /** tar is archiving or extracting on this machine. */
  | { kind: 'local' }

export interface CacheCall<T> {
  settled: Promise<T>
  /** Stops waiting for the call; whatever the library still does afterwards lands nowhere. */
  abandon(): void
}

export interface RestoreResult {
  /** The key of the entry found (and, unless only looked up, restored); undefined for none. */
  key?: string
  /** The library's reason when it gave up. */
  failure?: string
  sizeBytes?: number
}

export type SaveResult =
  | { saved: true; sizeBytes?: number }
  /** `touched`: tar found a file changed while it read it (another job linked or unlinked it). */
  | { saved: false; reason: 'exists' | 'denied' | 'touched' | 'failed'; message: string }

export interface CacheService {
  /** The folder an entry holds, relative to the directory of a restore or a save. */
  entry: string
  /** Whether the runner gives this job a cache service at all. */
  available(): boolean
  /** Looks an entry up without downloading it. */
  lookup(key: string, restoreKeys: string[], onProgress: (p: CacheProgress) => void): CacheCall<RestoreResult>
  /** Restores the entry into `<dir>/<entry>`. */
  restore(
    dir: string,
    key: string,
    restoreKeys: string[],
    onProgress: (p: CacheProgress) => void
  ): CacheCall<RestoreResult>
  /** Saves `<dir>/<entry>` under the key. */
  save(dir: string, key: string, onProgress: (p: CacheProgress) => void): CacheCall<SaveResult>
  /** The files (not directories) the patterns match, sorted. */
  glob(patterns: readonly string[]): Promise<string[]>
  log: CacheLog
}

// Every entry holds one folder relative to the directory the library runs in (`download` for the module
// cache): its version (a hash of the path strings) is then the same at every cache path, and each run can
// use a directory of its own.

const SIZE_LINES = { restore: /^Cache Size: ~\d+ MB \((\d+) B\)$/, save: /^File Size: (\d+)$/ }

let borrowed = false

/**
 * Points the library at `dir` (GITHUB_WORKSPACE, where tar reads and writes; the working directory too
 * when `chdir`, which is what the save's path globbing resolves against). Returns the undo.
 */
function runIn(dir: string, chdir: boolean): () => void {
  if (borrowed) throw new Error('one cache restore or save at a time')
  borrowed = true
  const cwd = process.cwd()
  const workspace = process.env.GITHUB_WORKSPACE
  process.env.GITHUB_WORKSPACE = dir
  if (chdir) process.chdir(dir)
  let undone = false
  return () => {
    if (undone) return
    undone = true
    if (chdir) process.chdir(cwd)
    if (workspace === undefined) delete process.env.GITHUB_WORKSPACE
    else process.env.GITHUB_WORKSPACE = workspace
    borrowed = false
  }
}

/** What one line of the library's output says about progress. */
function progressOf(line: LibraryLine): CacheProgress | undefined {
  const text = line.message
  if (line.command === 'debug') {
    if (text.startsWith('[Request] ')) return { kind: 'request' }
    if (text.startsWith('[Response] ')) return { kind: 'answer' }
    if (text.startsWith('Cache not found for version')) return { kind: 'found' }
    if (text.startsWith('Starting download of archive') || text.startsWith('Attempting to upload cache'))
      return { kind: 'transfer' }
    return undefined
  }
  const found = /^Cache hit for(?: restore-key)?: (.+)$/.exec(text)
  if (found) return { kind: 'found', key: found[1] as string }
  const retry = /^Attempt \d+ of \d+ failed with error: (.*)\. Retrying request in \d+ ms\.\.\.$/s.exec(text)
  if (retry) return { kind: 'retry', error: retry[1] as string }
  const transfer = /^(?:Received|Sent) \d+ of (\d+) /.exec(text)
  if (transfer) return { kind: 'size', bytes: Number(transfer[1]) }
  if (SIZE_LINES.restore.test(text)) return { kind: 'local' }
  return undefined
}

function libraryMessage(output: LibraryOutput, prefix: string): string | undefined {
  return output.lines.find(l => l.message.startsWith(prefix))?.message
}

function librarySize(output: LibraryOutput, pattern: RegExp): number | undefined {
  for (const line of output.lines) {
    const match = pattern.exec(line.message)
    if (match) return Number(match[1])
  }
  return undefined
}

function classifySaveFailure(output: LibraryOutput): SaveResult {
  const text = output.lines.map(l => l.message).join('\n')
  if (/already exists|\(409\)/.test(text))
    return { saved: false, reason: 'exists', message: 'already exists' }
  if (/cache write denied|\(403\)/i.test(text))
    return { saved: false, reason: 'denied', message: 'cache write denied' }
  // GNU tar's "file changed as we read it": a hard link made or removed changes a file's ctime.
  const touched = /^Failed to save: "?\S*tar"? failed with error: .* exit code 1$/m.exec(text)
  if (touched) return { saved: false, reason: 'touched', message: touched[0] }
  const message =
    libraryMessage(output, 'Failed to reserve cache:') ??
    libraryMessage(output, 'Failed to save:') ??
    libraryMessage(output, 'Cache reservation failed:') ??
    libraryMessage(output, 'Cache save skipped') ??
    'the cache library gave no reason'
  return { saved: false, reason: 'failed', message }
}

/** Runs one library call with its output and its traffic turned into progress. */
function watched<T, R>(
  start: () => Promise<T>,
  onProgress: (p: CacheProgress) => void,
  result: (value: T, output: LibraryOutput) => R,
  undo: () => void = () => undefined,
  sizeLine?: RegExp
): CacheCall<R> {
  let archive: string | undefined
  let abandoned = false
  const call = captureLibraryOutput(start, line => {
    const path = /^Archive path: (.+)$/.exec(line.message)
    if (line.command === 'debug' && path) archive = path[1] as string
    if (sizeLine?.test(line.message)) undo()
    const progress = progressOf(line)
    // Said once the download is in and before tar starts: an abandoned restore then finds no archive.
    if (abandoned && progress?.kind === 'local' && archive !== undefined) rmSync(archive, { force: true })
    if (!abandoned && progress) onProgress(progress)
  })
  let moved = 0
  const poll = setInterval(() => {
    const now = call.bytesMoved()
    if (now > moved) onProgress({ kind: 'traffic', bytes: (moved = now) })
  }, 250)
  poll.unref()
  const finish = () => {
    clearInterval(poll)
    undo()
  }
  const settled = call.settled.finally(finish).then(value => result(value, call.output))
  // An abandoned call may still fail later; nobody is waiting for it any more.
  settled.catch(() => undefined)
  return {
    settled,
    abandon() {
      abandoned = true
      finish()
    }
  }
}

/** The cache service for entries that hold the folder `entry`. */
function cacheServiceFor(entry: string): CacheService {
  return {
    entry,
    available: () => cache.isFeatureAvailable(),
    lookup(key, restoreKeys, onProgress) {
      return watched(
        () => cache.restoreCache([entry], key, restoreKeys, { lookupOnly: true }),
        onProgress,
        (found, output) => ({
          key: found,
          failure: found === undefined ? libraryMessage(output, 'Failed to restore:') : undefined
        })
      )
    },
    restore(dir, key, restoreKeys, onProgress) {
      const undo = runIn(dir, false)
      return watched(
        () => cache.restoreCache([entry], key, restoreKeys),
        onProgress,
        (found, output) => ({
          key: found,
          failure: found === undefined ? libraryMessage(output, 'Failed to restore:') : undefined,
          sizeBytes: librarySize(output, SIZE_LINES.restore)
        }),
        undo
      )
    },
    save(dir, key, onProgress) {
      const undo = runIn(dir, true)
      return watched(
        () => cache.saveCache([entry], key),
        onProgress,
        (id, output): SaveResult =>
          id === -1
            ? classifySaveFailure(output)
            : { saved: true, sizeBytes: librarySize(output, SIZE_LINES.save) },
        undo,
        // Once tar has written the archive, the library no longer needs the directory.
        SIZE_LINES.save
      )
    },
    async glob(patterns) {
      const globber = await glob.create(patterns.join('\n'), { matchDirectories: false })
      return (await globber.glob()).sort()
    },
    log: actionsLog
  }
}

/** The module cache's entries: `download/`, GOMODCACHE's `cache/download`. */
export const actionsCacheService: CacheService = cacheServiceFor('download')

/** The build cache's entries: `go-build/`, GOCACHE's `00`-`ff` folders. */
export const buildCacheService: CacheService = cacheServiceFor('go-build')
