import * as cache from '@actions/cache'
import * as core from '@actions/core'
import * as glob from '@actions/glob'
import type { CacheLog } from '../cache/library.js'

/** The GitHub cache service and the file globbing the cache code needs, as @actions/cache and glob give them. */
export const cacheService = {
  isFeatureAvailable: (): boolean => cache.isFeatureAvailable(),
  /** The key of the entry restored into `paths`, or undefined on a miss. */
  restoreCache: (
    paths: string[],
    key: string,
    restoreKeys: string[],
    options?: { lookupOnly?: boolean }
  ): Promise<string | undefined> => cache.restoreCache(paths, key, restoreKeys, options),
  /** The id of the entry saved, or -1 when the library could not save it (it logs why). */
  saveCache: (paths: string[], key: string): Promise<number> => cache.saveCache(paths, key),
  /** Files matching glob patterns, one per line (`!` excludes), directories left out. */
  glob: async (patterns: string): Promise<string[]> =>
    (await glob.create(patterns, { matchDirectories: false })).glob(),
  /** sha256 over the files' sha256 digests; files outside GITHUB_WORKSPACE are skipped. */
  hashFiles: (patterns: string): Promise<string> => glob.hashFiles(patterns)
}

/** The cache code's messages, as workflow commands. */
export const actionsLog: CacheLog = {
  info: message => core.info(message),
  warning: message => core.warning(message),
  notice: message => core.notice(message)
}
