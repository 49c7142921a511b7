import { isIP } from 'node:net'
import { domainToASCII } from 'node:url'

/**
 * Which HTTP proxy go uses for a URL, by the rules of Go's net/http ProxyFromEnvironment
 * (golang.org/x/net/http/httpproxy): HTTP_PROXY, HTTPS_PROXY and NO_PROXY, upper case first.
 */
export interface HttpProxySettings {
  httpProxy: string
  httpsProxy: string
  noProxy: string
  /** Set when REQUEST_METHOD is: go then refuses HTTP_PROXY for http URLs. */
  cgi: boolean
  /** The variable each value came from (`HTTPS_PROXY` or `https_proxy`), for people to read. */
  sources: { httpProxy?: string; httpsProxy?: string; noProxy?: string }
}

/** The proxy settings go reads from `env`: of each pair, the first variable that is set and not empty. */
export function httpProxySettings(env: NodeJS.ProcessEnv): HttpProxySettings {
  const first = (...names: string[]): [string, string | undefined] => {
    for (const name of names) {
      const value = env[name]
      if (value) return [value, name]
    }
    return ['', undefined]
  }
  const [httpProxy, httpSource] = first('HTTP_PROXY', 'http_proxy')
  const [httpsProxy, httpsSource] = first('HTTPS_PROXY', 'https_proxy')
  const [noProxy, noSource] = first('NO_PROXY', 'no_proxy')
  return {
    httpProxy,
    httpsProxy,
    noProxy,
    cgi: (env.REQUEST_METHOD ?? '') !== '',
    sources: { httpProxy: httpSource, httpsProxy: httpsSource, noProxy: noSource }
  }
}

export interface HttpProxyChoice {
  /** The proxy to go through; absent when the request goes straight to the host. */
  proxy?: URL
  /** Set when go would refuse the request instead of choosing. */
  error?: string
}

/** Decides, as go would, whether a request for `target` goes through a proxy and which one. */
export function httpProxyFor(target: URL, settings: HttpProxySettings): HttpProxyChoice {
  const scheme = target.protocol.replace(/:$/, '')
  let proxy: URL | undefined
  if (scheme === 'https') proxy = parseHttpProxy(settings.httpsProxy)
  else if (scheme === 'http') {
    proxy = parseHttpProxy(settings.httpProxy)
    if (proxy && settings.cgi) {
      return {
        error: 'refusing to use HTTP_PROXY value in CGI environment; see golang.org/s/cgihttpproxy'
      }
    }
  }
  if (!proxy) return {}
  const host = unbracket(target.hostname)
  const port = target.port || DEFAULT_PORTS[scheme] || ''
  return useHttpProxy(host, port, parseNoProxy(settings.noProxy)) ? { proxy } : {}
}

const DEFAULT_PORTS: Record<string, string> = { http: '80', https: '443', socks5: '1080' }

/** The default port of a proxy or mirror URL's scheme. */
export function defaultPort(url: URL): string {
  return url.port || DEFAULT_PORTS[url.protocol.replace(/:$/, '')] || ''
}

/**
 * A proxy variable's URL. Like go, a value without a scheme go knows (`corp:3128`, `10.0.0.1:3128`)
 * is read as `http://` + value; a value that cannot be read at all means no proxy.
 */
export function parseHttpProxy(value: string): URL | undefined {
  if (value === '') return undefined
  let parsed: URL | undefined
  try {
    parsed = new URL(value)
  } catch {
    parsed = undefined
  }
  if (!parsed || !['http:', 'https:', 'socks5:'].includes(parsed.protocol)) {
    try {
      return new URL(`http://${value}`)
    } catch {
      return parsed
    }
  }
  return parsed
}

type Matcher =
  | { kind: 'all' }
  | { kind: 'cidr'; network: Uint8Array; prefix: number }
  | { kind: 'ip'; ip: Uint8Array; port: string }
  | { kind: 'domain'; suffix: string; port: string; matchHost: boolean }

/** NO_PROXY entries as go reads them: `*`, CIDRs, IPs and domains, each optionally with a port. */
export function parseNoProxy(value: string): Matcher[] {
  const matchers: Matcher[] = []
  for (const raw of value.split(',')) {
    const entry = raw.trim().toLowerCase()
    if (entry === '') continue
    if (entry === '*') return [{ kind: 'all' }]
    const cidr = parseCidr(entry)
    if (cidr) {
      matchers.push({ kind: 'cidr', ...cidr })
      continue
    }
    let host = entry
    let port = ''
    const split = splitHostPort(entry)
    if (split) {
      if (split.host === '') continue
      host = split.host
      port = split.port
      if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1)
    }
    const ip = parseIp(host)
    if (ip) {
      matchers.push({ kind: 'ip', ip, port })
      continue
    }
    if (host === '') continue
    if (host.startsWith('*.')) host = host.slice(1)
    const matchHost = !host.startsWith('.')
    if (matchHost) host = `.${host}`
    matchers.push({ kind: 'domain', suffix: asciiDomain(host), port, matchHost })
  }
  return matchers
}

/** False when NO_PROXY, localhost or a loopback address keeps the request off the proxy. */
export function useHttpProxy(hostname: string, port: string, matchers: readonly Matcher[]): boolean {
  const host = asciiDomain(hostname.trim().toLowerCase())
  if (host === 'localhost') return false
  const ip = parseIp(host)
  if (ip && isLoopback(ip)) return false
  for (const m of matchers) {
    if (m.kind === 'all') return false
    if (ip && m.kind === 'cidr' && cidrContains(m.network, m.prefix, ip)) return false
    if (ip && m.kind === 'ip' && equalIp(m.ip, ip) && (m.port === '' || m.port === port)) return false
    if (m.kind === 'domain') {
      const hit = host.endsWith(m.suffix) || (m.matchHost && host === m.suffix.slice(1))
      if (hit && (m.port === '' || m.port === port)) return false
    }
  }
  return true
}

function asciiDomain(host: string): string {
  if ([...host].every(c => c.charCodeAt(0) < 0x80)) return host
  const dot = host.startsWith('.') ? '.' : ''
  const ascii = domainToASCII(host.slice(dot.length))
  return ascii === '' ? host : dot + ascii
}

/** A URL's hostname without the brackets of an IPv6 literal. */
export function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host
}

/** Go's net.SplitHostPort: `host:port` or `[v6]:port`; undefined where go reports an error. */
export function splitHostPort(value: string): { host: string; port: string } | undefined {
  const colon = value.lastIndexOf(':')
  if (colon < 0) return undefined
  let host: string
  let from = 0
  let after = 0
  if (value.startsWith('[')) {
    const end = value.indexOf(']')
    if (end < 0 || end + 1 !== colon) return undefined
    host = value.slice(1, end)
    from = 1
    after = end + 1
  } else {
    host = value.slice(0, colon)
    if (host.includes(':')) return undefined
  }
  if (value.slice(from).includes('[') || value.slice(after).includes(']')) return undefined
  return { host, port: value.slice(colon + 1) }
}

/** Go's net.ParseIP as 16 bytes (IPv4 in its IPv4-mapped form); undefined when not an IP literal. */
export function parseIp(text: string): Uint8Array | undefined {
  if (text.includes('%')) return undefined
  const family = isIP(text)
  if (family === 4) return v4Mapped(text.split('.').map(Number))
  if (family !== 6) return undefined
  let tail: number[] = []
  let body = text
  const lastColon = text.lastIndexOf(':')
  if (text.slice(lastColon + 1).includes('.')) {
    tail = text
      .slice(lastColon + 1)
      .split('.')
      .map(Number)
    body = text.slice(0, lastColon + 1) + '0:0'
  }
  const [head = '', rest] = body.split('::') as [string, string | undefined]
  const groups = (part: string): number[] => (part === '' ? [] : part.split(':').map(g => parseInt(g, 16)))
  const left = groups(head)
  const right = rest === undefined ? [] : groups(rest)
  const words = [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right]
  const bytes = new Uint8Array(16)
  words.forEach((w, i) => {
    bytes[i * 2] = w >> 8
    bytes[i * 2 + 1] = w & 0xff
  })
  if (tail.length === 4) bytes.set(tail, 12)
  return bytes
}

function v4Mapped(octets: number[]): Uint8Array {
  const bytes = new Uint8Array(16)
  bytes[10] = 0xff
  bytes[11] = 0xff
  bytes.set(octets, 12)
  return bytes
}

function isV4(ip: Uint8Array): boolean {
  return ip.slice(0, 10).every(b => b === 0) && ip[10] === 0xff && ip[11] === 0xff
}

function isLoopback(ip: Uint8Array): boolean {
  if (isV4(ip)) return ip[12] === 127
  return ip.slice(0, 15).every(b => b === 0) && ip[15] === 1
}

function equalIp(a: Uint8Array, b: Uint8Array): boolean {
  return a.every((byte, i) => byte === b[i])
}

/** Go's net.ParseCIDR; an IPv4 network keeps its prefix counted over the 4 IPv4 bytes. */
function parseCidr(text: string): { network: Uint8Array; prefix: number } | undefined {
  const slash = text.indexOf('/')
  if (slash < 0) return undefined
  const ip = parseIp(text.slice(0, slash))
  const bits = text.slice(slash + 1)
  if (!ip || !/^\d{1,3}$/.test(bits)) return undefined
  const v4 = isV4(ip) && isIP(text.slice(0, slash)) === 4
  const prefix = Number(bits)
  if (prefix > (v4 ? 32 : 128)) return undefined
  return { network: ip, prefix: v4 ? prefix + 96 : prefix }
}

function cidrContains(network: Uint8Array, prefix: number, ip: Uint8Array): boolean {
  // An IPv4 network holds only IPv4 addresses and an IPv6 network only IPv6 ones, as in go.
  if (prefix >= 96 && isV4(network) !== isV4(ip)) return false
  if (prefix < 96 && isV4(ip)) return false
  for (let bit = 0; bit < prefix; bit++) {
    const mask = 0x80 >> (bit % 8)
    const byte = Math.floor(bit / 8)
    if (((network[byte] ?? 0) & mask) !== ((ip[byte] ?? 0) & mask)) return false
  }
  return true
}
