/**
 * Verified module files written into go's download cache in go's own layout, so that go finds them
 * instead of fetching and hashing them again. go takes a `V.zip` with its `V.ziphash` as done and only
 * compares the `.ziphash` text with go.sum, so the rules are strict: a file is created only where none
 * is (never replaced: go may be reading it), always whole (a hard link from a finished file), with
 * go's modes, and a `.ziphash` only for a zip that hashed to go.sum's own line, written last. The
 * `.ziphash` alone is created in place, exclusively: go re-hashes the zip when it reads one short.
 *
 * Files and folders are created as the disk allows (`disk.ts`: synchronously while that is cheap, on
 * libuv's threads where it is not); links, renames and removals, cheap everywhere, are synchronous.
 */
import { linkSync, renameSync, statSync } from 'node:fs'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import { creator, eachLimited, makeScratch, scratchName } from './disk.js'
import {
  downloadDir,
  downloadRoot,
  escapeModulePath,
  listDir,
  listingsOnce,
  purgeModule,
  readText,
  removeFile
} from './modcache.js'

/** Scratch folders inside the module cache start so: never like go's own `V.zip*.tmp`. */
export const SCRATCH_PREFIX = 'go-mod-download-'

/** A directory of this run's own inside `<GOMODCACHE>/cache`, on the cache's file system so links reach it. */
export async function cacheScratchDir(modCache: string, purpose: string): Promise<string> {
  const parent = path.join(modCache, 'cache')
  await creator().folder(parent)
  const dir = await mkdtemp(path.join(parent, `${SCRATCH_PREFIX}${purpose}-`))
  await makeScratch(dir)
  return dir
}

export type WriteResult = 'written' | 'present' | 'failed'

/** What a write did, and the file's name in go's cache (whoever wrote it). */
export interface Written {
  result: WriteResult
  file: string
}

/** Writes into one module cache's download tree; the scratch folder holds the files on their way in. */
export class DownloadCacheWriter {
  /** Files written, for the report. */
  readonly written = { mod: 0, info: 0, zip: 0 }
  /** Each module's download folder, joined once: every file of a module asks for it. */
  private readonly dirs = new Map<string, string>()
  /** Folders made or being made: once each, not once per file. */
  private readonly made = new Map<string, Promise<void>>()
  /** `@v` folders that got a `.mod` since their version list was last written. */
  private readonly lists = new Set<string>()

  private constructor(
    readonly modCache: string,
    /** Where bodies are written before they are linked into place. */
    readonly scratch: string
  ) {}

  static async open(modCache: string): Promise<DownloadCacheWriter> {
    return new DownloadCacheWriter(modCache, await cacheScratchDir(modCache, 'relay'))
  }

  /** A fresh file name in the scratch folder. */
  scratchFile(): string {
    return scratchName(this.scratch)
  }

  /** A verified `.mod` or `.info`; the `.mod` also goes into the version list, as go keeps it. */
  async writeSmall(modulePath: string, version: string, ext: 'mod' | 'info', data: Buffer): Promise<Written> {
    const dir = this.dirOf(modulePath)
    const file = path.join(dir, `${escapeModulePath(version)}.${ext}`)
    const temp = this.scratchFile()
    try {
      await creator().file(temp, data)
      await this.folder(dir)
      const result = place(temp, file)
      if (result === 'written') {
        this.written[ext]++
        if (ext === 'mod') this.lists.add(dir)
      }
      return { result, file }
    } catch {
      // place() lets go of the temporary name itself; only a failure before it leaves one behind.
      removeFile(temp)
      return { result: 'failed', file }
    }
  }

  /**
   * A zip that hashed to go.sum's line: linked into place, then its `.ziphash`; go reads the pair as done.
   * The file stays where it is (a hard link is added): the caller removes it when it no longer serves it.
   */
  async writeZip(modulePath: string, version: string, file: string, goSumHash: string): Promise<Written> {
    const dir = this.dirOf(modulePath)
    const base = path.join(dir, escapeModulePath(version))
    const target = `${base}.zip`
    try {
      await this.folder(dir)
      const zip = place(file, target, false)
      if (zip === 'failed') return { result: 'failed', file: target }
      const hash = await createOnly(`${base}.ziphash`, goSumHash)
      if (zip === 'written' && hash !== 'failed') this.written.zip++
      return { result: hash === 'failed' ? 'failed' : zip, file: target }
    } catch {
      return { result: 'failed', file: target }
    }
  }

  /**
   * Rewrites the version list of every folder that got a `.mod`, as go keeps it, once per folder; then
   * removes the scratch folder and whatever is left in it.
   */
  async close(): Promise<void> {
    const dirs = [...this.lists]
    this.lists.clear()
    await eachLimited(dirs, LIST_WRITERS, dir => rewriteVersionList(dir, this.scratchFile()))
    await rm(this.scratch, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined)
  }

  private dirOf(modulePath: string): string {
    let dir = this.dirs.get(modulePath)
    if (dir === undefined) this.dirs.set(modulePath, (dir = downloadDir(this.modCache, modulePath)))
    return dir
  }

  private folder(dir: string): Promise<void> {
    let made = this.made.get(dir)
    if (!made) {
      made = creator().folder(dir)
      this.made.set(dir, made)
      // A folder that could not be made is tried again by the next file that needs it.
      made.catch(() => this.made.delete(dir))
    }
    return made
  }
}

/** Version lists written at once at the end: enough to keep libuv's threads busy. */
const LIST_WRITERS = 8

/**
 * Links a finished file to its final name unless something is there already, and then lets go of the
 * temporary name (unless asked to keep it). EEXIST, or EPERM/EBUSY on Windows, means another writer
 * (go, or another job) was first: fine.
 */
function place(temp: string, target: string, dropTemp = true): WriteResult {
  try {
    linkSync(temp, target)
    return 'written'
  } catch (error) {
    return taken(error, target)
  } finally {
    if (dropTemp) removeFile(temp)
  }
}

/** A small file created in place only where none is: for a `.ziphash`, which go re-hashes when short. */
async function createOnly(target: string, text: string): Promise<WriteResult> {
  try {
    await creator().file(target, text, 'wx')
    return 'written'
  } catch (error) {
    return taken(error, target)
  }
}

/** What a failed exclusive create means: someone else's file is there, or the write failed. */
function taken(error: unknown, target: string): WriteResult {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'EEXIST') return 'present'
  if (code === 'EPERM' || code === 'EBUSY') {
    try {
      statSync(target)
      return 'present'
    } catch {
      return 'failed'
    }
  }
  return 'failed'
}

/** `@v/list` as go rewrites it after each `.mod`: every canonical version with a `.mod`, in semver order. */
export async function rewriteVersionList(dir: string, temp: string): Promise<void> {
  const versions = listDir(dir)
    .filter(n => n.endsWith('.mod'))
    .map(n => n.slice(0, -'.mod'.length))
    .filter(isCanonicalVersion)
    .sort(compareSemver)
  const text = versions.map(v => `${v}\n`).join('')
  try {
    await creator().file(temp, text)
    // The one file go edits in place; replacing it whole keeps any reader from a half-written list.
    renameSync(temp, path.join(dir, 'list'))
  } catch {
    removeFile(temp)
  }
}

const SEMVER =
  /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(\+incompatible)?$/

/** Whether go's module.CanonicalVersion would give the version back unchanged. */
export function isCanonicalVersion(version: string): boolean {
  const match = SEMVER.exec(version)
  if (!match) return false
  // Numeric prerelease identifiers have no leading zeros.
  return (match[4] ?? '').split('.').every(id => !/^0\d+$/.test(id))
}

/** Semantic version order, as golang.org/x/mod/semver sorts (build suffixes ignored, then by text). */
export function compareSemver(a: string, b: string): number {
  const pa = SEMVER.exec(a)
  const pb = SEMVER.exec(b)
  if (!pa || !pb) return a < b ? -1 : a > b ? 1 : 0
  for (let i = 1; i <= 3; i++) {
    const d = Number(pa[i]) - Number(pb[i])
    if (d !== 0) return d < 0 ? -1 : 1
  }
  const d = comparePrerelease(pa[4], pb[4])
  if (d !== 0) return d
  return a < b ? -1 : a > b ? 1 : 0
}

function comparePrerelease(x: string | undefined, y: string | undefined): number {
  if (x === y) return 0
  if (x === undefined) return 1
  if (y === undefined) return -1
  const xs = x.split('.')
  const ys = y.split('.')
  for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
    const a = xs[i] as string
    const b = ys[i] as string
    if (a === b) continue
    const an = /^\d+$/.test(a)
    const bn = /^\d+$/.test(b)
    if (an && bn) return a.length !== b.length ? (a.length < b.length ? -1 : 1) : a < b ? -1 : 1
    if (an) return -1
    if (bn) return 1
    return a < b ? -1 : 1
  }
  return xs.length < ys.length ? -1 : xs.length > ys.length ? 1 : 0
}

/** What was found of the zips go.sum names that were already in the download cache. */
export interface CachedZips {
  /** Zips whose `.ziphash` was missing and that hashed to go.sum's line: the `.ziphash` was written. */
  completed: number
  /** `path@version`s whose zip or `.ziphash` did not match go.sum: purged, to be fetched again. */
  purged: string[]
}

/**
 * Before go runs: a zip in the cache without a `.ziphash` that says go.sum's hash is hashed, and
 * completed when it matches, removed (with its `.ziphash`) when it does not: go would otherwise hash it
 * itself, or stop at a `.ziphash` that contradicts go.sum.
 */
export async function settleCachedZips(
  modCache: string,
  zips: readonly { path: string; version: string; zip: string }[],
  hash: (file: string, size: number) => Promise<{ hash: string; flaw?: string }>
): Promise<CachedZips> {
  const result: CachedZips = { completed: 0, purged: [] }
  // One listing per module folder, synchronous and cheap, instead of a stat per zip in turn: on a fresh
  // cache every folder is missing, and the relay waits for this before its first request.
  const listing = listingsOnce(downloadRoot(modCache))
  const toHash: { entry: (typeof zips)[number]; base: string; recorded?: string; purged?: boolean }[] = []
  for (const entry of zips) {
    const dir = downloadDir(modCache, entry.path)
    const version = escapeModulePath(entry.version)
    if (!listing(dir).has(`${version}.zip`)) continue
    const base = path.join(dir, version)
    const recorded = listing(dir).has(`${version}.ziphash`) ? readText(`${base}.ziphash`) : undefined
    if (recorded !== undefined && recorded.trim() === entry.zip) continue
    toHash.push({ entry, base, recorded })
  }
  await eachLimited(toHash, 4, async item => {
    const { entry, base, recorded } = item
    const size = await stat(`${base}.zip`).then(
      s => (s.isFile() ? s.size : undefined),
      () => undefined
    )
    if (size === undefined) return
    const digest = await hash(`${base}.zip`, size).catch(() => undefined)
    if (recorded === undefined && digest && !digest.flaw && digest.hash === entry.zip) {
      if ((await createOnly(`${base}.ziphash`, entry.zip)) !== 'failed') result.completed++
      return
    }
    // Its extracted tree came from the same bytes: it goes too.
    purgeModule(modCache, entry.path, entry.version)
    item.purged = true
  })
  // In go.sum's order, whichever hash ended first.
  result.purged = toHash.filter(item => item.purged).map(({ entry }) => `${entry.path}@${entry.version}`)
  return result
}
