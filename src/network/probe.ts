import { promises as dnsPromises } from 'node:dns'
import net from 'node:net'
import { performance } from 'node:perf_hooks'
import type { SecureContext } from 'node:tls'
import { formatDuration } from '../config/duration.js'
import type { FailureClass } from '../failures/classes.js'
import { classifyNodeError } from '../failures/net-errors.js'
import { redactMirror, redactUrl } from '../security/redact.js'
import { connectAny, describeFailure, handshake, isTimeout, request, tunnel, within } from './client.js'
import { defaultPort, httpProxyFor, unbracket, type HttpProxySettings } from './http-proxy.js'
import type { ProbePhase, ProbeResult } from './types.js'

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

/** Windows answers a connection to a closed port only after about 2 s of retries, loopback included. */
export const WINDOWS_REFUSAL_MS = 2000

export const DEFAULT_TIMEOUTS: ProbeTimeouts = {
  dnsMs: 1000,
  // Long enough to see Windows refuse, so that a refused mirror is a connection failure there too, not a timeout.
  connectMs: WINDOWS_REFUSAL_MS + 500,
  tlsMs: 1500,
  httpMs: 2000,
  totalMs: 3500
}

/** What every probe of one run shares: the HTTP proxy settings, the limits, the resolver and the trust store. */
export interface ProbeContext {
  settings: HttpProxySettings
  timeouts: ProbeTimeouts
  resolve: Resolver
  /** The TLS context of the trusted certificates, asked for only when a probe meets TLS; node's own when it gives none. */
  trust: () => SecureContext | undefined
}

export interface ProbeTarget {
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

/** Probes one URL: resolve, connect (through the HTTP proxy go would use), TLS, then one small GET. */
export async function probe(spec: ProbeTarget, context: ProbeContext): Promise<ProbeResult> {
  const began = performance.now()
  const deadline = began + context.timeouts.totalMs
  const budget = (phaseMs: number): number => Math.max(0, Math.min(phaseMs, deadline - performance.now()))
  const result: ProbeResult = {
    target: redactMirror(spec.target),
    role: spec.role,
    url: spec.role === 'mirror' ? redactMirror(spec.url.href) : redactUrl(spec.url.href),
    verdict: 'down',
    startMs: Math.round(began),
    durationMs: 0
  }
  const sockets: net.Socket[] = []
  try {
    const choice = httpProxyFor(spec.url, context.settings)
    if (choice.error) throw new PhaseError('proxyconnect', 'connection', choice.error)
    const httpProxy = choice.proxy
    if (httpProxy) result.via = redactUrl(httpProxy.href).replace(/\/$/, '')
    if (httpProxy?.protocol === 'socks5:') {
      result.verdict = 'not-probed'
      result.http = { ms: 0, error: 'the probe does not speak SOCKS5' }
      return result
    }
    const hop = httpProxy ?? spec.url
    const proxyPrefix = httpProxy ? 'proxyconnect tcp: ' : ''
    const connectPhase: ProbePhase = httpProxy ? 'proxyconnect' : 'connect'
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
        const message = `${proxyPrefix}${httpProxy ? 'dial tcp: ' : ''}lookup ${host}: ${lookupReason(error)}`
        result.dns = { host, ms: performance.now() - t, error: message }
        throw new PhaseError(
          httpProxy ? 'proxyconnect' : 'dns',
          isTimeout(error) ? 'timeout' : 'dns',
          message
        )
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
      if (httpProxy?.protocol === 'https:') {
        stream = await handshake(
          stream,
          httpProxy.hostname,
          context.trust(),
          budget(context.timeouts.tlsMs),
          sockets
        )
      }
    } catch (error) {
      const message = `${proxyPrefix}${describeFailure(error)}`
      result.connect = { address, ms: performance.now() - t, error: message }
      throw new PhaseError(connectPhase, isTimeout(error) ? 'timeout' : classOf(error), message)
    }
    if (httpProxy && spec.url.protocol === 'https:') {
      const authority = `${unbracket(spec.url.hostname)}:${defaultPort(spec.url)}`
      try {
        const status = await tunnel(stream, authority, httpProxy, budget(context.timeouts.connectMs))
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
          context.trust(),
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
      const status = await request(stream, spec.url, httpProxy, budget(context.timeouts.httpMs))
      result.http = { ms: performance.now() - t, status: status.code, statusText: status.text }
      result.verdict = status.code >= 500 || status.code === 429 ? 'http-error' : 'reachable'
    } catch (error) {
      const timedOut = isTimeout(error)
      const message = timedOut
        ? `no answer to GET ${redactUrl(spec.url.href)} within ${formatDuration(performance.now() - t)}`
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

/** go's words for a failed lookup: `no such host`, `server misbehaving`, or node's own. */
function lookupReason(error: unknown): string {
  if (isTimeout(error)) return 'i/o timeout'
  const node = classifyNodeError(error)
  return node.class === 'dns' ? node.message : describeFailure(error)
}

/** The class of a failed connect; one the table does not know is a connection that did not happen. */
function classOf(error: unknown): FailureClass {
  const node = classifyNodeError(error)
  return node.class === 'unknown' ? 'connection' : node.class
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
