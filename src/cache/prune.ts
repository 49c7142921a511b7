import { readdir, rm, rmdir } from 'node:fs/promises'
import path from 'node:path'
import { readGoSums } from '../go/gosum.js'
import { versionDirs, versionFile } from './snapshot.js'

async function removeEmptyDirs(dir: string, keepRoot = true): Promise<boolean> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => undefined)
  if (!entries) return false
  let empty = true
  for (const e of entries) {
    if (e.isDirectory() && (await removeEmptyDirs(path.join(dir, e.name), false))) continue
    empty = false
  }
  if (empty && !keepRoot) {
    await rmdir(dir).catch(() => undefined)
    return true
  }
  return empty
}

/**
 * Keeps in a download cache only what the go.sum files name: .mod and .info of every listed version, zip and
 * .ziphash of those with a zip hash (so a restore can verify them), the `list` of kept modules and the
 * checksum database cache. Returns the `path@version`s removed.
 */
export async function pruneDownloadCache(download: string, goSumPaths: readonly string[]): Promise<string[]> {
  const sums = await readGoSums(goSumPaths)
  const removed = new Set<string>()
  for (const { dir, modulePath } of await versionDirs(download)) {
    const names = await readdir(dir).catch(() => [])
    let kept = false
    for (const name of names) {
      if (name === 'list') continue
      const file = versionFile(name)
      const recorded = file ? sums.get(`${modulePath}@${file.version}`) : undefined
      const keep =
        file !== undefined &&
        recorded !== undefined &&
        (file.ext === 'zip' || file.ext === 'ziphash'
          ? recorded.zip !== undefined
          : file.ext === 'mod' || file.ext === 'info')
      if (keep) {
        kept = true
        continue
      }
      await rm(path.join(dir, name), { force: true })
      if (file && !recorded && ['zip', 'mod', 'info'].includes(file.ext))
        removed.add(`${modulePath}@${file.version}`)
    }
    if (!kept) await rm(path.join(dir, 'list'), { force: true })
  }
  await removeEmptyDirs(download)
  return [...removed].sort()
}
