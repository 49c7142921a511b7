// GitHub rejects a step summary over 1 MiB: each section of it keeps within a budget of UTF-8 bytes.

/** An HTML table of the rows that fit in `budget` bytes; cells are HTML already. */
export function tableWithinBudget(
  header: string[],
  rows: string[][],
  budget: number
): { html: string; omitted: number } {
  const headerRow = `<tr>${header.map(cell => `<th>${cell}</th>`).join('')}</tr>`
  const rowHtml = rows.map(row => `<tr>${row.map(cell => `<td>${cell}</td>`).join('')}</tr>`)
  const shown = takeWithinBudget(rowHtml, budget - byteLength(headerRow))
  return { html: `<table>${headerRow}${shown.join('')}</table>`, omitted: rows.length - shown.length }
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

/** The line under a section cut short. */
export function moreText(omitted: number, noun: string): string {
  return `…and ${omitted} more ${noun}; see the JSON report (the <code>report</code> output).`
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8')
}
