import { formatDuration } from '../../config/duration.js'
import { formatBytes, plural } from '../format.js'
import type { CacheRestoreReport, RunReport } from '../types.js'
import { moduleKey } from './history.js'
import { BUDGET, clip, code, ICON, joinWithinBudget, LINE_CHARS, type SummaryBuilder } from './html.js'

/** The main step's module cache: the restore and its verification, and what a checksum mismatch purged. */
export function renderModuleCache(report: RunReport, summary: SummaryBuilder): void {
  const { cache, download } = report
  if (cache === undefined && download.purged.length === 0) return
  const items: string[] = []
  if (cache !== undefined) items.push(...cacheLines(cache))
  if (download.purged.length > 0) {
    const names = download.purged.map(p => `${code(moduleKey(p.module, p.version))} from ${code(p.proxy)}`)
    items.push(
      `Removed from the module cache after a checksum mismatch, then fetched again: ${joinWithinBudget(names, BUDGET.cache / 2)}`
    )
  }
  summary.addHeading('Module cache', 3)
  summary.addList(items)
}

function cacheLines(cache: CacheRestoreReport): string[] {
  if (!cache.enabled) return ['Cache off.']
  if (cache.noService)
    return ['No cache service on this runner: nothing was restored, and nothing will be saved.']
  const key = code(cache.key)
  const restored = [
    cache.sizeBytes === undefined ? undefined : formatBytes(cache.sizeBytes),
    cache.restoreMs === undefined ? undefined : `in ${formatDuration(cache.restoreMs)}`
  ].filter(part => part !== undefined)
  const detail = restored.length > 0 ? ` (${restored.join(' ')})` : ''
  const lines: string[] = []
  if (cache.hit === 'exact') lines.push(`Exact hit for key ${key}${detail}.`)
  else if (cache.hit === 'partial') {
    const matched = cache.matchedKey === undefined ? 'an older entry' : code(cache.matchedKey)
    lines.push(`Partial hit: restored ${matched} for key ${key}${detail}.`)
  } else lines.push(`Miss for key ${key}.`)
  if (cache.purged.length > 0) {
    const names = cache.purged.map(name => code(name))
    lines.push(
      `${plural(cache.purged.length, 'restored module')} failed verification and ${cache.purged.length === 1 ? 'was' : 'were'} purged: ${joinWithinBudget(names, BUDGET.cache / 2)}`
    )
  }
  if (cache.warning !== undefined) lines.push(`${ICON.warning} ${clip(cache.warning, LINE_CHARS)}`)
  return lines
}
