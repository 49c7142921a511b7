import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { createServer, request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { hashGoMod, parseGoSum } from '../../src/go/gosum.js'
import { versionFilePath } from '../../src/go/proxy-path.js'
import { zipPool } from '../../src/go/zip-pool.js'
import type { RelayEvent } from '../../src/relay/types.js'
import { startRelay, type Relay, type RelayOptions } from '../../src/relay/relay.js'
import { goEnv, removeTree, runGo } from '../../testkit/action.js'
import { listenLoopback } from '../../testkit/loopback.js'
import { buildModuleZip, escapeModulePath, generateModuleSet, type ModuleSet } from '../../testkit/modset.js'
import { describeRequest, startProxy, type Fault, type Proxy } from '../../testkit/proxy.js'
import { selfSignedCert } from '../../testkit/tls.js'

// The real go, through the relay, against loopback mirrors that inject one fault each.
let set: ModuleSet
const roots: string[] = []
const closers: (() => Promise<void>)[] = []

beforeAll(() => {
  set = generateModuleSet({ count: 24, seed: 11, bigZipBytes: 96 * 1024, bigEvery: 4 })
})

afterAll(async () => {
  for (const close of closers.reverse()) await close()
  await Promise.all(roots.map(r => removeTree(r)))
})

async function mirror(faults: Fault[] = [], name = 'mirror', files = set.files): Promise<Proxy> {
  const p = await startProxy({ files, faults, name, seed: 3 })
  closers.push(() => p.close())
  return p
}

async function relayFor(
  mirrors: string[],
  policy: Partial<RelayOptions['policy']> = {},
  more: Partial<RelayOptions> = {}
): Promise<Relay> {
  const relay = await startRelay({
    sums: parseGoSum(set.consumer.goSum),
    env: {},
    ...more,
    mirrors,
    policy: {
      maxAttempts: 3,
      backoff: { baseMs: 10, maxMs: 50 },
      stallTimeoutMs: 1500,
      concurrency: 4,
      onChecksumMismatch: 'fallback',
      deadline: Date.now() + 90_000,
      hedgeFloorMs: 300,
      ...policy
    }
  })
  closers.push(() => relay.close())
  return relay
}

interface Download {
  code: number | null
  output: string
  dir: string
  env: Record<string, string>
}

async function download(relay: Relay): Promise<Download> {
  const root = await mkdtemp(path.join(tmpdir(), 'relay-'))
  roots.push(root)
  const dir = path.join(root, 'work')
  await set.writeConsumer(dir)
  const env = { ...goEnv(root), GOPROXY: relay.url, GOFLAGS: '-modcacherw' }
  const result = await runGo(['mod', 'download'], { cwd: dir, env, timeoutMs: 100_000 })
  return { code: result.code, output: result.stdout + result.stderr, dir, env }
}

async function expectVerified(run: Download): Promise<void> {
  expect(run.output).toBe('')
  expect(run.code).toBe(0)
  const verify = await runGo(['mod', 'verify'], { cwd: run.dir, env: { ...run.env, GOPROXY: 'off' } })
  expect(verify.stdout).toContain('all modules verified')
  expect(await readFile(path.join(run.dir, 'go.sum'), 'utf8')).toBe(set.consumer.goSum)
}

const zips = { file: 'zip' as const }
const mods = { file: 'mod' as const }
const retriesOf = (relay: Relay): number => relay.report().mirrors.reduce((n, m) => n + m.retries, 0)

describe.each([
  ['one mirror', 1],
  ['two mirrors', 2]
])('per-request faults, %s', (_title, count) => {
  async function setUp(faults: Fault[], policy: Partial<RelayOptions['policy']> = {}) {
    const first = await mirror(faults, 'first')
    const mirrors = [first]
    if (count === 2) mirrors.push(await mirror([], 'second'))
    const relay = await relayFor(
      mirrors.map(m => m.url),
      policy
    )
    return { first, second: mirrors[1], relay }
  }

  it('serves a healthy mirror and verifies every file against go.sum', async () => {
    const { relay } = await setUp([])
    await expectVerified(await download(relay))
    const report = relay.report()
    expect(report.mirrors[0]?.ok).toBeGreaterThanOrEqual(set.modules.length * 2)
    expect(report.files).toEqual([])
  })

  it('retries 503s on the same mirror until they pass', async () => {
    const { relay, second } = await setUp([{ kind: 'status', status: 503, times: 2 }])
    await expectVerified(await download(relay))
    expect(retriesOf(relay)).toBeGreaterThanOrEqual(set.modules.length * 2)
    expect(second?.log ?? []).toEqual([])
  })

  it('honours Retry-After on a 429', async () => {
    const { relay, second } = await setUp(
      [
        {
          kind: 'status',
          status: 429,
          retryAfter: 1,
          match: { module: set.modules[0]!.path, file: 'mod' },
          times: 1
        }
      ],
      { backoff: { baseMs: 10, maxMs: 5000 } }
    )
    await expectVerified(await download(relay))
    const record = relay.report().files.find(f => f.module === set.modules[0]!.path && f.file === 'mod')
    const waited = record?.tries.find(t => t.waitedMs !== undefined)?.waitedMs
    if (count === 1) expect(waited).toBe(1000)
    else {
      // With another mirror at hand, the relay asks it at once rather than keep the appointment.
      expect(record?.servedBy).toBe(second?.url)
      expect(waited).toBeUndefined()
    }
  })

  it('recovers from connections reset before the headers', async () => {
    const { relay } = await setUp([{ kind: 'reset', times: 1, match: mods }])
    await expectVerified(await download(relay))
  })

  it('resumes a zip cut short with a Range request', async () => {
    const { relay, first } = await setUp([{ kind: 'truncate', times: 1, match: zips }])
    await expectVerified(await download(relay))
    if (count === 1) expect(first.log.some(e => e.status === 206 && e.range)).toBe(true)
  })

  it('hedges a request that gets no answer', async () => {
    const { relay } = await setUp([{ kind: 'hang', times: 1, match: mods }])
    const started = Date.now()
    await expectVerified(await download(relay))
    expect(relay.report().mirrors.reduce((n, m) => n + m.hedgesWon, 0)).toBeGreaterThan(0)
    // A hedge, not the stall timeout, answered each hung request.
    expect(Date.now() - started).toBeLessThan(60_000)
  })

  it('sends a second hedge when the first stops halfway too, long before the stall timeout', async () => {
    const victim = set.modules[5]!
    const { relay } = await setUp(
      [{ kind: 'hang-body', times: 2, match: { module: victim.path, file: 'zip' } }],
      {
        stallTimeoutMs: 60_000
      }
    )
    await expectVerified(await download(relay))
    const record = relay.report().files.find(f => f.module === victim.path && f.file === 'zip')
    const hedges = record?.tries.filter(t => t.hedge) ?? []
    expect(hedges).toHaveLength(count === 1 ? 2 : 1)
    expect(record?.tries.filter(t => t.outcome === 'ok')).toEqual([expect.objectContaining({ hedge: true })])
  })

  it('lets a copy gone quiet give back its connection slot, so that its hedge is not kept waiting', async () => {
    const victim = set.modules[6]!
    const { relay } = await setUp(
      [{ kind: 'hang-body', times: 1, match: { module: victim.path, file: 'zip' } }],
      {
        stallTimeoutMs: 60_000,
        concurrency: 1
      }
    )
    await expectVerified(await download(relay))
    const record = relay.report().files.find(f => f.module === victim.path && f.file === 'zip')
    expect(record?.tries.filter(t => t.outcome === 'ok')).toEqual([expect.objectContaining({ hedge: true })])
  })

  it('gets past a body that stops halfway', async () => {
    const { relay } = await setUp([{ kind: 'hang-body', times: 1, match: zips }])
    await expectVerified(await download(relay))
  })

  it('gets past a body that trickles a few bytes a second', async () => {
    const { relay } = await setUp([
      { kind: 'trickle', times: 1, match: { module: set.modules[3]!.path, file: 'zip' } }
    ])
    await expectVerified(await download(relay))
  })

  it('does not serve an HTML login page as a module file', async () => {
    const { relay } = await setUp([{ kind: 'html', times: 1, match: mods }])
    await expectVerified(await download(relay))
    const classes = relay.report().mirrors.flatMap(m => Object.keys(m.failuresByClass))
    expect(classes).toContain('bad-response')
  })

  it('follows a redirect to another host', async () => {
    const target = await mirror([], 'cdn')
    const { relay } = await setUp([{ kind: 'redirect', location: target.url, match: zips }])
    await expectVerified(await download(relay))
    expect(target.log.filter(e => e.path.endsWith('.zip')).length).toBeGreaterThan(0)
  })

  it('decodes a gzip-encoded answer', async () => {
    const { relay } = await setUp([{ kind: 'gzip' }])
    await expectVerified(await download(relay))
  })

  it('stops a body that never ends', async () => {
    const { relay } = await setUp([{ kind: 'endless', times: 1, match: mods }])
    await expectVerified(await download(relay))
  })

  it('never serves a tampered zip; another mirror serves the real one', async () => {
    const victim = set.modules[1]!
    const { relay } = await setUp([{ kind: 'tamper', match: { module: victim.path, file: 'zip' } }])
    const run = await download(relay)
    const record = relay.report().files.find(f => f.module === victim.path && f.file === 'zip')
    expect(record?.mismatched).toHaveLength(1)
    if (count === 2) {
      await expectVerified(run)
      expect(record?.outcome).toBe('ok')
    } else {
      expect(run.code).not.toBe(0)
      expect(run.output).toContain('502 Bad Gateway')
      expect(run.output).not.toContain('SECURITY ERROR')
      expect(record?.failure?.class).toBe('checksum-mismatch')
    }
  })

  it('never serves a tampered .mod', async () => {
    const victim = set.modules[2]!
    const { relay } = await setUp([{ kind: 'tamper', match: { module: victim.path, file: 'mod' } }])
    const run = await download(relay)
    if (count === 2) await expectVerified(run)
    else {
      expect(run.code).not.toBe(0)
      expect(run.output).not.toContain('SECURITY ERROR')
    }
  })
})

describe('bounded memory', () => {
  const victim = () => set.modules[6]!

  it.each([
    ['a .info over 64 KiB', 'info' as const, 100 * 1024],
    ['a version list over 1 MiB', 'list' as const, 2 * 1024 * 1024]
  ])('takes %s for a bad response and asks the next mirror', async (_name, file, bytes) => {
    const { path: module, version } = victim()
    const big = await mirror([{ kind: 'huge', bytes, match: { module, file } }], 'big')
    const healthy = await mirror([], 'healthy')
    const relay = await relayFor([big.url, healthy.url], { maxAttempts: 1 })
    const target = file === 'list' ? `${module}/@v/list` : `${module}/@v/${version}.info`
    const response = await fetch(`${relay.url}/${target}`)
    expect(response.status).toBe(200)
    const body = await response.text()
    if (file === 'info') expect(JSON.parse(body)).toMatchObject({ Version: version })
    else expect(body).toBe(set.files.get(`${module}/@v/list`)!.toString())
    const record = relay.report().files.find(f => f.module === module)
    expect(record?.tries.map(t => [t.mirror, t.detail ?? 'ok'])).toEqual([
      [big.url, `the body is larger than ${file === 'list' ? 1024 * 1024 : 64 * 1024} bytes`],
      [healthy.url, 'ok']
    ])
    expect(relay.memory().heldBytes).toBeLessThan(64 * 1024)
  })

  it('streams a large .mod to disk, checks it against go.sum there and serves it from the file', async () => {
    const { path: module, version } = victim()
    const goMod = Buffer.concat([Buffer.from(`module ${module}\n\n// `), Buffer.alloc(5 * 1024 * 1024, 0x62)])
    const files = new Map(set.files)
    files.set(versionFilePath(module, version, 'mod').replace(/%21/g, '!'), goMod)
    const m = await mirror([], 'big-mod', files)
    const relay = await relayFor(
      [m.url],
      {},
      { sums: new Map([[`${module}@${version}`, { path: module, version, mod: hashGoMod(goMod) }]]) }
    )
    const response = await fetch(`${relay.url}/${versionFilePath(module, version, 'mod')}`)
    expect(response.status).toBe(200)
    expect(Buffer.from(await response.arrayBuffer()).equals(goMod)).toBe(true)
    expect(relay.memory().peakBytes).toBeLessThanOrEqual(1024 * 1024)
  })

  it('holds no more than its budget of bodies and small files in memory, whatever the load', async () => {
    const m = await mirror([], 'plain')
    const budget = 1024
    const relay = await relayFor([m.url], {}, { memoryBytes: budget })
    const small = [...set.files.keys()].filter(p => !p.endsWith('.zip'))
    const answers = await Promise.all(
      small.map(async p => [p, Buffer.from(await (await fetch(`${relay.url}/${p}`)).arrayBuffer())] as const)
    )
    for (const [p, body] of answers) expect(body.equals(set.files.get(p)!)).toBe(true)
    const usage = relay.memory()
    expect(usage.peakBytes).toBeLessThanOrEqual(budget)
    // More than fits was asked for: the rest went to disk.
    expect(small.reduce((n, p) => n + set.files.get(p)!.length, 0)).toBeGreaterThan(budget)
  })
})

describe('a mirror whose redirects cannot work', () => {
  it('is marked misconfigured once after a redirect loop and skipped for the rest of the run', async () => {
    const loop = await mirror([], 'loop')
    loop.setFaults([{ kind: 'redirect', location: loop.url }])
    const healthy = await mirror([], 'healthy')
    const events: RelayEvent[] = []
    const relay = await relayFor([loop.url, healthy.url], {}, { onEvent: event => events.push(event) })
    await expectVerified(await download(relay))
    const perFile = new Map<string, number>()
    for (const entry of loop.log) perFile.set(entry.path, (perFile.get(entry.path) ?? 0) + 1)
    expect(Math.max(...perFile.values())).toBeLessThanOrEqual(2)
    // Only the requests already under way when the first loop came back: at most `concurrency`.
    expect(loop.log.length).toBeLessThanOrEqual(4)
    expect(events.filter(e => e.kind === 'misconfigured')).toEqual([
      expect.objectContaining({
        mirror: loop.url,
        text: 'redirects in a loop: skipped for the rest of the run'
      })
    ])
  })

  it('costs a lone mirror one request per loop, not one per redirect and try', async () => {
    const loop = await mirror([], 'lone')
    loop.setFaults([{ kind: 'redirect', location: `${loop.url}/again` }])
    const relay = await relayFor([loop.url], { maxAttempts: 3 })
    const mod = [...set.files.keys()].find(p => p.endsWith('.mod'))!
    const first = await fetch(`${relay.url}/${mod}`)
    expect(first.status).toBe(502)
    expect(await first.text()).toContain('redirects more than 10 times')
    expect(loop.log.length).toBe(11)
    const second = await fetch(`${relay.url}/${mod.replace('.mod', '.info')}`)
    expect(second.status).toBe(502)
    await second.text()
    expect(loop.log.length).toBe(11)
  })

  it.each([
    ['a scheme other than http', 'ftp://127.0.0.1:1/files', 'redirects to a ftp: URL, which is not HTTP'],
    [
      'http from https',
      'http://127.0.0.1:1/cdn',
      'redirects from https to http://127.0.0.1:1, which is not secure'
    ]
  ])('is marked misconfigured after a redirect to %s', async (_name, location, text) => {
    const certDir = await mkdtemp(path.join(tmpdir(), 'relay-cert-'))
    roots.push(certDir)
    const cert = selfSignedCert(certDir, ['127.0.0.1'])
    const bad = await startProxy({ files: set.files, tls: cert, faults: [{ kind: 'redirect', location }] })
    closers.push(() => bad.close())
    const healthy = await mirror([], 'healthy')
    const events: RelayEvent[] = []
    const relay = await relayFor(
      [bad.url, healthy.url],
      {},
      { ca: [await readFile(cert.certFile, 'utf8')], onEvent: event => events.push(event) }
    )
    await expectVerified(await download(relay))
    expect(bad.log.length).toBeLessThanOrEqual(4)
    expect(events.filter(e => e.kind === 'misconfigured').map(e => e.text)).toEqual([
      `${text}: skipped for the rest of the run`
    ])
  })
})

describe('answers go can act on', () => {
  it('says 404 only when every mirror says the file does not exist', async () => {
    const victim = set.modules[5]!
    const without = new Map([...set.files].filter(([p]) => !p.includes(victim.path.split('/').pop()!)))
    const a = await mirror([], 'a', without)
    const b = await mirror([], 'b', without)
    const relay = await relayFor([a.url, b.url])
    const run = await download(relay)
    expect(run.code).not.toBe(0)
    expect(run.output).toContain('404 Not Found')
    const record = relay.report().files.find(f => f.module === victim.path)
    expect(record?.outcome).toBe('not-found')
    expect(record?.failure?.message).toContain(a.url)
    expect(record?.failure?.message).toContain(b.url)
  })

  it('does not take a disguised upstream failure for a missing module', async () => {
    const a = await mirror(
      [{ kind: 'status', status: 404, body: 'not found: bad upstream\n', times: 1 }],
      'athens'
    )
    const relay = await relayFor([a.url])
    await expectVerified(await download(relay))
  })

  it('answers 502 with the reason when retries run out, and go prints it', async () => {
    const a = await mirror([{ kind: 'status', status: 503, match: { module: set.modules[0]!.path } }], 'down')
    const events: RelayEvent[] = []
    const relay = await relayFor([a.url], {}, { onEvent: event => events.push(event) })
    const run = await download(relay)
    expect(run.code).not.toBe(0)
    expect(run.output).toContain('502 Bad Gateway')
    expect(run.output).toContain(`server response:`)
    expect(run.output).toContain('503 Service Unavailable ×3')
    // The log line names the file once: the event's text is the reason alone.
    const failed = events.filter(e => e.kind === 'failed')
    expect(failed.length).toBeGreaterThan(0)
    for (const event of failed) expect(event.text).toBe(`${a.url}: 503 Service Unavailable ×3`)
  })

  it('refuses requests without its path prefix', async () => {
    const a = await mirror([])
    const relay = await relayFor([a.url])
    const origin = new URL(relay.url).origin
    const path0 = [...set.files.keys()][0]!
    const response = await fetch(`${origin}/${path0}`)
    expect(response.status).toBe(403)
    expect(a.log).toEqual([])
  })

  it('answers the checksum database support probe with 404, never a 5xx, when no mirror proxies it', async () => {
    const a = await mirror([{ kind: 'status', status: 503, match: req => req.path.startsWith('sumdb/') }])
    const relay = await relayFor([a.url])
    const response = await fetch(`${relay.url}/sumdb/sum.golang.org/supported`)
    expect(response.status).toBe(404)
    await response.text()
  })

  it('answers the support probe with 200 when a mirror proxies the checksum database', async () => {
    const a = await mirror(
      [{ kind: 'status', status: 404, match: req => req.path.startsWith('sumdb/') }],
      'plain'
    )
    const b = await mirror(
      [{ kind: 'status', status: 200, body: '', match: req => req.path.startsWith('sumdb/') }],
      'sumdb'
    )
    const relay = await relayFor([a.url, b.url])
    const response = await fetch(`${relay.url}/sumdb/sum.golang.org/supported`)
    expect(response.status).toBe(200)
    await response.text()
  })

  it('never forwards a private module path', async () => {
    const a = await mirror([])
    const relay = await relayFor(
      [a.url],
      { maxAttempts: 1, stallTimeoutMs: 1000 },
      { sums: new Map(), env: { GOPRIVATE: 'example.test/lib/*' } }
    )
    const lib = set.modules.find(m => m.path.includes('/lib/'))!
    const response = await fetch(`${relay.url}/${lib.path}/@v/${lib.version}.info`)
    expect(response.status).toBe(404)
    expect(await response.text()).toContain('private')
    expect(a.log).toEqual([])
  })
})

interface Recorded {
  path: string
  authorization?: string
}

/** A server that records every request and its Authorization, answering 200 to a sumdb support probe and 404 to the rest. */
async function recorder(): Promise<{ url: string; port: number; seen: Recorded[] }> {
  const seen: Recorded[] = []
  const server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', authorization: req.headers.authorization })
    const status = (req.url ?? '').endsWith('/supported') ? 200 : 404
    res.writeHead(status, { 'Content-Type': 'text/plain' }).end(status === 200 ? '' : 'not found\n')
  })
  const listening = await listenLoopback(server)
  closers.push(async () => listening.close())
  return { url: `http://127.0.0.1:${listening.port}`, port: listening.port, seen }
}

/** A GET with the request target exactly as written: no URL parser in between. */
function rawGet(relayUrl: string, target: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(relayUrl)
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: hostname, port, path: target, method: 'GET' }, response => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => (body += chunk))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }))
    })
    request.on('error', reject)
    request.end()
  })
}

describe('no open proxy', () => {
  const basic = `Basic ${Buffer.from('bot:s3cr3t').toString('base64')}`

  async function setUp() {
    const other = await recorder()
    const mirror = await recorder()
    const relay = await relayFor([mirror.url.replace('http://', 'http://bot:s3cr3t@') + '/go/proxy'], {
      maxAttempts: 1
    })
    const secret = new URL(relay.url).pathname.slice(1)
    return { other, mirror, relay, secret }
  }

  it.each([
    ['a backslashed host', (port: number) => `\\\\127.0.0.1:${port}/x/@v/list`],
    ['a host after an empty segment', (port: number) => `//127.0.0.1:${port}/x/@v/list`],
    ['an encoded backslashed host', (port: number) => `%5C%5C127.0.0.1:${port}/x/@v/list`],
    ['an encoded host', (port: number) => `%2F%2F127.0.0.1:${port}/x/@v/v1.0.0.info`],
    ['a backslashed host for a version file', (port: number) => `\\\\127.0.0.1:${port}/x/@v/v1.0.0.zip`]
  ])('sends nothing to another server for %s', async (_name, attack) => {
    const { other, mirror, relay, secret } = await setUp()
    const answer = await rawGet(relay.url, `/${secret}/${attack(other.port)}`)
    expect(answer.status).toBe(404)
    expect(other.seen).toEqual([])
    expect(mirror.seen).toEqual([])
  })

  it.each([
    ['a rooted path', '/admin/@v/list'],
    ['backslashed dot segments', 'a\\..\\..\\admin/@v/list'],
    ['encoded dot segments', 'a/%2e%2e/%2e%2e/admin/@v/list'],
    ['encoded backslashed dot segments', 'a%5C..%5C..%5Cadmin/@v/list'],
    ['a query string', 'example.test/x/@v/list%3Fadmin=1']
  ])('reaches no path outside the mirror for %s, and sends no credentials there', async (_name, attack) => {
    const { mirror, relay, secret } = await setUp()
    const answer = await rawGet(relay.url, `/${secret}/${attack}`)
    expect(answer.status).toBe(404)
    expect(mirror.seen).toEqual([])
  })

  it('asks the mirror below its base path, with its credentials, for a request it accepts', async () => {
    const { mirror, relay, secret } = await setUp()
    const answer = await rawGet(relay.url, `/${secret}/github.com/%21azure/x/@v/list`)
    expect(answer.status).toBe(404)
    expect(mirror.seen).toEqual([{ path: '/go/proxy/github.com/%21azure/x/@v/list', authorization: basic }])
  })

  it.each([
    ['an unknown database', 'sumdb/sum.evil.test/lookup/example.test/x@v1.0.0'],
    ['a host as the name', `sumdb/127.0.0.1:1/supported`],
    ['an operation outside the protocol', 'sumdb/sum.golang.org/admin'],
    ['a lookup of a path', 'sumdb/sum.golang.org/lookup/%2F%2F127.0.0.1:1/x@v1.0.0'],
    ['a lookup with a query', 'sumdb/sum.golang.org/lookup/example.test/x@v1.0.0%3Fx'],
    ['a tile spelled two ways', 'sumdb/sum.golang.org/tile/8/0/x000/001'],
    ['a tile with more', 'sumdb/sum.golang.org/tile/8/0/001/%2e%2e/%2e%2e/admin']
  ])('forwards no checksum database request outside its grammar: %s', async (_name, attack) => {
    const { mirror, relay, secret } = await setUp()
    const answer = await rawGet(relay.url, `/${secret}/${attack}`)
    expect(answer.status).toBe(404)
    expect(mirror.seen.filter(r => !r.path.endsWith('/sumdb/sum.golang.org/supported'))).toEqual([])
  })

  it('forwards a checksum database request of its grammar, spelled again', async () => {
    const { mirror, relay, secret } = await setUp()
    await rawGet(relay.url, `/${secret}/sumdb/sum.golang.org/lookup/github.com/!azure/x@v1.2.3`)
    expect(mirror.seen.map(r => r.path)).toEqual([
      '/go/proxy/sumdb/sum.golang.org/supported',
      '/go/proxy/sumdb/sum.golang.org/lookup/github.com/%21azure/x@v1.2.3'
    ])
  })

  it('serves a file mirror only from below its folder', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'relay-file-'))
    roots.push(root)
    const folder = path.join(root, 'mirror')
    await mkdir(path.join(root, 'outside', '@v'), { recursive: true })
    await writeFile(path.join(root, 'outside', '@v', 'list'), 'v9.9.9 secret\n')
    await mkdir(path.join(folder, 'example.test', 'x', '@v'), { recursive: true })
    await writeFile(path.join(folder, 'example.test', 'x', '@v', 'list'), 'v1.0.0\n')
    const relay = await relayFor([pathToFileURL(folder).href], { maxAttempts: 1 })
    const secret = new URL(relay.url).pathname.slice(1)
    expect(await rawGet(relay.url, `/${secret}/example.test/x/@v/list`)).toEqual({
      status: 200,
      body: 'v1.0.0\n'
    })
    for (const attack of [
      '..%2Foutside/@v/list',
      '%2e%2e/outside/@v/list',
      '..\\outside/@v/list',
      'example.test/..%5C..%5C..%5Coutside/@v/list',
      'x.test/%5C..%5C..%5C..%5Coutside/@v/list'
    ]) {
      const answer = await rawGet(relay.url, `/${secret}/${attack}`)
      expect(answer.status).toBe(404)
      expect(answer.body).not.toContain('secret')
    }
  })
})

describe('credentials and HTTP proxies', () => {
  it("sends a mirror's credentials to that mirror only, never after a redirect to another host", async () => {
    const basic = `Basic ${Buffer.from('bot:s3cr3t,pw').toString('base64')}`
    const cdn = await mirror([], 'cdn')
    const guarded = await startProxy({
      files: set.files,
      name: 'guarded',
      authorization: basic,
      faults: [{ kind: 'redirect', location: cdn.url, match: zips }]
    })
    closers.push(() => guarded.close())
    const relay = await relayFor([guarded.url.replace('http://', 'http://bot:s3cr3t%2Cpw@')])
    await expectVerified(await download(relay))
    expect(guarded.credentialed.length).toBeGreaterThan(0)
    expect(cdn.log.some(e => e.path.endsWith('.zip'))).toBe(true)
    expect(cdn.credentialed).toEqual([])
  })

  it('sends no credentials after a redirect to a path outside the mirror on its own host', async () => {
    const seen: Recorded[] = []
    const server = createServer((req, res) => {
      seen.push({ path: req.url ?? '', authorization: req.headers.authorization })
      const url = req.url ?? ''
      if (url.startsWith('/go/proxy/')) res.writeHead(302, { Location: `/elsewhere/${url.slice(10)}` }).end()
      else res.writeHead(404).end('not found\n')
    })
    const listening = await listenLoopback(server)
    closers.push(async () => listening.close())
    const relay = await relayFor([`http://bot:s3cr3t@127.0.0.1:${listening.port}/go/proxy`], {
      maxAttempts: 1
    })
    const response = await fetch(`${relay.url}/example.test/x/@v/list`)
    expect(response.status).toBe(404)
    await response.text()
    expect(seen.map(r => [r.path, r.authorization !== undefined])).toEqual([
      ['/go/proxy/example.test/x/@v/list', true],
      ['/elsewhere/example.test/x/@v/list', false]
    ])
  })

  it('goes through HTTP_PROXY to a mirror by name, as go would, and straight to a loopback mirror', async () => {
    const target = await mirror([], 'named')
    const asked: string[] = []
    // A forward HTTP proxy that knows one name: mirror.test, which is the test mirror on 127.0.0.1.
    const forward = createServer((req, res) => {
      const url = new URL(req.url ?? '/')
      asked.push(url.host)
      const upstream = httpRequest(
        { host: '127.0.0.1', port: new URL(target.url).port, path: url.pathname, headers: req.headers },
        answer => {
          res.writeHead(answer.statusCode ?? 502, answer.headers)
          answer.pipe(res)
        }
      )
      upstream.on('error', () => res.destroy())
      upstream.end()
    })
    await new Promise<void>(resolve => forward.listen(0, '127.0.0.1', () => resolve()))
    closers.push(() => new Promise<void>(resolve => forward.close(() => resolve())))
    const proxyUrl = `http://127.0.0.1:${(forward.address() as AddressInfo).port}`
    const named = `http://mirror.test:${new URL(target.url).port}`
    const relay = await relayFor(
      [named],
      { maxAttempts: 2, stallTimeoutMs: 3000 },
      { env: { HTTP_PROXY: proxyUrl } }
    )
    await expectVerified(await download(relay))
    expect(asked.length).toBeGreaterThan(0)
    expect(new Set(asked)).toEqual(new Set([`mirror.test:${new URL(target.url).port}`]))

    asked.length = 0
    const direct = await mirror([], 'loopback')
    const straight = await relayFor(
      [direct.url],
      { maxAttempts: 2, stallTimeoutMs: 3000 },
      { env: { HTTP_PROXY: proxyUrl } }
    )
    await expectVerified(await download(straight))
    // go never sends loopback traffic through an HTTP proxy, whatever NO_PROXY says; neither does the relay.
    expect(asked).toEqual([])
  })
})

describe('a down mirror', () => {
  const victim = (): { path: string } => set.modules[5]!
  /** Every file but the victim's: a public mirror that never had that module. */
  const lacking = (): Map<string, Buffer> =>
    new Map([...set.files].filter(([p]) => !p.startsWith(`${escapeModulePath(victim().path)}/@v/`)))
  const modFiles = (): string[] => [...set.files.keys()].filter(p => p.endsWith('.mod'))
  const modulePaths = (p: Proxy): string[] => p.log.map(e => e.path).filter(f => describeRequest(f).module)
  const ask = (relay: Relay, files: string[]): Promise<Map<string, number>> =>
    Promise.all(
      files.map(
        async f => [f, (await fetch(`${relay.url}/${f}`).then(r => r.text().then(() => r))).status] as const
      )
    ).then(pairs => new Map(pairs))
  const expectAnswers = (answers: Map<string, number>): void => {
    for (const [file, status] of answers) {
      expect([file, status]).toEqual([file, describeRequest(file).module === victim().path ? 404 : 200])
    }
  }

  it('is asked only for what the others lack, for one hedge delay, once the probe found it silent', async () => {
    const silent = await mirror([{ kind: 'hang' }], 'silent')
    const open = await mirror([], 'open', lacking())
    const events: RelayEvent[] = []
    const relay = await relayFor(
      [silent.url, open.url],
      { stallTimeoutMs: 20_000 },
      { tryLast: [silent.url], heard: { [silent.url]: 'down' }, onEvent: e => events.push(e) }
    )
    const started = Date.now()
    expectAnswers(await ask(relay, modFiles()))
    // Generous bound: one stall window is 20 s, and each file would have cost one or more.
    expect(Date.now() - started).toBeLessThan(10_000)
    const asked = modulePaths(silent)
    expect(asked).toEqual([`${escapeModulePath(victim().path)}/@v/${set.modules[5]!.version}.mod`])
    expect(events.filter(e => e.kind === 'down').map(e => e.mirror)).toEqual([silent.url])
    expect(events.filter(e => e.kind === 'hedge')).toEqual([])
    const record = relay.report().files.find(f => f.module === victim().path)
    expect(record?.outcome).toBe('not-found')
    expect(record?.failure?.message).toContain(`not found on ${open.url}; ${silent.url} down`)
    // Asked for the same file again (go after the prefetch), it is not asked again while down.
    expect((await ask(relay, asked)).get(asked[0] as string)).toBe(404)
    expect(modulePaths(silent)).toEqual(asked)
  })

  it('is found out by its silence in one hedge delay, and then skipped for every request at once', async () => {
    const silent = await mirror([{ kind: 'hang' }], 'silent')
    const open = await mirror([], 'open', lacking())
    const events: RelayEvent[] = []
    const relay = await relayFor(
      [silent.url, open.url],
      { stallTimeoutMs: 20_000 },
      { onEvent: e => events.push(e) }
    )
    const started = Date.now()
    expectAnswers(await ask(relay, modFiles()))
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(events.filter(e => e.kind === 'down').map(e => e.mirror)).toEqual([silent.url])
    // Only the requests that held its connection slots (four) reached it; those waiting for one went on.
    expect(modulePaths(silent).length).toBeLessThanOrEqual(4)
    // Now down: asked for nothing the open mirror has, and never hedged to.
    silent.log.length = 0
    const hedges = events.filter(e => e.kind === 'hedge').length
    expectAnswers(
      await ask(
        relay,
        modFiles().map(f => f.replace(/\.mod$/, '.info'))
      )
    )
    expect(modulePaths(silent)).toEqual([
      `${escapeModulePath(victim().path)}/@v/${set.modules[5]!.version}.info`
    ])
    expect(events.filter(e => e.kind === 'hedge').length).toBe(hedges)
  })

  it('is only one that never answered: one that answered the probe keeps the full stall window', async () => {
    const slow = await mirror([{ kind: 'slow', delayMs: 1500, match: { module: victim().path } }], 'slow')
    const open = await mirror([], 'open', lacking())
    const relay = await relayFor(
      [open.url, slow.url],
      { stallTimeoutMs: 5000 },
      { heard: { [slow.url]: 'answered' } }
    )
    const answers = await ask(relay, modFiles())
    expect([...answers.values()].every(status => status === 200)).toBe(true)
    expect(relay.report().files.find(f => f.module === victim().path)?.servedBy).toBe(slow.url)
  })

  it('that is the only mirror is still hedged to, on new connections', async () => {
    // Every first request hangs: the mirror is down before it ever answered, and has no one to give way to.
    const lone = await mirror([{ kind: 'hang', times: 1 }], 'lone')
    const relay = await relayFor([lone.url], { stallTimeoutMs: 5000, concurrency: 2 })
    const files = modFiles().slice(0, 3)
    const answers = await ask(relay, files)
    expect([...answers.values()]).toEqual([200, 200, 200])
    // Each served by a hedge on a new connection, none after its first copy ran out the stall window.
    const records = relay.report().files.filter(f => f.file === 'mod')
    expect(records.map(r => r.tries.find(t => t.outcome === 'ok')?.hedge)).toEqual([true, true, true])
    expect(
      records.flatMap(r => r.tries.map(t => t.detail)).filter(d => d?.startsWith('no answer for'))
    ).toEqual([])
  })

  it('holds up no checksum database support probe beyond a hedge delay', async () => {
    const silent = await mirror([{ kind: 'hang' }], 'silent')
    const sumdb = await mirror(
      [{ kind: 'status', status: 200, body: '', match: req => req.path.startsWith('sumdb/') }],
      'sumdb'
    )
    const relay = await relayFor([silent.url, sumdb.url], { stallTimeoutMs: 20_000 })
    const started = Date.now()
    const response = await fetch(`${relay.url}/sumdb/sum.golang.org/supported`)
    expect(response.status).toBe(200)
    await response.text()
    // Generous: a hedge delay here is 300 ms, the stall window 20 s.
    expect(Date.now() - started).toBeLessThan(10_000)
  })

  it('is asked again now and then, and is back in its place once it answers', async () => {
    const company = await mirror([{ kind: 'hang' }], 'company')
    const open = await mirror([], 'open', lacking())
    const events: RelayEvent[] = []
    const relay = await relayFor(
      [company.url, open.url],
      { stallTimeoutMs: 1000, downRetryMs: 200 },
      { tryLast: [company.url], forgetServed: true, onEvent: e => events.push(e) }
    )
    const only = `${escapeModulePath(victim().path)}/@v/${set.modules[5]!.version}.mod`
    expect((await ask(relay, [only])).get(only)).toBe(404)
    expect(events.map(e => e.kind)).toContain('down')
    company.setFaults([])
    const until = Date.now() + 20_000
    while (!events.some(e => e.kind === 'up') && Date.now() < until) await new Promise(r => setTimeout(r, 50))
    expect(events.filter(e => e.kind === 'up').map(e => e.mirror)).toEqual([company.url])
    // The module only the company has is served again, and the company is asked first, as listed.
    expect((await ask(relay, [only])).get(only)).toBe(200)
    const other = modFiles().find(f => describeRequest(f).module !== victim().path) as string
    open.log.length = 0
    expect((await ask(relay, [other])).get(other)).toBe(200)
    expect(open.log).toEqual([])
  })
})

describe('keeping a mirror from being hammered', () => {
  it('asks a mirror that fails every request far fewer times than tries allow', async () => {
    const down = await mirror([{ kind: 'status', status: 503 }], 'down')
    const relay = await relayFor([down.url], { maxAttempts: 5 })
    const files = [...set.files.keys()].filter(p => p.endsWith('.mod'))
    await Promise.all(files.map(p => fetch(`${relay.url}/${p}`).then(r => r.text())))
    // Without the budget: five tries per file. With it: one each, and the retries the starting budget pays for.
    expect(down.log.length).toBeLessThan(files.length + 50)
    expect(down.log.length).toBeGreaterThanOrEqual(files.length)
  })

  it('keeps at most `concurrency` requests in flight at one mirror', async () => {
    const slow = await startProxy({ files: set.files, latencyMs: 100 })
    closers.push(() => slow.close())
    const relay = await relayFor([slow.url], { concurrency: 3 })
    const files = [...set.files.keys()].filter(p => p.endsWith('.mod'))
    const answers = await Promise.all(files.map(p => fetch(`${relay.url}/${p}`).then(r => r.status)))
    expect(answers.every(status => status === 200)).toBe(true)
    expect(slow.peakInFlight()).toBe(3)
  })
})

describe("the relay's own lag", () => {
  it('never takes time its event loop was held up for a silent mirror: no hedge, no stall', async () => {
    const slow = await startProxy({ files: set.files, name: 'steady', latencyMs: 150 })
    closers.push(() => slow.close())
    const relay = await relayFor([slow.url], { stallTimeoutMs: 900, hedgeFloorMs: 200 })
    const requests = set.modules.slice(0, 8).map(m => ({
      kind: 'version' as const,
      module: m.path,
      version: m.version,
      file: 'mod' as const
    }))
    const answers = Promise.all(requests.map(r => relay.fetch(r)))
    // Work that holds the loop up for longer than a hedge delay and a stall window, while answers are due.
    for (let i = 0; i < 3; i++) {
      await new Promise(resolve => setTimeout(resolve, 20))
      const until = Date.now() + 1000
      while (Date.now() < until) {
        // Busy, as a long synchronous task keeps the relay.
      }
    }
    expect((await answers).every(a => a.ok)).toBe(true)
    const stats = relay.report().mirrors[0]!
    expect(stats.hedges).toBe(0)
    expect(stats.failuresByClass.stalled ?? 0).toBe(0)
    expect(stats.requests).toBe(requests.length)
  })
})

describe("the step's deadline", () => {
  it('stops what is under way when it passes, and says the time budget ran out', async () => {
    const silent = await mirror([{ kind: 'hang' }], 'silent')
    const relay = await relayFor([silent.url], { stallTimeoutMs: 60_000, deadline: Date.now() + 500 })
    const m = set.modules[2]!
    const started = Date.now()
    const answer = await relay.fetch({ kind: 'version', module: m.path, version: m.version, file: 'mod' })
    expect(answer.ok).toBe(false)
    // Generous bound: without the deadline the silent mirror holds the request for a 60 s stall window.
    expect(Date.now() - started).toBeLessThan(20_000)
    const record = relay.report().files.find(f => f.module === m.path)
    expect(record?.failure?.class).toBe('timeout')
    expect(record?.failure?.message).toContain('time budget ran out')
  })
})

describe('a large zip', () => {
  it('has a hashing thread started while its body arrives', async () => {
    const big = generateModuleSet({ count: 1, seed: 5, bigZipBytes: 1024 * 1024, bigEvery: 1 })
    const m = big.modules[0]!
    // A quarter of the body every 250 ms: about a second from the headers to the end.
    const fault: Fault = { kind: 'trickle', chunkBytes: 256 * 1024, match: { module: m.path, file: 'zip' } }
    const slow = await startProxy({ files: big.files, faults: [fault], name: 'slow' })
    closers.push(() => slow.close())
    const relay = await relayFor(
      [slow.url],
      { stallTimeoutMs: 20_000 },
      { sums: parseGoSum(big.consumer.goSum) }
    )
    // Threads other tests started end once idle.
    for (let waited = 0; zipPool().running > 0 && waited < 10_000; waited += 50)
      await new Promise(resolve => setTimeout(resolve, 50))
    expect(zipPool().running).toBe(0)
    let answered = false
    const answer = relay
      .fetch({ kind: 'version', module: m.path, version: m.version, file: 'zip' })
      .finally(() => (answered = true))
    while (!slow.log.some(l => l.path.endsWith('.zip'))) await new Promise(resolve => setTimeout(resolve, 10))
    await new Promise(resolve => setTimeout(resolve, 300))
    expect(answered).toBe(false)
    expect(zipPool().running).toBe(1)
    expect((await answer).ok).toBe(true)
  })

  it('is not hedged while the relay checks it: the mirror has sent all of it', async () => {
    const big = generateModuleSet({ count: 1, seed: 4, bigZipBytes: 32 * 1024 * 1024, bigEvery: 1 })
    const steady = await startProxy({ files: big.files, name: 'steady' })
    closers.push(() => steady.close())
    const hedgeFloorMs = 250
    const relay = await relayFor(
      [steady.url],
      { stallTimeoutMs: 20_000, hedgeFloorMs },
      { sums: parseGoSum(big.consumer.goSum) }
    )
    const m = big.modules[0]!
    // Zips queued ahead of it in the hashing threads keep its check going for several hedge delays, while
    // the floor stays well above the pauses a loaded machine puts into a loopback transfer.
    const dir = await mkdtemp(path.join(tmpdir(), 'relay-ahead-'))
    closers.push(() => removeTree(dir))
    const ahead = path.join(dir, 'ahead.zip')
    const zeros = { 'zeros.bin': new Uint8Array(64 * 1024 * 1024) }
    await writeFile(ahead, buildModuleZip({ path: 'example.com/ahead', version: 'v1.0.0' }, zeros))
    const queued = Array.from({ length: 40 }, () => zipPool().hash(ahead))
    const answer = await relay.fetch({ kind: 'version', module: m.path, version: m.version, file: 'zip' })
    const answered = Date.now()
    await Promise.all(queued)
    expect(answer.ok).toBe(true)
    // The premise: the mirror had sent the whole body more than two hedge delays before the answer.
    const sent = steady.log.find(l => l.path.endsWith('.zip'))?.sent ?? answered
    expect(answered - sent).toBeGreaterThan(2 * hedgeFloorMs)
    expect(relay.report().mirrors[0]?.hedges).toBe(0)
    expect(steady.log.filter(l => l.path.endsWith('.zip'))).toHaveLength(1)
  })
})
