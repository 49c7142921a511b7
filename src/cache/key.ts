/** The cache key: the runner's platform and a hash of the go.sum files. */
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { goArch, goOs } from '../go/platform.js'
import { findGoSumFiles } from '../go/workspace.js'
import { actionsCacheService, type CacheService } from '../runner/cache-service.js'

/** `go-mod-<os>-<arch>-`, the restore key every key of this runner's platform starts with. */
export function cacheKeyPrefix(
  platform: NodeJS.Platform = process.platform,
  arch: string = process.arch
): string {
  return `go-mod-${goOs(platform)}-${goArch(arch, platform)}-`
}

export interface CacheKeyOptions {
  /** The `cache-dependency-path` input: glob patterns, one per line; empty for the go.sum files below. */
  dependencyPath: string
  /** Working directories (absolute, or relative to `workspace`). */
  workingDirectories: readonly string[]
  /** Base of relative patterns; GITHUB_WORKSPACE, else the current directory. */
  workspace?: string
  platform?: NodeJS.Platform
  arch?: string
  service?: Pick<CacheService, 'glob'>
}

function absolute(pattern: string, workspace: string): string {
  const negated = pattern.startsWith('!')
  const body = negated ? pattern.slice(1) : pattern
  const resolved = path.isAbsolute(body) || body.startsWith('~') ? body : path.resolve(workspace, body)
  return (negated ? '!' : '') + resolved
}

export interface CacheKey {
  key: string
  /** Every go.sum and go.work.sum under the working directories, vendor/ aside: what verification goes by. */
  goSumFiles: string[]
}

/**
 * `go-mod-<os>-<arch>-<sha256 over the files' contents, in path order>`: the files are the go.sum files
 * verification goes by, or those `cache-dependency-path` names when it is set. Not glob's hashFiles: it
 * skips files outside GITHUB_WORKSPACE and hashes in glob order, and every existing key would change.
 */
export async function cacheKey(opts: CacheKeyOptions): Promise<CacheKey> {
  const service = opts.service ?? actionsCacheService
  const workspace = opts.workspace ?? process.env.GITHUB_WORKSPACE ?? process.cwd()
  const given = opts.dependencyPath
    .split(/\r?\n/)
    .map(p => p.trim())
    .filter(p => p !== '' && !p.startsWith('#'))
  const goSumFiles = await findGoSumFiles(opts.workingDirectories.map(dir => path.resolve(workspace, dir)))
  const hashed = given.length > 0 ? await service.glob(given.map(p => absolute(p, workspace))) : goSumFiles
  const outer = createHash('sha256')
  for (const file of hashed) {
    const inner = createHash('sha256').update(await readFile(file))
    outer.update(inner.digest())
  }
  return { key: cacheKeyPrefix(opts.platform, opts.arch) + outer.digest('hex'), goSumFiles }
}
