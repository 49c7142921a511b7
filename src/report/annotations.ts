import { readFileSync } from 'node:fs'
import path from 'node:path'

import type { ModuleFailure, RecoveredModule } from '../download/types.js'
import {
  adviceFor,
  budgetAdvice,
  privateModuleHint,
  privateModuleHints,
  stoppedByBudget,
  type ClassAdvice
} from './advice.js'
import { redactUrl } from '../security/redact.js'
import { plural, shorten } from './format.js'
import { allMissing, missingKey, missingSubject } from './gosum.js'
import type { GoSumDirReport, GoSumReport, MissingSumReport, RunReport } from './types.js'

/** Where an annotation points: a title, and a file of the repository with a line. */
export interface AnnotationProperties {
  title?: string
  file?: string
  startLine?: number
}

export interface Annotation {
  level: 'error' | 'warning'
  message: string
  properties: AnnotationProperties
}

/** Where annotations go: the runner in a run, a recorder in tests. */
export interface AnnotationSink {
  error(message: string, properties?: AnnotationProperties): void
  warning(message: string, properties?: AnnotationProperties): void
}

export interface AnnotateOptions {
  /** Absolute path of the workspace; annotation files are relative to it. */
  workspace: string
  /** Reads a file, or returns undefined when it does not exist. */
  readFile?: (p: string) => string | undefined
  /** GitHub shows at most 10 error annotations per step; past that, one annotation sums up the rest. */
  maxErrors?: number
}

const MESSAGE_CHARS = 1000
const LISTED_RECOVERIES = 10

/** Emits an annotation per failed module, on the go.mod line that requires it, and one for recoveries. */
export function annotate(report: RunReport, opts: AnnotateOptions, sink: AnnotationSink): void {
  for (const annotation of annotationsFor(report, opts)) {
    sink[annotation.level](annotation.message, annotation.properties)
  }
}

/** The annotations for a run, without emitting them. */
export function annotationsFor(report: RunReport, opts: AnnotateOptions): Annotation[] {
  const readFile = opts.readFile ?? readFileOrUndefined
  const maxErrors = Math.max(1, opts.maxErrors ?? 10)
  // With a vendor fallback the step succeeds, so the failures are warnings, not errors.
  const level = report.outcome === 'vendor' ? 'warning' : 'error'
  const failed = report.download.failed
  const shown = failed.length > maxErrors ? failed.slice(0, maxErrors - 1) : failed
  const byBudget = stoppedByBudget(report.download)
  const annotations: Annotation[] = shown.map(failure => ({
    level,
    message: failureMessage(
      failure,
      report.outcome === 'vendor',
      byBudget(failure) ? budgetAdvice(report.download.timeoutMs) : adviceFor(failure.class, [failure])
    ),
    properties: {
      title: `go mod download: ${failure.class}`,
      ...failureLocation(failure, opts.workspace, readFile)
    }
  }))
  if (shown.length < failed.length) annotations.push(remainingFailures(failed.slice(shown.length), level))
  if (report.download.recovered.length > 0) annotations.push(recoveries(report.download.recovered))
  const errorsLeft = maxErrors - annotations.filter(a => a.level === 'error').length
  annotations.push(...goSumAnnotations(report.goSum, errorsLeft))
  return annotations
}

function failureMessage(failure: ModuleFailure, vendored: boolean, advice: ClassAdvice): string {
  const what =
    failure.module === ''
      ? `go mod download failed in ${failure.workdir} before naming a module`
      : `${failure.module}@${failure.version} could not be downloaded`
  const fallback = vendored ? '; the build uses the committed vendor/ instead' : ''
  const goSaid = shorten(redactUrl(failure.message).trim(), MESSAGE_CHARS)
  return [
    `${what} (${failure.class}, last tried on ${redactUrl(failure.proxy)})${fallback}.`,
    goSaid === '' ? undefined : `go said: ${goSaid}`,
    `${advice.meaning} Fix: ${advice.fix}`,
    privateModuleHint(privateModuleHints([failure]))
  ]
    .filter(line => line !== undefined)
    .join('\n')
}

function remainingFailures(rest: ModuleFailure[], level: Annotation['level']): Annotation {
  const names = rest
    .slice(0, 20)
    .map(f => (f.module === '' ? `(${f.class})` : `${f.module}@${f.version} (${f.class})`))
  const more = rest.length > names.length ? `, and ${rest.length - names.length} more` : ''
  return {
    level,
    message: `${rest.length} more modules could not be downloaded: ${names.join(', ')}${more}. The job summary and the JSON report list them all.`,
    properties: { title: 'go mod download: more failures' }
  }
}

function recoveries(recovered: RecoveredModule[]): Annotation {
  const listed = recovered
    .slice(0, LISTED_RECOVERIES)
    .map(
      m => `${m.module}@${m.version} (${m.class}, ${m.attempts} attempts, served by ${redactUrl(m.proxy)})`
    )
  const more = recovered.length > listed.length ? `, and ${recovered.length - listed.length} more` : ''
  const count = recovered.length === 1 ? '1 module needed' : `${recovered.length} modules needed`
  return {
    level: 'warning',
    message: `${count} a retry or another mirror: ${listed.join(', ')}${more}.`,
    properties: { title: 'go mod download: recovered' }
  }
}

/** The go.mod (and line) that asks for the failed module, relative to the workspace. */
/** One annotation per missing line, where it belongs: an error where it fails the step, else a warning. */
export function goSumAnnotations(goSum: GoSumReport | undefined, maxErrors: number): Annotation[] {
  const all = allMissing(goSum)
  const failing = all.filter(m => m.dir.handling === 'stops').length
  // GitHub shows 10 error annotations of a step: past the budget, one more sums up the rest.
  const errorsShown = failing > maxErrors ? Math.max(0, maxErrors - 1) : failing
  const annotations: Annotation[] = []
  const rest: string[] = []
  let errors = 0
  for (const m of all) {
    const level = m.dir.handling === 'stops' ? 'error' : 'warning'
    if (level === 'error' && errors++ >= errorsShown) {
      rest.push(missingKey(m))
      continue
    }
    annotations.push({
      level,
      message: annotationText(m, m.dir),
      properties: {
        title: 'go.sum lacks a line',
        ...(m.file === undefined ? {} : { file: m.file }),
        ...(m.startLine === undefined ? {} : { startLine: m.startLine })
      }
    })
  }
  if (rest.length > 0) {
    annotations.push({
      level: 'error',
      message: `go.sum lacks ${plural(rest.length, 'more line')} that go build needs: ${rest.slice(0, 20).join(', ')}${rest.length > 20 ? ', …' : ''}. The job summary and the JSON report list them all.`,
      properties: { title: 'go.sum lacks more lines' }
    })
  }
  return annotations
}

/** The same words whether the step fails or warns. */
function annotationText(m: MissingSumReport, dir: GoSumDirReport): string {
  const what = m.line === 'go.mod' ? 'the go.mod hash' : 'the hash'
  const needs = m.package ? `package ${m.package} needs` : 'go needs to load the module graph'
  const file = dir.workspace ? 'go.sum (or go.work.sum)' : 'go.sum'
  return [
    `${file} in ${dir.workdir} lacks ${what} of ${missingSubject(m)}, which ${needs}: go build stops at "missing go.sum entry". Run go mod tidy and commit go.sum.`,
    `go said: ${shorten(m.message, MESSAGE_CHARS)}`
  ].join('\n')
}

function failureLocation(
  failure: ModuleFailure,
  workspace: string,
  readFile: (p: string) => string | undefined
): Pick<AnnotationProperties, 'file' | 'startLine'> {
  const toolchain = failure.class === 'toolchain' || failure.module === 'golang.org/toolchain'
  // A failure that names no module has a line only when it is about the Go go.mod asks for.
  if (failure.module === '' && !toolchain) return {}
  const dir = path.resolve(workspace, failure.workdir)
  const goMod = path.join(dir, 'go.mod')
  const candidates = failure.module === '' ? [goMod] : [goMod, ...workspaceModules(dir, readFile)]
  for (const file of candidates) {
    const text = readFile(file)
    if (text === undefined) continue
    const line = toolchain
      ? findToolchainLine(text, failure.message)
      : (findReplacedLine(text, failure.module, failure.version) ??
        findRequireLine(text, failure.module) ??
        findReplacementLine(text, failure.module))
    if (line !== undefined) return { ...workspaceFile(workspace, file), startLine: line }
  }
  return failure.module === '' ? {} : workspaceFile(workspace, goMod)
}

/** go.mod files of the modules a go.work in `dir` uses. */
function workspaceModules(dir: string, readFile: (p: string) => string | undefined): string[] {
  const goWork = readFile(path.join(dir, 'go.work'))
  if (goWork === undefined) return []
  return directives(goWork)
    .filter(d => d.verb === 'use' && d.args[0] !== undefined)
    .map(d => path.join(dir, d.args[0]!, 'go.mod'))
}

function workspaceFile(workspace: string, file: string): Pick<AnnotationProperties, 'file'> {
  const relative = path.relative(workspace, file)
  // GitHub can only place an annotation on a file inside the repository.
  if (relative.startsWith('..') || path.isAbsolute(relative)) return {}
  return { file: relative.split(path.sep).join('/') }
}

/** The 1-based line of the `require` directive for `modulePath`, in single-line or block form. */
export function findRequireLine(goModText: string, modulePath: string): number | undefined {
  return directives(goModText).find(d => d.verb === 'require' && d.args[0] === modulePath)?.line
}

/** The line of the `replace` that applies to `modulePath@version`: what go fetched for it is the replacement. */
function findReplacedLine(goModText: string, modulePath: string, version: string): number | undefined {
  return directives(goModText).find(
    d => d.verb === 'replace' && d.args[0] === modulePath && (d.args[1] === '=>' || d.args[1] === version)
  )?.line
}

/** The line of a `replace` whose new path is `modulePath` (a fork that failed to download). */
function findReplacementLine(goModText: string, modulePath: string): number | undefined {
  return directives(goModText).find(d => {
    const arrow = d.args.indexOf('=>')
    return d.verb === 'replace' && arrow >= 0 && d.args[arrow + 1] === modulePath
  })?.line
}

/** The `go` line for go's `requires go >= ...`, else the `toolchain` line, else the `go` line. */
function findToolchainLine(goModText: string, message: string): number | undefined {
  const all = directives(goModText)
  const goLine = all.find(d => d.verb === 'go')
  if (/\brequires go >= /.test(message)) return goLine?.line
  return (all.find(d => d.verb === 'toolchain') ?? goLine)?.line
}

interface Directive {
  verb: string
  args: string[]
  line: number
}

/** go.mod / go.work directives, one per line, with block lines carrying the verb of their block. */
function directives(text: string): Directive[] {
  const found: Directive[] = []
  let block: string | undefined
  text.split(/\r?\n/).forEach((raw, index) => {
    const tokens = tokenize(raw)
    const line = index + 1
    if (tokens.length === 0) return
    if (block !== undefined) {
      if (tokens[0] === ')') block = undefined
      else found.push({ verb: block, args: tokens, line })
      return
    }
    const opener = /^([a-z]+)\s*\($/.exec(tokens.join(' '))
    if (opener) block = opener[1]
    else found.push({ verb: tokens[0]!, args: tokens.slice(1), line })
  })
  return found
}

/** Whitespace-separated tokens of one line, quotes removed, up to a `//` comment. */
function tokenize(line: string): string[] {
  const tokens: string[] = []
  for (const match of line.matchAll(/"(?:[^"\\]|\\.)*"|`[^`]*`|[^\s"`]+/g)) {
    const token = match[0]
    if (token.startsWith('"') || token.startsWith('`')) {
      tokens.push(token.slice(1, -1))
      continue
    }
    const comment = token.indexOf('//')
    if (comment >= 0) {
      if (comment > 0) tokens.push(token.slice(0, comment))
      break
    }
    tokens.push(token)
  }
  return tokens.flatMap(token =>
    token.length > 1 && token.endsWith('(') ? [token.slice(0, -1), '('] : [token]
  )
}

function readFileOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
}
