/**
 * Unpacking while the prefetch still fetches: go unpacks a module zip on one CPU each, and only once the
 * module graph is in, so on a distant mirror its unpacking began only after seconds of waiting on the
 * network. Here a `go mod download path@version ...` with GOPROXY=off unpacks each module go will fetch
 * as soon as its `.mod`, `.info` and verified zip are in go's cache; the download's own go process then
 * finds those modules unpacked. go locks each module while it unpacks it, so the two never collide.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import type { GoProcess, GoRunner } from '../go/command.js'
import { readGoSums, type ModuleSums } from '../go/gosum.js'
import { extractedDir } from '../go/modcache.js'
import { isCanonicalVersion, modulePathProblem } from '../go/module-path.js'
import { matchesPrefixPatterns } from '../go/private-paths.js'
import { prunedGoMod, replacedPaths, requiredModules } from '../go/workspace.js'

/** Arguments per go process: a command line stays well under Windows' 32K characters. */
const MAX_MODULES = 200
const MAX_CHARS = 20_000
/**
 * A go process starts once this much is ready: it costs some tens of milliseconds before it unpacks
 * anything (more with a long go.mod), which only zips worth unpacking early pay back.
 */
const BATCH_BYTES = 1024 * 1024
const BATCH_MODULES = 100

/**
 * The modules (`path@version`) plain `go mod download` unpacks in each directory, for the unpacker: what
 * go.mod requires (go 1.17 and later list every module the build needs), less what a replace directive
 * swaps for something else, less private paths, and only where go.sum has both of go's lines (go then
 * needs no checksum database). Empty for a workspace or an older go.mod, where go fetches `all`.
 */
export async function unpackTargets(
  dirs: readonly string[],
  sums: ReadonlyMap<string, ModuleSums>,
  modCache: string,
  noProxy: string
): Promise<Map<string, string>> {
  const byModule = new Map<string, string>()
  for (const dir of dirs) {
    const goMod = prunedGoMod(dir)
    if (goMod === undefined) return new Map()
    // Each directory's own go.sum must name the modules it is asked for.
    const ownSums = dirs.length === 1 ? sums : await readGoSums([path.join(dir, 'go.sum')])
    const replaced = replacedPaths(goMod)
    for (const module of requiredModules(goMod)) {
      const at = module.lastIndexOf('@')
      const modulePath = module.slice(0, at)
      const entry = ownSums.get(module)
      if (byModule.has(module) || replaced.has(modulePath) || !entry?.zip || !entry.mod) continue
      // An argument go would take for a flag, or anything else go.mod could not hold, is not passed on.
      if (modulePathProblem(modulePath) || !isCanonicalVersion(entry.version)) continue
      if (noProxy !== '' && matchesPrefixPatterns(noProxy, modulePath)) continue
      if (existsSync(extractedDir(modCache, modulePath, module.slice(at + 1)))) continue
      byModule.set(module, dir)
    }
  }
  return byModule
}

/**
 * Whether the relay's thread has mostly waited since this was called: the mirror is far, the requests
 * wait on the network, and the CPUs have time to unpack. On a mirror close by the relay keeps its
 * thread busy and go's unpacking after it costs nothing extra.
 */
export function mostlyWaiting(): () => boolean {
  const since = performance.eventLoopUtilization()
  return () => performance.eventLoopUtilization(since).utilization < BUSY
}

/**
 * The share of time the relay's thread may be busy while it still counts as waiting. A mirror 40 ms away
 * reads 0.43 to 0.56 (more where creating a file costs more), one 10 ms away or close by 0.87 to 1.00 in
 * alternating runs; at 0.75, 100 modules 10 ms late switched in the benchmark and lost 300 ms.
 */
const BUSY = 0.6

/** What the unpacker did, for the log. */
export interface UnpackAheadReport {
  /** Modules unpacked by a go process that succeeded (a failed one's are left to go's own download). */
  modules: number
  /** go processes run. */
  processes: number
}

/**
 * Runs go on the modules made ready, one process at a time per directory batch, each taking every
 * module ready when it starts. Failures are left to the download's own go process, which fetches and
 * unpacks whatever is not there yet.
 */
export class UnpackAhead {
  private readonly waiting: { module: string; dir: string; bytes: number }[] = []
  private waitingBytes = 0
  private running: GoProcess | undefined
  private idle: Promise<void> = Promise.resolve()
  private closed = false
  private readonly report: UnpackAheadReport = { modules: 0, processes: 0 }

  constructor(
    private readonly targets: ReadonlyMap<string, string>,
    private readonly runner: GoRunner,
    /** go's environment for the download; GOPROXY is set off, so nothing is fetched. */
    private readonly env: NodeJS.ProcessEnv
  ) {}

  /** A module's files are in the cache, `bytes` of them fetched now: unpack it if go will. */
  ready(module: string, bytes: number): void {
    const dir = this.targets.get(module)
    if (dir === undefined || this.closed) return
    this.waiting.push({ module, dir, bytes })
    this.waitingBytes += bytes
    if (!this.running) this.next()
  }

  private next(): void {
    const first = this.waiting[0]
    if (!first || this.closed) return
    if (this.waitingBytes < BATCH_BYTES && this.waiting.length < BATCH_MODULES) return
    const batch: string[] = []
    let chars = 0
    for (let i = 0; i < this.waiting.length && batch.length < MAX_MODULES;) {
      const item = this.waiting[i] as { module: string; dir: string; bytes: number }
      if (item.dir !== first.dir) {
        i++
        continue
      }
      if (chars + item.module.length + 1 > MAX_CHARS) break
      chars += item.module.length + 1
      batch.push(item.module)
      this.waitingBytes -= item.bytes
      this.waiting.splice(i, 1)
    }
    this.report.processes++
    const proc = this.runner.download({
      cwd: first.dir,
      env: { ...this.env, GOPROXY: 'off' },
      onStderrLine: () => undefined,
      modules: batch
    })
    this.running = proc
    this.idle = proc.done.then(({ exitCode }) => {
      if (exitCode === 0) this.report.modules += batch.length
      this.running = undefined
      this.next()
      return this.running ? this.idle : undefined
    })
  }

  /** Starts no more go processes and waits for the one running: its module folders are whole then. */
  async close(): Promise<UnpackAheadReport> {
    this.closed = true
    await this.idle
    return { ...this.report }
  }
}
