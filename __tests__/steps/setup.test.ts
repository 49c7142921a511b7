import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fakeRunner } from '../../__fixtures__/runner.js'
import { readInputs } from '../../src/config/inputs.js'
import { JOB_RELAY_VARIABLE } from '../../src/steps/job-relay.js'
import { maskSecrets, SetupError, setUp } from '../../src/steps/setup.js'
import { noProxyPatterns } from '../../src/go/private-paths.js'
import { goEnv, removeTree } from '../../testkit/action.js'

// The set-up with the real go on PATH, in a workspace of two modules, one without its go.sum.
let root: string
let workspace: string
let env: NodeJS.ProcessEnv

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'setup-'))
  workspace = path.join(root, 'repo')
  for (const dir of ['app', 'tool']) await mkdir(path.join(workspace, dir), { recursive: true })
  await writeFile(path.join(workspace, 'app', 'go.mod'), 'module example.test/app\n\ngo 1.21\n')
  await writeFile(
    path.join(workspace, 'tool', 'go.mod'),
    'module example.test/tool\n\ngo 1.21\n\nrequire example.test/dep v1.0.0\n'
  )
  env = goEnv(root)
})

afterAll(async () => {
  await removeTree(root)
})

async function setUpWith(values: Record<string, string>, processEnv: NodeJS.ProcessEnv = env) {
  const runner = fakeRunner()
  const inputs = readInputs(name => values[name] ?? '', workspace)
  const relaySecret = maskSecrets(runner, inputs)
  const job = await setUp(runner, inputs, {
    processEnv,
    workspace,
    deadline: Date.now() + 60_000,
    relaySecret
  })
  return { runner, job }
}

describe('maskSecrets', () => {
  it("masks the token's forms, the proxies input's credentials and a fresh relay secret, and writes nothing", () => {
    const runner = fakeRunner()
    const inputs = readInputs(
      name =>
        ({
          'working-directory': 'app',
          token: 'ghp_0123456789abcdef',
          proxies: 'https://ci:pa55word@corp.example'
        })[name] ?? '',
      workspace
    )
    const secret = maskSecrets(runner, inputs)
    expect(secret).toMatch(/^[0-9a-f]{32}$/)
    expect(runner.secrets).toEqual(expect.arrayContaining(['ghp_0123456789abcdef', 'pa55word', secret]))
    expect(maskSecrets(fakeRunner(), inputs)).not.toBe(secret)
    expect(runner.log).toEqual([])
  })
})

describe('setUp', () => {
  it("lists the job's GOPROXY as the mirrors when the proxies input is empty, its credentials masked", async () => {
    const { runner, job } = await setUpWith(
      { 'working-directory': 'app\ntool', 'max-attempts': '4' },
      {
        ...env,
        GOSUMDB: 'sum.golang.org',
        GOPROXY: 'https://ci:s3cret-pass@corp.example/go|https://proxy.golang.org,direct'
      }
    )
    expect(job.mirrors).toEqual([
      'https://ci:s3cret-pass@corp.example/go',
      'https://proxy.golang.org',
      'direct'
    ])
    expect(runner.secrets).toEqual(expect.arrayContaining(['s3cret-pass', job.relaySecret]))
    expect(job.workdirs).toEqual([
      { label: 'app', dir: path.join(workspace, 'app') },
      { label: 'tool', dir: path.join(workspace, 'tool') }
    ])
    expect(job.withoutGoSum).toEqual([{ label: 'tool', dir: path.join(workspace, 'tool') }])
    expect(job.modCache).toBe(env.GOMODCACHE)
    expect(job.goEnv.GOVERSION).toMatch(/^go1\./)
    expect(job.policy.maxAttempts).toBe(4)
    expect(runner.log).toEqual([])
  })

  it('takes the proxies input over GOPROXY, and leaves out the relay an earlier use left for the job', async () => {
    const relay = 'http://127.0.0.1:4100/0123456789abcdef0123456789abcdef'
    const address = JSON.stringify({ url: relay, join: 'fedcba9876543210fedcba9876543210', pid: 42 })
    const { job } = await setUpWith(
      { 'working-directory': 'app', proxies: `${relay}\nhttps://mirror.example\nhttps://mirror.example/` },
      { ...env, GOPROXY: 'https://ignored.example', [JOB_RELAY_VARIABLE]: address }
    )
    expect(job.mirrors).toEqual(['https://mirror.example'])
    expect(job.earlierRelay).toMatchObject({ url: relay, port: 4100, pid: 42 })
  })

  it("warns, in the log and the report, of the job's weakened checks and where the token will not be sent", async () => {
    const { runner, job } = await setUpWith({ 'working-directory': 'app', token: 'ghp_0123456789abcdef' })
    const warnings = [
      'GOSUMDB=off is set in this job: hashes missing from go.sum are accepted without the checksum database',
      'The token input is not used: private-modules is empty, so no git host is known to send it to'
    ]
    expect(runner.lines('warning')).toEqual(warnings)
    expect(job.warnings).toEqual(warnings)
    expect(runner.secrets).toContain('ghp_0123456789abcdef')
  })

  it("reads go's configuration file as go does: its private paths kept from the mirrors, with private-modules too, and its checksum database", async () => {
    const goenv = path.join(root, 'go.env')
    await writeFile(goenv, 'GOPRIVATE=corp.test/*\nGOSUMDB=sum.golang.google.cn\n')
    const processEnv = { ...env, GOENV: goenv, GOPRIVATE: '', GONOPROXY: '', GOSUMDB: '' }
    const { job } = await setUpWith(
      { 'working-directory': 'app', 'private-modules': 'acme.test' },
      processEnv
    )
    expect(job.env.GOPRIVATE).toBe('corp.test/*,acme.test')
    expect(job.processEnv.GOPRIVATE).toBe('corp.test/*')
    expect(noProxyPatterns(job.env)).toContain('corp.test/*')
    // The relay forwards checksum database requests for the one go uses.
    expect(job.env.GOSUMDB).toBe('sum.golang.google.cn')
  })

  it("fails as a set-up problem, in go's words, when go env cannot be read", async () => {
    const failing = setUpWith({ 'working-directory': 'app' }, { ...env, GOPATH: 'relative' })
    await expect(failing).rejects.toThrow(SetupError)
    await expect(failing).rejects.toThrow(
      `go env failed in ${path.join(workspace, 'app')}: go: GOPATH entry is relative; must be absolute path: "relative".`
    )
  })
})
