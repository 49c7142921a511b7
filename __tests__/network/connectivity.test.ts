import { afterAll, describe, expect, it } from '@jest/globals'
import { requestEnvironment, startConnectivityCheck } from '../../src/network/connectivity.js'
import { silentServer, statusServer } from '../../testkit/loopback.js'
import { refusedUrl } from '../../testkit/proxy.js'

// Every server here listens on 127.0.0.1; the probes resolve no names.
const closers: (() => void)[] = []

afterAll(() => {
  for (const close of closers) close()
})

async function httpServer(status = 404, delayMs = 0): ReturnType<typeof statusServer> {
  const server = await statusServer(status, delayMs)
  closers.push(server.close)
  return server
}

async function silent(): Promise<string> {
  const server = await silentServer()
  closers.push(server.close)
  return server.host
}

describe('startConnectivityCheck', () => {
  it('moves a refused mirror behind a healthy one at once', async () => {
    const refused = await refusedUrl()
    const healthy = await httpServer(404)
    const check = startConnectivityCheck({
      enabled: true,
      mirrors: [refused, healthy.url, 'direct'],
      env: { GOSUMDB: 'off' }
    })
    expect(await check.tryLast).toEqual([refused])
    const report = await check.finish()
    expect(report.probes.map(p => p.verdict)).toEqual(['down', 'reachable'])
    expect(report.triedLast).toEqual([refused])
    expect(healthy.requests[0]?.url).toBe('/')
  })

  it('logs a mirror that answered as reachable, whatever its status, and one still probed as no failure', async () => {
    const refused = await refusedUrl()
    const failing = await httpServer(503)
    const slow = await httpServer(404, 1500)
    const check = startConnectivityCheck({
      enabled: true,
      mirrors: [refused, failing.url, slow.url],
      env: { GOSUMDB: 'off' }
    })
    await check.tryLast
    const lines = check.logLines()
    await check.finish()
    expect(lines).toEqual([
      expect.stringMatching(
        new RegExp(`^${refused}: down \\(dial tcp .*: connect: connection refused\\), \\d+ ms$`)
      ),
      expect.stringMatching(
        new RegExp(`^${failing.url}: reachable but answering 503 Service Unavailable, in \\d+ ms$`)
      ),
      `${slow.url}: still being probed; the order did not need to wait for it`,
      `Tried last: ${refused}`
    ])

    // Each probe is logged once: a later call gives only those finished since.
    expect(check.logLines()).toEqual([
      expect.stringMatching(new RegExp(`^${slow.url}: reachable, in [\\d.]+ m?s$`))
    ])
    expect(check.logLines()).toEqual([])
  })

  it("does not wait for a lone mirror's probe, and logs its verdict once it has one", async () => {
    const slow = await httpServer(404, 400)
    const started = Date.now()
    const check = startConnectivityCheck({
      enabled: true,
      mirrors: [slow.url, 'direct'],
      env: { GOSUMDB: 'off' }
    })
    // A lone mirror has no order to settle.
    expect(await check.tryLast).toEqual([])
    expect(Date.now() - started).toBeLessThan(300)
    expect(check.logLines()).toEqual([
      `${slow.url}: still being probed; the order did not need to wait for it`
    ])
    const report = await check.finish()
    expect(report.probes.map(p => p.verdict)).toEqual(['reachable'])
    expect(report.triedLast).toEqual([])
    expect(check.logLines()).toEqual([
      expect.stringMatching(new RegExp(`^${slow.url}: reachable, in \\d+ ms$`))
    ])
  })

  it("probes no longer than the step's budget leaves", async () => {
    const silentMirror = `http://${await silent()}`
    const check = startConnectivityCheck({
      enabled: true,
      mirrors: [silentMirror],
      env: { GOSUMDB: 'off' },
      deadline: Date.now() + 300
    })
    expect(await check.tryLast).toEqual([])
    const report = await check.finish()
    expect(report.probes.map(p => p.verdict)).toEqual(['down'])
    // Generous: the budget was 300 ms; a probe on its own may take 3 s.
    expect(report.durationMs).toBeLessThan(1_500)
  })

  it('does not hold the first attempt for a silent mirror once a later one has answered', async () => {
    const silentMirror = `http://${await silent()}`
    const healthy = await httpServer(404)
    const started = Date.now()
    const check = startConnectivityCheck({
      enabled: true,
      mirrors: [silentMirror, healthy.url],
      env: {},
      goEnv: { GOSUMDB: 'off' },
      patienceMs: 200,
      timeouts: { httpMs: 1000 }
    })
    expect(await check.tryLast).toEqual([silentMirror])
    expect(Date.now() - started).toBeLessThan(600)
    const report = await check.finish()
    expect(report.orderSettledMs).toBeLessThan(600)
    expect(report.durationMs).toBeGreaterThanOrEqual(900)
    expect(report.durationMs).toBeLessThan(1500)
    expect(report.probes[0]?.failure?.class).toBe('stalled')
  })

  it('tells what each probe heard of its mirror as it finishes, a late listener too', async () => {
    const silentMirror = `http://${await silent()}`
    const refused = await refusedUrl()
    const failing = await httpServer(503)
    const check = startConnectivityCheck({
      enabled: true,
      mirrors: [silentMirror, refused, failing.url, 'direct'],
      env: { GOSUMDB: 'off' },
      timeouts: { httpMs: 500 }
    })
    const early: string[] = []
    check.onHeard((mirror, heard) => early.push(`${mirror} ${heard}`))
    await check.finish()
    const late: string[] = []
    check.onHeard((mirror, heard) => late.push(`${mirror} ${heard}`))
    await new Promise(resolve => setImmediate(resolve))
    const expected = [`${silentMirror} down`, `${refused} down`, `${failing.url} answered`].sort()
    expect(early.sort()).toEqual(expected)
    expect(late.sort()).toEqual(expected)
  })

  it('keeps the listed order when every mirror answers, and asks what go asks of the checksum database', async () => {
    const first = await httpServer(404)
    const second = await httpServer(200)
    const check = startConnectivityCheck({
      enabled: true,
      mirrors: [first.url, second.url],
      env: { GOSUMDB: `sum.golang.org ${second.url}` }
    })
    expect(await check.tryLast).toEqual([])
    const report = await check.finish()
    expect(first.requests[0]?.url).toBe('/sumdb/sum.golang.org/supported')
    expect(report.probes.map(p => p.role)).toEqual(['mirror', 'mirror', 'checksum-db'])
    expect(second.requests.map(r => r.url).sort()).toEqual(['/latest', '/sumdb/sum.golang.org/supported'])
  })

  it('probes nothing when turned off, but still reports the environment', async () => {
    const healthy = await httpServer(200)
    const check = startConnectivityCheck({ enabled: false, mirrors: [healthy.url], env: {} })
    expect(await check.tryLast).toEqual([])
    const report = await check.finish()
    expect(report).toMatchObject({ probed: false, probes: [] })
    expect(report.environment.length).toBeGreaterThan(0)
    expect(healthy.requests).toHaveLength(0)
  })
})

describe('the environment the summary shows', () => {
  it("gives as GOPROXY the mirrors the action used, not the job's", async () => {
    const check = startConnectivityCheck({
      enabled: false,
      mirrors: ['https://ci:s3cret@athens.example', 'direct'],
      env: { GOPROXY: 'https://job.example,off' }
    })
    const { environment } = await check.finish()
    expect(environment.find(e => e.name === 'GOPROXY')?.value).toBe('https://***@athens.example|direct')
  })
})

describe('requestEnvironment', () => {
  it('hides proxy credentials, in URLs and in the scheme-less form', () => {
    const entries = requestEnvironment(
      {
        HTTPS_PROXY: 'http://user:pass@corp:3128',
        http_proxy: 'user:pass@corp:3128',
        GOPROXY: 'https://u:p@mirror.example,direct',
        NO_PROXY: '.corp'
      },
      { GOSUMDB: 'sum.golang.org', GOTOOLCHAIN: 'local' }
    )
    const byName = Object.fromEntries(entries.map(e => [e.name, e.value]))
    expect(byName.HTTPS_PROXY).toBe('http://***@corp:3128')
    expect(byName.http_proxy).toBe('***@corp:3128')
    expect(byName.GOPROXY).toBe('https://***@mirror.example,direct')
    expect(byName.GOSUMDB).toBe('sum.golang.org')
    expect(byName.GOTOOLCHAIN).toBe('local')
    expect(byName.NO_PROXY).toBe('.corp')
    expect(JSON.stringify(entries)).not.toContain('pass')
  })
})
