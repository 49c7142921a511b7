import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { isAlive } from '../../src/relay/daemon.js'
import { parseMainState } from '../../src/runner/state.js'
import { goEnv, removeTree } from '../../testkit/action.js'
import { generateModuleSet } from '../../testkit/modset.js'
import { startProxy, type Proxy } from '../../testkit/proxy.js'
import { runDemo } from '../../scripts/demo/demo.js'
import { runTry } from '../../scripts/demo/try.js'

// npm run try and npm run demo, through the bundled action, against mirrors on 127.0.0.1 only.
const roots: string[] = []
let mirror: Proxy
const set = generateModuleSet({ count: 6, seed: 61 })

beforeAll(async () => {
  mirror = await startProxy({
    files: set.files,
    faults: [{ kind: 'status', status: 503, times: 1, match: { module: set.modules[2]?.path, file: 'zip' } }]
  })
})

afterAll(async () => {
  await mirror.close()
  await Promise.all(roots.map(root => removeTree(root)))
})

async function tempRoot(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'e2e-try-'))
  roots.push(root)
  return root
}

describe('npm run try', () => {
  it('runs main then post on the module, with caches of its own, and keeps the summary and the report', async () => {
    const root = await tempRoot()
    const workspace = path.join(root, 'my-module')
    await set.writeConsumer(workspace)
    const goMod = readFileSync(path.join(workspace, 'go.mod'), 'utf8')
    const goSum = readFileSync(path.join(workspace, 'go.sum'), 'utf8')
    // The user's own caches, which the run must leave alone.
    const env = goEnv(path.join(root, 'user'))
    await mkdir(env.GOMODCACHE as string, { recursive: true })
    await mkdir(env.GOCACHE as string, { recursive: true })
    const printed: string[] = []

    const result = await runTry({
      workspace,
      inputs: { 'job-proxy': 'true', 'retry-delay': '20ms' },
      mirrors: mirror.url,
      outputDir: path.join(root, 'kept'),
      env,
      print: text => printed.push(text),
      width: 100
    })

    expect(result.job.main.exitCode).toBe(0)
    expect(result.job.main.outputs.outcome).toBe('success')
    expect(mirror.log.some(entry => entry.status === 503)).toBe(true)
    const text = printed.join('\n')
    expect(text).toContain('## go mod download\n\n✅ Downloaded 6 modules for ./')
    expect(text).toContain('1 recovered by a retry')
    // The post step ran: it stopped the relay job-proxy kept and added its section.
    expect(text).toContain('### Later steps through the relay')
    const state = parseMainState(result.job.main.state.main ?? '')
    expect(state?.jobRelay?.pid).toBeGreaterThan(0)
    expect(isAlive(state?.jobRelay?.pid ?? 0)).toBe(false)

    expect(result.page).toBe(path.join(root, 'kept', 'summary.html'))
    expect(readFileSync(result.page, 'utf8')).toContain('<h2>go mod download</h2>')
    expect(readFileSync(result.page, 'utf8')).toContain('<h3>Later steps through the relay</h3>')
    expect(JSON.parse(readFileSync(result.report, 'utf8'))).toMatchObject({ outcome: 'success' })
    expect(text).toContain(
      `The summary as GitHub shows it: ${result.page}\nThe JSON report: ${result.report}`
    )

    expect(existsSync(result.root)).toBe(false)
    expect(result.job.main.env.GOPROXY).toContain('127.0.0.1')
    expect(await readdir(env.GOMODCACHE as string)).toEqual([])
    expect(await readdir(env.GOCACHE as string)).toEqual([])
    expect(readFileSync(path.join(workspace, 'go.mod'), 'utf8')).toBe(goMod)
    expect(readFileSync(path.join(workspace, 'go.sum'), 'utf8')).toBe(goSum)
  })

  it('stops on a bad input before running any step', async () => {
    const root = await tempRoot()
    await set.writeConsumer(path.join(root, 'm'))
    const requests = mirror.log.length
    await expect(
      runTry({
        workspace: path.join(root, 'm'),
        inputs: { 'max-attempts': 'many' },
        mirrors: mirror.url,
        outputDir: path.join(root, 'kept'),
        env: goEnv(root),
        print: () => undefined
      })
    ).rejects.toThrow(
      "Input 'max-attempts' has the value 'many', but it accepts a whole number from 1 to 100."
    )
    expect(mirror.log.length).toBe(requests)
    expect(existsSync(path.join(root, 'kept'))).toBe(false)
  })
})

describe('npm run demo', () => {
  it('shows no warning its own environment causes, no probe line that reads as a failure, and keeps its report', async () => {
    const output = path.join(await tempRoot(), 'demo')
    const { step, report } = await runDemo(output)
    expect(step.exitCode).toBe(0)
    expect(step.stdout).not.toMatch(/GOSUMDB|GONOSUMDB|GOINSECURE/)
    const probes = step.stdout.split('\n').filter(line => line.startsWith('Probe: '))
    expect(probes.length).toBeGreaterThan(0)
    for (const line of probes)
      expect(line).toMatch(
        /: reachable, in \d+ ms$|: still being probed; the order did not need to wait for it$/
      )
    expect(step.summary).not.toContain('<h3>Warnings</h3>')
    expect(report).toBe(path.join(output, 'go-mod-download-report.json'))
    expect(JSON.parse(readFileSync(report, 'utf8'))).toMatchObject({ outcome: 'success', warnings: [] })
    expect(existsSync(path.join(output, 'summary.html'))).toBe(true)
  })
})
