import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { RunReport } from '../../src/report/types.js'
import { goEnv, removeTree, runGo, runStep, type StepResult } from '../../testkit/action.js'
import { generateModuleSet, type ModuleSet } from '../../testkit/modset.js'
import { startProxy, type Fault, type Proxy } from '../../testkit/proxy.js'

// The per-request fault matrix through the bundled action: every fault on one mirror and on two (the
// second healthy), with the connectivity probe on and off, with default retry counts.
let set: ModuleSet
const roots: string[] = []
const mirrors: Proxy[] = []

beforeAll(() => {
  set = generateModuleSet({ count: 40, seed: 31, bigZipBytes: 64 * 1024, bigEvery: 5 })
})

afterAll(async () => {
  await Promise.all(mirrors.map(m => m.close()))
  await Promise.all(roots.map(r => removeTree(r)))
})

async function mirror(faults: Fault[], name: string, files = set.files): Promise<Proxy> {
  const m = await startProxy({ files, faults, name, seed: 9 })
  mirrors.push(m)
  return m
}

interface Run {
  step: StepResult
  report: RunReport
  dir: string
  env: Record<string, string>
}

async function runAction(inputs: Record<string, string>): Promise<Run> {
  const root = await mkdtemp(path.join(tmpdir(), 'e2e-relay-'))
  roots.push(root)
  const dir = path.join(root, 'work')
  await set.writeConsumer(dir)
  const env = goEnv(root)
  const step = await runStep({
    entry: 'main',
    inputs: {
      cache: 'false',
      'retry-delay': '20ms',
      'retry-max-delay': '2s',
      'stall-timeout': '3s',
      ...inputs
    },
    env,
    cwd: dir,
    runnerTemp: path.join(root, 'runner-temp'),
    timeoutMs: 120_000
  })
  const text = step.outputs.report ? await readFile(step.outputs.report, 'utf8').catch(() => '{}') : '{}'
  return { step, report: JSON.parse(text) as RunReport, dir, env }
}

async function expectGreen(run: Run): Promise<void> {
  expect(run.step.stdout.split('\n').filter(l => l.startsWith('::error'))).toEqual([])
  expect(run.step.exitCode).toBe(0)
  expect(run.step.outputs.outcome).toBe('success')
  const verify = await runGo(['mod', 'verify'], { cwd: run.dir, env: { ...run.env, GOPROXY: 'off' } })
  expect(verify.stdout).toContain('all modules verified')
  expect(await readFile(path.join(run.dir, 'go.sum'), 'utf8')).toBe(set.consumer.goSum)
  expect(await readFile(path.join(run.dir, 'go.mod'), 'utf8')).toBe(set.consumer.goMod)
}

const zips = { file: 'zip' as const }
const mods = { file: 'mod' as const }
const victim = (): { path: string; version: string } => set.modules[7]!

/** Faults that the relay must absorb, with what the mirror does, per request. */
const recoverable: Array<[string, () => Fault[], Partial<Record<string, string>>?]> = [
  ['503 on the first two tries of every file', () => [{ kind: 'status', status: 503, times: 2 }]],
  [
    '429 with Retry-After: 1 on some files',
    () => [{ kind: 'status', status: 429, retryAfter: 1, times: 1, match: { module: /m00[0-4]$/ } }]
  ],
  ['429 without Retry-After', () => [{ kind: 'status', status: 429, times: 1, match: mods }]],
  ['a reset before the headers', () => [{ kind: 'reset', times: 2, match: mods }]],
  ['a reset in the middle of a zip', () => [{ kind: 'truncate', times: 1, match: zips }]],
  ['no answer at all', () => [{ kind: 'hang', times: 1, match: mods }]],
  [
    'a body that stops halfway, connection held open',
    () => [{ kind: 'hang-body', times: 1, match: { module: victim().path, file: 'zip' } }]
  ],
  ['an HTML login page with a 200', () => [{ kind: 'html', times: 1, match: mods }]],
  ['gzip encoding', () => [{ kind: 'gzip' }]],
  [
    'a body that never ends',
    () => [{ kind: 'endless', times: 1, match: { module: victim().path, file: 'mod' } }]
  ],
  [
    'a trickle of a few bytes a second',
    () => [{ kind: 'trickle', times: 1, match: { module: victim().path, file: 'mod' } }]
  ]
]

describe.each([
  ['probe on', 'true'],
  ['probe off', 'false']
])('faults per request, %s', (_label, probe) => {
  describe.each([
    ['one mirror', 1],
    ['two mirrors', 2]
  ])('%s', (_count, count) => {
    async function proxiesFor(faults: Fault[]): Promise<{ first: Proxy; proxies: string }> {
      const first = await mirror(faults, 'faulty')
      const list = [first.url]
      if (count === 2) list.push((await mirror([], 'healthy')).url)
      return { first, proxies: list.join('\n') }
    }

    it.each(recoverable)('stays green with %s', async (_what, faults) => {
      const { proxies } = await proxiesFor(faults())
      const run = await runAction({ proxies, probe })
      await expectGreen(run)
      expect(run.step.outputs.attempts).toBe('1')
    })

    it('follows a redirect to another host', async () => {
      const cdn = await mirror([], 'cdn')
      const { proxies } = await proxiesFor([{ kind: 'redirect', location: cdn.url, match: zips }])
      await expectGreen(await runAction({ proxies, probe }))
      expect(cdn.log.filter(e => e.path.endsWith('.zip')).length).toBeGreaterThan(0)
    })

    it('never lets a tampered zip or .mod through', async () => {
      const { proxies, first } = await proxiesFor([
        { kind: 'tamper', match: { module: victim().path, file: 'zip' } },
        { kind: 'tamper', match: { module: set.modules[9]!.path, file: 'mod' } }
      ])
      const run = await runAction({ proxies, probe })
      const annotations = run.step.stdout.split('\n').filter(l => l.startsWith('::error'))
      expect(annotations.some(l => l.includes(victim().path) && l.includes(first.url))).toBe(true)
      expect(run.step.stdout).not.toContain('SECURITY ERROR')
      if (count === 2) {
        expect(run.step.exitCode).toBe(0)
        const verify = await runGo(['mod', 'verify'], { cwd: run.dir, env: { ...run.env, GOPROXY: 'off' } })
        expect(verify.stdout).toContain('all modules verified')
      } else {
        expect(run.step.exitCode).toBe(1)
        const failed = JSON.parse(run.step.outputs['failed-modules'] ?? '[]') as {
          module: string
          class: string
        }[]
        expect(failed).toContainEqual(
          expect.objectContaining({ module: victim().path, class: 'checksum-mismatch' })
        )
      }
    })

    it('fails naming a module that no mirror has, as not-found', async () => {
      const gone = victim()
      const files = new Map(
        [...set.files].filter(([p]) => !p.startsWith(`${gone.path.replace('Acme', '!acme')}/`))
      )
      const first = await mirror([], 'faulty', files)
      const list = [first.url]
      if (count === 2) list.push((await mirror([], 'also-without', files)).url)
      const run = await runAction({ proxies: list.join('\n'), probe })
      expect(run.step.exitCode).toBe(1)
      const failed = JSON.parse(run.step.outputs['failed-modules'] ?? '[]') as {
        module: string
        class: string
      }[]
      expect(failed).toEqual([expect.objectContaining({ module: gone.path, class: 'not-found' })])
    })
  })
})
