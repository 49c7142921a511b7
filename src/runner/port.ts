import type { AnnotationProperties } from '../report/annotations.js'
import type { SummaryBuilder } from '../report/summary/html.js'
import type { MainState } from './state.js'

/** The job summary of the step: built by the report's renderers, then written once. */
export interface JobSummary extends SummaryBuilder {
  /** Appends what was built to the step's summary file; nothing happens outside a runner. */
  write(): Promise<void>
}

/**
 * Everything the steps need from the GitHub runner, and nothing more: the one boundary between the
 * action and @actions/core. `actionsRunner()` is the real one; tests pass `fakeRunner()`.
 */
export interface Runner {
  /** An input as the workflow gave it, trimmed; '' when it is not set. */
  input(name: string): string
  debug(message: string): void
  info(message: string): void
  warning(message: string, where?: AnnotationProperties): void
  error(message: string, where?: AnnotationProperties): void
  notice(message: string, where?: AnnotationProperties): void
  /** Runs `work` inside a collapsible group of the log. */
  group<T>(title: string, work: () => Promise<T>): Promise<T>
  startGroup(title: string): void
  endGroup(): void
  setOutput(name: string, value: string): void
  /** Sets an environment variable for the later steps of the job. */
  exportVariable(name: string, value: string): void
  /** Puts a directory first on PATH, for this step and the later ones. */
  addPath(dir: string): void
  /** Masks a value in the log from now on. */
  setSecret(value: string): void
  /** Fails the step with one line. */
  setFailed(message: string): void
  /** Records what the post step needs; a later call replaces an earlier one. */
  saveMainState(state: MainState): void
  /** What the main step recorded; undefined when it recorded nothing. */
  mainState(): MainState | undefined
  summary: JobSummary
}
