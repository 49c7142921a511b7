import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fakeRunner } from '../../__fixtures__/runner.js'
import { run } from '../../src/steps/main-step.js'
import type { RunReport } from '../../src/report/types.js'
import { goEnv, removeTree, runGo } from '../../testkit/action.js'
import { generateModuleSet } from '../../testkit/modset.js'
import { startProxy } from '../../testkit/proxy.js'

// run() over a fake runner, with the real go on a module without dependencies: nothing is fetched.
let root: string
let workdir: string
let env: NodeJS.ProcessEnv

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'main-step-'))
  workdir = path.join(root, 'work')
  await mkdir(workdir)
  await writeFile(path.join(workdir, 'go.mod'), 'module example.test/solo\n\ngo 1.21\n')
  env = { ...goEnv(root), RUNNER_TEMP: path.join(root, 'runner-temp') }
})

afterAll(async () => {
  await removeTree(root)
})

const inputs = (extra: Record<string, string> = {}): Record<string, string> => ({
  'working-directory': workdir,
  proxies: 'off',
  cache: 'false',
  'build-cache': 'false',
  probe: 'false',
  ...extra
})

describe('run', () => {
  it('downloads, sets the outputs and leaves the post step its state', async () => {
    const runner = fakeRunner({ inputs: inputs() })
    await run(runner, env)
    expect(runner.failed).toBeUndefined()
    expect(runner.outputs).toMatchObject({ outcome: 'success', attempts: '1', 'cache-hit': 'false' })
    expect(runner.outputs.report).toBe(path.join(root, 'runner-temp', 'go-mod-download-report.json'))
    expect(runner.mainState()).toEqual({ summary: 'always', outcome: 'success' })
    expect(runner.writtenSummary).toContain('✅ Downloaded')
  })

  it('logs a group per phase and per go process, none inside another, so the log reads as a table of contents', async () => {
    const runner = fakeRunner({ inputs: inputs() })
    await run(runner, env)
    expect(runner.groups()).toEqual([
      'Set up',
      'Restore and probe',
      'Download',
      `Attempt 1: ${workdir} via off (try 1)`,
      'Check and fall back',
      'Publish'
    ])
    // What each go process came to stays outside the groups, in view.
    const attempt = runner.log.findIndex(l => l.level === 'group' && l.message.startsWith('Attempt 1:'))
    const end = runner.log.findIndex((l, i) => i > attempt && l.level === 'endgroup')
    expect(runner.log[end + 1]).toEqual({
      level: 'info',
      message: expect.stringMatching(/^Attempt 1 completed in /)
    })
  })

  it('writes the JSON report to the temp directory of the OS when RUNNER_TEMP is not set', async () => {
    const runner = fakeRunner({ inputs: inputs() })
    const { RUNNER_TEMP: _unset, ...withoutRunnerTemp } = env
    const checkout = path.join(process.cwd(), '.tmp')
    const hadCheckoutTemp = existsSync(checkout)
    try {
      await run(runner, withoutRunnerTemp)
      expect(runner.outputs.report?.startsWith(path.join(tmpdir(), path.sep))).toBe(true)
      expect(existsSync(runner.outputs.report ?? '')).toBe(true)
      expect(existsSync(path.join(checkout, 'go-mod-download-report.json'))).toBe(false)
    } finally {
      const report = runner.outputs.report ?? ''
      if (report !== '') await rm(report, { force: true })
      if (path.basename(path.dirname(report)).startsWith('go-mod-download-')) {
        await rm(path.dirname(report), { recursive: true, force: true })
      }
      if (!hadCheckoutTemp) await rm(checkout, { recursive: true, force: true })
    }
  })

  it('turns a summary that cannot be written into a warning, and the download still succeeds', async () => {
    const runner = fakeRunner({
      inputs: inputs(),
      writeSummary: () => Promise.reject(new Error('no space left on device'))
    })
    await run(runner, env)
    expect(runner.failed).toBeUndefined()
    expect(runner.outputs.outcome).toBe('success')
    expect(runner.lines('warning')).toContain('Could not write the job summary: no space left on device')
  })

  it('fails in one line on a bad input and says so in the summary', async () => {
    const runner = fakeRunner({ inputs: inputs({ 'max-attempts': '0' }) })
    await run(runner, env)
    expect(runner.failed).toBe(
      "Input 'max-attempts' has the value '0', but it accepts a whole number from 1 to 100."
    )
    expect(runner.lines('error')).toHaveLength(1)
    expect(runner.writtenSummary).toBe(
      '<h2>go mod download</h2>\n<p>❌ Input &#39;max-attempts&#39; has the value &#39;0&#39;, but it accepts a whole number from 1 to 100.</p>\n'
    )
    expect(runner.outputs).toEqual({ outcome: 'failure' })
    expect(runner.mainState()).toBeUndefined()
  })

  it('names the workspace a missing working directory is relative to, apart from one without a go.mod', async () => {
    for (const [dir, problem] of [
      ['no-such-dir', 'does not exist'],
      ['without-go-mod', 'holds neither a go.mod nor a go.work']
    ]) {
      await mkdir(path.join(root, 'without-go-mod'), { recursive: true })
      const runner = fakeRunner({ inputs: inputs({ 'working-directory': dir as string }) })
      const cwd = process.cwd()
      process.chdir(root)
      try {
        await run(runner, env)
      } finally {
        process.chdir(cwd)
      }
      expect(runner.failed).toBe(
        `Input 'working-directory' has the value '${dir}', but it accepts directories, one per line and relative to the workspace (${root}), that hold a go.mod or a go.work: ${path.join(root, dir as string)} ${problem}.`
      )
      expect(runner.outputs).toEqual({ outcome: 'failure' })
    }
  })

  it('writes no summary for a failure when the summary input says never', async () => {
    const runner = fakeRunner({ inputs: inputs({ 'max-attempts': '0', summary: 'never' }) })
    await run(runner, env)
    expect(runner.failed).toBeDefined()
    expect(runner.writtenSummary).toBe('')
  })

  it('fails naming what to do when go is not on PATH, and says so in the summary', async () => {
    const empty = await mkdtemp(path.join(root, 'no-go-'))
    const runner = fakeRunner({ inputs: inputs() })
    // @actions/io looks go up on this process's PATH.
    const PATH = process.env.PATH
    process.env.PATH = empty
    try {
      await run(runner, { ...env, PATH: empty })
    } finally {
      process.env.PATH = PATH
    }
    expect(runner.failed).toBe(
      'go was not found on PATH: add an actions/setup-go step before this one, or set the go-version input'
    )
    expect(runner.writtenSummary).toContain('<p>❌ go was not found on PATH')
    expect(runner.outputs).toEqual({ outcome: 'failure' })
  })
})

describe('run when the relay cannot start', () => {
  it('runs go on the mirrors joined by pipes, and says why in the log and the summary', async () => {
    const set = generateModuleSet({ count: 6, seed: 4 })
    const mirror = await startProxy({ files: set.files })
    try {
      const dir = path.join(root, 'consumer')
      await set.writeConsumer(dir)
      const runner = fakeRunner({
        inputs: inputs({ 'working-directory': dir, proxies: `${mirror.url}\ndirect` })
      })
      const reason = 'listen EACCES: permission denied 127.0.0.1'
      await run(runner, env, {
        startRelay: () => Promise.reject(new Error(reason))
      })
      expect(runner.failed).toBeUndefined()
      expect(runner.outputs).toMatchObject({ outcome: 'success', attempts: '1' })
      const warning =
        `The relay could not start (${reason}), so go asks the mirrors itself, joined by pipes ` +
        `(${mirror.url}|direct), without the relay's per-request retries, hedging and checks`
      expect(runner.lines('warning')).toContain(warning)
      expect(runner.writtenSummary).toContain(`The relay could not start (${reason})`)
      expect(runner.exported.GOPROXY).toBe(`${mirror.url}|direct`)
      expect(runner.groups().filter(title => !title.startsWith('Attempt '))).toEqual([
        'Set up',
        'Restore and probe',
        'Download',
        'Check and fall back',
        'Publish'
      ])
      const report = JSON.parse(await readFile(runner.outputs.report as string, 'utf8')) as RunReport
      expect(report.relay).toBeUndefined()
      expect(report.download.attempts.map(a => a.proxy)).toEqual([`${mirror.url}|direct`])
      expect(mirror.log.some(entry => entry.path.endsWith('.zip') && entry.status === 200)).toBe(true)
      const verify = await runGo(['mod', 'verify'], {
        cwd: dir,
        env: { ...env, GOPROXY: 'off' } as Record<string, string>
      })
      expect(verify.stdout).toContain('all modules verified')
    } finally {
      await mirror.close()
    }
  })
})
