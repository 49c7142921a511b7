import escapeHtml from 'escape-html'

import { redactUrl } from '../../security/redact.js'

/** What the renderers build a job summary with: the builder half of @actions/core's summary. */
export interface SummaryBuilder {
  addHeading(text: string, level?: number): void
  addRaw(text: string, addEOL?: boolean): void
  addList(items: string[], ordered?: boolean): void
  addDetails(label: string, content: string): void
}

/** The marks a maintainer scans for, the same in every section. */
export const ICON = {
  ok: '✅',
  failed: '❌',
  warning: '⚠️',
  recovered: '🔁',
  private: '🔒',
  paused: '⏸️',
  demoted: '⬇️'
} as const

/** A module path, a version, a working directory, a cache key, a mirror. */
export const NAME_CHARS = 300
/** A message in one line of a list or a paragraph. */
export const LINE_CHARS = 1000

/** Text as HTML, as it is: for sentences of our own with values in them, never cut. */
export function escape(text: string): string {
  return escapeHtml(text)
}

/** Untrusted text (a path, a URL, a message) as one escaped, redacted line of at most `max` characters. */
export function clip(text: string, max: number): string {
  const line = redactUrl(text).replace(/\s+/g, ' ').trim()
  return escapeHtml(line.length > max ? `${line.slice(0, max)}…` : line)
}

/** `clip` as code: a module path, a key, a mirror. */
export function code(text: string, max = NAME_CHARS): string {
  return `<code>${clip(text, max)}</code>`
}

/** How a table cut short says so: the line under it, given how many rows were left out. */
export type MoreLine = (omitted: number) => string

/** The line under a section cut short, pointing to the JSON report that holds everything. */
export function seeReport(noun: string): MoreLine {
  return omitted => `…and ${omitted} more ${noun}; see the JSON report (the <code>report</code> output).`
}

// GitHub rejects a step summary over 1 MiB: each section of it keeps within a budget of UTF-8 bytes, and the
// main step's budgets together stay under 900 KiB, which leaves room for the text around them.
export const BUDGET = {
  modules: 400 * 1024,
  goSum: 60 * 1024,
  mirrors: 40 * 1024,
  relayFiles: 80 * 1024,
  probes: 64 * 1024,
  triedLast: 8 * 1024,
  cache: 40 * 1024,
  warnings: 40 * 1024,
  timeline: 120 * 1024,
  /** The post step's summary: the relay for later steps. */
  jobRelayFiles: 200 * 1024
} as const

/** An HTML table of the rows that fit in `budget` bytes (cells are HTML already), and the line saying how many did not. */
export function tableWithinBudget(
  header: string[],
  rows: string[][],
  budget: number,
  more: MoreLine
): { table: string; more: string } {
  const headerRow = `<tr>${header.map(cell => `<th>${cell}</th>`).join('')}</tr>`
  const rowHtml = rows.map(row => `<tr>${row.map(cell => `<td>${cell}</td>`).join('')}</tr>`)
  const shown = takeWithinBudget(rowHtml, budget - byteLength(headerRow))
  const omitted = rows.length - shown.length
  return {
    table: `<table>${headerRow}${shown.join('')}</table>`,
    more: omitted > 0 ? `<p>${more(omitted)}</p>` : ''
  }
}

/** Adds `tableWithinBudget` to the summary: the table, then the line under it when rows were left out. */
export function addTableWithinBudget(
  summary: SummaryBuilder,
  header: string[],
  rows: string[][],
  budget: number,
  more: MoreLine
): void {
  const cut = tableWithinBudget(header, rows, budget, more)
  summary.addRaw(cut.table, true)
  if (cut.more !== '') summary.addRaw(cut.more, true)
}

/** The leading items that fit in `budget` bytes, counting a little for what joins them. */
export function takeWithinBudget(items: string[], budget: number): string[] {
  const taken: string[] = []
  let used = 0
  for (const item of items) {
    used += byteLength(item) + 10
    if (used > budget) break
    taken.push(item)
  }
  return taken
}

/** The items that fit, joined with commas, and how many more there were. */
export function joinWithinBudget(items: string[], budget: number): string {
  const shown = takeWithinBudget(items, budget)
  const more = shown.length < items.length ? ` and ${items.length - shown.length} more` : ''
  return shown.join(', ') + more
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8')
}
