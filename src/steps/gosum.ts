import { readFileSync } from 'node:fs'
import path from 'node:path'
import { formatDuration } from '../config/duration.js'
import type { GoCommand, GoEnv } from '../go/command.js'
import { checkGoSum, type GoSumCheck, type MissingSum } from '../go/gosum-check.js'
import { matchesPrefixPatterns } from '../go/private-paths.js'
import { workspaceModules } from '../go/workspace.js'
import { checksumDatabase } from '../network/sumdb.js'
import { findRequireLine } from '../report/annotations.js'
import { plural } from '../report/format.js'
import type { GoSumDirReport, GoSumReport, MissingSumReport } from '../report/types.js'
import type { Runner } from '../runner/port.js'
import { escapeControls } from '../security/log-text.js'

export interface GoSumCheckStep {
  runner: Runner
  go: GoCommand
  workdirs: { label: string; dir: string }[]
  /** The repository root: annotations point at files relative to it. */
  workspace: string
  /** The download's environment. */
  env: NodeJS.ProcessEnv
  goEnv: GoEnv
  modCache: string
  /** The working directories whose go.sum the download left as it was (go added no line to it). */
  unchanged?: ReadonlySet<string>
}

/**
 * After a successful download: whether each working directory's go.sum holds every line go build will
 * need, one offline go list per directory. The report says which lines are missing and where they belong.
 */
export async function checkGoSums(opts: GoSumCheckStep): Promise<GoSumReport> {
  const started = Date.now()
  const goflags = opts.goEnv.GOFLAGS ?? ''
  const noSumDb = (opts.env.GONOSUMDB ?? '').trim() || (opts.env.GOPRIVATE ?? '').trim() || ''
  const dirs: GoSumDirReport[] = []
  for (const workdir of opts.workdirs) {
    const check = await checkGoSum(opts.go, {
      dir: workdir.dir,
      env: opts.env,
      goflags,
      modCache: opts.modCache,
      timeoutMs: 120_000,
      unchangedByDownload: opts.unchanged?.has(workdir.dir) ?? false
    })
    const missing = check.missing.map(m => ({
      ...m,
      ...located(m, workdir.dir, check, opts.workspace),
      ...(m.module !== '' && noSumDb !== '' && matchesPrefixPatterns(noSumDb, m.module)
        ? { noChecksumDatabase: true }
        : {})
    }))
    const report: GoSumDirReport = {
      workdir: workdir.label,
      handling: check.handling,
      ...(check.workFile ? { workspace: true } : {}),
      missing,
      ...(check.skipped === undefined ? {} : { skipped: check.skipped }),
      ...(check.complete === undefined ? {} : { complete: check.complete }),
      ...(check.inconclusive === undefined ? {} : { inconclusive: check.inconclusive }),
      durationMs: check.durationMs
    }
    opts.runner.info(escapeControls(logLine(report)))
    dirs.push(report)
  }
  const database = checksumDatabase(opts.goEnv.GOSUMDB || opts.env.GOSUMDB || 'sum.golang.org')
  return {
    dirs,
    ...(database ? { checksumDatabase: database.name } : {}),
    durationMs: Date.now() - started
  }
}

/** Whether go.sum is what fails the step: a line go build stops at is missing. */
export function goSumFails(report: GoSumReport | undefined): boolean {
  return (report?.dirs ?? []).some(dir => dir.handling === 'stops' && dir.missing.length > 0)
}

function logLine(dir: GoSumDirReport): string {
  const took = formatDuration(dir.durationMs)
  if (dir.skipped !== undefined) return `go.sum: ${dir.workdir} not checked: ${dir.skipped}`
  if (dir.inconclusive !== undefined)
    return `go.sum: ${dir.workdir} could not be checked: ${dir.inconclusive}`
  if (dir.complete !== undefined)
    return `go.sum: ${dir.workdir} has a line for every module go build needs: ${dir.complete}`
  if (dir.missing.length === 0) {
    return `go.sum: ${dir.workdir} has a line for every module its packages and tests need (go list, offline, ${took})`
  }
  const names = dir.missing.map(m => (m.module === '' ? `package ${m.package}` : `${m.module}@${m.version}`))
  const then =
    dir.handling === 'stops' ? 'go build would stop there' : 'later go commands add them themselves'
  return `go.sum: ${dir.workdir} lacks ${plural(dir.missing.length, 'line')} go build needs, for ${names.join(', ')}; ${then} (${took})`
}

/**
 * Where a missing line belongs, for its annotation: beside the module's other line in the go.sum that holds
 * it (go.work.sum and the modules' go.sum in a workspace), else on the go.mod line that requires the module.
 */
function located(
  m: MissingSum,
  dir: string,
  check: GoSumCheck,
  workspace: string
): Pick<MissingSumReport, 'file' | 'startLine'> {
  const root = check.workFile ? path.dirname(check.workFile) : dir
  const moduleDirs = check.workFile
    ? workspaceModules(readText(check.workFile) ?? '').map(use => path.resolve(root, use))
    : [dir]
  const goSums = [
    ...(check.workFile ? [`${check.workFile}.sum`] : []),
    ...moduleDirs.map(d => path.join(d, 'go.sum'))
  ]
  if (m.module !== '') {
    const other = m.line === 'zip' ? `${m.module} ${m.version}/go.mod ` : `${m.module} ${m.version} `
    for (const file of goSums) {
      const index = (readText(file) ?? '').split(/\r?\n/).findIndex(line => line.startsWith(other))
      if (index >= 0) return inRepository(workspace, file, index + 1)
    }
    for (const d of moduleDirs) {
      const goMod = path.join(d, 'go.mod')
      const line = findRequireLine(readText(goMod) ?? '', m.module)
      if (line !== undefined) return inRepository(workspace, goMod, line)
    }
  }
  const first = goSums.find(file => readText(file) !== undefined) ?? path.join(moduleDirs[0] ?? dir, 'go.mod')
  return inRepository(workspace, first)
}

function inRepository(
  workspace: string,
  file: string,
  line?: number
): Pick<MissingSumReport, 'file' | 'startLine'> {
  const relative = path.relative(workspace, file)
  // GitHub can only place an annotation on a file inside the repository.
  if (relative.startsWith('..') || path.isAbsolute(relative)) return {}
  return { file: relative.split(path.sep).join('/'), ...(line === undefined ? {} : { startLine: line }) }
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
}
