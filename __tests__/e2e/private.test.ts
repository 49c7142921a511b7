import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { chmod, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { findExecutable } from '../../src/runner/io.js'
import { goEnv, removeTree, runStep, type StepResult } from '../../testkit/action.js'
import { createModuleRepo, startGitServer, type GitServer } from '../../testkit/git-server.js'
import { generateModuleSet, hashH1, type ModuleSet } from '../../testkit/modset.js'
import { startProxy, type Proxy } from '../../testkit/proxy.js'

// A private module on a git host that demands a token, next to public modules from a loopback mirror.
// git reaches the host (a name under .test, never resolved) through a CONNECT proxy on 127.0.0.1 that
// tunnels to a TLS git server, so it sends the token for https://<host>/... exactly as on a runner.
const HOST = 'git.private.test'
const PRIVATE_MODULE = `${HOST}/acme/secret`
const TOKEN = 'canary-7c1d5e-private-token'
const PRIVATE_GO_MOD = `module ${PRIVATE_MODULE}\n\ngo 1.21\n`
const PRIVATE_SOURCE = 'package secret\n\n// Value is private.\nfunc Value() int { return 42 }\n'

let set: ModuleSet
let mirror: Proxy
let server: GitServer
let root: string
const realGit = await findExecutable('git')
const realGo = await findExecutable('go')

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'e2e-private-'))
  set = generateModuleSet({ count: 12, seed: 11 })
  mirror = await startProxy({ files: set.files, name: 'public' })
  await createModuleRepo({
    root: path.join(root, 'repos'),
    repoPath: 'acme/secret',
    files: { 'go.mod': PRIVATE_GO_MOD, 'secret.go': PRIVATE_SOURCE },
    tag: 'v1.0.0',
    home: path.join(root, 'repo-home')
  })
  server = await startGitServer({
    root: path.join(root, 'repos'),
    host: HOST,
    token: TOKEN,
    certDir: path.join(root, 'cert')
  })
})

afterAll(async () => {
  await mirror?.close()
  await server?.close()
  await removeTree(root)
})

interface Run {
  step: StepResult
  dir: string
  reportText: string
  /** Every argument list git and go were started with, one per line. */
  argv: string
}

/** A shim first on PATH that records its arguments, then runs the real program. */
async function shim(dir: string, name: string, real: string, log: string): Promise<void> {
  const script = `#!/bin/sh\nprintf '%s ' "${name}" "$@" >> '${log}'\nprintf '\\n' >> '${log}'\nexec '${real}' "$@"\n`
  await writeFile(path.join(dir, name), script)
  await chmod(path.join(dir, name), 0o755)
}

async function runAction(
  inputs: Record<string, string>,
  extraEnv: Record<string, string> = {}
): Promise<Run> {
  const runRoot = await mkdtemp(path.join(root, 'run-'))
  const dir = path.join(runRoot, 'work')
  await set.writeConsumer(dir)
  const sum = (name: string, data: string) => ({ name: `${PRIVATE_MODULE}@v1.0.0/${name}`, data })
  await writeFile(path.join(dir, 'go.mod'), `${set.consumer.goMod}\nrequire ${PRIVATE_MODULE} v1.0.0\n`)
  await writeFile(
    path.join(dir, 'go.sum'),
    set.consumer.goSum +
      `${PRIVATE_MODULE} v1.0.0 ${hashH1([sum('go.mod', PRIVATE_GO_MOD), sum('secret.go', PRIVATE_SOURCE)])}\n` +
      `${PRIVATE_MODULE} v1.0.0/go.mod ${hashH1([{ name: 'go.mod', data: PRIVATE_GO_MOD }])}\n`
  )
  await writeFile(
    path.join(dir, 'private.go'),
    `package main\n\nimport secret "${PRIVATE_MODULE}"\n\nvar _ = secret.Value\n`
  )
  const shims = path.join(runRoot, 'shims')
  const argvLog = path.join(runRoot, 'argv.log')
  await mkdir(shims)
  await writeFile(argvLog, '')
  await shim(shims, 'git', realGit as string, argvLog)
  await shim(shims, 'go', realGo as string, argvLog)
  const home = path.join(runRoot, 'home')
  await mkdir(home)
  const base = goEnv(runRoot)
  const env: Record<string, string> = {
    ...base,
    PATH: `${shims}${path.delimiter}${base.PATH ?? ''}`,
    HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    // The git host is reached only through the tunnel, and trusted only through this certificate.
    HTTPS_PROXY: server.proxyUrl,
    GIT_SSL_CAINFO: server.caFile,
    SSL_CERT_FILE: server.caFile,
    // No ssh fallback: it would resolve the host name.
    GIT_ALLOW_PROTOCOL: 'https',
    ...extraEnv
  }
  const step = await runStep({
    entry: 'main',
    inputs: {
      cache: 'false',
      'retry-delay': '20ms',
      'retry-max-delay': '200ms',
      proxies: mirror.url,
      'private-modules': `${HOST}/acme/*`,
      ...inputs
    },
    env,
    cwd: dir,
    runnerTemp: path.join(runRoot, 'runner-temp'),
    timeoutMs: 120_000
  })
  const reportText = step.outputs.report ? await readFile(step.outputs.report, 'utf8') : ''
  return { step, dir, reportText, argv: await readFile(argvLog, 'utf8') }
}

/** The token and every form of it the action builds. */
function tokenForms(token: string): string[] {
  const basic = Buffer.from(`x-access-token:${token}`).toString('base64')
  return [token, basic, Buffer.from(token).toString('base64')]
}

/** Asserts that the token shows up nowhere a person, a later step or another process could read it. */
function expectNoToken(run: Run, token: string): void {
  // `::add-mask::` lines are the runner's masking commands, consumed by the runner and never shown.
  const log = run.step.stdout
    .split('\n')
    .filter(line => !line.startsWith('::add-mask::'))
    .join('\n')
  const places: Record<string, string> = {
    log,
    stderr: run.step.stderr,
    summary: run.step.summary,
    outputs: JSON.stringify(run.step.outputs),
    report: run.reportText,
    exported: JSON.stringify(run.step.env),
    state: JSON.stringify(run.step.state),
    argv: run.argv
  }
  for (const form of tokenForms(token)) {
    for (const [place, text] of Object.entries(places)) {
      expect({ place, leaked: text.includes(form) }).toEqual({ place, leaked: false })
    }
  }
}

const privateRequests = (): number =>
  mirror.log.filter(e => e.path.includes(HOST) || e.path.includes('secret')).length

describe('private modules end to end', () => {
  it('fetches the private module direct with the token and the public ones from the mirror', async () => {
    const before = server.requests.length
    const run = await runAction(
      { token: TOKEN },
      // The job's own git configuration stays in force: the token is appended after it.
      {
        GIT_CONFIG_COUNT: '1',
        GIT_CONFIG_KEY_0: `http.https://${HOST}/.extraheader`,
        GIT_CONFIG_VALUE_0: 'X-Job-Header: kept'
      }
    )
    expect(run.step.exitCode).toBe(0)
    expect(run.step.outputs.outcome).toBe('success')
    const gitRequests = server.requests.slice(before).filter(r => !r.url.includes('go-get=1'))
    expect(gitRequests.length).toBeGreaterThan(0)
    expect(gitRequests.every(r => r.authorized && r.headers['x-job-header'] === 'kept')).toBe(true)
    expect(server.connects.every(c => c === `${HOST}:443`)).toBe(true)
    // The public mirror served the public modules and never heard of the private path.
    expect(mirror.log.length).toBeGreaterThan(0)
    expect(privateRequests()).toBe(0)
    expect(run.step.env.GOPROXY).toBe(mirror.url)
    expect(run.step.env.GOPRIVATE).toBe(`${HOST}/acme/*`)
    expect(JSON.parse(run.reportText).settings.token).toBe('***')
    // The shims saw go start git, so the argument check below is not vacuous.
    expect(run.argv).toMatch(/^git .*ls-remote/m)
    expect(run.argv).toMatch(/^go mod download/m)
    expectNoToken(run, TOKEN)
    // Masked first, before any other line; exactly the forms git is given.
    const lines = run.step.stdout.split('\n').filter(line => line !== '')
    const masks = lines.filter(line => line.startsWith('::add-mask::'))
    expect(lines.slice(0, masks.length)).toEqual(masks)
    const basic = Buffer.from(`x-access-token:${TOKEN}`).toString('base64')
    // Then the relay's path prefix, which go prints in its trace.
    expect(masks.map(line => line.slice('::add-mask::'.length))).toEqual([
      TOKEN,
      basic,
      `Authorization: Basic ${basic}`,
      expect.stringMatching(/^[0-9a-f]{32}$/)
    ])
  })

  it('fails fast as auth with a wrong token, and says what to do', async () => {
    const wrong = 'canary-wrong-3f9a0b-token'
    const run = await runAction({ token: wrong })
    expect(run.step.exitCode).toBe(1)
    expect(run.step.outputs.outcome).toBe('failure')
    const failed = JSON.parse(run.step.outputs['failed-modules'] ?? '[]') as {
      module: string
      class: string
    }[]
    expect(failed).toEqual([expect.objectContaining({ module: PRIVATE_MODULE, class: 'auth' })])
    // Far below the default 60 s stall timeout: a refused credential is not waited on.
    expect(run.step.durationMs).toBeLessThan(20_000)
    expect(run.step.summary).toContain('<strong>auth</strong>')
    expect(run.step.summary).toContain('Pass a token with read access')
    expect(privateRequests()).toBe(0)
    expectNoToken(run, wrong)
  })

  it('sends the token to no host it cannot scope, and says so', async () => {
    const before = server.requests.length
    const run = await runAction({ token: TOKEN, 'private-modules': '*/acme/*' })
    expect(run.step.outputs.outcome).toBe('failure')
    expect(run.step.summary).toContain('The token is not sent for the private-modules pattern */acme/*')
    const gitRequests = server.requests.slice(before).filter(r => !r.url.includes('go-get=1'))
    expect(gitRequests.length).toBeGreaterThan(0)
    expect(gitRequests.some(r => r.sentAuthorization)).toBe(false)
    expect(privateRequests()).toBe(0)
    expectNoToken(run, TOKEN)
  })
})
