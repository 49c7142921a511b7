import { chmodSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync } from 'node:fs'
import path from 'node:path'

/** Go's case-encoding of module paths and versions in the cache and in proxy URLs: `Azure` -> `!azure`. */
export function escapeModulePath(modulePath: string): string {
  return modulePath.replace(/[A-Z]/g, c => '!' + c.toLowerCase())
}

/** What go downloaded, and all the action caches: `<GOMODCACHE>/cache/download`. */
export function downloadRoot(modCache: string): string {
  return path.join(modCache, 'cache', 'download')
}

/** The directory of a module's downloaded files: `<GOMODCACHE>/cache/download/<escaped>/@v`. */
export function downloadDir(modCache: string, modulePath: string): string {
  return path.join(downloadRoot(modCache), ...escapeModulePath(modulePath).split('/'), '@v')
}

/** Where go extracts a module version: `<GOMODCACHE>/<escaped path>@<escaped version>`. */
export function extractedDir(modCache: string, modulePath: string, version: string): string {
  return path.join(modCache, ...`${escapeModulePath(modulePath)}@${escapeModulePath(version)}`.split('/'))
}

/** The names in a folder; none when it is not there (or cannot be read). */
export function listDir(dir: string): string[] {
  try {
    return readdirSync(dir)
  } catch {
    return []
  }
}

/**
 * `listDir`, once per folder: for a pass over many files that share few folders. The listings are as
 * they were when first asked for; a pass that changes a folder makes a new one. Every folder asked
 * for lies below `within`, when given.
 */
export function listingsOnce(within?: string): (dir: string) => ReadonlySet<string> {
  const listings = new Map<string, ReadonlySet<string>>()
  // A folder that holds nothing has nothing below it (a fresh module cache): no call per folder.
  if (within !== undefined && listDir(within).length === 0) return () => NOTHING
  return dir => {
    let names = listings.get(dir)
    if (!names) listings.set(dir, (names = new Set(listDir(dir))))
    return names
  }
}

const NOTHING: ReadonlySet<string> = new Set()

/** A text file's content; undefined when it is not there (or cannot be read). */
export function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
}

/** Removes one file if it can; one left behind goes with its scratch folder. */
export function removeFile(file: string): void {
  try {
    unlinkSync(file)
  } catch {
    // Already gone, or left to the scratch folder's removal.
  }
}

/** Removes a tree that may hold extracted modules, which go makes read-only. */
export function removeTree(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true })
  } catch {
    makeWritable(dir)
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * Removes one module version from the cache so go fetches it again: its extracted tree (read-only,
 * so made writable first) and its zip, hash, partial marker, .mod and .info.
 */
export function purgeModule(modCache: string, modulePath: string, version: string): void {
  removeTree(extractedDir(modCache, modulePath, version))
  const dir = downloadDir(modCache, modulePath)
  for (const ext of ['zip', 'ziphash', 'partial', 'mod', 'info']) {
    rmSync(path.join(dir, `${escapeModulePath(version)}.${ext}`), { force: true })
  }
}

function makeWritable(target: string): void {
  let stats
  try {
    stats = statSync(target)
  } catch {
    return
  }
  if (!stats.isDirectory()) return
  chmodSync(target, 0o755)
  for (const entry of readdirSync(target, { withFileTypes: true })) {
    if (entry.isDirectory()) makeWritable(path.join(target, entry.name))
  }
}

/**
 * Bytes of a zip download still being written (`<version>.zip<random>.tmp`), or undefined when none is:
 * go creates the file before it asks for the zip and renames it into place once the body is in.
 */
export function partialZipSize(modCache: string, modulePath: string, version: string): number | undefined {
  const dir = downloadDir(modCache, modulePath)
  const prefix = `${escapeModulePath(version)}.zip`
  let total: number | undefined
  for (const name of listDir(dir)) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue
    try {
      total = (total ?? 0) + statSync(path.join(dir, name)).size
    } catch {
      // Renamed into place between the listing and the stat: finished.
    }
  }
  return total
}
