import type { ModulesMode } from '../config/inputs.js'
import type { RetryPolicy } from '../config/policy.js'
import { errorMessage } from '../failures/errors.js'
import { isModuleProxy } from '../download/engine.js'
import type { MirrorStats, RecoveredModule, RelayRoute } from '../download/types.js'
import { DownloadCacheWriter, settleCachedZips, type CachedZips } from '../go/download-cache.js'
import { readGoSums, type ModuleSums } from '../go/gosum.js'
import type { GoRunner } from '../go/command.js'
import { buildDownloadPaths } from '../go/workspace.js'
import { zipPool } from '../go/zip-pool.js'
import { noProxyPatterns } from '../go/private-paths.js'
import type { RelayEvent } from '../relay/types.js'
import type { ProbeHeard } from '../relay/health.js'
import { prefetch, type PrefetchReport } from '../relay/prefetch.js'
import { startRelay, type Relay } from '../relay/relay.js'
import type { FileRecord, RelayReport, TryRecord } from '../relay/types.js'
import { mostlyWaiting, UnpackAhead, unpackTargets, type UnpackAheadReport } from './unpack-ahead.js'

/** How the relay appears in the log and the report: never its address, which holds its secret. */
export const RELAY_LABEL = 'relay'

/** The mirrors the relay serves (module proxies: https, http, file) and the rest of the list, which go keeps. */
export function relayPlan(mirrors: readonly string[]): { served: string[]; direct: boolean } {
  const served = [...new Set(mirrors.filter(isModuleProxy))]
  return { served, direct: mirrors.includes('direct') }
}

/**
 * The mirrors in the order a request meets them: the module proxies as listed, those the probe put
 * last at the end of them, then the rest of the list (`direct`, `off`), which go keeps.
 */
export function mirrorOrder(mirrors: readonly string[], tryLast: readonly string[]): string[] {
  const proxies = mirrors.filter(isModuleProxy)
  return [
    ...proxies.filter(m => !tryLast.includes(m)),
    ...proxies.filter(m => tryLast.includes(m)),
    ...mirrors.filter(m => !proxies.includes(m))
  ]
}

/** The relay could not start (a port or a module cache it cannot use): go then asks the mirrors itself. */
export class RelayStartError extends Error {}

/** The relay of one main step, and the prefetch that fills it from go.sum. */
export interface RelaySession {
  relay: Relay
  route: RelayRoute
  sums: ReadonlyMap<string, ModuleSums>
  /** Settles when the prefetch has asked for every file go.sum names (all of them, with `modules: go.sum`). */
  prefetched: Promise<PrefetchReport>
  /**
   * Settles when the files go asks for before it unpacks anything (the module graph, the `.info` of each
   * module it fetches) are in go's cache or known not to be had: go started then finds them, and its zips,
   * fetched in go's order many at a time, are there before go reaches them.
   */
  goPart: Promise<void>
  /** Zips already in the cache whose .ziphash was completed or that were purged before the prefetch. */
  settled: CachedZips
  /** Stops the prefetch, the unpacking ahead, the relay and its connections; the report of everything they did. */
  close(): Promise<{ report: RelayReport; prefetch?: PrefetchReport; unpacked?: UnpackAheadReport }>
}

/**
 * Starts the relay in front of the mirrors for go, under the retry policy, and the prefetch of
 * everything go.sum names. Undefined when no mirror is a module proxy (`direct` alone, `off`); a
 * RelayStartError when the relay itself cannot start.
 */
export async function startRelaySession(opts: {
  policy: RetryPolicy
  /** `build` prefetches only the zips the build needs (the `modules` input). */
  modules: ModulesMode
  mirrors: readonly string[]
  tryLast: readonly string[]
  goSumFiles: readonly string[]
  /** The working directories, absolute: `modules: build` fetches the zips their go.mod files require. */
  dirs: readonly string[]
  modCache: string
  /** go's environment: HTTP proxy variables, netrc, GOPRIVATE and GONOPROXY as go reads them. */
  env: NodeJS.ProcessEnv
  deadline: number
  /** Made and masked before anything was logged. */
  secret: string
  onEvent: (event: RelayEvent) => void
  /** Starts the relay; the real one unless a test says otherwise. */
  startRelay?: typeof startRelay
  /** The connectivity probes: what each heard of its mirror tells the relay which mirrors are down. */
  probes?: { onHeard(listener: (mirror: string, heard: ProbeHeard) => void): void }
  /** Unpacks the modules go will fetch as soon as they are in its cache, with go's environment. */
  unpack?: { runner: GoRunner; env: NodeJS.ProcessEnv }
}): Promise<RelaySession | undefined> {
  const plan = relayPlan(opts.mirrors)
  if (plan.served.length === 0) return undefined
  const sums = await readGoSums(opts.goSumFiles)
  const noProxy = noProxyPatterns(opts.env)
  // The prefetch's verified files go into go's download cache, where go then finds them; a cache that
  // cannot be written to (a file where the folder should be) is go's to report, and the relay keeps its own.
  const cache = await DownloadCacheWriter.open(opts.modCache).catch(() => undefined)
  const settled = cache
    ? await settleCachedZips(
        opts.modCache,
        [...sums.values()].flatMap(e => (e.zip ? [{ path: e.path, version: e.version, zip: e.zip }] : [])),
        (file, size) => zipPool().hash(file, size)
      )
    : { completed: 0, purged: [] }
  // What plain go mod download fetches: all that `modules: build` wants, and what go asks for first.
  const buildPaths = buildDownloadPaths(opts.dirs)
  const start = opts.startRelay ?? startRelay
  const relay = await start({
    cache,
    mirrors: plan.served,
    tryLast: opts.tryLast,
    sums,
    env: opts.env,
    policy: { ...opts.policy, deadline: opts.deadline },
    onEvent: opts.onEvent,
    secret: opts.secret
  }).catch(async (error: unknown) => {
    await cache?.close()
    throw new RelayStartError(errorMessage(error))
  })
  opts.probes?.onHeard((mirror, heard) => relay.probed(mirror, heard))
  const route: RelayRoute = {
    goproxy: plan.direct ? `${relay.url}|direct` : relay.url,
    label: RELAY_LABEL,
    base: relay.url,
    progress: () => relay.progress(),
    explain: url => {
      const record = relay.explain(url)
      if (!record?.failure) return undefined
      return {
        class: record.failure.class,
        transient: record.failure.transient,
        mirrors: mirrorsAsked(record)
      }
    }
  }
  const targets = opts.unpack
    ? await unpackTargets(opts.dirs, sums, opts.modCache, noProxy)
    : new Map<string, string>()
  const unpacker =
    opts.unpack && targets.size > 0
      ? new UnpackAhead(targets, opts.unpack.runner, opts.unpack.env)
      : undefined
  let prefetchReport: PrefetchReport | undefined
  let goPartDone: () => void = () => undefined
  const goPart = new Promise<void>(resolve => (goPartDone = resolve))
  const prefetched = prefetch({
    sums,
    modCache: opts.modCache,
    noProxy,
    parallel: opts.policy.concurrency,
    fetch: request => relay.fetch(request),
    wantsZip: buildPaths && opts.modules === 'build' ? entry => buildPaths.has(entry.path) : undefined,
    goFetches: buildPaths ? entry => buildPaths.has(entry.path) : undefined,
    onGoPart: () => goPartDone(),
    early: unpacker && {
      modules: new Set(targets.keys()),
      measure: mostlyWaiting,
      ready: (module, bytes) => unpacker.ready(module, bytes)
    }
  }).then(report => {
    goPartDone()
    return (prefetchReport = report)
  })
  return {
    relay,
    route,
    sums,
    prefetched,
    goPart,
    settled,
    async close() {
      const unpacked = await unpacker?.close()
      await relay.close()
      await cache?.close()
      return { report: relay.report(), prefetch: prefetchReport, unpacked }
    }
  }
}

function mirrorsAsked(record: FileRecord): string {
  return [...new Set(record.tries.map(t => t.mirror))].join(', ')
}

/** The relay's per-mirror numbers in the shape of the engine's mirrors table. */
export function relayMirrorStats(report: RelayReport): MirrorStats[] {
  return report.mirrors.map(m => ({
    proxy: m.mirror,
    requests: m.requests,
    ok: m.ok,
    failuresByClass: m.failuresByClass,
    medianMs: m.p50Ms,
    demoted: m.breakerTrips > 0 || m.down === true,
    answered: m.answered
  }))
}

/**
 * Files that the relay got only after a retry, a hedge or another mirror, as recovered modules. A copy
 * that never answered and lost to a hedge counts as a failed try (it was `stalled`); a hedge sent only
 * because a body went quiet after it began, with no failure, does not.
 */
export function relayRecovered(report: RelayReport): RecoveredModule[] {
  const byModule = new Map<string, RecoveredModule>()
  const troubled = (t: TryRecord) => t.class !== undefined && t.outcome !== 'ok'
  for (const file of report.files) {
    if (file.outcome !== 'ok' || !file.module || !file.version || !file.servedBy) continue
    const failed = file.tries.find(troubled)
    if (!failed?.class) continue
    const key = `${file.module}@${file.version}`
    const tries = file.tries.filter(t => t.outcome !== 'lost' || troubled(t)).length
    const seen = byModule.get(key)
    if (!seen || tries > seen.attempts) {
      const explained = file.tries.filter(t => troubled(t) && t.detail)
      byModule.set(key, {
        module: file.module,
        version: file.version,
        class: failed.class,
        attempts: tries,
        proxy: file.servedBy,
        relayed: {
          failedOn: [...new Set(explained.map(t => t.mirror))],
          trail: `${file.name}: ${explained.map(t => `${t.mirror}: ${t.detail}`).join('; ')}`
        }
      })
    }
  }
  return [...byModule.values()]
}

/**
 * GOPROXY for later steps after a relayed download, in the user's order within each group: the
 * mirrors that answered and whose breaker never tripped, then those the relay never needed to ask
 * (but not those the probe found down), then those that answered but tripped; never one that was
 * asked and never answered (unless that is all there is). `direct` last when it was listed.
 * Credentials included.
 */
export function laterStepsGoproxy(
  mirrors: readonly string[],
  report: RelayReport,
  labelOf: (m: string) => string,
  probedDown: readonly string[] = []
): string {
  const plan = relayPlan(mirrors)
  const stats = new Map(report.mirrors.map(m => [m.mirror, m]))
  const of = (m: string) => stats.get(labelOf(m))
  const good = plan.served.filter(m => of(m)?.answered && (of(m)?.breakerTrips ?? 0) === 0)
  const unasked = plan.served.filter(m => (of(m)?.requests ?? 0) === 0 && !probedDown.includes(m))
  const shaky = plan.served.filter(m => of(m)?.answered && (of(m)?.breakerTrips ?? 0) > 0)
  const ordered = [...good, ...unasked, ...shaky]
  const chosen = ordered.length > 0 ? ordered : plan.served
  return [...chosen, ...(plan.direct ? ['direct'] : [])].join('|')
}
