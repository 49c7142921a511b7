/** The cache key: the runner's platform and a hash of the go.sum files. */
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { goArch, goOs } from '../go/platform.js'
import { actionsCacheService, type CacheService } from '../runner/cache-service.js'

/** `go-mod-<os>-<arch>-`, the restore key every key of this runner's platform starts with. */
export function cacheKeyPrefix(
  platform: NodeJS.Platform = process.platform,
  arch: string = process.arch
): string {
  return `go-mod-${goOs(platform)}-${goArch(arch, platform)}-`
}

export interface CacheKeyOptions {
  /** The `cache-dependency-path` input: glob patterns, one per line; empty for every go.sum and go.work.sum. */
  dependencyPath: string
  /** Working directories (absolute, or relative to `workspace`). */
  workingDirectories: readonly string[]
  /** Base of relative patterns; GITHUB_WORKSPACE, else the current directory. */
  workspace?: string
  platform?: NodeJS.Platform
  arch?: string
  service?: Pick<CacheService, 'glob'>
}

/** The patterns that name the files the key hashes, made absolute. */
export function dependencyPatterns(opts: CacheKeyOptions): string[] {
  const workspace = opts.workspace ?? process.env.GITHUB_WORKSPACE ?? process.cwd()
  const given = opts.dependencyPath
    .split(/\r?\n/)
    .map(p => p.trim())
    .filter(p => p !== '' && !p.startsWith('#'))
  const patterns =
    given.length > 0
      ? given
      : opts.workingDirectories.flatMap(dir => [
          path.join(dir, '**', 'go.sum'),
          path.join(dir, '**', 'go.work.sum')
        ])
  return patterns.map(p => {
    const negated = p.startsWith('!')
    const body = negated ? p.slice(1) : p
    const absolute = path.isAbsolute(body) || body.startsWith('~') ? body : path.resolve(workspace, body)
    return (negated ? '!' : '') + absolute
  })
}

/** Every go.sum and go.work.sum under the working directories: what verification and pruning go by. */
export async function goSumFiles(
  workingDirectories: readonly string[],
  service: Pick<CacheService, 'glob'> = actionsCacheService
): Promise<string[]> {
  const patterns = dependencyPatterns({ dependencyPath: '', workingDirectories })
  return service.glob([...patterns, ...workingDirectories.map(d => `!${path.join(d, '**', 'vendor', '**')}`)])
}

/**
 * `go-mod-<os>-<arch>-<sha256 over the matched files' contents, in path order>`. Not glob's hashFiles:
 * it skips files outside GITHUB_WORKSPACE and hashes in glob order, and every existing key would change.
 */
export async function cacheKey(opts: CacheKeyOptions): Promise<string> {
  const files = await (opts.service ?? actionsCacheService).glob(dependencyPatterns(opts))
  const outer = createHash('sha256')
  for (const file of files) {
    const inner = createHash('sha256').update(await readFile(file))
    outer.update(inner.digest())
  }
  return cacheKeyPrefix(opts.platform, opts.arch) + outer.digest('hex')
}
