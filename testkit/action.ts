import { execFile, spawn } from 'node:child_process'
import { chmod, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const repoRoot = fileURLToPath(new URL('..', import.meta.url))

/** The node that runs the action's steps: NODE_FOR_ACTION when set (Node 24, as GitHub runs it), else this one. */
export function actionNode(): string {
  return process.env.NODE_FOR_ACTION || process.execPath
}

export interface StepOptions {
  entry: 'main' | 'post'
  inputs: Record<string, string>
  env: Record<string, string>
  cwd: string
  /** Saved state from an earlier step, given to this one as `STATE_<name>`. */
  state?: Record<string, string>
  /** The step is killed (SIGKILL) after this long; `timedOut` says so. */
  timeoutMs?: number
  /** A script to run instead of `dist/<entry>/index.js`. */
  script?: string
  /** RUNNER_TEMP; a fresh temp dir (removed afterwards) when absent. */
  runnerTemp?: string
  /** GITHUB_STEP_SUMMARY instead of a fresh file: a path the step cannot write, to test that it copes. */
  summaryFile?: string
  /** Options for node itself, before the script (`--cpu-prof`, say). */
  nodeArgs?: string[]
}

export interface StepResult {
  exitCode: number | null
  signal: NodeJS.Signals | null
  timedOut: boolean
  stdout: string
  stderr: string
  durationMs: number
  outputs: Record<string, string>
  env: Record<string, string>
  state: Record<string, string>
  /** Directories the step added to PATH through GITHUB_PATH. */
  path: string[]
  summary: string
}

/** The environment variable a runner sets for an input: upper case, spaces to `_`, hyphens kept. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

/** Parses a runner file-command file: `name=value` lines and `name<<DELIM` heredocs. */
export function parseFileCommands(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    if (line === '') continue
    const heredoc = line.indexOf('<<')
    const eq = line.indexOf('=')
    if (heredoc > 0 && (eq < 0 || heredoc < eq)) {
      const name = line.slice(0, heredoc)
      const delim = line.slice(heredoc + 2)
      const value: string[] = []
      let closed = false
      for (i++; i < lines.length; i++) {
        if (lines[i] === delim) {
          closed = true
          break
        }
        value.push(lines[i]!)
      }
      if (!closed) throw new Error(`file command ${name}: delimiter ${delim} never closed`)
      out[name] = value.join('\n')
    } else if (eq > 0) {
      out[line.slice(0, eq)] = line.slice(eq + 1)
    } else {
      throw new Error(`file command: cannot parse line ${JSON.stringify(line)}`)
    }
  }
  return out
}

/** Runs one step of the bundled action (or `script`) the way a GitHub runner does. */
export async function runStep(opts: StepOptions): Promise<StepResult> {
  const files = await mkdtemp(join(tmpdir(), 'gmd-step-'))
  const runnerTemp = opts.runnerTemp ?? (await mkdtemp(join(tmpdir(), 'gmd-runner-temp-')))
  try {
    const paths = {
      GITHUB_OUTPUT: join(files, 'output'),
      GITHUB_STEP_SUMMARY: opts.summaryFile ?? join(files, 'summary'),
      GITHUB_ENV: join(files, 'env'),
      GITHUB_STATE: join(files, 'state'),
      GITHUB_PATH: join(files, 'path')
    }
    for (const p of Object.values(paths)) if (p !== opts.summaryFile) await writeFile(p, '')
    const env: Record<string, string> = { ...opts.env }
    for (const [name, value] of Object.entries(opts.inputs)) env[inputVariable(name)] = value
    for (const [name, value] of Object.entries(opts.state ?? {})) env[`STATE_${name}`] = value
    Object.assign(env, paths, { GITHUB_WORKSPACE: opts.cwd, RUNNER_TEMP: runnerTemp })

    const script = opts.script ?? join(repoRoot, 'dist', opts.entry, 'index.js')
    const started = Date.now()
    const child = spawn(actionNode(), [...(opts.nodeArgs ?? []), script], {
      cwd: opts.cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    let timedOut = false
    const timer =
      opts.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true
            child.kill('SIGKILL')
          }, opts.timeoutMs)
    const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((ok, fail) => {
      child.once('error', fail)
      child.once('close', (code, sig) => ok([code, sig]))
    })
    if (timer) clearTimeout(timer)
    const durationMs = Date.now() - started

    const read = (p: string) => readFile(p, 'utf8')
    return {
      exitCode,
      signal,
      timedOut,
      stdout,
      stderr,
      durationMs,
      outputs: parseFileCommands(await read(paths.GITHUB_OUTPUT)),
      env: parseFileCommands(await read(paths.GITHUB_ENV)),
      state: parseFileCommands(await read(paths.GITHUB_STATE)),
      path: (await read(paths.GITHUB_PATH)).split(/\r?\n/).filter(l => l !== ''),
      summary: opts.summaryFile === undefined ? await read(paths.GITHUB_STEP_SUMMARY) : ''
    }
  } finally {
    await rm(files, { recursive: true, force: true })
    if (opts.runnerTemp === undefined) await removeTree(runnerTemp)
  }
}

export interface JobOptions extends Omit<StepOptions, 'entry' | 'state' | 'script'> {
  /** Scripts to run instead of the bundled entries. */
  scripts?: { main?: string; post?: string }
  /** The job's later steps, run between main and post with the environment main exported. */
  between?: (main: StepResult, env: Record<string, string>) => Promise<void>
}

export interface JobResult {
  main: StepResult
  post: StepResult
}

/**
 * Runs main then post (post always runs, as `post-if: always()` asks), sharing RUNNER_TEMP and passing
 * main's saved state; post also sees what main exported through GITHUB_ENV and GITHUB_PATH.
 */
export async function runJob(opts: JobOptions): Promise<JobResult> {
  const { scripts, ...rest } = opts
  const runnerTemp = opts.runnerTemp ?? (await mkdtemp(join(tmpdir(), 'gmd-runner-temp-')))
  try {
    const { between, ...stepOptions } = rest
    const main = await runStep({ ...stepOptions, entry: 'main', runnerTemp, script: scripts?.main })
    const env = { ...opts.env, ...main.env }
    if (main.path.length > 0) env.PATH = [...[...main.path].reverse(), env.PATH ?? ''].join(delimiter)
    await between?.(main, env)
    const post = await runStep({
      ...stepOptions,
      env,
      entry: 'post',
      runnerTemp,
      state: main.state,
      script: scripts?.post
    })
    return { main, post }
  } finally {
    if (opts.runnerTemp === undefined) await removeTree(runnerTemp)
  }
}

export interface ConsumerRun<Report> {
  step: StepResult
  /** The temp root of the run: module cache, runner temp and the consumer below it. */
  root: string
  /** The consumer module's directory, the step's working directory. */
  dir: string
  /** The environment go ran with. */
  env: Record<string, string>
  /** The JSON report the step wrote, or an empty object when it wrote none. */
  report: Report
}

export interface ConsumerRunOptions {
  /** Writes the consumer module into the directory given. */
  writeConsumer(dir: string): Promise<void>
  inputs: Record<string, string>
  /** Added to the hermetic go environment. */
  env?: Record<string, string>
  timeoutMs?: number
  /** The run's temp root is pushed here, for the test to remove afterwards. */
  roots: string[]
}

/**
 * Runs the main step on a consumer module in a fresh temp root, with both caches off and short backoffs
 * unless the inputs say otherwise, and reads back its JSON report.
 */
export async function runMainOnConsumer<Report>(opts: ConsumerRunOptions): Promise<ConsumerRun<Report>> {
  const root = await mkdtemp(join(tmpdir(), 'e2e-'))
  opts.roots.push(root)
  const dir = join(root, 'work')
  await opts.writeConsumer(dir)
  const env = { ...goEnv(root), ...opts.env }
  const step = await runStep({
    entry: 'main',
    inputs: {
      cache: 'false',
      'build-cache': 'false',
      'retry-delay': '20ms',
      'retry-max-delay': '200ms',
      ...opts.inputs
    },
    env,
    cwd: dir,
    runnerTemp: join(root, 'runner-temp'),
    timeoutMs: opts.timeoutMs ?? 120_000
  })
  const reportPath = step.outputs.report
  const report = (reportPath ? JSON.parse(await readFile(reportPath, 'utf8')) : {}) as Report
  return { step, root, dir, env, report }
}

/**
 * A hermetic environment for go under `root`: nothing GO* or proxy-related is inherited from the machine,
 * and GOENV=off keeps the user's `go env -w` settings out too.
 */
export function goEnv(root: string): Record<string, string> {
  const env: Record<string, string> = {
    GOMODCACHE: join(root, 'gomodcache'),
    GOPATH: join(root, 'gopath'),
    GOCACHE: join(root, 'gocache'),
    GOENV: 'off',
    GOFLAGS: '',
    GOTOOLCHAIN: 'local',
    GOWORK: 'off',
    GOSUMDB: 'off',
    GOPRIVATE: '',
    GONOPROXY: '',
    GONOSUMDB: '',
    GOINSECURE: '',
    GOPROXY: 'off'
  }
  if (process.env.PATH !== undefined) env.PATH = process.env.PATH
  if (process.env.HOME !== undefined) env.HOME = process.env.HOME
  return env
}

export interface GoResult {
  code: number | null
  signal: NodeJS.Signals | null
  /** Killed because `timeoutMs` passed. */
  timedOut: boolean
  stdout: string
  stderr: string
}

/** Runs go with an argument array (no shell); a non-zero exit is a result, not an exception. */
export function runGo(
  args: string[],
  opts: { cwd: string; env: Record<string, string>; timeoutMs?: number }
): Promise<GoResult> {
  return runCommand('go', args, opts)
}

/** Runs a program with an argument array (no shell); a non-zero exit is a result, not an exception. */
export function runCommand(
  program: string,
  args: string[],
  opts: { cwd: string; env: Record<string, string>; timeoutMs?: number }
): Promise<GoResult> {
  return new Promise((ok, fail) => {
    const child = execFile(
      program,
      args,
      {
        cwd: opts.cwd,
        env: opts.env,
        maxBuffer: 256 * 1024 * 1024,
        encoding: 'utf8',
        timeout: opts.timeoutMs ?? 0,
        killSignal: 'SIGKILL'
      },
      (err, stdout, stderr) => {
        const e = err as (Error & { code?: number | string; killed?: boolean }) | null
        // A string code is a spawn failure (go not on PATH), not an exit status.
        if (e && typeof e.code === 'string') return fail(e)
        ok({
          code: child.exitCode ?? (e ? (typeof e.code === 'number' ? e.code : null) : 0),
          signal: child.signalCode,
          timedOut: Boolean(e?.killed && opts.timeoutMs),
          stdout,
          stderr
        })
      }
    )
  })
}

/** Removes a tree that may hold a module cache, whose extracted dirs go makes read-only. */
export async function removeTree(dir: string): Promise<void> {
  try {
    await rm(dir, { recursive: true, force: true })
  } catch {
    await makeWritable(dir)
    await rm(dir, { recursive: true, force: true })
  }
}

async function makeWritable(dir: string): Promise<void> {
  await chmod(dir, 0o755).catch(() => undefined)
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
  for (const e of entries) {
    if (e.isDirectory()) await makeWritable(join(dir, e.name))
  }
}
