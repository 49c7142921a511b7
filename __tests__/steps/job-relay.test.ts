import { afterAll, describe, expect, it } from '@jest/globals'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fakeRunner } from '../../__fixtures__/runner.js'
import { newControlSecret } from '../../src/relay/control.js'
import { startRelay, type Relay } from '../../src/relay/relay.js'
import {
  JOB_RELAY_IDLE_MS,
  JOB_RELAY_VARIABLE,
  exportJobRelay,
  findJobRelay,
  jobRelayRoute,
  joinJobRelay,
  readJobRelayAddress,
  withoutJobRelay,
  type JobRelayAddress
} from '../../src/steps/job-relay.js'
import { removeTree } from '../../testkit/action.js'
import { listenLoopback } from '../../testkit/loopback.js'
import { generateModuleSet } from '../../testkit/modset.js'
import { startProxy } from '../../testkit/proxy.js'

const closers: (() => Promise<void> | void)[] = []

afterAll(async () => {
  for (const close of closers.reverse()) await close()
})

const secret = '0123456789abcdef0123456789abcdef'
const join = 'fedcba9876543210fedcba9876543210'

describe('the job relay variable', () => {
  it('lasts as long as the longest job GitHub runs (5 days on a self-hosted runner)', () => {
    expect(JOB_RELAY_IDLE_MS).toBeGreaterThanOrEqual(5 * 24 * 3600_000)
  })

  it('is exported masked, and read back', () => {
    const runner = fakeRunner()
    const handle = {
      pid: 42,
      port: 4100,
      secret,
      controlSecret: newControlSecret(),
      joinSecret: join,
      dir: '/x'
    }
    exportJobRelay(runner, handle, `http://127.0.0.1:4100/${secret}`)
    const value = runner.exported[JOB_RELAY_VARIABLE] as string
    expect(runner.secrets).toEqual(expect.arrayContaining([join, value]))
    expect(value).not.toContain(handle.controlSecret)
    const found = findJobRelay(fakeRunner(), { [JOB_RELAY_VARIABLE]: value })
    expect(found).toEqual({ url: `http://127.0.0.1:4100/${secret}`, port: 4100, joinSecret: join, pid: 42 })
  })

  it.each([
    ['not JSON', 'http://127.0.0.1:4100/x'],
    ['another host', JSON.stringify({ url: `http://10.0.0.1:4100/${secret}`, join, pid: 1 })],
    ['https', JSON.stringify({ url: `https://127.0.0.1:4100/${secret}`, join, pid: 1 })],
    ['a longer path', JSON.stringify({ url: `http://127.0.0.1:4100/${secret}/x`, join, pid: 1 })],
    ['no port', JSON.stringify({ url: `http://127.0.0.1/${secret}`, join, pid: 1 })],
    ['a short join secret', JSON.stringify({ url: `http://127.0.0.1:4100/${secret}`, join: 'abc', pid: 1 })],
    ['no pid', JSON.stringify({ url: `http://127.0.0.1:4100/${secret}`, join })]
  ])('names no relay when it holds %s', (_name, value) => {
    expect(readJobRelayAddress({ [JOB_RELAY_VARIABLE]: value })).toBeUndefined()
  })

  it('is the only way a relay is found: a loopback entry in GOPROXY is no relay by its shape', () => {
    expect(
      readJobRelayAddress({ GOPROXY: `http://127.0.0.1:4100/${secret}|https://m.example` })
    ).toBeUndefined()
  })

  it('takes the relay out of the mirrors, by equality', () => {
    const relay = { url: `http://127.0.0.1:4100/${secret}`, port: 4100, joinSecret: join, pid: 1 }
    const other = `http://127.0.0.1:4101/${secret}`
    expect(withoutJobRelay([`${relay.url}/`, other, 'direct'], relay)).toEqual([other, 'direct'])
    expect(withoutJobRelay([relay.url], undefined)).toEqual([relay.url])
  })
})

describe('joining the job relay', () => {
  async function relayWithJoin(): Promise<{
    relay: Relay
    address: JobRelayAddress
    files: Map<string, Buffer>
  }> {
    const set = generateModuleSet({ count: 2, seed: 77, prefix: 'join.test' })
    const mirror = await startProxy({ files: set.files })
    closers.push(() => mirror.close())
    const joinSecret = newControlSecret()
    const relay = await startRelay({
      mirrors: [mirror.url],
      sums: new Map(),
      env: {},
      policy: {
        maxAttempts: 2,
        backoff: { baseMs: 5, maxMs: 20 },
        stallTimeoutMs: 2000,
        concurrency: 4,
        onChecksumMismatch: 'fallback',
        deadline: Date.now() + 60_000
      },
      control: { secret: newControlSecret(), joinSecret, onShutdown: () => undefined }
    })
    closers.push(() => relay.close())
    const url = new URL(relay.url)
    return {
      relay,
      address: { url: relay.url, port: Number(url.port), joinSecret, pid: process.pid },
      files: set.files
    }
  }

  it("registers this use's go.sum files, whose hashes the relay then checks", async () => {
    const { relay, address, files } = await relayWithJoin()
    const dir = await mkdtemp(path.join(tmpdir(), 'join-'))
    closers.push(() => removeTree(dir))
    const mod = [...files.keys()].find(p => p.endsWith('.mod'))!
    const [module, version] = [mod.split('/@v/')[0]!, mod.split('/@v/')[1]!.replace(/\.mod$/, '')]
    await writeFile(
      path.join(dir, 'go.sum'),
      `${module} ${version}/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n`
    )
    const runner = fakeRunner()
    expect(await joinJobRelay(runner, address, [path.join(dir, 'go.sum')])).toBe(true)
    expect(runner.lines('info').join('\n')).toContain('it now also checks 1 module versions')
    // The mirror's copy does not hash to what this go.sum says: the relay no longer serves it.
    const checked = await fetch(`${relay.url}/${mod}`)
    expect(checked.status).toBe(502)
    expect(await checked.text()).toContain('checksum mismatch')
    const other = [...files.keys()].find(p => p.endsWith('.mod') && !p.startsWith(module))!
    const unchecked = await fetch(`${relay.url}/${other}`)
    expect(unchecked.status).toBe(200)
    await unchecked.text()
  })

  it('does without a relay that does not prove itself', async () => {
    const server = createServer((_req, res) => res.writeHead(200).end('ok\n'))
    const standIn = await listenLoopback(server)
    closers.push(() => standIn.close())
    const runner = fakeRunner()
    const address = {
      url: `http://127.0.0.1:${standIn.port}/${secret}`,
      port: standIn.port,
      joinSecret: join,
      pid: 1
    }
    expect(await joinJobRelay(runner, address, [])).toBe(false)
    expect(runner.lines('warning')).toEqual([
      expect.stringContaining('did not answer as that relay (an answer without a proof (HTTP 200))')
    ])
  })

  it("follows the relay's progress for go's watchdog", async () => {
    const { relay, address, files } = await relayWithJoin()
    const { route, close } = jobRelayRoute(address, true)
    closers.push(close)
    expect(route).toMatchObject({ goproxy: `${relay.url}|direct`, label: 'relay', base: relay.url })
    const start = route.progress()
    await Promise.all([...files.keys()].map(p => fetch(`${relay.url}/${p}`).then(r => r.arrayBuffer())))
    const deadline = Date.now() + 5000
    while (route.progress() === start && Date.now() < deadline) await new Promise(r => setTimeout(r, 100))
    expect(route.progress()).toBeGreaterThan(start)
  })
})
