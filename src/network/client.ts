// A minimal HTTP/1.1 client over net and tls, with CONNECT tunnels: the probe times each phase of one
// request (connect, TLS, first answer) separately, which fetch cannot show.
import net from 'node:net'
import { performance } from 'node:perf_hooks'
import tls from 'node:tls'
import { classifyNodeError, nodeErrorCode } from '../failures/net-errors.js'
import { unbracket } from './http-proxy.js'

/** A phase that ran out of time; go words it `i/o timeout`. */
export class ProbeTimeout extends Error {
  constructor(message = 'i/o timeout') {
    super(message)
  }
}

export function isTimeout(error: unknown): boolean {
  return error instanceof ProbeTimeout
}

/** The promise, or a ProbeTimeout after `ms`; a late rejection of the promise is ignored. */
export function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  promise.catch(() => undefined)
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new ProbeTimeout()), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

export async function connectAny(
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

export function handshake(
  socket: net.Socket,
  host: string,
  secureContext: tls.SecureContext | undefined,
  ms: number,
  sockets: net.Socket[]
): Promise<tls.TLSSocket> {
  const name = unbracket(host)
  // Verification is checked after the handshake, so a bad certificate can still be described.
  const secure = tls.connect({
    socket,
    host: name,
    servername: net.isIP(name) ? undefined : name,
    secureContext,
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

export interface StatusLine {
  code: number
  text: string
}

/** Opens a CONNECT tunnel through an HTTP proxy, as go does for https URLs. */
export async function tunnel(
  socket: net.Socket,
  authority: string,
  httpProxy: URL,
  ms: number
): Promise<StatusLine> {
  const head = [`CONNECT ${authority} HTTP/1.1`, `Host: ${authority}`, ...proxyAuthorization(httpProxy)]
  socket.write(`${head.join('\r\n')}\r\n\r\n`)
  return within(readStatus(socket, true), ms)
}

/** Sends one GET and reads the status line of the answer. */
export async function request(
  socket: net.Socket,
  url: URL,
  httpProxy: URL | undefined,
  ms: number
): Promise<StatusLine> {
  const plainThroughProxy = httpProxy !== undefined && url.protocol === 'http:'
  const target = plainThroughProxy ? withoutCredentials(url) : `${url.pathname}${url.search}`
  const head = [`GET ${target} HTTP/1.1`, `Host: ${url.host}`, 'User-Agent: Go-http-client/1.1']
  if (url.username || url.password) {
    const user = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`
    head.push(`Authorization: Basic ${Buffer.from(user).toString('base64')}`)
  }
  if (plainThroughProxy) head.push(...proxyAuthorization(httpProxy))
  head.push('Connection: close')
  socket.write(`${head.join('\r\n')}\r\n\r\n`)
  return within(readStatus(socket, false), ms)
}

function proxyAuthorization(httpProxy: URL): string[] {
  if (!httpProxy.username && !httpProxy.password) return []
  const user = `${decodeURIComponent(httpProxy.username)}:${decodeURIComponent(httpProxy.password)}`
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

function dialReason(error: unknown): string {
  if (isTimeout(error)) return 'i/o timeout'
  const node = classifyNodeError(error)
  return `connect: ${node.class === 'unknown' ? describeFailure(error) : node.message}`
}

export function describeFailure(error: unknown): string {
  if (error instanceof Error) {
    // Node says `read ECONNRESET` where go says `connection reset by peer`.
    if (nodeErrorCode(error) === 'ECONNRESET' && !/reset/.test(error.message)) {
      return classifyNodeError(error).message
    }
    return error.message
  }
  return String(error)
}
