import type { FailureClass } from '../../failures/classes.js'
import {
  ADVICE,
  adviceFor,
  budgetAdvice,
  privateModuleHint,
  privateModuleHints,
  stoppedByBudget,
  type ClassAdvice
} from '../advice.js'
import { plural } from '../format.js'
import { GO_SUM_ADVICE, goSumAdviceCount } from '../gosum.js'
import type { RunReport } from '../types.js'
import { classCounts } from './history.js'
import { escape, type SummaryBuilder } from './html.js'

/**
 * What each failure class means and how to fix it, open for what failed (go.sum's missing lines and the
 * time budget first), folded for what the retries absorbed; nothing when nothing went wrong.
 */
export function renderAdvice(report: RunReport, summary: SummaryBuilder): void {
  const download = report.download
  const goSumCount = goSumAdviceCount(report.goSum)
  const extra = goSumCount ? [adviceItem('go.sum', goSumCount, GO_SUM_ADVICE)] : []
  const byBudget = stoppedByBudget(download)
  const failing = classCounts(download.failed.filter(f => !byBudget(f)))
  const recovered = new Map<FailureClass, number>()
  for (const module of download.recovered) {
    if (!failing.has(module.class)) recovered.set(module.class, (recovered.get(module.class) ?? 0) + 1)
  }
  if (failing.size === 0 && recovered.size === 0 && !download.timedOut && extra.length === 0) return
  const stopped = download.failed.filter(byBudget).length
  const open = [
    ...extra,
    ...(download.timedOut
      ? [
          adviceItem(
            'time budget',
            stopped > 0 ? `${stopped} stopped` : 'ran out',
            budgetAdvice(download.timeoutMs)
          )
        ]
      : []),
    ...[...failing].map(([cls, n]) =>
      adviceItem(
        cls,
        plural(n, 'failure'),
        adviceFor(cls, download.failed),
        cls === 'sumdb' ? privateModuleHint(privateModuleHints(download.failed)) : undefined
      )
    )
  ]
  // Classes the retries already absorbed need no action now: their advice is there, folded.
  const absorbed = [...recovered].map(([cls, n]) => adviceItem(cls, `${n} recovered`, ADVICE[cls]))
  const foldedLabel = `What the recovered failures mean (${[...recovered.keys()].join(', ')})`
  const foldedList = `<ul>${absorbed.map(item => `<li>${item}</li>`).join('')}</ul>`
  if (open.length > 0) {
    summary.addHeading('What this means and how to fix it', 3)
    summary.addList(open)
  }
  if (absorbed.length > 0) summary.addDetails(foldedLabel, foldedList)
}

function adviceItem(topic: string, count: string, advice: ClassAdvice, hint?: string): string {
  const parts = [
    `<strong>${topic}</strong> (${count}): ${adviceText(advice.meaning)}`,
    `<strong>Fix:</strong> ${adviceText(advice.fix)}`
  ]
  if (hint !== undefined) parts.push(adviceText(hint))
  if (advice.avoid !== undefined) parts.push(`<strong>Avoid:</strong> ${adviceText(advice.avoid)}`)
  return parts.join('<br>')
}

/** Advice is plain text with `backticks` for code; the summary shows those as code. */
function adviceText(text: string): string {
  return escape(text).replace(/`([^`]+)`/g, '<code>$1</code>')
}
