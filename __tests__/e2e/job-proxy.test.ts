import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtemp, readFile } from 'node:fs/promises'
import net from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { isAlive } from '../../src/relay/daemon.js'
import { parseMainState } from '../../src/runner/state.js'
import {
  goEnv,
  removeTree,
  runGo,
  runJob,
  runStep,
  type GoResult,
  type JobResult,
  type StepResult
} from '../../testkit/action.js'
import { generateModuleSet, type ModuleSet } from '../../testkit/modset.js'
import { startProxy, type Proxy } from '../../testkit/proxy.js'

// job-proxy: true through the bundled main and post steps, with a later step run between them as the
// runner would run it: the environment main exported, the real go.
let set: ModuleSet
/** A tool a later step installs: not in the consumer's go.sum. */
let tool: ModuleSet
const roots: string[] = []
const mirrors: Proxy[] = []

beforeAll(() => {
  set = generateModuleSet({ count: 12, seed: 51 })
  tool = generateModuleSet({ count: 1, seed: 52, prefix: 'tools.test' })
})

afterAll(async () => {
  await Promise.all(mirrors.map(m => m.close()))
  await Promise.all(roots.map(r => removeTree(r)))
})

async function mirror(faults: Parameters<typeof startProxy>[0]['faults'] = []): Promise<Proxy> {
  const m = await startProxy({ files: new Map([...set.files, ...tool.files]), faults })
  mirrors.push(m)
  return m
}

function refused(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const socket = net.connect(port, '127.0.0.1')
    socket.once('connect', () => (socket.destroy(), resolve(false)))
    socket.once('error', () => resolve(true))
  })
}

interface Later {
  goproxy: string
  download?: GoResult
  withoutPrefix?: number
}

async function job(
  m: Proxy,
  laterStep: (env: Record<string, string>, later: Later, main: StepResult) => Promise<void>
): Promise<{ run: JobResult; later: Later }> {
  const root = await mkdtemp(path.join(tmpdir(), 'e2e-job-proxy-'))
  roots.push(root)
  const dir = path.join(root, 'work')
  await set.writeConsumer(dir)
  const later: Later = { goproxy: '' }
  const run = await runJob({
    inputs: { proxies: m.url, 'job-proxy': 'true', cache: 'false', 'retry-delay': '20ms' },
    env: goEnv(root),
    cwd: dir,
    timeoutMs: 120_000,
    between: async (main, env) => {
      later.goproxy = env.GOPROXY ?? ''
      await laterStep({ ...env, GOFLAGS: '-mod=mod' }, later, main)
    }
  })
  return { run, later }
}

const toolArg = (): string => `${tool.modules[0]!.path}@${tool.modules[0]!.version}`

describe('job-proxy: true', () => {
  it('serves a later step through the relay, retrying what a plain go would fail on, and reports it after post', async () => {
    const m = await mirror([
      { kind: 'status', status: 503, times: 2, match: { module: tool.modules[0]!.path } }
    ])
    const { run, later } = await job(m, async (env, l) => {
      l.download = await runGo(['mod', 'download', '-json', toolArg()], {
        cwd: path.join(env.GOMODCACHE!, '..', 'work'),
        env
      })
      const origin = new URL(l.goproxy.split('|')[0]!).origin
      l.withoutPrefix = (await fetch(`${origin}/${tool.modules[0]!.path}/@v/list`)).status
    })
    expect(run.main.exitCode).toBe(0)
    const [relay, ...behind] = later.goproxy.split('|')
    expect(relay).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[0-9a-f]{32}$/)
    expect(behind).toEqual([m.url])
    expect(later.download?.code).toBe(0)
    expect(later.download?.stdout).not.toContain('"Error"')
    // A request without the secret prefix is refused, and never reaches a mirror.
    expect(later.withoutPrefix).toBe(403)

    expect(run.post.exitCode).toBe(0)
    const state = parseMainState(run.main.state.main ?? '')
    expect(state?.jobRelay).toBeDefined()
    // Stopped by the post step, by its pid: nothing is left for the runner's orphan clean-up.
    expect(isAlive(state!.jobRelay!.pid)).toBe(false)
    expect(await refused(state!.jobRelay!.port)).toBe(true)
    expect(run.post.summary).toContain('Later steps through the relay')
    expect(run.post.summary).toContain(tool.modules[0]!.path)
    expect(run.post.summary).toContain('recovered')

    // The secret is in the exported GOPROXY only: masked before the first line that holds it (the runner
    // hides it from then on), never in the post step's log, the summary or the outputs.
    const secret = relay!.split('/').pop()!
    const lines = run.main.stdout.split('\n')
    const mask = lines.indexOf(`::add-mask::${secret}`)
    expect(mask).toBeGreaterThanOrEqual(0)
    expect(lines.findIndex(l => l.includes(secret))).toBe(mask)
    expect(run.post.stdout).not.toContain(secret)
    for (const text of [run.main.summary, run.post.summary, JSON.stringify(run.main.outputs)]) {
      expect(text).not.toContain(secret)
    }
  })

  it('keeps a later step green through the pipe fallback when the relay is gone, and post says so', async () => {
    const m = await mirror()
    const { run, later } = await job(m, async (env, l, main) => {
      const state = parseMainState(main.state.main ?? '')
      process.kill(state!.jobRelay!.pid, 'SIGKILL')
      await new Promise(resolve => setTimeout(resolve, 200))
      l.download = await runGo(['mod', 'download', '-json', toolArg()], {
        cwd: path.join(env.GOMODCACHE!, '..', 'work'),
        env
      })
    })
    expect(later.download?.code).toBe(0)
    expect(run.post.exitCode).toBe(0)
    expect(run.post.stdout).toMatch(
      /::warning::The relay for later steps ended before the post step without a word in its journal \(it was killed, or crashed\)/
    )
    expect(run.post.summary).toContain('without a word in its journal')
    expect(run.post.stdout).not.toContain('fell back')
  })
})

describe('two uses of the action in one job', () => {
  it("run the second through the first one's relay, which checks its go.sum too, and show none of its secrets", async () => {
    const victim = tool.modules[0]!
    const tampering = await mirror([{ kind: 'tamper', match: { module: victim.path, file: 'zip' } }])
    const healthy = await mirror()
    const root = await mkdtemp(path.join(tmpdir(), 'e2e-two-uses-'))
    roots.push(root)
    const runnerTemp = path.join(root, 'runner-temp')
    const first = path.join(root, 'first')
    const second = path.join(root, 'second')
    await set.writeConsumer(first)
    await tool.writeConsumer(second)
    const inputs = { cache: 'false', 'retry-delay': '20ms', 'job-proxy': 'true' }
    const step = (
      entry: 'main' | 'post',
      cwd: string,
      env: Record<string, string>,
      more: Record<string, string> = {},
      state: Record<string, string> = {}
    ) => runStep({ entry, inputs: { ...inputs, ...more }, env, cwd, runnerTemp, state, timeoutMs: 120_000 })

    const main1 = await step('main', first, goEnv(root), { proxies: `${tampering.url}\n${healthy.url}` })
    expect(main1.exitCode).toBe(0)
    const jobEnv = { ...goEnv(root), ...main1.env }
    const relayUrl = jobEnv.GOPROXY!.split('|')[0]!
    const relaySecret = relayUrl.split('/').pop()!
    const joinSecret = (JSON.parse(jobEnv.GO_MOD_DOWNLOAD_JOB_RELAY!) as { join: string }).join
    const relayPid = parseMainState(main1.state.main ?? '')!.jobRelay!.pid

    const main2 = await step('main', second, jobEnv)
    expect(main2.exitCode).toBe(0)
    expect(main2.stdout).toContain('serves this download too')
    // No relay of its own, none started, nothing exported over the job's GOPROXY.
    expect(main2.stdout).not.toContain('Relay: go asks a module proxy on 127.0.0.1')
    expect(main2.env.GOPROXY).toBeUndefined()
    expect(main2.env.GO_MOD_DOWNLOAD_JOB_RELAY).toBeUndefined()
    expect(parseMainState(main2.state.main ?? '')?.jobRelay).toBeUndefined()
    const report = await readFile(main2.outputs.report!, 'utf8')
    const shown = [
      main2.stdout
        .split('\n')
        .filter(l => !l.startsWith('::add-mask::'))
        .join('\n'),
      main2.stderr,
      main2.summary,
      JSON.stringify(main2.outputs),
      report
    ]
    for (const text of shown) {
      expect(text).not.toContain(relaySecret)
      expect(text).not.toContain(joinSecret)
    }
    expect(main2.outputs.proxy).toBe(
      `http://127.0.0.1:${new URL(relayUrl).port}/***|${tampering.url}|${healthy.url}`
    )
    expect(JSON.parse(report).settings.proxies).toEqual([tampering.url, healthy.url])

    const post2 = await step('post', second, { ...jobEnv, ...main2.env }, {}, main2.state)
    expect(post2.exitCode).toBe(0)
    // Only the post step of the use that started the relay stops it.
    expect(isAlive(relayPid)).toBe(true)
    const post1 = await step('post', first, jobEnv, {}, main1.state)
    expect(post1.exitCode).toBe(0)
    expect(isAlive(relayPid)).toBe(false)
    // The relay checked the second use's module against that use's go.sum: the tampered copy never got through.
    expect(post1.summary).toContain(victim.path)
    expect(post1.summary).toContain('recovered')
    expect(post1.summary).toContain('checksum mismatch')
  })
})
