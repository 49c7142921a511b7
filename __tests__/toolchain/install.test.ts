import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse
} from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import * as tc from '@actions/tool-cache'
import type { Clock } from '../../src/policy/clock.js'
import { actionsToolCache } from '../../src/runner/tool-cache.js'
import { goBaseUrls, installGo, ToolchainError, type InstallOptions } from '../../src/toolchain/install.js'
import { toolCacheVersion, type GoRelease } from '../../src/toolchain/releases.js'
import {
  buildGoArchive,
  indexOnlyRelease,
  releaseIndex,
  startGoDownloadSite,
  type GoArchive,
  type GoDownloadSite,
  type SiteFault
} from '../../testkit/go-dist.js'
import { refusedUrl } from '../../testkit/proxy.js'

const run = promisify(execFile)

let archiveDir: string
let archive: GoArchive
let toolCacheDir: string
let tempDir: string
const sites: GoDownloadSite[] = []
const servers: Server[] = []
const savedToolCache = process.env.RUNNER_TOOL_CACHE

beforeAll(async () => {
  archiveDir = await mkdtemp(path.join(tmpdir(), 'go-dist-'))
  archive = await buildGoArchive(archiveDir)
})

afterAll(async () => {
  await rm(archiveDir, { recursive: true, force: true })
})

beforeEach(async () => {
  toolCacheDir = await mkdtemp(path.join(tmpdir(), 'tool-cache-'))
  tempDir = await mkdtemp(path.join(tmpdir(), 'runner-temp-'))
  process.env.RUNNER_TOOL_CACHE = toolCacheDir
})

afterEach(async () => {
  await Promise.all(sites.splice(0).map(s => s.close()))
  for (const server of servers.splice(0)) {
    server.closeAllConnections()
    await new Promise<void>(resolve => server.close(() => resolve()))
  }
  if (savedToolCache === undefined) delete process.env.RUNNER_TOOL_CACHE
  else process.env.RUNNER_TOOL_CACHE = savedToolCache
  await rm(toolCacheDir, { recursive: true, force: true })
  await rm(tempDir, { recursive: true, force: true })
})

/** A plain server on 127.0.0.1 for the test, closed after it: its origin. */
async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer(handler)
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', () => resolve()))
  servers.push(server)
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

async function site(faults: SiteFault[] = [], index?: GoRelease[]): Promise<GoDownloadSite> {
  const s = await startGoDownloadSite({ archives: [archive], faults, index })
  sites.push(s)
  return s
}

/** No real waiting: records each backoff and answers the middle of every jitter range. */
function fakeClock(): Clock & { sleeps: number[] } {
  const sleeps: number[] = []
  return { sleeps, now: () => 0, sleep: async ms => void sleeps.push(ms), random: () => 0.5 }
}

function options(baseUrls: string[], extra: Partial<InstallOptions> = {}): InstallOptions {
  return {
    versionSpec: archive.version.replace(/^go/, ''),
    maxAttempts: 3,
    backoff: { baseMs: 100, maxMs: 1000 },
    stallTimeoutMs: 10_000,
    baseUrls,
    clock: fakeClock(),
    toolCache: actionsToolCache,
    tempDir,
    ...extra
  }
}

const minorLine = (version: string): string => version.replace(/^go/, '').split('.').slice(0, 2).join('.')

async function goVersion(goBin: string): Promise<string> {
  const { stdout } = await run(goBin, ['version'], { env: { ...process.env, GOTOOLCHAIN: 'local' } })
  return stdout
}

describe('installGo', () => {
  it('uses Go from the tool cache without any download', async () => {
    await tc.cacheDir(archive.goRoot, 'go', toolCacheVersion(archive.version), process.arch)
    // Any request would go to a port nothing listens on, and fail the install.
    for (const versionSpec of [archive.version, minorLine(archive.version)]) {
      const go = await installGo(options(['http://127.0.0.1:9/dl/'], { versionSpec }))
      expect(go.source).toBe('tool-cache')
      expect(go.binDir).toBe(
        path.join(toolCacheDir, 'go', toolCacheVersion(archive.version), process.arch, 'bin')
      )
      expect(await goVersion(go.goBin)).toContain(archive.version)
    }
  })

  it('downloads, verifies and caches Go from the first site', async () => {
    const first = await site()
    const second = await site()
    const go = await installGo(options([first.url, second.url]))
    expect(go).toMatchObject({
      source: 'download',
      version: archive.version,
      url: first.url + archive.filename
    })
    expect(await goVersion(go.goBin)).toContain(archive.version)
    expect(tc.find('go', toolCacheVersion(archive.version), process.arch)).toBe(path.dirname(go.binDir))
    expect(first.log.map(r => [r.target, r.status])).toEqual([
      ['index', 200],
      ['archive', 200]
    ])
    expect(second.log).toEqual([])
  })

  it('retries a 503 with backoff, then moves to the next site when the tries run out', async () => {
    const first = await site([{ target: 'archive', kind: 'status', status: 503, times: 2 }])
    const second = await site()
    const clock = fakeClock()
    const go = await installGo(options([first.url, second.url], { maxAttempts: 2, clock }))
    expect(go.url).toBe(second.url + archive.filename)
    expect(first.log.filter(r => r.target === 'archive').map(r => r.status)).toEqual([503, 503])
    expect(second.log.filter(r => r.target === 'archive').map(r => r.status)).toEqual([200])
    // One backoff between the two tries on the first site: half of base * 2^0, by the fake jitter.
    expect(clock.sleeps).toEqual([50])
  })

  it('recovers on the same site when a retry succeeds', async () => {
    const first = await site([{ target: 'archive', kind: 'status', status: 503, times: 2 }])
    const clock = fakeClock()
    const go = await installGo(options([first.url], { maxAttempts: 3, clock }))
    expect(go.source).toBe('download')
    expect(first.log.filter(r => r.target === 'archive').map(r => r.status)).toEqual([503, 503, 200])
    expect(clock.sleeps).toEqual([50, 100])
  })

  it('retries a transfer cut short on the same site', async () => {
    const first = await site([{ target: 'archive', kind: 'truncate', times: 1 }])
    const lines: string[] = []
    const go = await installGo(options([first.url], { log: line => lines.push(line) }))
    expect(go.url).toBe(first.url + archive.filename)
    expect(first.log.filter(r => r.target === 'archive').map(r => r.fault ?? 'whole')).toEqual([
      'truncate',
      'whole'
    ])
    expect(lines.join('\n')).toContain(`${archive.filename}: truncated: ${first.url}${archive.filename}`)
  })

  it('rejects an archive whose sha256 differs from the index and takes it from the mirror', async () => {
    const first = await site([{ target: 'archive', kind: 'corrupt' }])
    const second = await site()
    const lines: string[] = []
    const go = await installGo(options([first.url, second.url], { log: line => lines.push(line) }))
    expect(go.url).toBe(second.url + archive.filename)
    expect(await goVersion(go.goBin)).toContain(archive.version)
    // Bad bits are not retried on the site that served them.
    expect(first.log.filter(r => r.target === 'archive')).toHaveLength(1)
    expect(lines.join('\n')).toMatch(/checksum-mismatch: .*sha256 [0-9a-f]{64} differs from the index's/)
  })

  it('resolves a minor line and stable through the index to the newest stable release', async () => {
    const newer = minorLine(archive.version).replace(/\.(\d+)$/, (_, m: string) => `.${Number(m) + 1}`)
    const index = releaseIndex(
      [archive],
      [
        indexOnlyRelease(`go${newer}rc1`, false, archive.os, archive.arch),
        indexOnlyRelease(`go${minorLine(archive.version)}.0`, true, archive.os, archive.arch)
      ]
    )
    for (const versionSpec of [minorLine(archive.version), 'stable']) {
      const s = await site([], index)
      const go = await installGo(options([s.url], { versionSpec }))
      expect(go.version).toBe(archive.version)
      expect(go.source).toBe('download')
      await rm(path.join(toolCacheDir, 'go'), { recursive: true, force: true })
    }
  })

  it('fails with one line naming every site when none can serve Go', async () => {
    const first = await site([{ target: 'archive', kind: 'status', status: 503 }])
    const second = await refusedUrl()
    const attempt = installGo(options([first.url, `${second}/dl/`], { maxAttempts: 2 }))
    await expect(attempt).rejects.toThrow(ToolchainError)
    const message = await attempt.catch((error: Error) => error.message)
    expect(message).not.toContain('\n')
    expect(message).toContain(`Could not download ${archive.filename}:`)
    expect(message).toContain(
      `${first.url} server-error after 2 tries (reading ${first.url}${archive.filename}: 503`
    )
    expect(message).toContain(`${second}/dl/ connection after 1 try`)
  })

  it('falls back to the mirror for the index too, and says when the index lacks the version', async () => {
    const first = await site([{ target: 'index', kind: 'reset' }])
    const second = await site()
    const attempt = installGo(options([first.url, second.url], { versionSpec: '1.0.1', maxAttempts: 1 }))
    await expect(attempt).rejects.toThrow(
      `Go 1.0.1 is not in the release index for ${archive.os}/${archive.arch}: check the go-version input`
    )
    expect(first.log.map(r => r.status)).toEqual(['reset'])
    expect(second.log.map(r => r.target)).toEqual(['index'])
  })

  it("follows a site's redirect to another host, as go.dev's downloads lead to dl.google.com", async () => {
    const target = await site()
    const redirecting = await listen((req, res) => {
      const url = new URL(req.url ?? '/', 'http://site')
      res
        .writeHead(302, { location: `${target.url}${url.pathname.replace(/^\/dl\//, '')}${url.search}` })
        .end()
    })
    const go = await installGo(options([`${redirecting}/dl/`]))
    expect(go.source).toBe('download')
    expect(target.log.map(r => r.target)).toEqual(['index', 'archive'])
  })

  it('goes through HTTP_PROXY to a site by name, as go would', async () => {
    const target = await site()
    const asked: string[] = []
    // A forward HTTP proxy that knows one name, go-dl.test: the test site on 127.0.0.1.
    const forward = await listen((req, res) => {
      const url = new URL(req.url ?? '/')
      asked.push(url.host)
      const upstream = httpRequest(
        {
          host: '127.0.0.1',
          port: new URL(target.url).port,
          path: url.pathname + url.search,
          headers: req.headers
        },
        answer => {
          res.writeHead(answer.statusCode ?? 502, answer.headers)
          answer.pipe(res)
        }
      )
      upstream.on('error', () => res.destroy())
      upstream.end()
    })
    const named = `http://go-dl.test:${new URL(target.url).port}/dl/`
    const go = await installGo(options([named], { env: { HTTP_PROXY: forward } }))
    expect(go.url).toBe(named + archive.filename)
    expect(new Set(asked)).toEqual(new Set([`go-dl.test:${new URL(target.url).port}`]))
  })

  it('abandons a site that goes silent', async () => {
    const silent = await site([{ target: 'archive', kind: 'stall' }])
    const healthy = await site()
    const lines: string[] = []
    const go = await installGo(
      options([silent.url, healthy.url], {
        stallTimeoutMs: 200,
        maxAttempts: 3,
        log: line => lines.push(line)
      })
    )
    expect(lines.join('\n')).toContain(
      `${archive.filename}: stalled: ${silent.url}${archive.filename}: no progress`
    )
    expect(go.url).toBe(healthy.url + archive.filename)
  })
})

describe('goBaseUrls', () => {
  it('reads base URLs from the environment, in order, each ending in a slash', () => {
    expect(goBaseUrls({})).toEqual(['https://go.dev/dl/', 'https://dl.google.com/go/'])
    expect(
      goBaseUrls({ GO_MOD_DOWNLOAD_GO_BASE_URLS: ' https://mirror.example/go , http://127.0.0.1:1/dl/' })
    ).toEqual(['https://mirror.example/go/', 'http://127.0.0.1:1/dl/'])
  })
})
