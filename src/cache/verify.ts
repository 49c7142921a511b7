/** `go mod verify` for the download cache, and whether it holds every file the download needs. */
import { readFile, readdir, rm } from 'node:fs/promises'
import path from 'node:path'
import { hashGoMod, hashModuleZip, readGoSums, type ModuleSums } from '../go/gosum.js'
import { downloadRoot, purgeModule } from '../go/modcache.js'
import { eachLimited, versionDirs, versionFile } from './snapshot.js'

async function zipMatches(dir: string, escVersion: string, want: string): Promise<boolean> {
  let got: string
  try {
    got = hashModuleZip(await readFile(path.join(dir, `${escVersion}.zip`)))
  } catch {
    return false
  }
  if (got !== want) return false
  // go trusts the .ziphash without re-hashing the zip, so a wrong one is as bad as a wrong zip.
  const ziphash = await readFile(path.join(dir, `${escVersion}.ziphash`), 'utf8').catch(() => undefined)
  return ziphash === undefined || ziphash.trim() === want
}

async function goModMatches(dir: string, escVersion: string, want: string): Promise<boolean> {
  try {
    return hashGoMod(await readFile(path.join(dir, `${escVersion}.mod`))) === want
  } catch {
    return false
  }
}

export interface Verification {
  /** The `path@version`s whose files did not match go.sum and were purged. */
  purged: string[]
  /** Files go.sum implies the download reads that the cache lacks afterwards (`path@version.ext`). */
  missing: string[]
}

/**
 * `go mod verify` for the download cache: every zip and .mod that go.sum records a hash for is hashed and
 * compared; a mismatching or unreadable one is purged with its extracted tree. Zips go.sum has no hash for
 * lose their .ziphash, so go re-hashes and checks them before any use. Also lists what the download would
 * have to fetch: the .mod of every go.sum entry, and the zip and .info of every entry with a zip hash.
 */
export async function verifyDownloadCache(
  modCache: string,
  goSumPaths: readonly string[]
): Promise<Verification> {
  const sums = await readGoSums(goSumPaths)
  const present = new Set<string>()
  const checks: Array<{
    dir: string
    modulePath: string
    version: string
    escVersion: string
    what: 'zip' | 'mod'
  }> = []
  for (const { dir, modulePath } of await versionDirs(downloadRoot(modCache))) {
    for (const name of await readdir(dir).catch(() => [])) {
      const file = versionFile(name)
      if (file) present.add(`${modulePath}@${file.version}.${file.ext}`)
      if (!file || (file.ext !== 'zip' && file.ext !== 'mod')) continue
      const escVersion = name.slice(0, -(file.ext.length + 1))
      const recorded = sums.get(`${modulePath}@${file.version}`)
      if (file.ext === 'zip' && !recorded?.zip) {
        await rm(path.join(dir, `${escVersion}.ziphash`), { force: true })
        continue
      }
      if (file.ext === 'mod' && !recorded?.mod) continue
      checks.push({ dir, modulePath, version: file.version, escVersion, what: file.ext })
    }
  }
  const bad = new Map<string, { modulePath: string; version: string }>()
  await eachLimited(checks, 4, async check => {
    const recorded = sums.get(`${check.modulePath}@${check.version}`) as ModuleSums
    const ok =
      check.what === 'zip'
        ? await zipMatches(check.dir, check.escVersion, recorded.zip as string)
        : await goModMatches(check.dir, check.escVersion, recorded.mod as string)
    if (!ok)
      bad.set(`${check.modulePath}@${check.version}`, {
        modulePath: check.modulePath,
        version: check.version
      })
  })
  for (const { modulePath, version } of bad.values()) purgeModule(modCache, modulePath, version)
  const missing: string[] = []
  for (const [id, recorded] of sums) {
    const needed = [...(recorded.mod ? ['mod'] : []), ...(recorded.zip ? ['zip', 'info'] : [])]
    for (const ext of needed) if (bad.has(id) || !present.has(`${id}.${ext}`)) missing.push(`${id}.${ext}`)
  }
  return { purged: [...bad.keys()].sort(), missing }
}
