import type { ModuleSums } from '../go/gosum.js'
import { downloadDir, downloadRoot, escapeModulePath, listingsOnce } from '../go/modcache.js'
import { matchesPrefixPatterns } from '../go/private-paths.js'
import type { ProxyRequest, VersionFile } from '../go/proxy-path.js'

/** What the prefetch did, for the report. */
export interface PrefetchReport {
  /** Files go.sum names that the prefetch asked the relay for. */
  requested: number
  fetched: number
  /** Already in the module cache: not fetched. */
  cached: number
  /** Private paths (GONOPROXY/GOPRIVATE): never asked of a mirror. */
  private: number
  /** No mirror has them: go.sum may hold stale lines, so this is not an error by itself. */
  notFound: number
  failed: number
  durationMs: number
}

export interface PrefetchOptions {
  sums: ReadonlyMap<string, ModuleSums>
  modCache: string
  /** GONOPROXY patterns (GOPRIVATE when unset). */
  noProxy: string
  /** How many files are asked for at once; the relay caps each mirror on its own. */
  parallel: number
  fetch: (request: ProxyRequest) => Promise<{ ok: boolean; status?: number; size?: number }>
  /** Which zips (with their .info) to fetch; every one go.sum has a hash for when absent. */
  wantsZip?: (entry: ModuleSums) => boolean
  /** Zips go fetches itself, fetched before the others so that go finds them in place. */
  goFetches?: (entry: ModuleSums) => boolean
  /** Called once the files go asks for before it unpacks anything are settled (in the cache, or not to be had). */
  onGoPart?: () => void
  /**
   * Modules (`path@version`) that can be unpacked while the rest is fetched. After the first round of
   * requests `measure()` starts a measure, and a few rounds later what it returned says whether to: then
   * each module's `.mod`, `.info` and zip are fetched together, these modules first, and `ready` hears of
   * each module whose files are all in the cache, with the bytes fetched for it (0 for files already there).
   */
  early?: {
    modules: ReadonlySet<string>
    measure(): () => boolean
    ready(module: string, bytes: number): void
  }
  now?: () => number
}

/**
 * The files go will ask for, from go.sum: the .mod of every version it names (the module graph), and
 * the .info and zip of every version with a zip hash. In go's own order: the `.mod` files (go loads the
 * graph first), the `.info` of each module go fetches (go stats them all before any zip), their zips in
 * go.sum's order (go's), and then what only go.sum names.
 */
export function prefetchPlan(
  sums: ReadonlyMap<string, ModuleSums>,
  modCache: string,
  noProxy: string,
  wantsZip: (entry: ModuleSums) => boolean = () => true,
  goFetches: (entry: ModuleSums) => boolean = () => true,
  early: ReadonlySet<string> = new Set()
): {
  requests: VersionRequest[]
  /**
   * How many of the requests, from the first, go asks for before it unpacks anything: the module graph's
   * `.mod` files and the `.info` of every module it fetches. Its zips follow, in go's order, ahead of go.
   */
  goPart: number
  /**
   * The early modules' requests (indexes into `requests`), each module's files together in go.sum's
   * order; the early modules whose files are all in the cache already; the files each other one needs.
   */
  early: { files: number[]; ready: string[]; left: ReadonlyMap<string, number> }
  cached: number
  private: number
} {
  const mods: VersionRequest[] = []
  const infos: VersionRequest[] = []
  const zips: VersionRequest[] = []
  const later: VersionRequest[] = []
  const earlyFiles: VersionRequest[] = []
  const earlyReady: string[] = []
  const earlyLeft = new Map<string, number>()
  let cached = 0
  let privateCount = 0
  // One listing per module folder, shared by its versions, instead of a file system call per file.
  const listing = listingsOnce(downloadRoot(modCache))
  for (const entry of sums.values()) {
    const files: VersionFile[] = []
    if (entry.mod) files.push('mod')
    if (entry.zip && wantsZip(entry)) files.push('info', 'zip')
    if (noProxy !== '' && matchesPrefixPatterns(noProxy, entry.path)) {
      privateCount += files.length
      continue
    }
    const dir = downloadDir(modCache, entry.path)
    const key = `${entry.path}@${entry.version}`
    const isEarly = files.length === 3 && early.has(key)
    let left = 0
    for (const file of files) {
      if (listing(dir).has(`${escapeModulePath(entry.version)}.${file}`)) {
        cached++
        continue
      }
      const request = { kind: 'version' as const, module: entry.path, version: entry.version, file }
      left++
      if (isEarly) earlyFiles.push(request)
      if (file === 'mod') mods.push(request)
      else if (!goFetches(entry)) later.push(request)
      else if (file === 'info') infos.push(request)
      else zips.push(request)
    }
    if (isEarly && left === 0) earlyReady.push(key)
    else if (isEarly) earlyLeft.set(key, left)
  }
  const requests = [...mods, ...infos, ...zips, ...later]
  const index = new Map(requests.map((request, i) => [request, i]))
  return {
    requests,
    goPart: mods.length + infos.length,
    early: {
      files: earlyFiles.map(request => index.get(request) as number),
      ready: earlyReady,
      left: earlyLeft
    },
    cached,
    private: privateCount
  }
}

type VersionRequest = Extract<ProxyRequest, { kind: 'version' }>

/** Fetches every file go.sum names into the relay, `parallel` at a time; never throws. */
export async function prefetch(opts: PrefetchOptions): Promise<PrefetchReport> {
  const now = opts.now ?? Date.now
  const started = now()
  const early = opts.early
  const plan = prefetchPlan(
    opts.sums,
    opts.modCache,
    opts.noProxy,
    opts.wantsZip,
    opts.goFetches,
    early?.modules
  )
  const report: PrefetchReport = {
    requested: plan.requests.length,
    fetched: 0,
    cached: plan.cached,
    private: plan.private,
    notFound: 0,
    failed: 0,
    durationMs: 0
  }
  const total = plan.requests.length
  // Per request: 1 once a worker took it, 2 once it settled.
  const state = new Uint8Array(total)
  // Once unpacking early, go starts after the early modules' zips as well: it then finds them unpacked,
  // instead of fetching and hashing again those still on their way.
  const goWaitsFor = new Uint8Array(total).fill(1, 0, plan.goPart)
  let goPartLeft = plan.goPart
  if (goPartLeft === 0) opts.onGoPart?.()
  let cursor = 0
  let earlyCursor = 0
  let unpacking = false
  const take = (index: number): number | undefined => {
    if (state[index] !== 0) return undefined
    state[index] = 1
    return index
  }
  const nextIndex = (): number | undefined => {
    const files = plan.early.files
    while (unpacking && earlyCursor < files.length) {
      const index = take(files[earlyCursor++] as number)
      if (index !== undefined) return index
    }
    while (cursor < total) {
      const index = take(cursor++)
      if (index !== undefined) return index
    }
    return undefined
  }
  // Early modules that have all their files, and their bytes, until unpacking early is decided on.
  const ready: [string, number][] = plan.early.ready.map(module => [module, 0])
  const pending = new Map([...plan.early.left].map(([key, files]) => [key, { files, bytes: 0 }]))
  const moduleIn = (request: VersionRequest, size: number): void => {
    const key = `${request.module}@${request.version}`
    const module = pending.get(key)
    if (!module) return
    module.bytes += size
    if (--module.files > 0) return
    pending.delete(key)
    if (unpacking) early?.ready(key, module.bytes)
    else ready.push([key, module.bytes])
  }
  const unpackEarly = (): void => {
    unpacking = true
    for (const index of plan.early.files) {
      if (goWaitsFor[index] === 0 && state[index] !== 2) goPartLeft++
      goWaitsFor[index] = 1
    }
    for (const [module, size] of ready.splice(0)) early?.ready(module, size)
  }
  // Measured from the end of the first round (connections, code run for the first time) for a few rounds,
  // at most half of go's part, so that there is still a graph to fetch while go unpacks.
  const rounds = Math.min(2 * opts.parallel, Math.floor(plan.goPart / 2))
  const decision =
    early && pending.size + ready.length > 0 && rounds > 0
      ? { early, measureAt: opts.parallel, askAt: opts.parallel + rounds, mostlyWaited: () => false }
      : undefined
  let settled = 0
  const worker = async (): Promise<void> => {
    for (let index = nextIndex(); index !== undefined; index = nextIndex()) {
      const request = plan.requests[index] as VersionRequest
      try {
        const answer = await opts.fetch(request)
        if (answer.ok) {
          report.fetched++
          moduleIn(request, answer.size ?? 0)
        } else if (answer.status === 404) report.notFound++
        else report.failed++
      } catch {
        report.failed++
      }
      state[index] = 2
      if (goWaitsFor[index] === 1 && --goPartLeft === 0) opts.onGoPart?.()
      settled++
      if (settled === decision?.measureAt) decision.mostlyWaited = decision.early.measure()
      if (settled === decision?.askAt && goPartLeft > 0 && decision.mostlyWaited()) unpackEarly()
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.parallel, total)) }, worker))
  report.durationMs = now() - started
  return report
}
