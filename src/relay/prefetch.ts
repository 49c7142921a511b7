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
  fetch: (request: ProxyRequest) => Promise<{ ok: boolean; status?: number }>
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
   * each module whose files are all in the cache.
   */
  early?: { modules: ReadonlySet<string>; measure(): () => boolean; ready(module: string): void }
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
  /** The requests' indexes in the order that unpacks early: each early module's files together, in go.sum's order, then the rest. */
  earlyOrder: number[]
  /** How many of `earlyOrder`, from the first, are the early modules' files. */
  earlyFiles: number
  /** The early modules whose files are all in the cache already, and the number of files each still needs. */
  earlyReady: string[]
  earlyLeft: Map<string, number>
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
  const earlyOrder = earlyFiles.map(request => index.get(request) as number)
  const inEarly = new Set(earlyOrder)
  for (let i = 0; i < requests.length; i++) if (!inEarly.has(i)) earlyOrder.push(i)
  return {
    requests,
    goPart: mods.length + infos.length,
    earlyOrder,
    earlyFiles: earlyFiles.length,
    earlyReady,
    earlyLeft,
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
  const taken = new Uint8Array(total)
  const done = new Uint8Array(total)
  // Once unpacking early, go starts after the early modules' zips as well: it then finds them unpacked,
  // instead of fetching and hashing again those still on their way.
  const goWaitsFor = new Uint8Array(total)
  goWaitsFor.fill(1, 0, plan.goPart)
  let cursor = 0
  // Until the first requests are in, go's order; then the early order, if unpacking early is worth it.
  let order: number[] | undefined
  // Measured from the end of the first round (connections, code run for the first time) for a few rounds,
  // at most half of go's part, so that there is still a graph to fetch while go unpacks.
  const measureAt = early && plan.earlyLeft.size + plan.earlyReady.length > 0 ? opts.parallel : Number.NaN
  const rounds = Math.min(2 * opts.parallel, Math.floor(plan.goPart / 2))
  const askAfter = rounds > 0 ? measureAt + rounds : Number.NaN
  let measured: (() => boolean) | undefined
  let settled = 0
  const ready: string[] = [...plan.earlyReady]
  let unpacking = false
  const nextIndex = (): number | undefined => {
    while (cursor < total) {
      const index = order ? (order[cursor] as number) : cursor
      cursor++
      if (taken[index] === 0) {
        taken[index] = 1
        return index
      }
    }
    return undefined
  }
  const moduleIn = (request: VersionRequest): void => {
    const key = `${request.module}@${request.version}`
    const left = plan.earlyLeft.get(key)
    if (left === undefined) return
    plan.earlyLeft.set(key, left - 1)
    if (left > 1) return
    if (unpacking) early?.ready(key)
    else ready.push(key)
  }
  let goPartLeft = plan.goPart
  if (goPartLeft === 0) opts.onGoPart?.()
  const worker = async (): Promise<void> => {
    for (let index = nextIndex(); index !== undefined; index = nextIndex()) {
      const request = plan.requests[index] as VersionRequest
      try {
        const answer = await opts.fetch(request)
        if (answer.ok) {
          report.fetched++
          moduleIn(request)
        } else if (answer.status === 404) report.notFound++
        else report.failed++
      } catch {
        report.failed++
      }
      done[index] = 1
      if (goWaitsFor[index] === 1 && --goPartLeft === 0) opts.onGoPart?.()
      if (++settled === measureAt) measured = early?.measure()
      if (settled === askAfter && early && measured) {
        if (goPartLeft > 0 && measured()) {
          unpacking = true
          order = plan.earlyOrder
          cursor = 0
          for (const i of plan.earlyOrder.slice(0, plan.earlyFiles)) {
            if (goWaitsFor[i] === 0 && done[i] === 0) goPartLeft++
            goWaitsFor[i] = 1
          }
          for (const module of ready.splice(0)) early.ready(module)
        }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.parallel, total)) }, worker))
  report.durationMs = now() - started
  return report
}
