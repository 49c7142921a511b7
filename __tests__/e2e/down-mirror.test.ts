import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { RunReport } from '../../src/report/types.js'
import { removeTree, runMainOnConsumer, type ConsumerRun } from '../../testkit/action.js'
import { escapeModulePath, generateModuleSet, type ModuleSet } from '../../testkit/modset.js'
import { describeRequest, startProxy, type Fault, type Proxy } from '../../testkit/proxy.js'

// A company mirror listed first that is down or slow, in front of a public mirror that lacks a few modules.
let set: ModuleSet
const roots: string[] = []
const proxies: Proxy[] = []

beforeAll(() => {
  set = generateModuleSet({ count: 120, seed: 7 })
})

afterAll(async () => {
  await Promise.all(proxies.map(p => p.close()))
  await Promise.all(roots.map(r => removeTree(r)))
})

async function proxy(name: string, faults: Fault[], files = set.files): Promise<Proxy> {
  const p = await startProxy({ files, faults, name })
  proxies.push(p)
  return p
}

/** The module set's files without those of the modules given: a mirror that never had them. */
function without(modules: { path: string }[]): Map<string, Buffer> {
  const prefixes = modules.map(m => `${escapeModulePath(m.path)}/@v/`)
  return new Map([...set.files].filter(([p]) => !prefixes.some(prefix => p.startsWith(prefix))))
}

function runAction(inputs: Record<string, string>): Promise<ConsumerRun<RunReport>> {
  return runMainOnConsumer({ writeConsumer: dir => set.writeConsumer(dir), inputs, roots })
}

const failedModules = (run: ConsumerRun<RunReport>): { module: string; class: string }[] =>
  JSON.parse(run.step.outputs['failed-modules'] ?? '[]') as { module: string; class: string }[]

const moduleFiles = (p: Proxy): string[] =>
  p.log.map(e => e.path).filter(path => describeRequest(path).module)

describe('a company mirror in front of a public mirror that lacks a few modules', () => {
  it('that is silent costs one stall window at most, and every missing module is named', async () => {
    const missing = [set.modules[5]!, set.modules[61]!]
    const silent = await proxy('company', [{ kind: 'hang' }])
    const open = await proxy('public', [], without(missing))
    const run = await runAction({ proxies: `${silent.url}\n${open.url}`, 'stall-timeout': '20s' })

    expect(run.step.exitCode).toBe(1)
    expect(run.step.outputs.outcome).toBe('failure')
    expect(
      failedModules(run)
        .map(f => [f.module, f.class])
        .sort()
    ).toEqual(missing.map(m => [m.path, 'not-found']).sort())
    // The probe put the silent mirror last, and the log says so in the order it gives.
    expect(run.step.stdout).toContain(`Probe: Tried last: ${silent.url}`)
    expect(run.step.stdout).toContain(`Mirrors, in order: ${open.url}, ${silent.url}`)
    // Asked only for what the public mirror lacks, each file once: no retry, no hedge to a new connection.
    const asked = moduleFiles(silent)
    const missingPaths = missing.map(m => m.path)
    expect(asked.every(p => missingPaths.includes(describeRequest(p).module as string))).toBe(true)
    expect(new Set(asked).size).toBe(asked.length)
    expect(run.report.relay?.mirrors.find(m => m.mirror === silent.url)?.retries ?? 0).toBe(0)
    expect(run.report.relay?.mirrors.find(m => m.mirror === open.url)?.hedges ?? 0).toBe(0)
    // Generous safety bound: one stall window (20 s) plus room for a loaded machine; it once took 68 s.
    expect(run.step.durationMs).toBeLessThan(35_000)
  })

  it('that is slow but alive keeps the full stall window, and serves the module only it has', async () => {
    const only = set.modules[5]!
    // Module files take 3 s, three hedge delays; its root, which the probe asks, answers at once.
    const slow = await proxy('company', [
      { kind: 'slow', delayMs: 3000, match: req => req.module !== undefined }
    ])
    const open = await proxy('public', [], without([only]))
    const run = await runAction({ proxies: `${slow.url}\n${open.url}`, 'stall-timeout': '20s' })

    expect(failedModules(run)).toEqual([])
    expect(run.step.exitCode).toBe(0)
    expect(run.step.outputs.outcome).toBe('success')
    // Every file of that module came from the slow mirror.
    const served = slow.log.filter(e => describeRequest(e.path).module === only.path && e.status === 200)
    expect(new Set(served.map(e => describeRequest(e.path).file))).toEqual(new Set(['info', 'mod', 'zip']))
    expect(run.report.relay?.mirrors.find(m => m.mirror === slow.url)?.answered).toBe(true)
  })
})
