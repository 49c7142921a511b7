/**
 * Connection pools for the action's own HTTP requests (the relay's to its mirrors, the Go download's):
 * through the HTTP proxy go would use for each URL, trusting what go trusts, kept alive.
 */
import http, { type IncomingMessage } from 'node:http'
import https from 'node:https'
import type { SecureContext } from 'node:tls'
import { HttpProxyAgent } from 'http-proxy-agent'
import { HttpsProxyAgent } from 'https-proxy-agent'
import { SocksProxyAgent } from 'socks-proxy-agent'
import { httpProxyFor, httpProxySettings } from './http-proxy.js'
import { contextFor } from './trust.js'

export interface ConnectionPools {
  /** The pool for a URL: straight to its host, or through the HTTP proxy go would use for it. */
  forUrl(url: URL): http.Agent
  /** Ends every connection, idle or not. */
  close(): void
}

export interface PoolOptions {
  /** Connections per pool. */
  connections: number
  /** Trusted certificates (PEM) for https; those go would trust in `env` when absent. */
  ca?: string[]
}

/** Pools per HTTP proxy and scheme for the requests of one part of the action, with go's proxy and trust settings in `env`. */
export function connectionPools(env: NodeJS.ProcessEnv, options: PoolOptions): ConnectionPools {
  const settings = httpProxySettings(env)
  const made = new Map<string, http.Agent>()
  const pool = {
    keepAlive: true,
    maxSockets: options.connections,
    maxFreeSockets: options.connections,
    timeout: 60_000
  }
  // One context for every connection: handing each one the certificates would parse them all again.
  let context: { secureContext?: SecureContext } | undefined
  const tls = (): { secureContext?: SecureContext } => {
    if (!context) {
      // Read only once an https URL comes: plain http mirrors never need the store.
      const secureContext = contextFor(env, options.ca)
      context = secureContext ? { secureContext } : {}
    }
    return context
  }
  return {
    forUrl(url) {
      const choice = httpProxyFor(url, settings)
      const secure = url.protocol === 'https:'
      const key = `${choice.proxy?.href ?? ''}>${url.protocol}`
      let agent = made.get(key)
      if (!agent) {
        const proxy = choice.proxy
        if (!proxy) agent = secure ? new https.Agent({ ...pool, ...tls() }) : new http.Agent(pool)
        else if (proxy.protocol.startsWith('socks')) agent = new SocksProxyAgent(proxy, { ...pool, ...tls() })
        else if (secure) agent = new HttpsProxyAgent(proxy, { ...pool, ...tls() })
        else agent = new HttpProxyAgent(proxy, pool)
        made.set(key, agent)
      }
      return agent
    },
    close() {
      for (const agent of made.values()) agent.destroy()
      made.clear()
    }
  }
}

/** How long a connection may take before the request fails as go's dial would, with an i/o timeout. */
const CONNECT_TIMEOUT_MS = 10_000

/**
 * One GET with node's client; resolves at the response headers, rejects on any error before them. Any of
 * `signals` ending destroys the request, as node's `signal` option would, through one plain listener each:
 * that option and `AbortSignal.any` cost more than the rest of a request to a mirror nearby.
 */
export function sendGet(
  url: URL,
  opts: {
    headers: Record<string, string>
    signals: readonly AbortSignal[]
    agent: http.Agent
    connectTimeoutMs?: number
  }
): Promise<IncomingMessage> {
  const connectMs = opts.connectTimeoutMs ?? CONNECT_TIMEOUT_MS
  const ended = opts.signals.find(signal => signal.aborted)
  if (ended) return Promise.reject(abortError(ended.reason))
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http
    const request = client.get(url, { headers: opts.headers, agent: opts.agent }, resolve)
    const abort = (event: Event): void => {
      request.destroy(abortError((event.target as AbortSignal).reason))
    }
    for (const signal of opts.signals) signal.addEventListener('abort', abort, { once: true })
    request.once('close', () => {
      for (const signal of opts.signals) signal.removeEventListener('abort', abort)
    })
    request.on('error', reject)
    request.on('socket', socket => {
      if (!socket.connecting) return
      const timer = setTimeout(
        () => request.destroy(Object.assign(new Error('i/o timeout'), { code: 'ETIMEDOUT' })),
        connectMs
      )
      socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => clearTimeout(timer))
      socket.once('close', () => clearTimeout(timer))
    })
  })
}

/** The error node's own `signal` option destroys a request with. */
function abortError(reason: unknown): Error {
  return Object.assign(new Error('The operation was aborted', { cause: reason }), {
    name: 'AbortError',
    code: 'ABORT_ERR'
  })
}
