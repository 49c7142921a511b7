import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'

/** The hashes go.sum files record for one module version. */
export interface ModuleSums {
  path: string
  version: string
  /** `h1:` of the module zip (the `<path> <version> h1:...` line). */
  zip?: string
  /** `h1:` of the go.mod file (the `<path> <version>/go.mod h1:...` line). */
  mod?: string
}

/** Adds the lines of one go.sum (or go.work.sum) text to `sums`, keyed by `path@version`. */
export function parseGoSum(text: string, sums: Map<string, ModuleSums> = new Map()): Map<string, ModuleSums> {
  for (const raw of text.split('\n')) {
    const fields = raw.trim().split(/\s+/)
    if (fields.length !== 3) continue
    const [path, rawVersion, hash] = fields as [string, string, string]
    if (!hash.startsWith('h1:')) continue
    const isMod = rawVersion.endsWith('/go.mod')
    const version = isMod ? rawVersion.slice(0, -'/go.mod'.length) : rawVersion
    const id = `${path}@${version}`
    const entry = sums.get(id) ?? { path, version }
    if (isMod) entry.mod = hash
    else entry.zip = hash
    sums.set(id, entry)
  }
  return sums
}

/** Reads every go.sum file given; a missing file adds nothing (a module without dependencies has none). */
export async function readGoSums(files: readonly string[]): Promise<Map<string, ModuleSums>> {
  const sums = new Map<string, ModuleSums>()
  for (const file of files) {
    let text: string
    try {
      text = await readFile(file, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue
      throw error
    }
    parseGoSum(text, sums)
  }
  return sums
}

/** Go's dirhash Hash1: sha256 over "<sha256 hex>  <name>\n" lines sorted by name (byte order). */
export function hash1(files: ReadonlyArray<{ name: string; data: Uint8Array }>): string {
  return hash1OfDigests(
    files.map(f => ({ name: f.name, sha256: createHash('sha256').update(f.data).digest('hex') }))
  )
}

function hash1OfDigests(files: ReadonlyArray<{ name: string; sha256: string }>): string {
  const lines = files.map(f => ({ name: Buffer.from(f.name, 'utf8'), line: `${f.sha256}  ${f.name}\n` }))
  lines.sort((a, b) => Buffer.compare(a.name, b.name))
  const outer = createHash('sha256')
  for (const l of lines) outer.update(l.line)
  return 'h1:' + outer.digest('base64')
}

/** The h1 of a go.mod as go.sum's `/go.mod` line records it: cmd/go hashes it under the bare name `go.mod`. */
export function hashGoMod(goMod: Uint8Array): string {
  return hash1([{ name: 'go.mod', data: goMod }])
}

/** The same h1 from the sha256 (hex) of a go.mod's bytes, hashed as they streamed in. */
export function hashGoModDigest(sha256: string): string {
  return hash1OfDigests([{ name: 'go.mod', sha256 }])
}
