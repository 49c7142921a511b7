import { performance } from 'node:perf_hooks'
import { formatDuration } from '../config/duration.js'
import { redactEntry, redactGoproxy, redactMirror, redactUrl } from '../security/redact.js'
import {
  DEFAULT_TIMEOUTS,
  probe,
  systemResolver,
  type ProbeContext,
  type ProbeTimeouts,
  type Resolver
} from './probe.js'
import { httpProxySettings } from './http-proxy.js'
import { checksumDatabase } from './sumdb.js'
import { contextFor } from './trust.js'
import type { ConnectivityReport, EnvironmentEntry, ProbeResult } from './types.js'

export interface ConnectivityOptions {
  /** False to probe nothing and keep the listed order (the `probe` input). */
  enabled: boolean
  /** The restored module cache holds every file the download needs, so nothing is probed either. */
  cacheComplete?: boolean
  /** Mirrors, GOPROXY entries in the user's order; only http and https ones are probed. */
  mirrors: readonly string[]
  /** The environment go runs with: HTTP proxy variables and GOSUMDB are read from it. */
  env: NodeJS.ProcessEnv
  /** `go env` values, for settings the environment does not carry (GOSUMDB from go env -w). */
  goEnv?: Record<string, string>
  resolve?: Resolver
  timeouts?: Partial<ProbeTimeouts>
  /**
   * Once a mirror has answered, how long mirrors listed before it may keep the first attempt waiting;
   * at least three times the time the answering mirror took.
   */
  patienceMs?: number
  /** Trusted certificates (PEM); the system's and node's by default. */
  ca?: string[]
  /** Date.now() time at which the step's budget runs out: no probe outlasts it, and none starts after it. */
  deadline?: number
}

export interface ConnectivityCheck {
  /** GOPROXY entries to try after the others, as soon as the probes have said enough to order them. */
  tryLast: Promise<string[]>
  /** Marks the moment the download begins, so attempts can be placed on the step's clock. */
  downloadStarting(): void
  /**
   * For the log: one line per probe finished since the last call; the first call also names those still
   * running, which the order did not wait for.
   */
  logLines(): string[]
  /** Every probe's result, once all of them have finished. */
  finish(): Promise<ConnectivityReport>
  /**
   * Tells `listener` what each mirror's probe heard as it finishes (at once for those done): any HTTP
   * answer, or none at all (silent, refused, unresolvable). Nothing for a mirror that was not probed.
   */
  onHeard(listener: (mirror: string, heard: 'answered' | 'down') => void): void
}

interface MirrorProbe {
  value: string
  promise: Promise<ProbeResult>
  result?: ProbeResult
}

/** Starts probing every http(s) mirror and the checksum database in parallel, before the first attempt. */
export function startConnectivityCheck(options: ConnectivityOptions): ConnectivityCheck {
  const opts = { ...options, enabled: options.enabled && !options.cacheComplete }
  const startMs = performance.now()
  const settings = httpProxySettings(opts.env)
  const timeouts = { ...DEFAULT_TIMEOUTS, ...opts.timeouts }
  const patienceMs = opts.patienceMs ?? 250
  const base: ProbeContext = {
    settings,
    timeouts,
    resolve: opts.resolve ?? systemResolver,
    // Read once a probe meets TLS: the system store takes 20 to 30 ms, which plain http mirrors never need.
    trust: () => contextFor(opts.env, opts.ca)
  }
  const leftMs = (): number => (opts.deadline === undefined ? Infinity : opts.deadline - Date.now())
  // Each probe gets what is left of the step's budget at most.
  const context = (): ProbeContext => ({
    ...base,
    timeouts: { ...timeouts, totalMs: Math.max(0, Math.min(timeouts.totalMs, leftMs())) }
  })
  // go's requests went to these mirrors (through the relay, or listed in go's GOPROXY), not to the job's GOPROXY.
  const environment = requestEnvironment({ ...opts.env, GOPROXY: opts.mirrors.join('|') }, opts.goEnv ?? {})
  const sumdb = checksumDatabase(opts.env.GOSUMDB || opts.goEnv?.GOSUMDB || 'sum.golang.org')
  const mirrorPath = sumdb ? `sumdb/${sumdb.name}/supported` : ''

  const mirrors: MirrorProbe[] = opts.enabled
    ? opts.mirrors
        .filter(value => /^https?:\/\//i.test(value))
        .map(value => {
          const entry: MirrorProbe = {
            value,
            promise: probe({ target: value, role: 'mirror', url: mirrorUrl(value, mirrorPath) }, context())
          }
          void entry.promise.then(result => {
            entry.result = result
            settle()
          })
          return entry
        })
    : []
  const sumdbProbe =
    opts.enabled && sumdb
      ? probe({ target: sumdb.url, role: 'checksum-db', url: new URL('latest', `${sumdb.url}/`) }, context())
      : undefined
  // One mirror (or none) keeps its place whatever its probe finds.
  const alone = mirrors.length < 2
  const logged = new Set<MirrorProbe>()
  let loggedOnce = false
  let orderSettledMs = 0
  let downloadStartMs: number | undefined
  let triedLast: string[] = []
  let patience: NodeJS.Timeout | undefined
  let settled = false
  let resolveOrder: (values: string[]) => void = () => undefined
  const tryLast = new Promise<string[]>(resolve => (resolveOrder = resolve))

  /**
   * Settles the order once no mirror listed before the first one that answered is still worth waiting
   * for. A lone mirror has no order to settle, so nothing waits for its probe: what the probe hears
   * reaches the relay through `onHeard` all the same.
   */
  function settle(force = false): void {
    if (settled) return
    const answered = mirrors.findIndex(m => m.result !== undefined && m.result.verdict !== 'down')
    const pendingBefore = mirrors.slice(0, answered < 0 ? mirrors.length : answered).some(m => !m.result)
    if (pendingBefore && !force && !alone) {
      const first = mirrors[answered]?.result
      if (first && patience === undefined) {
        patience = setTimeout(() => settle(true), Math.max(patienceMs, 3 * first.durationMs))
      }
      return
    }
    settled = true
    if (patience !== undefined) clearTimeout(patience)
    orderSettledMs = performance.now() - startMs
    triedLast = alone
      ? []
      : mirrors.filter((m, i) => (m.result ? m.result.verdict === 'down' : i < answered)).map(m => m.value)
    resolveOrder(triedLast)
  }
  settle()

  return {
    tryLast,
    downloadStarting() {
      downloadStartMs = Math.round(performance.now())
    },
    logLines() {
      const first = !loggedOnce
      loggedOnce = true
      const done = mirrors.filter(m => m.result && !logged.has(m))
      for (const m of done) logged.add(m)
      const waiting = first
        ? mirrors
            .filter(m => !m.result)
            .map(m => `${redactMirror(m.value)}: still being probed; the order did not need to wait for it`)
        : []
      const moved =
        first && triedLast.length > 0 ? [`Tried last: ${triedLast.map(redactMirror).join(', ')}`] : []
      return [...done.map(m => describeProbe(m.result as ProbeResult)), ...waiting, ...moved]
    },
    async finish() {
      const probes = await Promise.all([...mirrors.map(m => m.promise), ...(sumdbProbe ? [sumdbProbe] : [])])
      const durationMs = probes.reduce((end, p) => Math.max(end, p.startMs + p.durationMs), startMs) - startMs
      return {
        probed: opts.enabled,
        ...(opts.cacheComplete ? { cacheComplete: true } : {}),
        startMs: Math.round(startMs),
        durationMs: Math.round(durationMs),
        orderSettledMs: Math.round(orderSettledMs),
        downloadStartMs,
        triedLast: triedLast.map(redactMirror),
        probes,
        environment
      }
    },
    onHeard(listener) {
      for (const m of mirrors) {
        void m.promise.then(result => {
          if (result.verdict === 'down') listener(m.value, 'down')
          else if (result.verdict !== 'not-probed') listener(m.value, 'answered')
        })
      }
    }
  }
}

/**
 * One line saying what a probe found. A mirror that answers at all is reachable, whatever the status of
 * the probe's one request (a module proxy answers its root or the checksum database's path with a 404).
 */
export function describeProbe(result: ProbeResult): string {
  const took = formatDuration(result.durationMs)
  const via = result.via ? ` via ${result.via}` : ''
  if (result.verdict === 'down') return `${result.target}: down${via} (${result.failure?.message}), ${took}`
  if (result.verdict === 'not-probed') return `${result.target}: not probed${via} (${result.http?.error})`
  if (result.verdict === 'http-error') {
    const status = `${result.http?.status ?? ''} ${result.http?.statusText ?? ''}`.trim()
    return `${result.target}: reachable${via} but answering ${status}, in ${took}`
  }
  return `${result.target}: reachable${via}, in ${took}`
}

const ENVIRONMENT_NAMES = [
  'GOPROXY',
  'GONOPROXY',
  'GOPRIVATE',
  'GONOSUMDB',
  'GOSUMDB',
  'GOFLAGS',
  'GOINSECURE',
  'GOTOOLCHAIN'
]

/** The settings that decide where go's requests go, as go sees them; HTTP proxy variables under the name set. */
export function requestEnvironment(
  env: NodeJS.ProcessEnv,
  goEnv: Record<string, string>
): EnvironmentEntry[] {
  const entries = ENVIRONMENT_NAMES.map(name => {
    const value = env[name] || goEnv[name] || ''
    return { name, value: name === 'GOPROXY' ? redactGoproxy(value) : redactUrl(value) }
  })
  const httpProxies = httpProxySettings(env)
  const proxyEntry = (name: string, source: string | undefined, value: string): EnvironmentEntry => ({
    name: source ?? name,
    value: name === 'NO_PROXY' ? value : redactEntry(value)
  })
  entries.push(
    proxyEntry('HTTPS_PROXY', httpProxies.sources.httpsProxy, httpProxies.httpsProxy),
    proxyEntry('HTTP_PROXY', httpProxies.sources.httpProxy, httpProxies.httpProxy),
    proxyEntry('NO_PROXY', httpProxies.sources.noProxy, httpProxies.noProxy)
  )
  return entries
}

function mirrorUrl(mirror: string, path: string): URL {
  const base = mirror.endsWith('/') ? mirror : `${mirror}/`
  return new URL(path, base)
}
