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
  goFetches: (entry: ModuleSums) => boolean = () => true
): {
  requests: Extract<ProxyRequest, { kind: 'version' }>[]
  /**
   * How many of the requests, from the first, go asks for before it unpacks anything: the module graph's
   * `.mod` files and the `.info` of every module it fetches. Its zips follow, in go's order, ahead of go.
   */
  goPart: number
  cached: number
  private: number
} {
  const mods: Extract<ProxyRequest, { kind: 'version' }>[] = []
  const infos: Extract<ProxyRequest, { kind: 'version' }>[] = []
  const zips: Extract<ProxyRequest, { kind: 'version' }>[] = []
  const later: Extract<ProxyRequest, { kind: 'version' }>[] = []
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
    for (const file of files) {
      if (listing(dir).has(`${escapeModulePath(entry.version)}.${file}`)) {
        cached++
        continue
      }
      const request = { kind: 'version' as const, module: entry.path, version: entry.version, file }
      if (file === 'mod') mods.push(request)
      else if (!goFetches(entry)) later.push(request)
      else if (file === 'info') infos.push(request)
      else zips.push(request)
    }
  }
  return {
    requests: [...mods, ...infos, ...zips, ...later],
    goPart: mods.length + infos.length,
    cached,
    private: privateCount
  }
}

/** Fetches every file go.sum names into the relay, `parallel` at a time; never throws. */
export async function prefetch(opts: PrefetchOptions): Promise<PrefetchReport> {
  const now = opts.now ?? Date.now
  const started = now()
  const plan = prefetchPlan(opts.sums, opts.modCache, opts.noProxy, opts.wantsZip, opts.goFetches)
  const report: PrefetchReport = {
    requested: plan.requests.length,
    fetched: 0,
    cached: plan.cached,
    private: plan.private,
    notFound: 0,
    failed: 0,
    durationMs: 0
  }
  let next = 0
  let goPartLeft = plan.goPart
  if (goPartLeft === 0) opts.onGoPart?.()
  const worker = async (): Promise<void> => {
    while (next < plan.requests.length) {
      const index = next++
      const request = plan.requests[index] as ProxyRequest
      try {
        const answer = await opts.fetch(request)
        if (answer.ok) report.fetched++
        else if (answer.status === 404) report.notFound++
        else report.failed++
      } catch {
        report.failed++
      }
      if (index < plan.goPart && --goPartLeft === 0) opts.onGoPart?.()
    }
  }
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(opts.parallel, plan.requests.length)) }, worker)
  )
  report.durationMs = now() - started
  return report
}
