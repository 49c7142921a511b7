/**
 * The download tree on disk: a run's own scratch directories inside the module cache, walking the tree,
 * linking what an entry keeps into a snapshot, and moving a restored tree into place beside other jobs.
 */
import { copyFile, link, mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import { removeTree } from '../go/modcache.js'
import { decodeCase } from '../go/proxy-path.js'

const SCRATCH_PREFIX = 'go-mod-download-'
// A run killed midway leaves its directory behind; no restore or save of a live run lasts a day.
const STALE_MS = 24 * 60 * 60_000

/**
 * A directory of this run's own, `<GOMODCACHE>/cache/go-mod-download-<purpose>-XXXXXX`: inside the module
 * cache so hard links reach it, and private so jobs sharing the cache never meet in it.
 */
export async function scratchDir(modCache: string, purpose: 'restore' | 'save'): Promise<string> {
  return scratchDirIn(path.join(modCache, 'cache'), purpose)
}

/** A directory of this run's own, `<parent>/go-mod-download-<purpose>-XXXXXX`, stale ones of killed runs removed. */
export async function scratchDirIn(parent: string, purpose: 'restore' | 'save'): Promise<string> {
  await mkdir(parent, { recursive: true })
  for (const name of await readdir(parent).catch(() => [])) {
    if (!name.startsWith(SCRATCH_PREFIX)) continue
    const dir = path.join(parent, name)
    const age =
      Date.now() -
      (await stat(dir).then(
        s => s.mtimeMs,
        () => Date.now()
      ))
    if (age > STALE_MS) removeTree(dir)
  }
  return mkdtemp(path.join(parent, `${SCRATCH_PREFIX}${purpose}-`))
}

export async function treeSize(dir: string): Promise<number> {
  let total = 0
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => [])
  for (const e of entries) {
    if (e.isFile()) total += (await stat(path.join(e.parentPath, e.name)).catch(() => ({ size: 0 }))).size
  }
  return total
}

export async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false
  )
}

export interface VersionDir {
  dir: string
  /** The directory relative to the download root, `<escaped path>/@v`. */
  relative: string
  modulePath: string
  /** The files in it. */
  names: string[]
}

/** Every `<escaped path>/@v` directory under a download cache with its files, the checksum database aside. */
export async function versionDirs(download: string): Promise<VersionDir[]> {
  const found: VersionDir[] = []
  const walk = async (dir: string, rel: string[]): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
    if (rel[rel.length - 1] === '@v') {
      found.push({
        dir,
        relative: path.join(...rel),
        modulePath: decodeCase(rel.slice(0, -1).join('/')) ?? rel.slice(0, -1).join('/'),
        names: entries.filter(e => e.isFile()).map(e => e.name)
      })
      return
    }
    for (const e of entries) {
      if (!e.isDirectory() || (rel.length === 0 && e.name === 'sumdb')) continue
      await walk(path.join(dir, e.name), [...rel, e.name])
    }
  }
  await walk(download, [])
  return found
}

const VERSION_FILE = /^(.+)\.(zip|ziphash|mod|info|partial|lock)$/

export function versionFile(name: string): { version: string; ext: string } | undefined {
  const match = VERSION_FILE.exec(name)
  if (!match) return undefined
  return { version: decodeCase(match[1] as string) ?? (match[1] as string), ext: match[2] as string }
}

/** Hard-links `names` from `src` into `dst` (copies where linking fails); both sit in the module cache. */
export async function linkFiles(src: string, dst: string, names: readonly string[]): Promise<void> {
  await mkdir(dst, { recursive: true })
  for (const name of names) {
    const from = path.join(src, name)
    const to = path.join(dst, name)
    await link(from, to).catch(() => copyFile(from, to))
  }
}

/** Mirrors `src` into `dst` with hard links (copies where linking fails). */
export async function linkTree(src: string, dst: string): Promise<void> {
  await mkdir(dst, { recursive: true })
  for (const e of await readdir(src, { withFileTypes: true })) {
    const from = path.join(src, e.name)
    const to = path.join(dst, e.name)
    if (e.isDirectory()) await linkTree(from, to)
    else if (e.isFile()) await link(from, to).catch(() => copyFile(from, to))
  }
}

// What rename says when another job put the directory in place first (EPERM on Windows).
const TAKEN = new Set(['EEXIST', 'ENOTEMPTY', 'EPERM'])

/**
 * Moves what `src` holds into `dst`, keeping files `dst` already has; `src` is gone afterwards. Each file
 * arrives whole (a rename), so a go running meanwhile on the same module cache never sees half of one.
 */
export async function mergeTree(src: string, dst: string): Promise<void> {
  await mkdir(path.dirname(dst), { recursive: true })
  try {
    await rename(src, dst)
    return
  } catch (error) {
    if (!TAKEN.has((error as NodeJS.ErrnoException).code ?? '')) throw error
  }
  for (const e of await readdir(src, { withFileTypes: true })) {
    const from = path.join(src, e.name)
    const to = path.join(dst, e.name)
    if (e.isDirectory()) await mergeTree(from, to)
    else if (!(await exists(to))) await rename(from, to)
  }
  await rm(src, { recursive: true, force: true })
}
