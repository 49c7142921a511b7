import type { FailureClass } from '../failures/classes.js'
import type { ClassAdvice } from './advice.js'
import { plural } from './format.js'
import type { GoSumDirReport, GoSumReport, MissingSumReport } from './types.js'

// A go.sum that lacks lines is a fault of the module's files, as an unknown revision is: no mirror and no
// retry can help, and the fix is a commit. So it takes that class rather than a new one.
export const GO_SUM_CLASS: FailureClass = 'invalid-version'

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

/** The count for the advice list, or undefined when go.sum lacks nothing. */
export function goSumAdviceCount(goSum: GoSumReport | undefined): string | undefined {
  const missing = allMissing(goSum).length
  return missing === 0 ? undefined : plural(missing, 'missing line')
}
