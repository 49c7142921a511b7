import { promises as dnsPromises } from 'node:dns'
import { readFileSync } from 'node:fs'
import net from 'node:net'
import { performance } from 'node:perf_hooks'
import tls from 'node:tls'
import { CLASS_TRAITS, type FailureClass } from '../failures/classes.js'
import { classifyNodeError, nodeErrorCode } from '../failures/net-errors.js'
import { defaultPort, proxyEnvironment, proxyFor, type ProxyEnvironment } from './proxy-env.js'
import { redactUrl } from '../security/redact.js'

/** Resolves a host name to addresses; tests pass their own so that no test asks a real DNS server. */
export type Resolver = (host: string) => Promise<{ address: string; family: number }[]>

export const systemResolver: Resolver = host => dnsPromises.lookup(host, { all: true })

export interface ProbeTimeouts {
  dnsMs: number
  connectMs: number
  tlsMs: number
  httpMs: number
  /** Hard limit on one probe, whatever its phases still have left. */
  totalMs: number
}

export const DEFAULT_TIMEOUTS: ProbeTimeouts = {
  dnsMs: 1000,
  connectMs: 1500,
  tlsMs: 1500,
  httpMs: 2000,
  totalMs: 3000
}

export type ProbePhase = 'dns' | 'connect' | 'proxyconnect' | 'tls' | 'http'

/** What one probe of a mirror (or of the checksum database) found, phase by phase. */
export interface ProbeResult {
  /** The mirror or checksum database as shown to people, credentials redacted. */
  target: string
  role: 'mirror' | 'checksum-db'
  /** The URL requested, credentials redacted. */
  url: string
  /** The HTTP proxy the request went through (redacted), as go would choose it; absent when none. */
  via?: string
  /** Resolution of the host connected to: the proxy's when there is one. */
  dns?: { host: string; ms: number; addresses?: string[]; error?: string }
  /** TCP connect, and through a proxy the CONNECT tunnel too. */
  connect?: { address: string; ms: number; error?: string }
  tls?: { ms: number; protocol?: string; subject?: string; issuer?: string; validTo?: string; error?: string }
  http?: { ms: number; status?: number; statusText?: string; error?: string }
  /** reachable: answered below 500; http-error: answered 5xx or 429; down: no HTTP answer at all. */
  verdict: 'reachable' | 'http-error' | 'down' | 'not-probed'
  /** For `down`: the phase that failed, the failure class go would see, and go's kind of wording. */
  failure?: { phase: ProbePhase; class: FailureClass; message: string }
  /** When the probe began, in ms since the step's process started. */
  startMs: number
  durationMs: number
}

/** One variable of the environment that shapes go's requests, with credentials redacted. */
export interface EnvironmentEntry {
  name: string
  value: string
}

/** The connectivity section of the run report. */
export interface ConnectivityReport {
  /** False when the `probe` input turned probing off; the environment is reported all the same. */
  probed: boolean
  /** When the probes began, in ms since the step's process started. */
  startMs: number
  /** From the start of the probes to the last result of the first round (re-checks not counted). */
  durationMs: number
  /** From the start of the probes until the mirror order was settled. */
  orderSettledMs: number
  /** When the download began, in ms since the step's process started; attempts' startMs count from it. */
  downloadStartMs?: number
  /** Mirrors (redacted) moved behind the others because their probe failed or had not answered. */
  triedLast: string[]
  probes: ProbeResult[]
  /** Mirrors probed again after an attempt on them failed with a network class. */
  rechecks: ProbeResult[]
  environment: EnvironmentEntry[]
}

export interface ConnectivityOptions {
  /** False to probe nothing and keep the listed order (the `probe` input). */
  enabled: boolean
  /** GOPROXY entries in the user's order; only http and https ones are probed. */
  proxies: readonly string[]
  /** The environment go runs with: proxy variables and GOSUMDB are read from it. */
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
}

export interface ConnectivityCheck {
  /** GOPROXY entries to try after the others, as soon as the probes have said enough to order them. */
  tryLast: Promise<string[]>
  /** Probes the attempt's mirror once more (in the background) when the attempt failed on the network. */
  recheck(attempt: { proxy: string; failures: readonly { class: FailureClass }[] }): void
  /** Marks the moment the download begins, so attempts can be placed on the step's clock. */
  downloadStarting(): void
  /** One line per finished probe, for the log. */
  logLines(): string[]
  /** Every probe's result, once all of them (re-checks included) have finished. */
  finish(): Promise<ConnectivityReport>
}

interface MirrorProbe {
  value: string
  promise: Promise<ProbeResult>
  result?: ProbeResult
}

/** Starts probing every http(s) mirror and the checksum database in parallel, before the first attempt. */
export function startConnectivityCheck(opts: ConnectivityOptions): ConnectivityCheck {
  const startMs = performance.now()
  const settings = proxyEnvironment(opts.env)
  const timeouts = { ...DEFAULT_TIMEOUTS, ...opts.timeouts }
  const patienceMs = opts.patienceMs ?? 250
  const context: ProbeContext = {
    settings,
    timeouts,
    resolve: opts.resolve ?? systemResolver,
    ca: opts.ca ?? (opts.enabled ? trustedCertificates(opts.env) : undefined)
  }
  const environment = requestEnvironment(opts.env, opts.goEnv ?? {})
  const sumdb = checksumDatabase(opts.env.GOSUMDB || opts.goEnv?.GOSUMDB || 'sum.golang.org')
  const mirrorPath = sumdb ? `sumdb/${sumdb.name}/supported` : ''

  const mirrors: MirrorProbe[] = opts.enabled
    ? opts.proxies
        .filter(value => /^https?:\/\//i.test(value))
        .map(value => {
          const entry: MirrorProbe = {
            value,
            promise: probe({ target: value, role: 'mirror', url: mirrorUrl(value, mirrorPath) }, context)
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
      ? probe({ target: sumdb.url, role: 'checksum-db', url: new URL('latest', `${sumdb.url}/`) }, context)
      : undefined
  const rechecks: Promise<ProbeResult>[] = []
  const rechecked = new Set<string>()
  let orderSettledMs = 0
  let downloadStartMs: number | undefined
  let triedLast: string[] = []
  let patience: NodeJS.Timeout | undefined
  let settled = false
  let resolveOrder: (values: string[]) => void = () => undefined
  const tryLast = new Promise<string[]>(resolve => (resolveOrder = resolve))

  /** Settles the order once no mirror listed before the first one that answered is still worth waiting for. */
  function settle(force = false): void {
    if (settled) return
    const answered = mirrors.findIndex(m => m.result !== undefined && m.result.verdict !== 'down')
    const pendingBefore = mirrors.slice(0, answered < 0 ? mirrors.length : answered).some(m => !m.result)
    if (pendingBefore && !force) {
      const first = mirrors[answered]?.result
      if (first && patience === undefined) {
        patience = setTimeout(() => settle(true), Math.max(patienceMs, 3 * first.durationMs))
      }
      return
    }
    settled = true
    if (patience !== undefined) clearTimeout(patience)
    orderSettledMs = performance.now() - startMs
    triedLast = mirrors
      .filter((m, i) => (m.result ? m.result.verdict === 'down' : i < answered))
      .map(m => m.value)
    resolveOrder(triedLast)
  }
  settle()

  return {
    tryLast,
    recheck(attempt) {
      if (!opts.enabled || !attempt.failures.some(f => CLASS_TRAITS[f.class].networkPath)) return
      const value = opts.proxies.find(p => p === attempt.proxy || redactUrl(p) === attempt.proxy)
      if (!value || !/^https?:\/\//i.test(value) || rechecked.has(value)) return
      rechecked.add(value)
      rechecks.push(probe({ target: value, role: 'mirror', url: mirrorUrl(value, mirrorPath) }, context))
    },
    downloadStarting() {
      downloadStartMs = Math.round(performance.now())
    },
    logLines() {
      const done = mirrors.filter(m => m.result).map(m => describeProbe(m.result as ProbeResult))
      const waiting = mirrors.filter(m => !m.result).map(m => `${redactUrl(m.value)}: no answer yet`)
      const moved = triedLast.length > 0 ? [`Tried last: ${triedLast.map(redactUrl).join(', ')}`] : []
      return [...done, ...waiting, ...moved]
    },
    async finish() {
      const probes = await Promise.all([...mirrors.map(m => m.promise), ...(sumdbProbe ? [sumdbProbe] : [])])
      const durationMs = probes.reduce((end, p) => Math.max(end, p.startMs + p.durationMs), startMs) - startMs
      return {
        probed: opts.enabled,
        startMs: Math.round(startMs),
        durationMs: Math.round(durationMs),
        orderSettledMs: Math.round(orderSettledMs),
        downloadStartMs,
        triedLast: triedLast.map(redactUrl),
        probes,
        rechecks: await Promise.all(rechecks),
        environment
      }
    }
  }
}

/** One line saying what a probe found. */
export function describeProbe(result: ProbeResult): string {
  const took = `${Math.round(result.durationMs)} ms`
  const via = result.via ? ` via ${result.via}` : ''
  if (result.verdict === 'down') return `${result.target}: down${via} (${result.failure?.message}), ${took}`
  if (result.verdict === 'not-probed') return `${result.target}: not probed${via} (${result.http?.error})`
  return `${result.target}: HTTP ${result.http?.status} for ${result.url}${via} in ${took}`
}

/** The checksum database go consults, from GOSUMDB (`name[+key] [url]`); undefined when it is off. */
export function checksumDatabase(gosumdb: string): { name: string; url: string } | undefined {
  const fields = gosumdb.trim().split(/\s+/)
  const first = fields[0] ?? ''
  if (first === '' || first === 'off') return undefined
  const name = first.split('+')[0] as string
  const url = (fields[1] ?? `https://${name}`).replace(/\/+$/, '')
  return /^https?:\/\//i.test(url) ? { name, url } : { name, url: `https://${url}` }
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

/** The settings that decide where go's requests go, as go sees them; proxy variables under the name set. */
export function requestEnvironment(
  env: NodeJS.ProcessEnv,
  goEnv: Record<string, string>
): EnvironmentEntry[] {
  const entries = ENVIRONMENT_NAMES.map(name => ({ name, value: redactUrl(env[name] || goEnv[name] || '') }))
  const proxies = proxyEnvironment(env)
  const proxyEntry = (name: string, source: string | undefined, value: string): EnvironmentEntry => ({
    name: source ?? name,
    value: name === 'NO_PROXY' ? value : redactProxyValue(value)
  })
  entries.push(
    proxyEntry('HTTPS_PROXY', proxies.sources.httpsProxy, proxies.httpsProxy),
    proxyEntry('HTTP_PROXY', proxies.sources.httpProxy, proxies.httpProxy),
    proxyEntry('NO_PROXY', proxies.sources.noProxy, proxies.noProxy)
  )
  return entries
}

/** A proxy variable with its credentials hidden, also in the scheme-less `user:pass@host:port` form go accepts. */
function redactProxyValue(value: string): string {
  if (value.includes('://')) return redactUrl(value)
  return value.replace(/^[^/?#]*@/, '***@')
}

function mirrorUrl(mirror: string, path: string): URL {
  const base = mirror.endsWith('/') ? mirror : `${mirror}/`
  return new URL(path, base)
}

interface ProbeContext {
  settings: ProxyEnvironment
  timeouts: ProbeTimeouts
  resolve: Resolver
  ca?: string[]
}

interface ProbeTarget {
  target: string
  role: ProbeResult['role']
  url: URL
}

class PhaseError extends Error {
  constructor(
    readonly phase: ProbePhase,
    readonly failureClass: FailureClass,
    message: string
  ) {
    super(message)
  }
}

/** Probes one URL: resolve, connect (through the proxy go would use), TLS, then one small GET. */
export async function probe(spec: ProbeTarget, context: ProbeContext): Promise<ProbeResult> {
  const began = performance.now()
  const deadline = began + context.timeouts.totalMs
  const budget = (phaseMs: number): number => Math.max(0, Math.min(phaseMs, deadline - performance.now()))
  const result: ProbeResult = {
    target: redactUrl(spec.target),
    role: spec.role,
    url: redactUrl(spec.url.href),
    verdict: 'down',
    startMs: Math.round(began),
    durationMs: 0
  }
  const sockets: net.Socket[] = []
  try {
    const choice = proxyFor(spec.url, context.settings)
    if (choice.error) throw new PhaseError('proxyconnect', 'connection', choice.error)
    const proxy = choice.proxy
    if (proxy) result.via = redactUrl(proxy.href).replace(/\/$/, '')
    if (proxy?.protocol === 'socks5:') {
      result.verdict = 'not-probed'
      result.http = { ms: 0, error: 'the probe does not speak SOCKS5' }
      return result
    }
    const hop = proxy ?? spec.url
    const proxyPrefix = proxy ? 'proxyconnect tcp: ' : ''
    const connectPhase: ProbePhase = proxy ? 'proxyconnect' : 'connect'
    const host = unbracket(hop.hostname)
    const port = Number(defaultPort(hop))

    let t = performance.now()
    let addresses: string[]
    if (net.isIP(host)) addresses = [host]
    else {
      try {
        const found = await within(context.resolve(host), budget(context.timeouts.dnsMs))
        addresses = found.map(a => a.address)
        if (addresses.length === 0) throw Object.assign(new Error('no addresses'), { code: 'ENOTFOUND' })
      } catch (error) {
        const message = `${proxyPrefix}${proxy ? 'dial tcp: ' : ''}lookup ${host}: ${lookupReason(error)}`
        result.dns = { host, ms: performance.now() - t, error: message }
        throw new PhaseError(proxy ? 'proxyconnect' : 'dns', isTimeout(error) ? 'timeout' : 'dns', message)
      }
    }
    result.dns = { host, ms: performance.now() - t, addresses }

    t = performance.now()
    let stream: net.Socket
    let address = ''
    try {
      ;({ socket: stream, address } = await connectAny(
        addresses,
        port,
        budget(context.timeouts.connectMs),
        sockets
      ))
      if (proxy?.protocol === 'https:') {
        stream = await handshake(stream, proxy.hostname, context.ca, budget(context.timeouts.tlsMs), sockets)
      }
    } catch (error) {
      const message = `${proxyPrefix}${describeFailure(error)}`
      result.connect = { address, ms: performance.now() - t, error: message }
      throw new PhaseError(connectPhase, isTimeout(error) ? 'timeout' : classOf(error), message)
    }
    if (proxy && spec.url.protocol === 'https:') {
      const authority = `${unbracket(spec.url.hostname)}:${defaultPort(spec.url)}`
      try {
        const status = await tunnel(stream, authority, proxy, budget(context.timeouts.connectMs))
        if (status.code !== 200) {
          throw new Error(`the proxy answered CONNECT ${authority} with ${status.code} ${status.text}`.trim())
        }
      } catch (error) {
        const message = `proxyconnect: ${describeFailure(error)}`
        result.connect = { address, ms: performance.now() - t, error: message }
        throw new PhaseError('proxyconnect', isTimeout(error) ? 'timeout' : 'connection', message)
      }
    }
    result.connect = { address, ms: performance.now() - t }

    if (spec.url.protocol === 'https:') {
      t = performance.now()
      const servername = spec.url.hostname
      try {
        const secure = await handshake(
          stream,
          servername,
          context.ca,
          budget(context.timeouts.tlsMs),
          sockets
        )
        const cert = secure.getPeerCertificate()
        result.tls = {
          ms: performance.now() - t,
          protocol: secure.getProtocol() ?? undefined,
          subject: certificateName(cert?.subject),
          issuer: certificateName(cert?.issuer),
          validTo: cert?.valid_to ? new Date(cert.valid_to).toISOString() : undefined
        }
        if (!secure.authorized) {
          const message = verificationMessage(secure.authorizationError, servername)
          result.tls.error = message
          throw new PhaseError('tls', 'tls', message)
        }
        stream = secure
      } catch (error) {
        if (error instanceof PhaseError) throw error
        const message = isTimeout(error)
          ? 'net/http: TLS handshake timeout'
          : `tls: ${describeFailure(error)}`
        result.tls = { ms: performance.now() - t, error: message }
        throw new PhaseError('tls', isTimeout(error) ? 'timeout' : 'tls', message)
      }
    }

    t = performance.now()
    try {
      const status = await request(stream, spec.url, proxy, budget(context.timeouts.httpMs))
      result.http = { ms: performance.now() - t, status: status.code, statusText: status.text }
      result.verdict = status.code >= 500 || status.code === 429 ? 'http-error' : 'reachable'
    } catch (error) {
      const timedOut = isTimeout(error)
      const message = timedOut
        ? `no answer to GET ${redactUrl(spec.url.href)} within ${Math.round(performance.now() - t)} ms`
        : describeFailure(error)
      result.http = { ms: performance.now() - t, error: message }
      throw new PhaseError('http', timedOut ? 'stalled' : 'reset', message)
    }
  } catch (error) {
    result.verdict = 'down'
    result.failure =
      error instanceof PhaseError
        ? { phase: error.phase, class: error.failureClass, message: error.message }
        : { phase: 'connect', class: 'unknown', message: describeFailure(error) }
  } finally {
    for (const socket of sockets) socket.destroy()
    result.durationMs = Math.round(performance.now() - began)
  }
  return result
}

class ProbeTimeout extends Error {
  constructor(message = 'i/o timeout') {
    super(message)
  }
}

function isTimeout(error: unknown): boolean {
  return error instanceof ProbeTimeout
}

/** The promise, or a ProbeTimeout after `ms`; a late rejection of the promise is ignored. */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  promise.catch(() => undefined)
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new ProbeTimeout()), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

async function connectAny(
  addresses: string[],
  port: number,
  ms: number,
  sockets: net.Socket[]
): Promise<{ socket: net.Socket; address: string }> {
  const deadline = performance.now() + ms
  let firstError: unknown
  for (const ip of addresses) {
    const address = net.isIPv6(ip) ? `[${ip}]:${port}` : `${ip}:${port}`
    const socket = new net.Socket()
    sockets.push(socket)
    const connected = new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve())
      socket.once('error', reject)
    })
    socket.connect({ host: ip, port })
    try {
      await within(connected, Math.max(0, deadline - performance.now()))
      return { socket, address }
    } catch (error) {
      socket.destroy()
      const message = `dial tcp ${address}: ${dialReason(error)}`
      firstError ??= isTimeout(error)
        ? new ProbeTimeout(message)
        : Object.assign(new Error(message), { code: (error as NodeJS.ErrnoException).code })
      if (performance.now() >= deadline) break
    }
  }
  throw firstError ?? new Error('no address to dial')
}

function handshake(
  socket: net.Socket,
  host: string,
  ca: string[] | undefined,
  ms: number,
  sockets: net.Socket[]
): Promise<tls.TLSSocket> {
  const name = unbracket(host)
  // Verification is checked after the handshake, so a bad certificate can still be described.
  const secure = tls.connect({
    socket,
    host: name,
    servername: net.isIP(name) ? undefined : name,
    ca,
    rejectUnauthorized: false
  })
  // The TLS socket owns the TCP one from now on: destroying both has crashed node 20.
  const index = sockets.indexOf(socket)
  if (index >= 0) sockets.splice(index, 1, secure)
  else sockets.push(secure)
  const done = new Promise<tls.TLSSocket>((resolve, reject) => {
    secure.once('secureConnect', () => resolve(secure))
    secure.once('error', reject)
    secure.once('close', () => reject(new Error('connection closed during the handshake')))
  })
  return within(done, ms)
}

interface StatusLine {
  code: number
  text: string
}

/** Opens a CONNECT tunnel through an HTTP proxy, as go does for https URLs. */
async function tunnel(socket: net.Socket, authority: string, proxy: URL, ms: number): Promise<StatusLine> {
  const head = [`CONNECT ${authority} HTTP/1.1`, `Host: ${authority}`, ...proxyAuthorization(proxy)]
  socket.write(`${head.join('\r\n')}\r\n\r\n`)
  return within(readStatus(socket, true), ms)
}

/** Sends one GET and reads the status line of the answer. */
async function request(
  socket: net.Socket,
  url: URL,
  proxy: URL | undefined,
  ms: number
): Promise<StatusLine> {
  const plainThroughProxy = proxy !== undefined && url.protocol === 'http:'
  const target = plainThroughProxy ? withoutCredentials(url) : `${url.pathname}${url.search}`
  const head = [`GET ${target} HTTP/1.1`, `Host: ${url.host}`, 'User-Agent: Go-http-client/1.1']
  if (url.username || url.password) {
    const user = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`
    head.push(`Authorization: Basic ${Buffer.from(user).toString('base64')}`)
  }
  if (plainThroughProxy) head.push(...proxyAuthorization(proxy))
  head.push('Connection: close')
  socket.write(`${head.join('\r\n')}\r\n\r\n`)
  return within(readStatus(socket, false), ms)
}

function proxyAuthorization(proxy: URL): string[] {
  if (!proxy.username && !proxy.password) return []
  const user = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`
  return [`Proxy-Authorization: Basic ${Buffer.from(user).toString('base64')}`]
}

function withoutCredentials(url: URL): string {
  const copy = new URL(url.href)
  copy.username = ''
  copy.password = ''
  return copy.href
}

/**
 * Reads an HTTP status line; with `wholeHead` also the headers, leaving whatever follows them unread
 * (the tunnelled stream after a CONNECT).
 */
function readStatus(socket: net.Socket, wholeHead: boolean): Promise<StatusLine> {
  return new Promise((resolve, reject) => {
    let buffered = Buffer.alloc(0)
    const cleanup = (): void => {
      socket.off('data', onData)
      socket.off('error', onError)
      socket.off('end', onEnd)
    }
    const onData = (chunk: Buffer): void => {
      buffered = Buffer.concat([buffered, chunk])
      const end = buffered.indexOf(wholeHead ? '\r\n\r\n' : '\r\n')
      if (end < 0) {
        if (buffered.length > 64 * 1024) onError(new Error('malformed HTTP response'))
        return
      }
      cleanup()
      socket.pause()
      const rest = buffered.subarray(end + (wholeHead ? 4 : 2))
      if (wholeHead && rest.length > 0) socket.unshift(rest)
      const line = buffered.subarray(0, buffered.indexOf('\r\n')).toString('latin1')
      const match = /^HTTP\/\d(?:\.\d)? (\d{3})(?: (.*))?$/.exec(line)
      if (!match) reject(new Error(`malformed HTTP response: ${JSON.stringify(line.slice(0, 80))}`))
      else resolve({ code: Number(match[1]), text: match[2] ?? '' })
    }
    const onError = (error: Error): void => {
      cleanup()
      reject(error)
    }
    const onEnd = (): void => onError(buffered.length === 0 ? new Error('EOF') : new Error('unexpected EOF'))
    socket.on('data', onData)
    socket.once('error', onError)
    socket.once('end', onEnd)
    socket.resume()
  })
}

/** go's words for a failed lookup: `no such host`, `server misbehaving`, or node's own. */
function lookupReason(error: unknown): string {
  if (isTimeout(error)) return 'i/o timeout'
  const node = classifyNodeError(error)
  return node.class === 'dns' ? node.message : describeFailure(error)
}

function dialReason(error: unknown): string {
  if (isTimeout(error)) return 'i/o timeout'
  const node = classifyNodeError(error)
  return `connect: ${node.class === 'unknown' ? describeFailure(error) : node.message}`
}

/** The class of a failed connect; one the table does not know is a connection that did not happen. */
function classOf(error: unknown): FailureClass {
  const node = classifyNodeError(error)
  return node.class === 'unknown' ? 'connection' : node.class
}

function describeFailure(error: unknown): string {
  if (error instanceof Error) {
    // Node says `read ECONNRESET` where go says `connection reset by peer`.
    if (nodeErrorCode(error) === 'ECONNRESET' && !/reset/.test(error.message)) {
      return classifyNodeError(error).message
    }
    return error.message
  }
  return String(error)
}

/** go's wording for a certificate that does not verify, with node's reason in brackets. */
function verificationMessage(reason: unknown, host: string): string {
  const code =
    typeof reason === 'string'
      ? reason
      : String((reason as { code?: string; message?: string } | undefined)?.code ?? reason)
  const prefix = 'tls: failed to verify certificate: '
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || /altnames/i.test(code)) {
    return `${prefix}x509: certificate is not valid for ${host}`
  }
  const words = classifyNodeError({ code }).message
  return words.startsWith('x509: ') ? `${prefix}${words} (${code})` : `${prefix}x509: ${code}`
}

function certificateName(name: unknown): string | undefined {
  if (!name || typeof name !== 'object') return undefined
  const fields = name as Record<string, string | string[] | undefined>
  const pick = (value: string | string[] | undefined): string | undefined =>
    Array.isArray(value) ? value.join(', ') : value
  return pick(fields.CN) ?? pick(fields.O)
}

function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host
}

/**
 * The certificates go would trust, as near as node gets: the system store where node can read it
 * (node 22.15 and later), node's own, and SSL_CERT_FILE, which go also reads.
 */
function trustedCertificates(env: NodeJS.ProcessEnv): string[] | undefined {
  const read = (tls as { getCACertificates?: (type?: string) => string[] }).getCACertificates
  const system = read
    ? (() => {
        try {
          return read('system')
        } catch {
          return []
        }
      })()
    : []
  let fromFile: string[] = []
  if (env.SSL_CERT_FILE) {
    try {
      fromFile =
        readFileSync(env.SSL_CERT_FILE, 'utf8').match(
          /-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g
        ) ?? []
    } catch {
      fromFile = []
    }
  }
  if (system.length === 0 && fromFile.length === 0) return undefined
  const bundled = read ? read('default') : [...tls.rootCertificates]
  return [...new Set([...bundled, ...system, ...fromFile])]
}
