/**
 * The main step's half of the build cache: restore into a scratch folder inside GOCACHE, move the entries
 * into place, and mark every one unused, so that the mtimes at the end of the job say which ones it used.
 */
import { mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { formatDuration } from '../config/duration.js'
import type { BuildCacheMode } from '../config/inputs.js'
import { errorMessage } from '../failures/errors.js'
import { readBuildEnv } from '../go/build-env.js'
import type { CommandRunner } from '../go/command.js'
import { removeTree } from '../go/modcache.js'
import { formatBytes } from '../report/format.js'
import { buildCacheService, type CacheLog, type CacheService } from '../runner/cache-service.js'
import type { BuildCacheState } from '../runner/state.js'
import {
  holdsEntries,
  listEntries,
  markUnused,
  UNUSED_AGE_MS,
  writeTrimStamp,
  type BuildEntry
} from './build-entries.js'
import { buildCacheKey } from './build-key.js'
import { buildCachePolicy, type BuildCachePolicy } from './build-policy.js'
import { cacheKey } from './key.js'
import { DEFAULT_PATIENCE, watch, type Patience } from './patience.js'
import { exists, scratchDirIn } from './snapshot.js'

export interface BuildRestoreOptions {
  key: string
  restoreKeys: string[]
  /** GOCACHE as go env prints it: an absolute path, or `off`. */
  gocache: string
  gocacheprog: string
  policy: BuildCachePolicy
  /** Where the list of restored entries is written for the post step (RUNNER_TEMP). */
  manifestDir: string
  /** Why the module cache found the cache service unusable in this step, when it did: not asked again. */
  unavailable?: string
  patience?: Partial<Patience>
  service?: CacheService
  /** Defaults to the service's log. */
  log?: CacheLog
}

/**
 * Restores the newest build cache entry the key's prefixes find into an empty GOCACHE and marks every entry
 * unused; leaves a GOCACHE that is off, replaced by GOCACHEPROG or already filled exactly as it is. Never throws.
 */
export async function restoreBuildCache(opts: BuildRestoreOptions): Promise<BuildCacheState> {
  const service = opts.service ?? buildCacheService
  const log = opts.log ?? service.log
  const patience = { ...DEFAULT_PATIENCE, ...opts.patience }
  const state: BuildCacheState = {
    key: opts.key,
    matchedKey: '',
    gocache: opts.gocache,
    restoredAt: Date.now(),
    restoredEntries: 0,
    restoredBytes: 0,
    ...(opts.policy.noSave !== undefined ? { saveBlocked: opts.policy.noSave } : {}),
    ...(opts.policy.noSaveNotice ? { saveBlockedNotice: true } : {})
  }
  const skip = (skipped: string): BuildCacheState => {
    log.info(`Build cache not used: ${skipped}.`)
    return { ...state, skipped }
  }
  const leave = (
    line: string,
    level: keyof CacheLog = 'info',
    extra: Partial<BuildCacheState> = {}
  ): BuildCacheState => {
    log[level](line)
    return { ...state, restoredAt: Date.now(), ...extra }
  }
  if (opts.gocache === 'off') return skip('GOCACHE is off')
  if (opts.gocache === '') return skip('go env names no GOCACHE')
  if (opts.gocacheprog !== '') return skip('GOCACHEPROG is set, so go keeps its build cache elsewhere')
  try {
    if (await holdsEntries(opts.gocache)) {
      return skip(
        `${opts.gocache} already holds entries, which are left as they are, neither restored over nor saved`
      )
    }
    await mkdir(opts.gocache, { recursive: true })
  } catch (error) {
    return skip(`${opts.gocache} cannot be used: ${errorMessage(error)}`)
  }
  const { noRestore, noSave } = opts.policy
  if (noRestore !== undefined && noSave !== undefined) return skip(noRestore)
  if (noRestore !== undefined) return leave(`Build cache not restored: ${noRestore}.`)
  if (opts.unavailable !== undefined) {
    return leave(
      `Build cache not restored: the cache service could not be used for the module cache (${opts.unavailable}).`,
      'info',
      { unavailable: opts.unavailable }
    )
  }
  if (!service.available()) {
    return leave(
      'Build cache not restored: the GitHub cache service is not configured on this runner.',
      'info',
      {
        unavailable: 'the GitHub cache service is not configured on this runner'
      }
    )
  }

  const started = Date.now()
  let scratch: string | undefined
  try {
    scratch = await scratchDirIn(opts.gocache, 'restore')
    const dir = scratch
    const watched = await watch(
      progress => service.restore(dir, opts.key, opts.restoreKeys, progress),
      patience
    )
    const restoreMs = Date.now() - started
    if ('abandoned' in watched) {
      return leave(
        `Gave up on the build cache restore: ${watched.abandoned}; later steps build without it.`,
        'warning',
        watched.stage === 'service' ? { unavailable: watched.abandoned } : {}
      )
    }
    const { key: matchedKey, failure } = watched.value
    if (matchedKey === undefined) {
      if (failure) {
        return leave(
          `Could not restore the build cache: ${failure}; later steps build without it.`,
          'warning',
          // Trouble before the service answered means it cannot be used; the post step does not try it again.
          watched.stage === 'service' ? { unavailable: failure } : {}
        )
      }
      return leave(`No build cache entry for ${opts.restoreKeys.join(' or ')}.`)
    }
    const restored = await moveEntries(path.join(scratch, service.entry), opts.gocache)
    const restoredAt = Date.now()
    const failed = new Set(await markUnused(opts.gocache, restored, restoredAt - UNUSED_AGE_MS))
    // An entry whose mtime could not be set would look used: it was this step's own, so it goes.
    for (const name of failed)
      await rm(path.join(opts.gocache, ...name.split('/')), { recursive: true, force: true })
    const entries = restored.filter(e => !failed.has(e.name))
    await writeTrimStamp(opts.gocache, restoredAt)
    const manifest = await writeManifest(opts.manifestDir, entries)
    const bytes = entries.reduce((n, e) => n + e.bytes, 0)
    const executables = entries.filter(e => e.executable).length
    log.info(
      `Build cache restored from ${matchedKey}: ${entries.length} entries (${formatBytes(bytes)}` +
        `${executables > 0 ? `, ${executables} cached executables` : ''}) in ${formatDuration(restoreMs)}.`
    )
    return {
      ...state,
      matchedKey,
      restoredAt,
      restoredEntries: entries.length,
      restoredBytes: bytes,
      restoreMs,
      manifest
    }
  } catch (error) {
    return leave(
      `Could not restore the build cache: ${errorMessage(error)}; later steps build without it.`,
      'warning'
    )
  } finally {
    if (scratch !== undefined) removeTree(scratch)
  }
}

/**
 * Moves the entries of a restored tree into GOCACHE: a whole `xx` folder by one rename when GOCACHE has none
 * and it holds entries only, else entry by entry. Returns what was moved, as it is in GOCACHE now.
 */
async function moveEntries(restored: string, gocache: string): Promise<BuildEntry[]> {
  const entries = await listEntries(restored)
  const bySubdir = new Map<string, BuildEntry[]>()
  for (const entry of entries) {
    const sub = entry.name.slice(0, 2)
    bySubdir.set(sub, [...(bySubdir.get(sub) ?? []), entry])
  }
  const moved: BuildEntry[] = []
  for (const [sub, group] of bySubdir) {
    const from = path.join(restored, sub)
    const to = path.join(gocache, sub)
    const names = await readdir(from)
    if (names.length === group.length) {
      const whole = await rename(from, to).then(
        () => true,
        () => false
      )
      if (whole) {
        moved.push(...group)
        continue
      }
    }
    await mkdir(to, { recursive: true })
    for (const entry of group) {
      const name = entry.name.slice(3)
      // Never over an entry GOCACHE has: a rename would replace a file without a word.
      if (await exists(path.join(to, name))) continue
      const ok = await rename(path.join(from, name), path.join(to, name)).then(
        () => true,
        () => false
      )
      if (ok) moved.push(entry)
    }
  }
  return moved
}

/** Lists the restored entries, one `xx/<id>-<kind>` a line, in a file of this run's own. */
async function writeManifest(dir: string, entries: readonly BuildEntry[]): Promise<string | undefined> {
  if (entries.length === 0) return undefined
  await mkdir(dir, { recursive: true })
  const file = path.join(await mkdtemp(path.join(dir, 'go-mod-download-build-')), 'restored.txt')
  await writeFile(file, entries.map(e => e.name).join('\n') + '\n')
  return file
}

export interface JobBuildCacheOptions {
  mode: Exclude<BuildCacheMode, 'off'>
  /** The build-cache-variant input; the job's id when empty. */
  variant: string
  /** The cache-dependency-path input's lines. */
  cacheDependencyPath: readonly string[]
  /** Absolute working directories; go env runs in the first. */
  workdirs: readonly string[]
  /** Base of relative cache-dependency-path patterns. */
  workspace: string
  goBin: string
  run: CommandRunner
  /** The step's environment: go's settings, the GitHub run and event, RUNNER_TEMP. */
  env: NodeJS.ProcessEnv
  /** Resolves with the module cache's restore, whose library call has to end before this one starts. */
  moduleRestore: Promise<{ unavailable?: string } | undefined>
  patience?: Partial<Patience>
  service?: CacheService
  log?: CacheLog
}

/**
 * The main step's whole part in the build cache: the trust policy, go env, the key, then, once the module
 * cache's restore has ended (the library does one at a time), the restore. Throws only when go env fails.
 */
export async function restoreJobBuildCache(opts: JobBuildCacheOptions): Promise<BuildCacheState> {
  const { env } = opts
  const policy = buildCachePolicy(opts.mode, env)
  const buildEnv = await readBuildEnv(opts.run, opts.goBin, opts.workdirs[0] ?? opts.workspace, env)
  const moduleKey = await cacheKey({
    dependencyPath: opts.cacheDependencyPath.join('\n'),
    workingDirectories: opts.workdirs,
    workspace: opts.workspace,
    ...(opts.service ? { service: opts.service } : {})
  })
  const { key, restoreKeys } = buildCacheKey({
    env: buildEnv,
    variant: opts.variant || env.GITHUB_JOB || '',
    goSumDigest: moduleKey.key.slice(moduleKey.key.lastIndexOf('-') + 1),
    runId: env.GITHUB_RUN_ID ?? 'local',
    runAttempt: env.GITHUB_RUN_ATTEMPT ?? '1'
  })
  const moduleReport = await opts.moduleRestore
  return restoreBuildCache({
    key,
    restoreKeys,
    gocache: buildEnv.gocache,
    gocacheprog: buildEnv.gocacheprog,
    policy,
    manifestDir: env.RUNNER_TEMP || os.tmpdir(),
    unavailable: moduleReport?.unavailable,
    patience: opts.patience,
    service: opts.service,
    log: opts.log
  })
}
