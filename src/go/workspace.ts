import { existsSync, readFileSync } from 'node:fs'
import { readdir, realpath, stat } from 'node:fs/promises'
import path from 'node:path'

/**
 * Every go.sum and go.work.sum at or below these directories, none inside a folder named `vendor`,
 * sorted, symbolic links followed: what @actions/glob finds for those patterns, found by reading each
 * folder once. The glob stats every file, which on a checkout with a node_modules folder takes seconds;
 * this reads folder entries with their types and stats only symbolic links. A link back to a folder it
 * is already inside is not followed again; a folder that vanishes or cannot be read is skipped.
 */
export async function findGoSumFiles(
  dirs: readonly string[],
  platform: NodeJS.Platform = process.platform
): Promise<string[]> {
  const fold = platform === 'win32' ? (name: string) => name.toLowerCase() : (name: string) => name
  const found = new Set<string>()
  const visit = async (dir: string, real: string, chain: readonly string[]): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(unlessSkippable)
    if (!entries) return
    const inside = [...chain, real]
    await Promise.all(
      entries.map(async entry => {
        const name = fold(entry.name)
        const full = path.join(dir, entry.name)
        // A link is followed to what it names; a folder's real path is its parent's and its name.
        const info = entry.isSymbolicLink() ? await stat(full).catch(unlessSkippable) : entry
        if (info?.isDirectory()) {
          const target = entry.isSymbolicLink() ? await realpath(full) : path.join(real, entry.name)
          if (name !== 'vendor' && !inside.includes(target)) await visit(full, target, inside)
        } else if (info?.isFile() && (name === 'go.sum' || name === 'go.work.sum')) found.add(full)
      })
    )
  }
  for (const dir of dirs) {
    const real = await realpath(dir).catch(unlessSkippable)
    if (real !== undefined) await visit(dir, real, [])
  }
  return [...found].sort()
}

/** For a folder that vanished or cannot be read: skipped (undefined); any other error is thrown again. */
function unlessSkippable(error: unknown): undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EACCES' || code === 'EPERM') return undefined
  throw error
}

/**
 * The go.sum files a download in these working directories reads: each one's go.sum, and for a go.work
 * root its go.work.sum and the go.sum of every module it uses. Files that do not exist are left out.
 */
export function goSumFilesOf(dirs: readonly string[]): string[] {
  const files = new Set<string>()
  for (const dir of dirs) {
    const candidates = [path.join(dir, 'go.sum')]
    const work = path.join(dir, 'go.work')
    if (existsSync(work)) {
      candidates.push(path.join(dir, 'go.work.sum'))
      for (const use of workspaceModules(readFileSync(work, 'utf8'))) {
        candidates.push(path.join(path.resolve(dir, use), 'go.sum'))
      }
    }
    for (const file of candidates) if (existsSync(file)) files.add(file)
  }
  return [...files]
}

/** The directories a go.work file's `use` directives name, in the single-line and the block form. */
export function workspaceModules(goWork: string): string[] {
  const uses: string[] = []
  let inBlock = false
  for (const raw of goWork.split('\n')) {
    const line = raw.replace(/\/\/.*$/, '').trim()
    if (inBlock) {
      if (line === ')') inBlock = false
      else if (line !== '') uses.push(unquote(line))
    } else if (/^use\s*\($/.test(line)) inBlock = true
    else if (/^use\s+\S/.test(line)) uses.push(unquote(line.slice(3).trim()))
  }
  return uses
}

function unquote(text: string): string {
  return /^".*"$|^`.*`$/.test(text) ? text.slice(1, -1) : text
}

/** The `path@version` of every requirement a go.mod lists, in the single-line and the block form. */
export function requiredModules(goMod: string): Set<string> {
  const required = new Set<string>()
  let inBlock = false
  for (const raw of goMod.split('\n')) {
    const line = raw.replace(/\/\/.*$/, '').trim()
    if (inBlock && line === ')') inBlock = false
    else if (/^require\s*\($/.test(line)) inBlock = true
    else {
      const fields = (inBlock ? line : (/^require\s+(.*)$/.exec(line)?.[1] ?? '')).split(/\s+/).map(unquote)
      if (fields.length >= 2 && fields[0] && fields[1]) required.add(`${fields[0]}@${fields[1]}`)
    }
  }
  return required
}

/**
 * The module paths whose source plain `go mod download` fetches in these working directories: since
 * go 1.17 every module go.mod requires (its graph pruned to them), and what replaces them. Undefined
 * means every module go.sum has a zip hash for: a workspace, or a go.mod before 1.17 (go then fetches `all`).
 */
export function buildDownloadPaths(dirs: readonly string[]): Set<string> | undefined {
  const paths = new Set<string>()
  for (const dir of dirs) {
    const goMod = prunedGoMod(dir)
    if (goMod === undefined) return undefined
    for (const required of requiredModules(goMod)) paths.add(required.slice(0, required.lastIndexOf('@')))
    for (const target of replacementModules(goMod)) paths.add(target)
  }
  return paths
}

/**
 * The go.mod of a directory whose go.mod alone says what `go mod download` fetches there: go 1.17 or
 * later (a pruned graph, every module the build needs required), outside a workspace. Undefined otherwise.
 */
export function prunedGoMod(dir: string): string | undefined {
  if (existsSync(path.join(dir, 'go.work'))) return undefined
  let goMod: string
  try {
    goMod = readFileSync(path.join(dir, 'go.mod'), 'utf8')
  } catch {
    return undefined
  }
  const go = /^go\s+(\d+)\.(\d+)/m.exec(goMod)
  if (!go || Number(go[1]) < 1 || (Number(go[1]) === 1 && Number(go[2]) < 17)) return undefined
  return goMod
}

/** The module paths a go.mod's `replace` directives put in place (local directories left out). */
export function replacementModules(goMod: string): Set<string> {
  const targets = new Set<string>()
  for (const { right } of replaceDirectives(goMod)) {
    // A replacement with a version is a module; one without is a directory.
    if (right.length >= 2 && right[0] && right[1]) targets.add(right[0])
  }
  return targets
}

/** The module paths a go.mod's `replace` directives swap for something else, at any version or one. */
export function replacedPaths(goMod: string): Set<string> {
  const replaced = new Set<string>()
  for (const { left } of replaceDirectives(goMod)) if (left[0]) replaced.add(left[0])
  return replaced
}

/** Each `replace` directive's two sides, split into fields (a path, and a version when given). */
function replaceDirectives(goMod: string): { left: string[]; right: string[] }[] {
  const directives: { left: string[]; right: string[] }[] = []
  let inBlock = false
  for (const raw of goMod.split('\n')) {
    const line = raw.replace(/\/\/.*$/, '').trim()
    if (inBlock && line === ')') inBlock = false
    else if (/^replace\s*\($/.test(line)) inBlock = true
    else {
      const body = inBlock ? line : (/^replace\s+(.*)$/.exec(line)?.[1] ?? '')
      const [left, right] = body.split('=>')
      if (left === undefined || right === undefined) continue
      const fields = (side: string): string[] => side.trim().split(/\s+/).filter(Boolean).map(unquote)
      directives.push({ left: fields(left), right: fields(right) })
    }
  }
  return directives
}
