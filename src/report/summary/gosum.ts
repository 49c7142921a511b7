import { plural } from '../format.js'
import { allMissing, failingMissingSums, missingKey } from '../gosum.js'
import type { GoSumDirReport, GoSumReport, MissingSumReport, RunReport } from '../types.js'
import {
  addTableWithinBudget,
  BUDGET,
  clip,
  code,
  ICON,
  NAME_CHARS,
  seeReport,
  type SummaryBuilder
} from './html.js'

/** The verdict of the summary, as HTML, when go.sum is what fails the step. */
export function goSumVerdictHtml(goSum: GoSumReport | undefined): string {
  const failing = failingMissingSums(goSum)
  const names = [...new Set(failing.map(missingKey))]
  const shown = names
    .slice(0, 5)
    .map(name => code(name))
    .join(', ')
  const more = names.length > 5 ? ` and ${names.length - 5} more` : ''
  return `${ICON.failed} Every module downloaded, but go.sum lacks ${plural(failing.length, 'line')} that <code>go build</code> needs, for ${shown}${more}: run <code>go mod tidy</code> and commit go.sum.`
}

/** The go.sum section of the summary: the missing lines, and what vouched for their modules instead. */
export function renderGoSum(report: RunReport, summary: SummaryBuilder): void {
  const goSum = report.goSum
  const all = allMissing(goSum)
  const inconclusive = (goSum?.dirs ?? []).filter(dir => dir.inconclusive !== undefined)
  if (all.length === 0 && inconclusive.length === 0) return
  summary.addHeading('go.sum', 3)
  if (all.length > 0) {
    const rows = all.map(m => [
      `${m.dir.handling === 'stops' ? ICON.failed : ICON.warning} missing`,
      m.module === '' ? '<em>(not named)</em>' : code(m.module),
      m.version === '' ? '' : code(m.version),
      m.line === 'go.mod' ? 'go.mod hash' : 'module hash',
      m.package ? code(m.package) : 'the module graph',
      code(m.dir.workdir)
    ])
    addTableWithinBudget(
      summary,
      ['Result', 'Module', 'Version', 'Line', 'Needed by', 'Working dir'],
      rows,
      BUDGET.goSum,
      seeReport('lines')
    )
  }
  const adding = all.filter(m => m.dir.handling === 'adds')
  if (adding.length > 0) summary.addRaw(`<p>${verificationText(goSum, adding)}</p>`, true)
  for (const dir of inconclusive) {
    summary.addRaw(
      `<p>go.sum in ${code(dir.workdir)} could not be checked: ${clip(dir.inconclusive ?? '', NAME_CHARS)}</p>`,
      true
    )
  }
}

/** Who vouched for modules whose lines later go commands add themselves. */
function verificationText(
  goSum: GoSumReport | undefined,
  adding: (MissingSumReport & { dir: GoSumDirReport })[]
): string {
  const why = adding.some(m => m.dir.workspace)
    ? 'In a go.work workspace, and with the job’s <code>GOFLAGS=-mod=mod</code>, later go commands add missing lines themselves, so this is a warning.'
    : 'The job sets <code>GOFLAGS=-mod=mod</code>, so later go commands add these lines themselves: this is a warning.'
  const database = goSum?.checksumDatabase
  if (database === undefined) {
    return `${why} Those modules were verified by nothing: go.sum has no line for them and the job sets <code>GOSUMDB=off</code>.`
  }
  const unverified = adding.filter(m => m.noChecksumDatabase).map(m => code(missingKey(m)))
  const rest =
    unverified.length === 0
      ? ''
      : ` (by nothing for ${unverified.join(', ')}, which <code>GONOSUMDB</code> or <code>GOPRIVATE</code> keeps from it)`
  return `${why} Those modules were verified only by the checksum database, ${code(database)}${rest}: go.sum has no line for them.`
}
