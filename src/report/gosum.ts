import type { FailureClass } from '../failures/classes.js'
import type { ClassAdvice } from './advice.js'
import {
  addTableWithinBudget,
  clip,
  code,
  ICON,
  NAME_CHARS,
  seeReport,
  type SummaryBuilder
} from './summary/html.js'
import { plural } from './format.js'
import type { GoSumDirReport, GoSumReport, MissingSumReport } from './types.js'

// A go.sum that lacks lines is a fault of the module's files, as an unknown revision is: no mirror and no
// retry can help, and the fix is a commit. So it takes that class rather than a new one.
export const GO_SUM_CLASS: FailureClass = 'invalid-version'

const TABLE_BUDGET = 100 * 1024

export const GO_SUM_ADVICE: ClassAdvice = {
  meaning:
    'go.sum lacks the hash of a module that a package or a test needs, usually because an import was added without `go mod tidy`. The download itself went fine, but `go build` (with go’s default `-mod=readonly`) stops at `missing go.sum entry`.',
  fix: 'Run `go mod tidy` and commit go.sum (in a go.work workspace, `go work sync` and go.work.sum as well).',
  avoid:
    '`GOFLAGS=-mod=mod` in CI: later commands then add the lines themselves, unreviewed, with only the checksum database (or nothing, with `GOSUMDB=off`) vouching for the modules.'
}

/** The missing lines, with their working directory, that fail the step: those go build stops at. */
export function failingMissingSums(
  goSum: GoSumReport | undefined
): (MissingSumReport & { workdir: string })[] {
  return (goSum?.dirs ?? [])
    .filter(dir => dir.handling === 'stops')
    .flatMap(dir => dir.missing.map(m => ({ ...m, workdir: dir.workdir })))
}

export function allMissing(goSum: GoSumReport | undefined): (MissingSumReport & { dir: GoSumDirReport })[] {
  return (goSum?.dirs ?? []).flatMap(dir => dir.missing.map(m => ({ ...m, dir })))
}

/** `m v` (the go.sum line's own words), or the package when go named no module. */
export function missingSubject(m: MissingSumReport): string {
  if (m.module === '') return `the module providing package ${m.package ?? '(unnamed)'}`
  return `${m.module} ${m.version}${m.line === 'go.mod' ? '/go.mod' : ''}`
}

export function missingKey(m: MissingSumReport): string {
  return m.module === '' ? (m.package ?? '') : `${m.module}@${m.version}`
}

/** The one line the step fails with. */
export function goSumVerdict(goSum: GoSumReport | undefined): string {
  const failing = failingMissingSums(goSum)
  const names = [...new Set(failing.map(missingKey))]
  const shown = names.slice(0, 5).join(', ')
  const more = names.length > 5 ? ` and ${names.length - 5} more` : ''
  return `go.sum lacks ${plural(failing.length, 'line')} that go build needs, for ${shown}${more}: run go mod tidy and commit go.sum`
}

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

/** The count for the advice list, or undefined when go.sum lacks nothing. */
export function goSumAdviceCount(goSum: GoSumReport | undefined): string | undefined {
  const missing = allMissing(goSum).length
  return missing === 0 ? undefined : plural(missing, 'missing line')
}

/** The go.sum section of the summary: the missing lines, and what vouched for their modules instead. */
export function renderGoSum(goSum: GoSumReport | undefined, summary: SummaryBuilder): void {
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
      TABLE_BUDGET,
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
