import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { removeTree, runMainOnConsumer, type ConsumerRun } from '../../testkit/action.js'
import { generateModuleSet, type ModuleSet } from '../../testkit/modset.js'
import { startProxy, type Fault, type Proxy, type ProxyOptions } from '../../testkit/proxy.js'
import { selfSignedCert, type SelfSignedCert } from '../../testkit/tls.js'
import { versionFilePath } from '../../src/go/proxy-path.js'
import type { RunReport } from '../../src/report/types.js'

// The bundled action against hostile mirrors and careless inputs, with the real go on loopback mirrors.
let set: ModuleSet
let cert: SelfSignedCert
const roots: string[] = []
const proxies: Proxy[] = []

beforeAll(async () => {
  set = generateModuleSet({ count: 12, seed: 5 })
  const certDir = await mkdtemp(path.join(tmpdir(), 'e2e-hostile-cert-'))
  roots.push(certDir)
  cert = selfSignedCert(certDir, ['127.0.0.1'])
})

afterAll(async () => {
  await Promise.all(proxies.map(p => p.close()))
  await Promise.all(roots.map(r => removeTree(r)))
})

async function proxy(faults: Fault[] = [], opts: Partial<ProxyOptions> = {}): Promise<Proxy> {
  const p = await startProxy({ files: set.files, faults, ...opts })
  proxies.push(p)
  return p
}

type Run = ConsumerRun<RunReport>

interface RunOptions {
  env?: Record<string, string>
  /** The consumer module to download for; the shared module set's by default. */
  modules?: ModuleSet
  timeoutMs?: number
}

function runAction(inputs: Record<string, string>, opts: RunOptions = {}): Promise<Run> {
  const modules = opts.modules ?? set
  return runMainOnConsumer({
    writeConsumer: dir => modules.writeConsumer(dir),
    inputs,
    env: opts.env,
    timeoutMs: opts.timeoutMs,
    roots
  })
}

/** The log as the runner reads it: a bare CR starts a line as LF does, and command data is unescaped. */
function runnerLines(stdout: string): string[] {
  return stdout
    .split(/\r\n|\r|\n/)
    .map(line =>
      line.startsWith('::') ? line.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%') : line
    )
}

describe('a control character in an input', () => {
  it('fails the step naming the input, and injects no workflow command', async () => {
    const healthy = await proxy()
    const run = await runAction({ proxies: `${healthy.url}/\r::error::injected` }, { timeoutMs: 30_000 })
    expect(run.step.exitCode).toBe(1)
    const lines = runnerLines(run.step.stdout)
    expect(lines.filter(l => l.startsWith('::error'))).toEqual([
      expect.stringMatching(
        /^::error::Input 'proxies' has the value '.*\\r::error::injected'.*control character/
      )
    ])
    expect(healthy.log).toHaveLength(0)
    expect(run.step.durationMs).toBeLessThan(10_000)
  })
})

describe('credentials in a mirror URL', () => {
  it('are masked before anything is logged, redacted in every line, and kept in the exported GOPROXY', async () => {
    const mirror = await proxy([{ kind: 'status', status: 503, times: 1, match: { file: 'zip' } }], {
      tls: cert
    })
    const url = mirror.url.replace('https://', 'https://ci-user:S3cr3t%2Fpw@')
    const run = await runAction(
      { proxies: url, 'max-attempts': '3' },
      { env: { SSL_CERT_FILE: cert.certFile } }
    )
    expect(run.step.exitCode).toBe(0)
    expect(run.step.outputs.outcome).toBe('success')
    const lines = runnerLines(run.step.stdout)
    const masked = lines.filter(l => l.startsWith('::add-mask::')).map(l => l.slice('::add-mask::'.length))
    expect(masked).toEqual(
      expect.arrayContaining(['S3cr3t%2Fpw', 'S3cr3t/pw', 'ci-user:S3cr3t%2Fpw', 'ci-user:S3cr3t/pw'])
    )
    const logged = lines.filter(l => !l.startsWith('::add-mask::'))
    expect(logged.filter(l => /S3cr3t|ci-user:/.test(l))).toEqual([])
    expect(logged.some(l => l.includes('https://***@127.0.0.1'))).toBe(true)
    expect(run.step.stderr).not.toMatch(/S3cr3t|ci-user:/)
    expect(run.step.summary).not.toMatch(/S3cr3t|ci-user:/)
    expect(JSON.stringify(run.step.outputs)).not.toMatch(/S3cr3t|ci-user:/)
    expect(await readFile(run.step.outputs.report ?? '', 'utf8')).not.toMatch(/S3cr3t|ci-user:/)
    expect(run.step.env.GOPROXY).toBe(url)
  })

  it('holding a raw comma or pipe fail the step without echoing any part of them', async () => {
    for (const separator of [',', '|']) {
      const run = await runAction(
        { proxies: `https://ci-user:S3cr3t${separator}P4ss@127.0.0.1:1/mirror` },
        { timeoutMs: 30_000 }
      )
      expect(run.step.exitCode).toBe(1)
      const errors = runnerLines(run.step.stdout).filter(l => l.startsWith('::error'))
      expect(errors).toHaveLength(1)
      expect(errors[0]).toContain("Input 'proxies' has the value 'https://***@127.0.0.1:1/mirror'")
      expect(errors[0]).toContain("',' and '|' percent-encoded (%2C, %7C)")
      expect(run.step.stdout + run.step.summary).not.toMatch(/S3cr3t|P4ss|ci-user/)
    }
  })
})

/** A zip that arrives 64 bytes every 250 ms: slow, but never still for a whole second. */
const steadyZip = (module: string): Fault => ({
  kind: 'trickle',
  chunkBytes: 64,
  match: { module, file: 'zip' }
})

describe('a slow but steady download', () => {
  const spellings: Array<[string, (url: string) => string, { basePath?: string; secure?: boolean }]> = [
    ['an upper-case scheme', url => url.replace('http://', 'HTTP://'), {}],
    ['a space and a non-ASCII letter in the path', url => decodeURI(url), { basePath: '/my mirrör/go' }],
    ['credentials', url => url.replace('https://', 'https://ci-user:pw-123@'), { secure: true }]
  ]

  it.each(spellings)('is not cut as stalled when the mirror URL has %s', async (_name, spell, opts) => {
    const slow = set.modules[4]?.path as string
    const mirror = await proxy([steadyZip(slow)], {
      basePath: opts.basePath,
      tls: opts.secure ? cert : undefined
    })
    const url = spell(mirror.url)
    const run = await runAction(
      { proxies: url, 'stall-timeout': '1s', probe: 'false' },
      { env: { SSL_CERT_FILE: cert.certFile } }
    )
    expect(run.report.download.attempts.map(a => a.stopped ?? 'finished')).toEqual(['finished'])
    expect(run.step.exitCode).toBe(0)
    expect(run.step.env.GOPROXY).toBe(url)
    expect(mirror.log.find(e => e.fault === 'trickle')?.path).toContain(`${slow}/@v/`)
  })
})

describe('a module version with upper case (v1.2.3-RC1)', () => {
  let upper: ModuleSet
  let module: string
  let version: string

  beforeAll(() => {
    upper = generateModuleSet({ count: 12, seed: 5, upperCaseVersions: true, prefix: 'upper.test' })
    const rc = upper.modules.find(m => m.version.endsWith('-RC1'))
    module = rc?.path as string
    version = rc?.version as string
  })

  const upperProxy = (faults: Fault[]): Promise<Proxy> => proxy(faults, { files: upper.files })

  it('whose copy was tampered with is fetched from the next mirror, not again from the same', async () => {
    const evil = await upperProxy([{ kind: 'tamper', match: { module, file: 'zip' } }])
    const healthy = await upperProxy([])
    const run = await runAction({ proxies: `${evil.url}\n${healthy.url}` }, { modules: upper })
    expect(run.step.exitCode).toBe(0)
    const record = run.report.relay?.files.find(
      f => f.module === module && f.version === version && f.file === 'zip'
    )
    expect(record).toEqual(
      expect.objectContaining({ outcome: 'ok', servedBy: healthy.url, mismatched: [evil.url] })
    )
    // The relay asked the tampering mirror once for the zip, and the next mirror for the copy go got.
    const zipPath = versionFilePath(module, version, 'zip')
    const zipRequests = (p: Proxy) => p.log.filter(e => e.path === decodeURIComponent(zipPath)).length
    expect(zipRequests(evil)).toBe(1)
    expect(zipRequests(healthy)).toBe(1)
  })

  it('downloading slowly but steadily is not cut as stalled', async () => {
    const slow = await upperProxy([steadyZip(module)])
    const run = await runAction(
      { proxies: slow.url, 'stall-timeout': '1s', probe: 'false' },
      { modules: upper }
    )
    expect(run.report.download.attempts.map(a => a.stopped ?? 'finished')).toEqual(['finished'])
    expect(run.step.exitCode).toBe(0)
  })

  it('that stalls is named in the failure', async () => {
    const silent = await upperProxy([{ kind: 'hang-body', match: { module, file: 'zip' } }])
    const run = await runAction(
      { proxies: silent.url, 'stall-timeout': '1s', probe: 'false' },
      { modules: upper }
    )
    expect(run.step.exitCode).toBe(1)
    const failed = JSON.parse(run.step.outputs['failed-modules'] ?? '[]') as { module: string }[]
    expect(failed).toEqual([expect.objectContaining({ module, version, class: 'stalled' })])
  })
})

describe('a mirror listed twice', () => {
  it('is tried, probed and exported once', async () => {
    const first = await proxy()
    const second = await proxy()
    const run = await runAction({
      proxies: [first.url, `${first.url}/`, second.url, second.url.toUpperCase()].join('\n')
    })
    expect(run.step.exitCode).toBe(0)
    expect(run.report.connectivity?.probes.map(p => p.target)).toEqual([first.url, second.url])
    expect(run.step.env.GOPROXY).toBe(`${first.url}|${second.url}`)
    expect(run.step.stdout).toContain(`Mirrors, in order: ${first.url}, ${second.url}\n`)
  })
})

describe('the step budget', () => {
  it('covers the probes too, and the summary says it ran out rather than blaming the network', async () => {
    const silent = await proxy([{ kind: 'hang' }])
    const run = await runAction({ proxies: silent.url, timeout: '1s' })
    expect(run.step.exitCode).toBe(1)
    // Generous: the budget, node and go starting, and the report; well below probes plus an attempt plus a re-probe.
    expect(run.step.durationMs).toBeLessThan(4_000)
    expect(run.step.summary).toContain('time budget')
    expect(run.step.summary).toMatch(/<strong>Fix:<\/strong> Raise <code>timeout<\/code> \(now 1\.0 s\)/)
    expect(run.step.summary).not.toContain('the network drops or filters the traffic')
    expect(runnerLines(run.step.stdout)).toContainEqual(
      expect.stringMatching(/^::error::go mod download ran out of its time budget \(timeout: 1\.0 s\)/)
    )
  })
})

describe('a setting go cannot work with', () => {
  it('fails at once as local, with advice naming the setting: off with nothing cached', async () => {
    const run = await runAction({ proxies: 'off' })
    expect(run.step.exitCode).toBe(1)
    expect(run.report.download.attempts).toHaveLength(1)
    expect(new Set(run.report.download.failed.map(f => f.class))).toEqual(new Set(['local']))
    expect(run.step.summary).toContain('<code>off</code> in <code>proxies</code>')
  })

  it('fails at once as local, with advice naming the setting: a module cache that is a file', async () => {
    const healthy = await proxy()
    const root = await mkdtemp(path.join(tmpdir(), 'e2e-hostile-file-'))
    roots.push(root)
    const file = path.join(root, 'not-a-directory')
    await writeFile(file, '')
    const run = await runAction({ proxies: healthy.url }, { env: { GOMODCACHE: path.join(file, 'mod') } })
    expect(run.step.exitCode).toBe(1)
    expect(run.report.download.attempts).toHaveLength(1)
    expect(new Set(run.report.download.failed.map(f => f.class))).toEqual(new Set(['local']))
    expect(run.step.summary).toContain('<code>GOMODCACHE</code>')
    expect(runnerLines(run.step.stdout)).toContainEqual(
      expect.stringMatching(
        /^::error .*could not be downloaded \(local[^]*Fix: go cannot create its module cache where `GOMODCACHE`/
      )
    )
  })
})

describe('more failures than GitHub shows annotations for', () => {
  it('puts the verdict first and folds the rest into one annotation', async () => {
    const gone = await proxy([{ kind: 'status', status: 404, match: { file: 'zip' } }])
    const run = await runAction({ proxies: gone.url })
    expect(run.step.exitCode).toBe(1)
    expect(run.report.download.failed).toHaveLength(set.modules.length)
    const errors = runnerLines(run.step.stdout).filter(l => l.startsWith('::error'))
    // GitHub shows 10 error annotations per step.
    expect(errors.length).toBeLessThanOrEqual(10)
    expect(errors[0]).toMatch(/^::error::12 modules could not be downloaded from any mirror/)
    expect(errors.at(-1)).toMatch(
      /more modules could not be downloaded: .*The job summary and the JSON report list them all\./
    )
  })
})

describe('a go line newer than the installed go with GOTOOLCHAIN=local', () => {
  it('fails at once, annotated on the go line, without trying every mirror', async () => {
    const first = await proxy()
    const second = await proxy()
    const newer: ModuleSet = {
      ...set,
      async writeConsumer(dir: string) {
        await set.writeConsumer(dir)
        await writeFile(path.join(dir, 'go.mod'), set.consumer.goMod.replace('\ngo 1.21\n', '\ngo 1.999\n'))
      }
    }
    const run = await runAction({ proxies: `${first.url}\n${second.url}` }, { modules: newer })
    expect(run.step.exitCode).toBe(1)
    // One attempt, through the relay: go stops before it asks for anything, so no mirror is tried for it.
    expect(run.report.download.attempts.map(a => a.proxy)).toEqual(['relay'])
    expect(second.log.filter(e => e.path !== '')).toEqual([])
    const goLine = set.consumer.goMod.split('\n').indexOf('go 1.21') + 1
    expect(runnerLines(run.step.stdout)).toContainEqual(
      expect.stringMatching(
        new RegExp(`^::error title=go mod download%3A toolchain,file=go\\.mod,line=${goLine}::`)
      )
    )
    expect(run.step.summary).toContain('<code>GOTOOLCHAIN=local</code>')
  })
})

describe('a module without go.sum', () => {
  it('fails as go build would, naming the modules, and says plainly that nothing was verified against go.sum', async () => {
    const healthy = await proxy()
    const noGoSum: ModuleSet = {
      ...set,
      async writeConsumer(dir: string) {
        await set.writeConsumer(dir)
        await rm(path.join(dir, 'go.sum'))
      }
    }
    const run = await runAction({ proxies: healthy.url }, { modules: noGoSum })
    // Every module downloads, but go build stops at the first package whose module go.sum has no line for.
    expect(run.step.exitCode).toBe(1)
    const imported = set.modules.filter(m => m.direct).map(m => ({ module: m.path, version: m.version }))
    expect(JSON.parse(run.step.outputs['failed-modules'] ?? '[]')).toEqual(
      expect.arrayContaining(imported.map(m => expect.objectContaining({ ...m, class: 'invalid-version' })))
    )
    const warning =
      /^::warning::\.\/?: there is no go\.sum, so nothing downloaded was verified against it.*commit go\.sum/
    expect(runnerLines(run.step.stdout)).toContainEqual(expect.stringMatching(warning))
    expect(run.step.summary).toContain('there is no go.sum, so nothing downloaded was verified against it')
    expect(existsSync(path.join(run.dir, 'go.sum'))).toBe(false)
  })
})

describe('the same modules failing in several working directories', () => {
  it('are counted once per module version in the verdict', async () => {
    const missing = [set.modules[3]?.path as string, set.modules[7]?.path as string]
    const gone = await proxy(
      missing.map(module => ({ kind: 'status', status: 404, match: { module, file: 'zip' } }) as Fault)
    )
    const three: ModuleSet = {
      ...set,
      async writeConsumer(dir: string) {
        for (const name of ['a', 'b', 'c']) await set.writeConsumer(path.join(dir, name))
      }
    }
    const run = await runAction({ proxies: gone.url, 'working-directory': 'a\nb\nc' }, { modules: three })
    expect(run.step.exitCode).toBe(1)
    expect(run.report.download.failed).toHaveLength(6)
    expect(runnerLines(run.step.stdout)).toContainEqual(
      expect.stringMatching(/^::error::2 modules could not be downloaded from any mirror: /)
    )
    expect(run.step.summary).toContain('❌ 2 modules could not be downloaded: <strong>not-found</strong>')
  })
})
