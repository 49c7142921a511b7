import type { AnnotationProperties } from '../src/report/annotations.js'
import type { JobSummary, Runner } from '../src/runner/port.js'
import { parseMainState, serializeMainState, type MainState } from '../src/runner/state.js'

/** One workflow command the step wrote: a log line, an annotation or a group boundary. */
export interface LoggedLine {
  level: 'debug' | 'info' | 'warning' | 'error' | 'notice' | 'group' | 'endgroup'
  message: string
  where?: AnnotationProperties
}

/** A Runner that records what a step did, for tests to read back as the runner's files would hold it. */
export interface FakeRunner extends Runner {
  log: LoggedLine[]
  outputs: Record<string, string>
  exported: Record<string, string>
  paths: string[]
  secrets: string[]
  /** The message of setFailed, when the step failed. */
  failed?: string
  /** The main state as saved, serialised the way the runner stores it. */
  savedState?: string
  /** What summary.write() appended, all writes together. */
  writtenSummary: string
  /** Lines of one level, in order. */
  lines(level: LoggedLine['level']): string[]
  /** The titles of the log's groups, in order; throws when one opens inside another or is left open. */
  groups(): string[]
}

export interface FakeRunnerOptions {
  inputs?: Record<string, string>
  /** State as a main step saved it, for a post step. */
  state?: MainState
  /** Replaces the summary write, e.g. with one that fails. */
  writeSummary?: (html: string) => Promise<void>
}

/** A runner for steps under test: inputs from a record, everything the step does recorded. */
export function fakeRunner(opts: FakeRunnerOptions = {}): FakeRunner {
  let buffer = ''
  const summary: JobSummary = {
    addHeading(text, level = 1) {
      buffer += `<h${level}>${text}</h${level}>\n`
    },
    addRaw(text, addEOL = false) {
      buffer += addEOL ? `${text}\n` : text
    },
    addList(items, ordered = false) {
      const tag = ordered ? 'ol' : 'ul'
      buffer += `<${tag}>${items.map(item => `<li>${item}</li>`).join('')}</${tag}>\n`
    },
    addDetails(label, content) {
      buffer += `<details><summary>${label}</summary>${content}</details>\n`
    },
    async write() {
      const html = buffer
      buffer = ''
      if (opts.writeSummary) await opts.writeSummary(html)
      runner.writtenSummary += html
    }
  }
  const record =
    (level: LoggedLine['level']) =>
    (message: string, where?: AnnotationProperties): void =>
      void runner.log.push({ level, message, ...(where ? { where } : {}) })
  const runner: FakeRunner = {
    log: [],
    outputs: {},
    exported: {},
    paths: [],
    secrets: [],
    savedState: opts.state === undefined ? undefined : serializeMainState(opts.state),
    writtenSummary: '',
    lines: level => runner.log.filter(l => l.level === level).map(l => l.message),
    groups() {
      const titles: string[] = []
      let open: string | undefined
      for (const { level, message } of runner.log) {
        if (level === 'group') {
          if (open !== undefined) throw new Error(`group '${message}' opened inside '${open}'`)
          open = message
          titles.push(message)
        } else if (level === 'endgroup') {
          if (open === undefined) throw new Error('a group ended that was never opened')
          open = undefined
        }
      }
      if (open !== undefined) throw new Error(`group '${open}' was left open`)
      return titles
    },
    input: name => (opts.inputs?.[name] ?? '').trim(),
    debug: record('debug'),
    info: record('info'),
    warning: record('warning'),
    error: record('error'),
    notice: record('notice'),
    async group(title, work) {
      runner.startGroup(title)
      try {
        return await work()
      } finally {
        runner.endGroup()
      }
    },
    startGroup: title => record('group')(title),
    endGroup: () => record('endgroup')(''),
    setOutput: (name, value) => void (runner.outputs[name] = value),
    exportVariable: (name, value) => void (runner.exported[name] = value),
    addPath: dir => void runner.paths.unshift(dir),
    setSecret: value => void runner.secrets.push(value),
    setFailed: message => {
      runner.failed = message
      record('error')(message)
    },
    saveMainState: state => void (runner.savedState = serializeMainState(state)),
    mainState: () => parseMainState(runner.savedState ?? ''),
    summary
  }
  return runner
}
