import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'

import type { FailureClass } from '../failures/classes.js'
import { redactDeep, redactUrl } from '../security/redact.js'
import { shorten } from './format.js'
import { failingMissingSums, GO_SUM_CLASS } from './gosum.js'
import type { GoSumReport, RunReport } from './types.js'

/** One entry of the `failed-modules` output. */
export interface FailedModuleOutput {
  module: string
  version: string
  class: FailureClass
  /** The mirror last tried. */
  proxy: string
  message: string
}

/** One entry of the `recovered-modules` output. */
export interface RecoveredModuleOutput {
  module: string
  version: string
  class: FailureClass
  attempts: number
  /** The mirror that served it. */
  proxy: string
}

export interface OutputOptions {
  /** Where writeJsonReport put the JSON report. */
  reportPath: string
  /** The GOPROXY exported to later steps (redacted), or '' when none was. */
  exportedGoproxy: string
}

// An output may hold at most 1 MB; the JSON report keeps the full list and the full messages.
const OUTPUT_MESSAGE_CHARS = 1000
const OUTPUT_BYTES = 900 * 1024

/** Sets every output action.yml declares. */
export function setOutputs(
  report: RunReport,
  opts: OutputOptions,
  setOutput: (name: string, value: string) => void
): void {
  const download = report.download
  setOutput('outcome', report.outcome)
  setOutput('attempts', String(download.attempts.length))
  setOutput('proxy', redactUrl(opts.exportedGoproxy || completingMirror(report)))
  setOutput('failed-modules', jsonArrayWithin(failedModules(report), OUTPUT_BYTES))
  setOutput('recovered-modules', jsonArrayWithin(recoveredModules(report), OUTPUT_BYTES))
  setOutput('report', opts.reportPath)
  setOutput('cache-hit', String(report.cache?.hit === 'exact'))
  setOutput('cache-key', report.cache?.key ?? '')
}

export function failedModules(report: RunReport): FailedModuleOutput[] {
  return [
    ...report.download.failed.map(f => ({
      module: f.module,
      version: f.version,
      class: f.class,
      proxy: redactUrl(f.proxy),
      message: shorten(redactUrl(f.message), OUTPUT_MESSAGE_CHARS)
    })),
    ...goSumFailedModules(report.goSum)
  ]
}

/** The entries of the `failed-modules` output for the lines go build stops at. */
export function goSumFailedModules(goSum: GoSumReport | undefined): FailedModuleOutput[] {
  return failingMissingSums(goSum).map(m => ({
    module: m.module,
    version: m.version,
    class: GO_SUM_CLASS,
    proxy: '',
    message: shorten(m.message, OUTPUT_MESSAGE_CHARS)
  }))
}

export function recoveredModules(report: RunReport): RecoveredModuleOutput[] {
  return report.download.recovered.map(m => ({
    module: m.module,
    version: m.version,
    class: m.class,
    attempts: m.attempts,
    proxy: redactUrl(m.proxy)
  }))
}

/** The mirror that completed the download when no GOPROXY was exported. */
function completingMirror(report: RunReport): string {
  return report.download.workdirs.find(w => w.completedBy !== undefined)?.completedBy ?? ''
}

/** Writes the whole run as pretty JSON, with credentials removed from every URL. */
export async function writeJsonReport(report: RunReport, reportPath: string): Promise<void> {
  await mkdir(path.dirname(reportPath), { recursive: true })
  await writeFile(reportPath, `${JSON.stringify(redactDeep(report), null, 2)}\n`, 'utf8')
}

/** A JSON array of the leading items whose encoding fits in `maxBytes`. */
function jsonArrayWithin(items: unknown[], maxBytes: number): string {
  const encoded: string[] = []
  let used = 2
  for (const item of items) {
    const json = JSON.stringify(item)
    used += Buffer.byteLength(json, 'utf8') + 1
    if (used > maxBytes) break
    encoded.push(json)
  }
  return `[${encoded.join(',')}]`
}
