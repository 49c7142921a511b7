import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import net from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createSecureContext } from 'node:tls'
import {
  DEFAULT_TIMEOUTS,
  probe,
  WINDOWS_REFUSAL_MS,
  type ProbeTimeouts,
  type Resolver
} from '../../src/network/probe.js'
import { httpProxySettings } from '../../src/network/http-proxy.js'
import { refusedUrl } from '../../testkit/proxy.js'
import { listenLoopback, silentServer as silent, statusServer } from '../../testkit/loopback.js'
import { selfSignedCert } from '../../testkit/tls.js'

// Every server here listens on 127.0.0.1, and every name is resolved by an injected resolver.
const closers: (() => void)[] = []
let cert = ''
let key = ''

beforeAll(() => {
  const dir = mkdtempSync(path.join(tmpdir(), 'probe-cert-'))
  selfSignedCert(dir, ['mirror.test', '127.0.0.1'])
  cert = readFileSync(path.join(dir, 'cert.pem'), 'utf8')
  key = readFileSync(path.join(dir, 'key.pem'), 'utf8')
  rmSync(dir, { recursive: true, force: true })
})

afterAll(() => {
  for (const close of closers) close()
})

async function listen(server: Server | net.Server): Promise<number> {
  const listening = await listenLoopback(server)
  closers.push(listening.close)
  return listening.port
}

/** An HTTP server answering every request with `status` after `delayMs`. */
async function httpServer(status = 404, delayMs = 0): Promise<{ url: string; requests: IncomingMessage[] }> {
  const server = await statusServer(status, delayMs)
  closers.push(server.close)
  return server
}

async function httpsServer(status = 200): Promise<number> {
  return listen(createHttpsServer({ cert, key }, (_req, res) => res.writeHead(status).end('ok\n')))
}

async function silentServer(): Promise<string> {
  const server = await silent()
  closers.push(server.close)
  return server.host
}

/**
 * A CONNECT proxy that tunnels every host to 127.0.0.1 (so test names need no DNS) and remembers what
 * it was asked; `answer` replaces the 200 with a refusal.
 */
async function connectProxy(answer?: string): Promise<{ port: number; asked: string[]; auth: string[] }> {
  const asked: string[] = []
  const auth: string[] = []
  const server = createHttpServer()
  server.on('connect', (req: IncomingMessage, client: net.Socket, head: Buffer) => {
    asked.push(req.url ?? '')
    auth.push(String(req.headers['proxy-authorization'] ?? ''))
    if (answer) {
      client.end(`HTTP/1.1 ${answer}\r\n\r\n`)
      return
    }
    const port = Number((req.url ?? '').split(':').pop())
    const upstream = net.connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection established\r\n\r\n')
      upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    upstream.on('error', () => client.destroy())
    client.on('error', () => upstream.destroy())
    closers.push(() => upstream.destroy())
  })
  return { port: await listen(server), asked, auth }
}

const noDns: Resolver = host => Promise.reject(new Error(`the test asked DNS for ${host}`))

function context(
  env: NodeJS.ProcessEnv = {},
  opts: { resolve?: Resolver; timeouts?: Partial<ProbeTimeouts>; ca?: string[] } = {}
) {
  return {
    settings: httpProxySettings(env),
    timeouts: { ...DEFAULT_TIMEOUTS, ...opts.timeouts },
    resolve: opts.resolve ?? noDns,
    trust: () => (opts.ca ? createSecureContext({ ca: opts.ca }) : undefined)
  }
}

const mirror = (url: string) => ({ target: url, role: 'mirror' as const, url: new URL(url) })

describe('probe', () => {
  it('times every phase of a healthy plain-HTTP mirror and reads its status', async () => {
    const server = await httpServer(404)
    const result = await probe(mirror(`${server.url}/sumdb/sum.golang.org/supported`), context())
    expect(result.verdict).toBe('reachable')
    expect(result.http?.status).toBe(404)
    expect(result.dns?.addresses).toEqual(['127.0.0.1'])
    expect(result.connect?.address).toMatch(/^127\.0\.0\.1:\d+$/)
    expect(result.tls).toBeUndefined()
    expect(server.requests[0]?.url).toBe('/sumdb/sum.golang.org/supported')
    expect(server.requests[0]?.headers['user-agent']).toBe('Go-http-client/1.1')
  })

  it('names a refused connection the way go does', async () => {
    const url = await refusedUrl()
    const result = await probe(mirror(url), context())
    expect(result.verdict).toBe('down')
    expect(result.failure).toEqual({
      phase: 'connect',
      class: 'connection',
      message: `dial tcp ${url.replace('http://', '')}: connect: connection refused`
    })
  })

  it('waits long enough for a Windows refusal, on loopback too, that it is a connection failure and not a timeout', () => {
    expect(DEFAULT_TIMEOUTS.connectMs).toBeGreaterThanOrEqual(WINDOWS_REFUSAL_MS + 500)
    expect(DEFAULT_TIMEOUTS.totalMs).toBeGreaterThanOrEqual(DEFAULT_TIMEOUTS.connectMs + 500)
  })

  it('gives up on a silent mirror within its HTTP timeout', async () => {
    const host = await silentServer()
    const started = Date.now()
    const result = await probe(mirror(`http://${host}/`), context({}, { timeouts: { httpMs: 300 } }))
    expect(Date.now() - started).toBeLessThan(1000)
    expect(result.verdict).toBe('down')
    expect(result.failure?.phase).toBe('http')
    expect(result.failure?.class).toBe('stalled')
    expect(result.failure?.message).toMatch(/^no answer to GET http:\/\/127\.0\.0\.1:\d+\/ within \d+ ms$/)
  })

  it('never outlives its overall deadline, even with the default phase limits against a silent host', async () => {
    const host = await silentServer()
    const started = Date.now()
    const result = await probe(mirror(`https://${host}/`), context({}, { timeouts: { totalMs: 700 } }))
    const took = Date.now() - started
    expect(took).toBeGreaterThanOrEqual(600)
    expect(took).toBeLessThan(1200)
    expect(result.failure).toMatchObject({
      phase: 'tls',
      class: 'timeout',
      message: 'net/http: TLS handshake timeout'
    })
  })

  it('names an untrusted certificate and still describes it', async () => {
    const port = await httpsServer()
    const result = await probe(mirror(`https://127.0.0.1:${port}/`), context())
    expect(result.verdict).toBe('down')
    expect(result.failure?.class).toBe('tls')
    expect(result.failure?.message).toBe(
      'tls: failed to verify certificate: x509: certificate signed by unknown authority (DEPTH_ZERO_SELF_SIGNED_CERT)'
    )
    expect(result.tls?.subject).toBe('mirror.test')
    expect(Date.parse(result.tls?.validTo ?? '')).toBeGreaterThan(Date.now())
    expect(result.http).toBeUndefined()
  })

  it('reads protocol, subject and expiry from a trusted certificate', async () => {
    const port = await httpsServer(200)
    const result = await probe(mirror(`https://127.0.0.1:${port}/`), context({}, { ca: [cert] }))
    expect(result.verdict).toBe('reachable')
    expect(result.tls?.protocol).toMatch(/^TLSv1\.[23]$/)
    expect(result.tls?.subject).toBe('mirror.test')
    expect(result.tls?.error).toBeUndefined()
    expect(result.http?.status).toBe(200)
  })

  it('reads the trust store only for a probe that meets TLS', async () => {
    const asked: string[] = []
    const trust = (url: string) => ({
      ...context(),
      trust: () => {
        asked.push(url)
        return createSecureContext({ ca: [cert] })
      }
    })
    const plain = await httpServer(404)
    expect((await probe(mirror(`${plain.url}/`), trust('http'))).verdict).toBe('reachable')
    const port = await httpsServer(200)
    expect((await probe(mirror(`https://127.0.0.1:${port}/`), trust('https'))).verdict).toBe('reachable')
    expect(asked).toEqual(['https'])
  })

  it('says a mirror answering 503 is up but failing', async () => {
    const server = await httpServer(503)
    const result = await probe(mirror(`${server.url}/`), context())
    expect(result.verdict).toBe('http-error')
    expect(result.http).toMatchObject({ status: 503, statusText: 'Service Unavailable' })
    expect(result.failure).toBeUndefined()
  })

  it('waits for a slow mirror within the HTTP limit and reports its latency', async () => {
    const server = await httpServer(200, 250)
    const result = await probe(mirror(`${server.url}/`), context())
    expect(result.verdict).toBe('reachable')
    expect(result.http?.ms).toBeGreaterThanOrEqual(240)
  })

  it('reports a name that does not resolve, without asking a real DNS server', async () => {
    const missing: Resolver = () =>
      Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }))
    const result = await probe(mirror('https://mirror.invalid/'), context({}, { resolve: missing }))
    expect(result.failure).toEqual({
      phase: 'dns',
      class: 'dns',
      message: 'lookup mirror.invalid: no such host'
    })
    expect(result.connect).toBeUndefined()
  })

  it('bounds a resolver that never answers', async () => {
    const hung: Resolver = () => new Promise(() => undefined)
    const result = await probe(
      mirror('https://mirror.test/'),
      context({}, { resolve: hung, timeouts: { dnsMs: 200 } })
    )
    expect(result.failure).toMatchObject({
      phase: 'dns',
      class: 'timeout',
      message: 'lookup mirror.test: i/o timeout'
    })
    expect(result.durationMs).toBeLessThan(600)
  })

  it('resolves names through the injected resolver', async () => {
    const server = await httpServer(200)
    const port = new URL(server.url).port
    const asked: string[] = []
    const resolve: Resolver = host => {
      asked.push(host)
      return Promise.resolve([{ address: '127.0.0.1', family: 4 }])
    }
    const result = await probe(mirror(`http://mirror.test:${port}/`), context({}, { resolve }))
    expect(asked).toEqual(['mirror.test'])
    expect(result.dns).toMatchObject({ host: 'mirror.test', addresses: ['127.0.0.1'] })
    expect(result.verdict).toBe('reachable')
  })
})

describe('probe through HTTPS_PROXY', () => {
  it('tunnels with CONNECT, resolving only the proxy, and sends the proxy credentials', async () => {
    const proxy = await connectProxy()
    const port = await httpsServer(200)
    const env = { HTTPS_PROXY: `http://user:s3cret@127.0.0.1:${proxy.port}` }
    const result = await probe(mirror(`https://mirror.test:${port}/`), context(env, { ca: [cert] }))
    expect(result.verdict).toBe('reachable')
    expect(result.via).toBe(`http://***@127.0.0.1:${proxy.port}`)
    expect(result.dns?.host).toBe('127.0.0.1')
    expect(proxy.asked).toEqual([`mirror.test:${port}`])
    expect(proxy.auth).toEqual([`Basic ${Buffer.from('user:s3cret').toString('base64')}`])
    expect(JSON.stringify(result)).not.toContain('s3cret')
  })

  it('names a refused corporate proxy proxyconnect', async () => {
    const dead = await refusedUrl()
    const result = await probe(mirror('https://proxy.golang.org/'), context({ https_proxy: dead }))
    expect(result.failure).toEqual({
      phase: 'proxyconnect',
      class: 'connection',
      message: `proxyconnect tcp: dial tcp ${dead.replace('http://', '')}: connect: connection refused`
    })
  })

  it('names a proxy that refuses the tunnel', async () => {
    const proxy = await connectProxy('407 Proxy Authentication Required')
    const result = await probe(
      mirror('https://proxy.golang.org/'),
      context({ HTTPS_PROXY: `127.0.0.1:${proxy.port}` })
    )
    expect(result.failure).toEqual({
      phase: 'proxyconnect',
      class: 'connection',
      message:
        'proxyconnect: the proxy answered CONNECT proxy.golang.org:443 with 407 Proxy Authentication Required'
    })
  })

  it('goes around the proxy for NO_PROXY hosts and for loopback', async () => {
    const dead = await refusedUrl()
    const server = await httpServer(200)
    const port = new URL(server.url).port
    const resolve: Resolver = () => Promise.resolve([{ address: '127.0.0.1', family: 4 }])
    const env = { HTTP_PROXY: dead, NO_PROXY: '.test' }
    const named = await probe(mirror(`http://mirror.test:${port}/`), context(env, { resolve }))
    expect(named.via).toBeUndefined()
    expect(named.verdict).toBe('reachable')
    const loopback = await probe(mirror(`${server.url}/`), context({ HTTP_PROXY: dead }))
    expect(loopback.verdict).toBe('reachable')
  })
})
