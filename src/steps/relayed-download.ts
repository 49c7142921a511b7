/**
 * The download through the relay, as one report: what the relay saw folded into what go's processes
 * reported, and, with `modules: go.sum`, the go processes for what go.sum names and the prefetch did not fetch.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { downloadModules, type EngineOptions } from '../download/engine.js'
import type { DownloadReport, ModuleFailure, RecoveredModule } from '../download/types.js'
import type { ModuleSums } from '../go/gosum.js'
import { downloadDir, escapeModulePath, extractedDir } from '../go/modcache.js'
import { isCanonicalVersion, modulePathProblem } from '../go/module-path.js'
import { requiredModules } from '../go/workspace.js'
import type { RelayReport } from '../relay/types.js'
import { relayMirrorStats, relayRecovered } from './relay-session.js'
import type { Workdir } from './setup.js'

/**
 * The engine's report with the relay's account of the same download: the relay's mirrors, the modules it
 * recovered beside those go's retries did, and after a failure every required module no mirror had.
 */
export function withRelayReport(
  download: DownloadReport,
  relay: RelayReport,
  workdirs: Workdir[]
): DownloadReport {
  return {
    ...download,
    mirrors: relayMirrorStats(relay),
    recovered: mergeRecovered(download.recovered, relayRecovered(relay)),
    failed:
      download.outcome === 'failure'
        ? [...download.failed, ...missingEverywhere(relay, workdirs, download)]
        : download.failed
  }
}

/** The modules go's retries recovered, then those the relay recovered that go's do not list. */
export function mergeRecovered(engine: RecoveredModule[], relay: RecoveredModule[]): RecoveredModule[] {
  const seen = new Set(engine.map(m => `${m.module}@${m.version}`))
  return [...engine, ...relay.filter(m => !seen.has(`${m.module}@${m.version}`))]
}

/**
 * After a failed download: every module the main modules require that no mirror has, or that every
 * mirror served a bad copy of, from the relay's record (the prefetch asked for all of them), not only
 * the first go stopped at.
 */
export function missingEverywhere(
  relay: RelayReport,
  workdirs: Workdir[],
  download: DownloadReport
): ModuleFailure[] {
  const named = new Set(download.failed.map(f => `${f.module}@${f.version}`))
  const failures: ModuleFailure[] = []
  for (const workdir of workdirs) {
    if (download.workdirs.find(w => w.workdir === workdir.label)?.ok) continue
    let required: Set<string>
    try {
      required = requiredModules(readFileSync(path.join(workdir.dir, 'go.mod'), 'utf8'))
    } catch {
      continue
    }
    for (const file of relay.files) {
      const key = `${file.module}@${file.version}`
      const mismatch = file.outcome === 'failed' && file.failure?.class === 'checksum-mismatch'
      if (
        !(file.outcome === 'not-found' || mismatch) ||
        !file.module ||
        named.has(key) ||
        !required.has(key)
      ) {
        continue
      }
      named.add(key)
      failures.push({
        module: file.module,
        version: file.version ?? '',
        class: mismatch ? 'checksum-mismatch' : 'not-found',
        transient: false,
        proxy: [...new Set(file.tries.map(t => t.mirror))].join(', '),
        message: file.failure?.message ?? 'not found on any mirror',
        workdir: workdir.label,
        fromRelay: true
      })
    }
  }
  return failures
}

/**
 * The modules go.sum names that are in the module cache neither as a verified zip (the prefetch put
 * most there) nor extracted, as `path@version` arguments.
 */
export function missingFromCache(sums: ReadonlyMap<string, ModuleSums>, modCache: string): string[] {
  const wanted: string[] = []
  for (const entry of sums.values()) {
    // A go.sum line go would never write (a path go takes for a flag among them) is not passed to go.
    if (!entry.zip || modulePathProblem(entry.path) || !isCanonicalVersion(entry.version)) continue
    const ziphash = path.join(downloadDir(modCache, entry.path), `${escapeModulePath(entry.version)}.ziphash`)
    if (!existsSync(extractedDir(modCache, entry.path, entry.version)) && !existsSync(ziphash))
      wanted.push(`${entry.path}@${entry.version}`)
  }
  return wanted.sort()
}

/**
 * `modules: go.sum`: after the build's modules, every other module version go.sum names that the
 * prefetch did not put in the cache (private paths, what no mirror had), so that later commands (go mod
 * tidy -diff among them) find them there; usually nothing is left and no go process runs. Its go
 * processes join the download's attempts. What go cannot get is a warning: go.sum may hold lines no mirror has.
 */
export async function downloadGoSumModules(
  workdirs: Workdir[],
  sums: ReadonlyMap<string, ModuleSums>,
  modCache: string,
  download: DownloadReport,
  engine: Omit<EngineOptions, 'workdirs'>,
  deadline: number
): Promise<string[]> {
  const warnings: string[] = []
  const wanted = missingFromCache(sums, modCache)
  // A command line stays well under Windows' 32K characters.
  const batches: string[][] = []
  for (const module of wanted) {
    const last = batches.at(-1)
    if (last && last.length < 200 && last.join(' ').length + module.length < 20_000) last.push(module)
    else batches.push([module])
  }
  const first = workdirs[0]
  if (!first) return warnings
  for (const modules of batches) {
    if (Date.now() >= deadline) break
    const timeoutMs = deadline - Date.now()
    const firstAttempt = download.attempts.length + 1
    const { report } = await downloadModules({
      ...engine,
      timeoutMs,
      workdirs: [first],
      modules,
      firstAttempt
    })
    download.attempts.push(...report.attempts)
    for (const failure of report.failed) {
      warnings.push(
        `go.sum names ${failure.module}@${failure.version}, which could not be downloaded (${failure.class}): later commands may need the network for it`
      )
    }
  }
  return warnings
}
