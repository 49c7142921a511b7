/** `go mod verify` for the download cache, and whether it holds every file the download needs. */
import { readFile, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import { eachLimited } from '../go/disk.js'
import { hashGoMod, readGoSums, type ModuleSums } from '../go/gosum.js'
import { zipPool } from '../go/zip-pool.js'
import { downloadRoot, purgeModule } from '../go/modcache.js'
import { versionDirs, versionFile } from './snapshot.js'

/** One file go.sum records a hash for. */
export interface HashCheck {
  dir: string
  modulePath: string
  version: string
  escVersion: string
  what: 'zip' | 'mod'
  want: string
}

/** The checks go.sum asks for among the files of one `@v` directory. */
export function hashChecks(
  dir: string,
  modulePath: string,
  names: readonly string[],
  sums: ReadonlyMap<string, ModuleSums>
): HashCheck[] {
  const checks: HashCheck[] = []
  for (const name of names) {
    const file = versionFile(name)
    if (!file || (file.ext !== 'zip' && file.ext !== 'mod')) continue
    const want = sums.get(`${modulePath}@${file.version}`)?.[file.ext]
    if (want === undefined) continue
    const escVersion = name.slice(0, -(file.ext.length + 1))
    checks.push({ dir, modulePath, version: file.version, escVersion, what: file.ext, want })
  }
  return checks
}

/** Whether the file matches, and how many bytes were read to tell. */
async function check(c: HashCheck): Promise<{ ok: boolean; bytes: number }> {
  const file = path.join(c.dir, `${c.escVersion}.${c.what}`)
  if (c.what === 'mod') {
    const data = await readFile(file).catch(() => undefined)
    return data ? { ok: hashGoMod(data) === c.want, bytes: data.length } : { ok: false, bytes: 0 }
  }
  const bytes = await stat(file).then(
    s => s.size,
    () => undefined
  )
  if (bytes === undefined) return { ok: false, bytes: 0 }
  const got = await zipPool()
    .hash(file, bytes)
    .catch(() => undefined)
  if (got?.hash !== c.want || got.flaw) return { ok: false, bytes }
  // go trusts the .ziphash without re-hashing the zip, so a wrong one is as bad as a wrong zip.
  const ziphash = await readFile(path.join(c.dir, `${c.escVersion}.ziphash`), 'utf8').catch(() => undefined)
  return { ok: ziphash === undefined || ziphash.trim() === c.want, bytes }
}

/** Hashes the files, a few at a time (the zips in worker threads): the `path@version`s that do not match go.sum, and the bytes read. */
export async function runHashChecks(
  checks: readonly HashCheck[]
): Promise<{ bad: Array<{ modulePath: string; version: string }>; bytes: number }> {
  const bad = new Map<string, { modulePath: string; version: string }>()
  let bytes = 0
  await eachLimited(checks, 4, async c => {
    const result = await check(c)
    bytes += result.bytes
    if (!result.ok) bad.set(`${c.modulePath}@${c.version}`, { modulePath: c.modulePath, version: c.version })
  })
  return { bad: [...bad.values()], bytes }
}

export interface Verification {
  /** The `path@version`s whose files did not match go.sum and were purged. */
  purged: string[]
  /** Files go.sum implies the download reads that the cache lacks afterwards (`path@version.ext`). */
  missing: string[]
}

/**
 * Verifies the download cache against go.sum: every zip and .mod it records a hash for is hashed and
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
  const checks: HashCheck[] = []
  for (const { dir, modulePath, names } of await versionDirs(downloadRoot(modCache))) {
    for (const name of names) {
      const file = versionFile(name)
      if (!file) continue
      present.add(`${modulePath}@${file.version}.${file.ext}`)
      if (file.ext === 'zip' && sums.get(`${modulePath}@${file.version}`)?.zip === undefined) {
        await rm(path.join(dir, `${name}hash`), { force: true })
      }
    }
    checks.push(...hashChecks(dir, modulePath, names, sums))
  }
  const { bad } = await runHashChecks(checks)
  const purged = new Set<string>()
  for (const { modulePath, version } of bad) {
    purgeModule(modCache, modulePath, version)
    purged.add(`${modulePath}@${version}`)
  }
  const missing: string[] = []
  for (const [id, recorded] of sums) {
    const needed = [...(recorded.mod ? ['mod'] : []), ...(recorded.zip ? ['zip', 'info'] : [])]
    for (const ext of needed) if (purged.has(id) || !present.has(`${id}.${ext}`)) missing.push(`${id}.${ext}`)
  }
  return { purged: [...purged].sort(), missing }
}
