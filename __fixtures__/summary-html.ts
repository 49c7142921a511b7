import { summary } from '@actions/core'

import type { SummaryBuilder } from '../src/report/summary/html.js'

/** What `render` adds to a job summary, as @actions/core would write it; nothing touches disk. */
export function rendered<T>(render: (input: T, summary: SummaryBuilder) => void, input: T): string {
  summary.emptyBuffer()
  render(input, summary)
  const html = summary.stringify()
  summary.emptyBuffer()
  return html
}

/** The text of the first paragraph: the verdict. */
export function firstParagraph(html: string): string {
  return /<p>(.*?)<\/p>/.exec(html)?.[1] ?? ''
}

/** A section from its level-3 heading to the next one. */
export function section(html: string, heading: string): string {
  const start = html.indexOf(`<h3>${heading}</h3>`)
  if (start < 0) return ''
  const next = html.indexOf('<h3>', start + 1)
  return html.slice(start, next < 0 ? undefined : next)
}

/** The cells of each row of the first table after the header, as HTML. */
export function tableRows(html: string): string[][] {
  const table = /<table>(.*?)<\/table>/s.exec(html)?.[1] ?? ''
  return table
    .split('<tr>')
    .slice(2)
    .map(row => [...row.matchAll(/<td>(.*?)<\/td>/g)].map(cell => cell[1] as string))
}

/** The folded part under `label`: what a maintainer sees after clicking it open. */
export function folded(html: string, label: string | RegExp): string | undefined {
  for (const match of html.matchAll(/<details><summary>(.*?)<\/summary>(.*?)<\/details>\n/g)) {
    const summaryText = match[1] as string
    if (typeof label === 'string' ? summaryText === label : label.test(summaryText)) return match[2]
  }
  return undefined
}
