import type { RunReport } from '../types.js'
import { renderAdvice } from './advice.js'
import { renderConnectivity } from './connectivity.js'
import { renderGoSum } from './gosum.js'
import { clip, ICON, LINE_CHARS, type SummaryBuilder } from './html.js'
import { renderMirrors } from './mirrors.js'
import { renderModuleCache } from './module-cache.js'
import { renderModules } from './modules.js'
import { renderTimeline } from './timeline.js'
import { renderVerdict } from './verdict.js'
import { renderWarnings } from './warnings.js'

/**
 * The main step's sections, in the order a maintainer reads them: what happened (verdict), to which
 * modules, what to do about it, and only then the mirrors and the details. Each adds nothing when it
 * has nothing to say.
 */
const SECTIONS: ((report: RunReport, summary: SummaryBuilder) => void)[] = [
  renderVerdict,
  renderModules,
  renderGoSum,
  renderAdvice,
  renderMirrors,
  renderConnectivity,
  renderModuleCache,
  renderWarnings,
  renderTimeline
]

/** Adds the job summary of a run to `summary`; the caller writes it. */
export function renderSummary(report: RunReport, summary: SummaryBuilder): void {
  for (const render of SECTIONS) render(report, summary)
}

/** The summary of a step that stopped before it had a report: a bad input, no go. */
export function renderStartFailure(message: string, summary: SummaryBuilder): void {
  summary.addHeading('go mod download', 2)
  summary.addRaw(`<p>${ICON.failed} ${clip(message, LINE_CHARS)}</p>`, true)
}
