import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { goEnv, removeTree, runStep, type StepResult } from '../../testkit/action.js'
import { generateModuleSet, type ModuleSet } from '../../testkit/modset.js'
import { refusedUrl, startProxy, type Proxy } from '../../testkit/proxy.js'
import type { RunReport } from '../../src/report/types.js'

// The bundled action with a refused first mirror and a healthy second, probing on and off.
let set: ModuleSet
let healthy: Proxy
let refused: string
const roots: string[] = []

beforeAll(async () => {
  set = generateModuleSet({ count: 30, seed: 11 })
  healthy = await startProxy({ files: set.files, name: 'healthy' })
  refused = await refusedUrl()
})

afterAll(async () => {
  await healthy.close()
  await Promise.all(roots.map(r => removeTree(r)))
})

async function runAction(inputs: Record<string, string>): Promise<{ step: StepResult; report: RunReport }> {
  const root = await mkdtemp(path.join(tmpdir(), 'e2e-probe-'))
  roots.push(root)
  const dir = path.join(root, 'work')
  await set.writeConsumer(dir)
  const step = await runStep({
    entry: 'main',
    inputs: { cache: 'false', 'retry-delay': '20ms', 'retry-max-delay': '200ms', ...inputs },
    env: goEnv(root),
    cwd: dir,
    runnerTemp: path.join(root, 'runner-temp'),
    timeoutMs: 120_000
  })
  const report = JSON.parse(await readFile(step.outputs.report ?? '', 'utf8')) as RunReport
  return { step, report }
}

describe('connectivity probe end to end', () => {
  it('tries the healthy mirror first and names the refused one as down in the summary', async () => {
    const { step, report } = await runAction({ proxies: `${refused}\n${healthy.url}` })
    expect(step.exitCode).toBe(0)
    // The relay asks the refused mirror last, so it never needed it.
    expect(report.download.mirrors.map(m => m.proxy)).toEqual([healthy.url])
    expect(report.connectivity?.triedLast).toEqual([refused])
    expect(report.connectivity?.probes.map(p => [p.target, p.verdict])).toEqual([
      [refused, 'down'],
      [healthy.url, 'reachable']
    ])
    expect(report.connectivity?.durationMs).toBeLessThan(3000)
    expect(report.connectivity?.downloadStartMs).toBeGreaterThan(0)

    // The download succeeded, so the section is folded under a line that counts what answered.
    expect(step.summary).toMatch(
      /<details><summary>Connectivity: 2 mirrors probed in \d+ ms: 1 reachable<\/summary>/
    )
    const row = step.summary.split('<tr>').find(r => r.includes(`<code>${refused}</code>`)) ?? ''
    expect(row).toContain('the mirror is down (connection)')
    expect(row).toContain('connect: connection refused')
    expect(step.summary).toContain('Go environment that shapes requests')
    // The refused mirror is never handed to later steps.
    expect(step.env.GOPROXY).toBe(healthy.url)
  })

  it('keeps the listed order with probe: false', async () => {
    const { step, report } = await runAction({ proxies: `${refused}\n${healthy.url}`, probe: 'false' })
    expect(step.exitCode).toBe(0)
    expect(report.download.mirrors.map(m => m.proxy)).toEqual([refused, healthy.url])
    expect(report.connectivity).toMatchObject({ probed: false, probes: [], triedLast: [] })
    expect(step.summary).toContain('Mirrors were not probed')
  })
})
