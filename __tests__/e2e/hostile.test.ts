import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { goEnv, removeTree, runStep, type StepResult } from '../../testkit/action.js'
import { generateModuleSet, type ModuleSet } from '../../testkit/modset.js'
import { startProxy, type Fault, type Proxy, type ProxyOptions } from '../../testkit/proxy.js'
import type { RunReport } from '../../src/report/types.js'

// The bundled action against hostile mirrors and careless inputs, with the real go on loopback mirrors.
let set: ModuleSet
const roots: string[] = []
const proxies: Proxy[] = []

beforeAll(() => {
  set = generateModuleSet({ count: 12, seed: 5 })
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

interface Run {
  step: StepResult
  root: string
  dir: string
  report: RunReport
}

interface RunOptions {
  env?: Record<string, string>
  /** The consumer module to download for; the shared module set's by default. */
  modules?: ModuleSet
  timeoutMs?: number
}

async function runAction(inputs: Record<string, string>, opts: RunOptions = {}): Promise<Run> {
  const root = await mkdtemp(path.join(tmpdir(), 'e2e-hostile-'))
  roots.push(root)
  const dir = path.join(root, 'work')
  await (opts.modules ?? set).writeConsumer(dir)
  const step = await runStep({
    entry: 'main',
    inputs: { cache: 'false', 'retry-delay': '20ms', 'retry-max-delay': '200ms', ...inputs },
    env: { ...goEnv(root), ...opts.env },
    cwd: dir,
    runnerTemp: path.join(root, 'runner-temp'),
    timeoutMs: opts.timeoutMs ?? 120_000
  })
  const reportPath = step.outputs.report
  const report = reportPath
    ? (JSON.parse(await readFile(reportPath, 'utf8')) as RunReport)
    : ({} as RunReport)
  return { step, root, dir, report }
}

/** The log as the runner reads it: a bare CR starts a line just as LF does. */
function runnerLines(stdout: string): string[] {
  return stdout.split(/\r\n|\r|\n/)
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
