import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { goEnv, removeTree, runGo, runStep, type StepResult } from '../../testkit/action.js'
import { generateModuleSet, type ModuleSet } from '../../testkit/modset.js'
import { refusedUrl, startProxy } from '../../testkit/proxy.js'
import { MAIN_STATE_KEY, parseMainState } from '../../src/runner/state.js'

// The fallback of last resort: every mirror is down, and the committed vendor/ is all there is.
let set: ModuleSet
let root: string

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'e2e-vendor-'))
  set = generateModuleSet({ count: 15, seed: 5 })
})

afterAll(async () => {
  await removeTree(root)
})

/** A consumer with vendor/ made by a real `go mod vendor` against a loopback mirror. */
async function vendoredConsumer(): Promise<string> {
  const runRoot = await mkdtemp(path.join(root, 'vendor-'))
  const dir = path.join(runRoot, 'work')
  await set.writeConsumer(dir)
  const mirror = await startProxy({ files: set.files })
  try {
    const vendor = await runGo(['mod', 'vendor'], {
      cwd: dir,
      env: { ...goEnv(path.join(runRoot, 'vendoring')), GOPROXY: mirror.url }
    })
    expect({ code: vendor.code, stderr: vendor.stderr.replace(/^go: downloading .*\n/gm, '') }).toEqual({
      code: 0,
      stderr: ''
    })
  } finally {
    await mirror.close()
  }
  return dir
}

async function runAction(dir: string, env: Record<string, string> = {}): Promise<StepResult> {
  const runRoot = path.dirname(dir)
  const refused = await refusedUrl()
  return runStep({
    entry: 'main',
    inputs: { cache: 'false', 'retry-delay': '20ms', 'retry-max-delay': '200ms', proxies: refused },
    // A module cache of its own, empty: nothing can come from anywhere but vendor/.
    env: { ...goEnv(runRoot), ...env },
    cwd: dir,
    runnerTemp: path.join(runRoot, 'runner-temp'),
    timeoutMs: 120_000
  })
}

describe('vendor fallback end to end', () => {
  it('succeeds with outcome vendor and exports -mod=vendor merged into GOFLAGS', async () => {
    const dir = await vendoredConsumer()
    const modulesTxt = await readFile(path.join(dir, 'vendor', 'modules.txt'), 'utf8')
    const step = await runAction(dir, { GOFLAGS: '-trimpath -mod=mod' })
    expect(step.exitCode).toBe(0)
    expect(step.outputs.outcome).toBe('vendor')
    expect(step.env.GOFLAGS).toBe('-trimpath -mod=vendor')
    expect(step.env.GOPROXY).toBeUndefined()
    expect(step.stdout).toMatch(
      /^::warning::The download failed, but \. can build from the committed vendor\//m
    )
    expect(step.summary).toContain('will build from the committed <code>vendor/</code>')
    // The module cache is not saved: nothing that matters was downloaded.
    expect(parseMainState(step.state[MAIN_STATE_KEY] ?? '')?.outcome).toBe('vendor')
    // vendor/ is left as it was, and a later step really builds from it with no network.
    expect(await readFile(path.join(dir, 'vendor', 'modules.txt'), 'utf8')).toBe(modulesTxt)
    const build = await runGo(['build', './...'], {
      cwd: dir,
      env: { ...goEnv(path.dirname(dir)), ...step.env }
    })
    expect({ code: build.code, stderr: build.stderr }).toEqual({ code: 0, stderr: '' })
  })

  it('fails, and names vendor/ in a warning, when vendor/ is inconsistent with go.mod', async () => {
    const dir = await vendoredConsumer()
    const modulesTxt = path.join(dir, 'vendor', 'modules.txt')
    const text = await readFile(modulesTxt, 'utf8')
    const first = set.modules.find(m => m.direct)!
    await writeFile(modulesTxt, text.replace(`# ${first.path} ${first.version}`, `# ${first.path} v9.9.9`))
    const step = await runAction(dir)
    expect(step.exitCode).toBe(1)
    expect(step.outputs.outcome).toBe('failure')
    expect(step.env.GOFLAGS).toBeUndefined()
    expect(step.summary).toContain('vendor/ was not used: vendor/ is inconsistent with go.mod')
    expect(step.stdout).toMatch(/^::warning::\.: vendor\/ was not used/m)
  })

  it('fails without a word about vendor/ when there is none', async () => {
    const runRoot = await mkdtemp(path.join(root, 'plain-'))
    const dir = path.join(runRoot, 'work')
    await set.writeConsumer(dir)
    const step = await runAction(dir)
    expect(step.exitCode).toBe(1)
    expect(step.outputs.outcome).toBe('failure')
    expect(step.summary).not.toContain('vendor/')
  })
})
