import * as core from '@actions/core'
import { actionsLog, saveModuleCache, type CacheLog } from '../cache/module-cache.js'
import { summaryWanted } from '../config/inputs.js'
import type { CacheSaveReport } from '../report/types.js'

export interface PostOptions {
  log?: CacheLog
  budgetMs?: number
  /** Appends markdown to the job summary; by default core.summary, when the runner provides one. */
  appendSummary?: (markdown: string) => Promise<void>
}

export interface PostResult {
  /** Absent when the cache was off or the main step never got as far as the cache. */
  report?: CacheSaveReport
  summary?: string
}

async function appendJobSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  await core.summary.addRaw(markdown, true).write()
}

function parseGoSumFiles(value: string): string[] {
  if (value === '') return []
  const parsed: unknown = JSON.parse(value)
  if (!Array.isArray(parsed) || !parsed.every(p => typeof p === 'string')) {
    throw new Error('state go-sum-files is not a JSON array of paths')
  }
  return parsed
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}

/** The cache section of the job summary, in a line or two. */
export function cacheSummary(report: CacheSaveReport, matchedKey: string): string {
  const restored = matchedKey === '' ? 'Nothing was restored.' : `Restored from \`${matchedKey}\`.`
  const saved = report.saved
    ? `Saved as \`${report.key}\`` +
      (report.sizeBytes !== undefined ? `, ${megabytes(report.sizeBytes)}` : '') +
      (report.saveMs !== undefined ? ` in ${(report.saveMs / 1000).toFixed(1)} s` : '') +
      '.'
    : (report.skipped ?? 'Not saved.')
  return `\n#### Module cache (post step)\n\n${restored} ${saved}\n`
}

/**
 * The post step: saves the module cache according to what the main step recorded in its state, and adds a
 * cache section to the job summary. Throws only on a bug; the caller turns that into a warning.
 */
export async function runPost(state: (name: string) => string, opts: PostOptions = {}): Promise<PostResult> {
  const log = opts.log ?? actionsLog
  const key = state('cache-key')
  if (state('cache-enabled') !== 'true' || key === '') return {}
  const modCache = state('gomodcache')
  const report =
    modCache === ''
      ? { saved: false, key, skipped: 'Not saved: the main step did not record the module cache location.' }
      : await saveModuleCache({
          key,
          modCache,
          goSumFiles: parseGoSumFiles(state('go-sum-files')),
          outcome: state('outcome'),
          exactHit: state('cache-exact-hit') === 'true',
          clean: state('cache-clean') !== 'false',
          budgetMs: opts.budgetMs,
          log
        })
  // A main step that stopped before saving its summary mode leaves '', which means the default, always.
  if (!summaryWanted(state('summary') || 'always', state('outcome'))) return { report }
  const summary = cacheSummary(report, state('cache-matched-key'))
  try {
    await (opts.appendSummary ?? appendJobSummary)(summary)
  } catch (error) {
    log.warning(`Could not add the cache section to the job summary: ${(error as Error).message}`)
  }
  return { report, summary }
}
