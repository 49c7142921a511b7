/**
 * The post step's half of the build cache: count what the job used and added, keep only that, and save it
 * under this run's key when the job added enough to be worth a new entry.
 */
import { copyFile, link, mkdir, readFile, readdir, rm } from 'node:fs/promises'
import path from 'node:path'
import { formatDuration } from '../config/duration.js'
import { errorMessage } from '../failures/errors.js'
import { eachLimited } from '../go/disk.js'
import { removeTree } from '../go/modcache.js'
import type { BuildCacheReport, EntryCount } from '../report/build-cache.js'
import { formatBytes } from '../report/format.js'
import {
  buildCacheService,
  type CacheLog,
  type CacheService,
  type SaveResult
} from '../runner/cache-service.js'
import type { BuildCacheState } from '../runner/state.js'
import { keptEntries, listEntries, usedSince, type BuildEntry } from './build-entries.js'
import { DEFAULT_PATIENCE, watch, type Patience } from './patience.js'
import { scratchDirIn } from './snapshot.js'

const MIB = 1024 * 1024

/** How much a job must add to the restored entries before its own entry is worth saving. */
export interface SaveThreshold {
  /** After a restore: at least this share of the restored bytes... */
  share: number
  /** ...and at least this many bytes. */
  bytes: number
  /** After nothing was restored: at least this many bytes. */
  firstBytes: number
}

export const DEFAULT_THRESHOLD: SaveThreshold = { share: 0.1, bytes: 20 * MIB, firstBytes: 1 * MIB }

export interface BuildSaveOptions {
  state: BuildCacheState
  /** The main step's outcome: after a failed download no build ran from this cache. */
  outcome: string
  /** Why the module cache's save found the cache service unusable in this step, when it did. */
  unavailable?: string
  threshold?: Partial<SaveThreshold>
  patience?: Partial<Patience>
  service?: CacheService
  /** Defaults to the service's log. */
  log?: CacheLog
}

function tally(entries: readonly BuildEntry[]): EntryCount {
  return { entries: entries.length, bytes: entries.reduce((n, e) => n + e.bytes, 0) }
}

async function readManifest(file: string | undefined): Promise<Set<string>> {
  if (file === undefined) return new Set()
  const text = await readFile(file, 'utf8').catch(() => '')
  return new Set(text.split('\n').filter(line => line !== ''))
}

/** Hard-links the entries into `snapshot` (copies where linking fails), a cached executable's folder with its one file. */
async function linkEntries(gocache: string, snapshot: string, entries: readonly BuildEntry[]): Promise<void> {
  const subdirs = new Set(entries.map(e => e.name.slice(0, 2)))
  for (const sub of subdirs) await mkdir(path.join(snapshot, sub), { recursive: true })
  const linkFile = (from: string, to: string) => link(from, to).catch(() => copyFile(from, to))
  await eachLimited(entries, 16, async entry => {
    const from = path.join(gocache, ...entry.name.split('/'))
    const to = path.join(snapshot, ...entry.name.split('/'))
    if (!entry.executable) return linkFile(from, to)
    await mkdir(to)
    for (const name of await readdir(from)) await linkFile(path.join(from, name), path.join(to, name))
  })
}

/**
 * Counts the entries the job restored, used and added, and saves those it used or added under the key when
 * the trust policy, the outcome and the threshold allow. Deletes nothing from GOCACHE. Never throws: a failure
 * is a warning (a notice when another job saved the key first or nothing new was worth saving).
 */
export async function saveBuildCache(opts: BuildSaveOptions): Promise<BuildCacheReport> {
  const service = opts.service ?? buildCacheService
  const log = opts.log ?? service.log
  const patience = { ...DEFAULT_PATIENCE, ...opts.patience }
  const threshold = { ...DEFAULT_THRESHOLD, ...opts.threshold }
  const { state } = opts
  const none: EntryCount = { entries: 0, bytes: 0 }
  const report: BuildCacheReport = {
    key: state.key,
    matchedKey: state.matchedKey,
    restored: { entries: state.restoredEntries, bytes: state.restoredBytes },
    ...(state.restoreMs !== undefined ? { restoreMs: state.restoreMs } : {}),
    used: none,
    added: none
  }
  if (state.skipped !== undefined) return { ...report, skipped: state.skipped }
  const skip = (sentence: string, level: keyof CacheLog = 'info'): BuildCacheReport => {
    log[level](`Build cache not saved: ${sentence}`)
    return { ...report, notSaved: `Not saved: ${sentence}` }
  }
  let scratch: string | undefined
  try {
    const restored = await readManifest(state.manifest)
    const entries = await listEntries(state.gocache)
    const added = entries.filter(e => !restored.has(e.name))
    report.used = tally(entries.filter(e => restored.has(e.name) && usedSince(e, state.restoredAt)))
    report.added = tally(added)
    const addedText = `${report.added.entries} added (${formatBytes(report.added.bytes)})`
    log.info(
      state.restoredEntries === 0
        ? `Build cache: nothing restored, ${addedText}.`
        : `Build cache: ${state.restoredEntries} entries restored, ${report.used.entries} of them used ` +
            `(${formatBytes(report.used.bytes)}), ${addedText}.`
    )
    if (opts.outcome !== 'success' && opts.outcome !== 'vendor')
      return skip('the main step did not complete the download, so no build used this cache.')
    if (state.saveBlocked !== undefined)
      return skip(`${state.saveBlocked}.`, state.saveBlockedNotice ? 'notice' : 'info')
    if (state.matchedKey === state.key) return skip(`it was restored from ${state.key} itself.`)
    const unavailable = state.unavailable ?? opts.unavailable
    if (unavailable !== undefined) return skip(`the cache service could not be used (${unavailable}).`)
    if (!service.available()) return skip('the GitHub cache service is not configured on this runner.')

    if (state.restoredEntries === 0 && added.length === 0)
      return skip("the job's go commands wrote nothing to GOCACHE.")
    const kept = await keptEntries(state.gocache, entries, state.restoredAt)
    const keptAdded = tally(kept.filter(e => !restored.has(e.name)))
    const needed =
      state.restoredBytes > 0
        ? Math.max(threshold.share * state.restoredBytes, threshold.bytes)
        : threshold.firstBytes
    if (keptAdded.bytes < needed) {
      return skip(
        `the job added ${formatBytes(keptAdded.bytes)} to ${state.restoredBytes > 0 ? `the ${formatBytes(state.restoredBytes)} restored` : 'an empty cache'}, ` +
          `less than the ${formatBytes(needed)} a new entry needs, so ${state.restoredBytes > 0 ? 'the entry restored stays the newest' : 'nothing is kept'}.`,
        'notice'
      )
    }

    const started = Date.now()
    scratch = await scratchDirIn(state.gocache, 'save')
    const bytes = kept.reduce((n, e) => n + e.bytes, 0)
    await linkEntries(state.gocache, path.join(scratch, service.entry), kept)
    const exists = () =>
      skip(
        `the entry ${state.key} already exists: another job of this run saved it first ` +
          '(matrix legs that build differently need build-cache-variants of their own).',
        'notice'
      )
    // Another job saving the same files at the same time can make tar fail; by the next lookup it has often saved.
    let result: SaveResult | undefined
    for (let round = 1; result === undefined; round++) {
      const lookup = await watch(progress => service.lookup(state.key, [], progress), patience)
      if ('abandoned' in lookup) return skip(`${lookup.abandoned}.`, 'warning')
      if (lookup.value.key === state.key) return exists()
      if (lookup.value.failure) return skip(`the cache service failed: ${lookup.value.failure}`, 'warning')
      const dir = scratch
      const saved = await watch(progress => service.save(dir, state.key, progress), patience, {
        stage: 'local',
        sizeBytes: bytes
      })
      if ('abandoned' in saved) return skip(`${saved.abandoned}.`, 'warning')
      if (saved.value.saved || saved.value.reason !== 'touched' || round === 2) result = saved.value
    }
    if (!result.saved) {
      if (result.reason === 'exists') return exists()
      if (result.reason === 'denied')
        return skip("this run's token may only read the cache (cache write denied).", 'notice')
      return skip(result.message, 'warning')
    }
    const saveMs = Date.now() - started
    report.saved = {
      entries: kept.length,
      bytes,
      executables: kept.filter(e => e.executable).length,
      ...(result.sizeBytes !== undefined ? { archiveBytes: result.sizeBytes } : {}),
      saveMs
    }
    log.info(
      `Saved the build cache as ${state.key}: ${kept.length} entries (${formatBytes(bytes)}) in ${formatDuration(saveMs)}.`
    )
    return report
  } catch (error) {
    return skip(errorMessage(error), 'warning')
  } finally {
    // An abandoned save may still be archiving the snapshot; pulling it away makes that attempt fail.
    if (scratch !== undefined) removeTree(scratch)
    if (state.manifest !== undefined) await rm(path.dirname(state.manifest), { recursive: true, force: true })
  }
}
