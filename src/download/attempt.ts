import {
  moduleOfMessage,
  parseDownloadJson,
  parseGetLine,
  stderrErrors,
  type GoRunner
} from '../go/command.js'
import { partialZipSize } from '../go/modcache.js'
import { asksFor, isBelowBase, proxyRequestOf, type ProxyRequest } from '../go/proxy-path.js'
import { formatDuration } from '../config/duration.js'
import { redactUrl } from '../security/redact.js'
import type { Clock } from '../policy/clock.js'
import { StallWatch } from '../policy/stall.js'
import type { Classification } from '../failures/classes.js'
import type { Attempt, GoSource, ModuleFailure, RelayRoute, RequestRecord, StopReason } from './types.js'

export interface AttemptSpec {
  number: number
  workdir: { label: string; dir: string }
  /** Where go is pointed: its GOPROXY, and how it is shown. */
  source: GoSource
  try: number
  delayMs: number
  startMs: number
  env: NodeJS.ProcessEnv
  stallTimeoutMs: number
  /** Clock time at which the step's budget runs out. */
  deadline: number
  modCache: string
  /** The relay go is pointed at, when it is. */
  relay?: RelayRoute
  /** `path@version` arguments for go. */
  modules?: readonly string[]
}

export interface AttemptDeps {
  runner: GoRunner
  clock: Clock
  classify: (message: string) => Classification
  onLine?: (line: string) => void
}

/** Whether go finished the working directory: exit 0, nothing failed, nothing stopped. */
export function completed(attempt: Attempt): boolean {
  return attempt.exitCode === 0 && attempt.failures.length === 0 && !attempt.stopped
}

/** One attempt, the `module@version`s it fetched without a failure, and those it asked a module proxy for. */
export interface AttemptResult {
  attempt: Attempt
  fetched: ReadonlySet<string>
  /** Per `module@version` whose files this attempt requested: the module proxy asked last, as shown. */
  requested: ReadonlyMap<string, string>
}

/**
 * Runs one `go mod download` under the watchdog: a new stderr line or a growing partial zip is
 * progress; no progress for the stall timeout, or the step's deadline, stops the whole process tree.
 */
export async function runAttempt(spec: AttemptSpec, deps: AttemptDeps): Promise<AttemptResult> {
  const { clock } = deps
  const started = clock.now()
  const lines: string[] = []
  const requests = new Map<string, RequestRecord>()
  const pending = new Set<string>()
  const zipsInFlight = new Map<string, { module: string; version: string }>()
  const requestOf = (url: string) => proxyRequestIn(spec.source, url)
  const scrub = (text: string): string => scrubText(spec.source, text)
  let relayProgress = spec.relay?.progress()
  let linesSinceTick = 0
  let lastPartialBytes = -1
  let stopped: StopReason | undefined
  let pendingAtStop: string | undefined

  const onStderrLine = (line: string): void => {
    lines.push(line)
    linesSinceTick++
    watch.progress()
    deps.onLine?.(line)
    const get = parseGetLine(line)
    if (!get) return
    const record = requests.get(get.url) ?? { url: get.url, origin: originOf(get.url, spec.source) }
    requests.set(get.url, record)
    const target = requestOf(get.url)
    if (get.kind === 'start') {
      pending.add(get.url)
      if (asksFor(target, 'zip')) zipsInFlight.set(get.url, target)
      return
    }
    pending.delete(get.url)
    if (get.kind === 'status') {
      record.status = get.status
      record.ms = get.ms
      // A 200 for a zip only means the headers arrived; the body streams into a .tmp file after it.
      if (get.status !== 200) zipsInFlight.delete(get.url)
    } else {
      record.error = get.error
      zipsInFlight.delete(get.url)
    }
  }

  // Started before go: its first line is progress. The look runs on a timer, once everything below exists.
  const watch = new StallWatch({
    stallTimeoutMs: spec.stallTimeoutMs,
    now: () => clock.now(),
    look: now => {
      if (now >= spec.deadline) return stop('timeout')
      if (linesSinceTick === 0 && zipsInFlight.size > 0) {
        const bytes = partialBytes()
        if (bytes !== lastPartialBytes) {
          lastPartialBytes = bytes
          watch.progress()
        }
      }
      linesSinceTick = 0
      // go waits, without a word, while the relay works for it.
      const relayNow = spec.relay?.progress()
      if (relayNow !== relayProgress) {
        relayProgress = relayNow
        watch.progress()
      }
    },
    onStall: () => stop('stalled')
  })
  const proc = deps.runner.download({
    cwd: spec.workdir.dir,
    env: spec.env,
    onStderrLine,
    modules: spec.modules
  })
  // Bytes still arriving in zip bodies; a zip whose .tmp is gone after its 200 is finished and forgotten.
  const partialBytes = (): number => {
    let total = 0
    for (const [url, zip] of zipsInFlight) {
      const size = partialZipSize(spec.modCache, zip.module, zip.version)
      if (size === undefined && requests.get(url)?.status === 200) zipsInFlight.delete(url)
      total += size ?? 0
    }
    return total
  }
  const stop = (reason: StopReason): void => {
    if (stopped) return
    stopped = reason
    partialBytes()
    pendingAtStop = [...pending].pop() ?? [...zipsInFlight.keys()].pop()
    proc.kill()
  }
  // The budget ends on the dot, not at the watchdog's next look.
  const budget = setTimeout(() => stop('timeout'), Math.max(0, spec.deadline - clock.now()))

  let result
  try {
    result = await proc.done
  } finally {
    watch.stop()
    clearTimeout(budget)
  }

  const modules = parseDownloadJson(result.stdout)
  const failures = stopped
    ? stoppedFailures(spec, stopped, [...pending, ...zipsInFlight.keys()], pendingAtStop)
    : reportedFailures(spec, deps, modules, lines, result.exitCode)
  const requested = new Map<string, string>()
  for (const url of requests.keys()) {
    const target = requestOf(url)
    if (target?.kind === 'version') requested.set(`${target.module}@${target.version}`, target.label)
  }

  const attempt: Attempt = {
    number: spec.number,
    workdir: spec.workdir.label,
    proxy: spec.source.label,
    try: spec.try,
    delayMs: spec.delayMs,
    startMs: spec.startMs,
    durationMs: clock.now() - started,
    exitCode: result.exitCode,
    stopped,
    pendingUrl: pendingAtStop === undefined ? undefined : scrub(redactUrl(pendingAtStop)),
    modulesOk: modules.filter(m => !m.Error).length,
    requests: [...requests.values()].map(r => ({
      ...r,
      url: scrub(r.url)
    })),
    failures,
    decision: 'done'
  }
  return { attempt, fetched: fetchedModules(modules, requests.values(), failures, spec.source), requested }
}

/**
 * What the attempt got: modules go's JSON lists without an error, and modules whose .mod or .zip a
 * mirror answered 2xx in the -x trace; never a module the attempt also reports as failed.
 */
function fetchedModules(
  modules: ReturnType<typeof parseDownloadJson>,
  requests: Iterable<RequestRecord>,
  failures: readonly ModuleFailure[],
  source: GoSource
): Set<string> {
  const fetched = new Set(modules.filter(m => !m.Error).map(m => `${m.Path}@${m.Version}`))
  for (const request of requests) {
    if (request.status === undefined || request.status < 200 || request.status >= 300) continue
    const target = proxyRequestIn(source, request.url)
    if (target?.kind === 'version' && target.file !== 'info')
      fetched.add(`${target.module}@${target.version}`)
  }
  for (const failure of failures) fetched.delete(`${failure.module}@${failure.version}`)
  return fetched
}

function reportedFailures(
  spec: AttemptSpec,
  deps: AttemptDeps,
  modules: ReturnType<typeof parseDownloadJson>,
  lines: string[],
  exitCode: number | null
): ModuleFailure[] {
  const failure = (module: string, version: string, message: string): ModuleFailure => {
    const account = relayAccount(spec.relay, message)
    if (account) {
      return {
        module,
        version,
        class: account.class,
        transient: account.transient,
        proxy: account.mirrors,
        message: scrubText(spec.source, message),
        workdir: spec.workdir.label,
        fromRelay: true
      }
    }
    return {
      module,
      version,
      ...deps.classify(message),
      proxy: spec.source.label,
      message: scrubText(spec.source, message),
      workdir: spec.workdir.label
    }
  }
  const failures = modules.filter(m => m.Error).map(m => failure(m.Path, m.Version, m.Error as string))
  if (exitCode === 0 || failures.length > 0) return failures
  // go aborted without JSON (a go.sum mismatch, a failure while loading the module graph): read stderr.
  const messages = stderrErrors(lines)
  for (const message of messages) {
    const named = moduleOfMessage(message)
    failures.push(failure(named?.module ?? '', named?.version ?? '', message))
  }
  if (failures.length === 0) {
    const tail = lines
      .filter(l => !l.startsWith('# '))
      .slice(-5)
      .join('\n')
    failures.push(failure('', '', tail || `go mod download exited with code ${exitCode ?? 'unknown'}`))
  }
  return failures
}

function stoppedFailures(
  spec: AttemptSpec,
  reason: StopReason,
  urls: string[],
  pendingUrl: string | undefined
): ModuleFailure[] {
  const shown = (url: string): string => scrubText(spec.source, url)
  const describe = (url: string | undefined): string =>
    reason === 'stalled'
      ? `no progress for ${formatDuration(spec.stallTimeoutMs)}${url ? ` while fetching ${shown(url)}` : ''}; go was stopped`
      : `the step's time budget ran out${url ? ` while fetching ${shown(url)}` : ''}; go was stopped`
  const byModule = new Map<string, ModuleFailure>()
  for (const url of urls) {
    const target = proxyRequestIn(spec.source, url)
    if (target?.kind !== 'version') continue
    byModule.set(`${target.module}@${target.version}`, {
      module: target.module,
      version: target.version,
      class: reason === 'stalled' ? 'stalled' : 'timeout',
      transient: true,
      proxy: spec.source.label,
      message: describe(url),
      workdir: spec.workdir.label
    })
  }
  if (byModule.size > 0) return [...byModule.values()]
  return [
    {
      module: '',
      version: '',
      class: reason === 'stalled' ? 'stalled' : 'timeout',
      transient: true,
      proxy: spec.source.label,
      message: describe(pendingUrl),
      workdir: spec.workdir.label
    }
  ]
}

/** The relay's account of the first relay URL a go message names; go's words then say nothing more. */
function relayAccount(relay: RelayRoute | undefined, message: string): ReturnType<RelayRoute['explain']> {
  if (!relay) return undefined
  const at = message.indexOf(relay.base)
  if (at < 0) return undefined
  const url = /^\S+?(?=:?(?:\s|$))/.exec(message.slice(at))?.[0]
  return url ? relay.explain(url.replace(/:$/, '')) : undefined
}

/** What a request URL asks of the module proxy of the source it lies below, and that proxy as shown. */
function proxyRequestIn(source: GoSource, url: string): (ProxyRequest & { label: string }) | undefined {
  for (const base of source.bases) {
    const target = proxyRequestOf(url, base.url)
    if (target) return { ...target, label: base.label }
  }
  return undefined
}

/** The module proxy a request went to, as shown, or the URL's origin (a checksum database, a VCS host). */
function originOf(url: string, source: GoSource): string {
  const base = source.bases.find(b => isBelowBase(url, b.url))
  if (base) return base.label
  try {
    return new URL(url).origin
  } catch {
    return redactUrl(url)
  }
}

/** go's text with credentials redacted and each module proxy of the source (the relay's secret) as shown. */
function scrubText(source: GoSource, text: string): string {
  return source.bases.reduce((shown, base) => shown.split(base.url).join(base.label), redactUrl(text))
}
