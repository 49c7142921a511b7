import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import * as tc from '@actions/tool-cache'
import type { Clock } from '../../src/policy/clock.js'
import { actionsToolCache } from '../../src/runner/tool-cache.js'
import {
  compareGoVersionsDesc,
  goBaseUrls,
  goPlatform,
  installGo,
  selectRelease,
  toolCacheVersion,
  ToolchainError,
  type GoRelease,
  type InstallOptions
} from '../../src/toolchain/install.js'
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
  if (savedToolCache === undefined) delete process.env.RUNNER_TOOL_CACHE
  else process.env.RUNNER_TOOL_CACHE = savedToolCache
  await rm(toolCacheDir, { recursive: true, force: true })
  await rm(tempDir, { recursive: true, force: true })
})

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
    const noNetwork = (): Promise<Response> => Promise.reject(new Error('no request expected'))
    for (const versionSpec of [archive.version, minorLine(archive.version)]) {
      const go = await installGo(options(['http://127.0.0.1:9/dl/'], { versionSpec, fetch: noNetwork }))
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

  it('abandons a site that goes silent', async () => {
    const silent = await site()
    // A fetch whose body never ends stands in for a stalled transfer.
    const stalling: typeof fetch = async (url, init) => {
      if (String(url).endsWith('.tar.gz') && String(url).startsWith(silent.url)) {
        const signal = (init as RequestInit).signal as AbortSignal
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            signal.addEventListener('abort', () => controller.error(signal.reason))
          }
        })
        return new Response(body, { status: 200 })
      }
      return fetch(url, init)
    }
    const healthy = await site()
    const go = await installGo(
      options([silent.url, healthy.url], { fetch: stalling, stallTimeoutMs: 200, maxAttempts: 3 })
    )
    expect(go.url).toBe(healthy.url + archive.filename)
  })
})

describe('selectRelease', () => {
  const linux = { os: 'linux', arch: 'amd64' }
  const releases = [
    indexOnlyRelease('go1.24rc1', false, 'linux', 'amd64'),
    indexOnlyRelease('go1.23.4', true, 'linux', 'amd64'),
    indexOnlyRelease('go1.23.5', true, 'darwin', 'arm64'),
    indexOnlyRelease('go1.23.0', true, 'linux', 'amd64'),
    indexOnlyRelease('go1.22.10', true, 'linux', 'amd64'),
    indexOnlyRelease('go1.22.9', true, 'linux', 'amd64'),
    indexOnlyRelease('go1.20', true, 'linux', 'amd64')
  ]
  it.each([
    ['stable', 'go1.23.4'],
    ['oldstable', 'go1.22.10'],
    ['1.23', 'go1.23.4'],
    ['1.22', 'go1.22.10'],
    ['1.22.9', 'go1.22.9'],
    ['go1.22.9', 'go1.22.9'],
    ['1.24rc1', 'go1.24rc1'],
    ['1.20', 'go1.20'],
    ['1', 'go1.23.4'],
    ['1.24', undefined],
    ['1.23.5', undefined]
  ])('%s is %s', (spec, version) => {
    expect(selectRelease(releases, spec, linux)?.release.version).toBe(version)
  })
})

describe('naming', () => {
  it('orders go versions newest first, pre-releases before their release', () => {
    const sorted = ['go1.21.0', 'go1.9', 'go1.21rc2', 'go1.21beta1', 'go1.20.14', 'go1.21.1'].sort(
      compareGoVersionsDesc
    )
    expect(sorted).toEqual(['go1.21.1', 'go1.21.0', 'go1.21rc2', 'go1.21beta1', 'go1.20.14', 'go1.9'])
  })

  it('names versions the way the tool cache stores them', () => {
    expect(toolCacheVersion('go1.23.4')).toBe('1.23.4')
    expect(toolCacheVersion('go1.20')).toBe('1.20.0')
    expect(toolCacheVersion('go1.21rc2')).toBe('1.21.0-rc.2')
  })

  it('maps Node platforms to go release names', () => {
    expect(goPlatform('linux', 'x64')).toEqual({ os: 'linux', arch: 'amd64' })
    expect(goPlatform('win32', 'arm64')).toEqual({ os: 'windows', arch: 'arm64' })
    expect(goPlatform('darwin', 'arm64')).toEqual({ os: 'darwin', arch: 'arm64' })
    expect(goPlatform('linux', 'arm')).toEqual({ os: 'linux', arch: 'armv6l' })
    expect(goPlatform('linux', 'ppc64')).toEqual({ os: 'linux', arch: 'ppc64le' })
  })

  it('reads base URLs from the environment, in order, each ending in a slash', () => {
    expect(goBaseUrls({})).toEqual(['https://go.dev/dl/', 'https://dl.google.com/go/'])
    expect(
      goBaseUrls({ GO_MOD_DOWNLOAD_GO_BASE_URLS: ' https://mirror.example/go , http://127.0.0.1:1/dl/' })
    ).toEqual(['https://mirror.example/go/', 'http://127.0.0.1:1/dl/'])
  })
})
