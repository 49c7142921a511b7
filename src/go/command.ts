import { spawn, execFile } from 'node:child_process'
import { createInterface } from 'node:readline'

/** One module as `go mod download -json` describes it. */
export interface DownloadedModule {
  Path: string
  Version: string
  Error?: string
  Zip?: string
  Dir?: string
  Sum?: string
  GoModSum?: string
}

export interface DownloadResult {
  exitCode: number | null
  stdout: string
}

/** A running `go mod download`; the engine reads its stderr lines and may stop it. */
export interface GoProcess {
  done: Promise<DownloadResult>
  kill(): void
}

/** The boundary the engine spawns go through; tests pass a scripted one. */
export interface GoRunner {
  download(opts: {
    cwd: string
    env: NodeJS.ProcessEnv
    onStderrLine: (line: string) => void
    /** `path@version` arguments; none downloads what the main module needs. */
    modules?: readonly string[]
  }): GoProcess
}

/** What a short command printed, and its exit code (non-zero is a result, not an error). */
export interface CommandResult {
  code: number
  stdout: string
  stderr: string
}

/** Runs a program to completion with an argument array and captures its output. */
export type CommandRunner = (
  file: string,
  args: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }
) => Promise<CommandResult>

/** A short go bookkeeping command (go env, the vendor check), run to completion. */
export type GoCommand = (
  args: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number }
) => Promise<CommandResult>

/** Short go commands through `run`; GOTOOLCHAIN=local so that none can ever start a toolchain download. */
export function goCommand(goBin: string, run: CommandRunner): GoCommand {
  return (args, opts) =>
    run(goBin, args, {
      cwd: opts.cwd,
      env: { ...opts.env, GOTOOLCHAIN: 'local' },
      timeoutMs: opts.timeoutMs ?? 60_000
    })
}

export type GoEnv = Record<string, string>

/** The go env variables the action reads; naming them spares go its C compiler probe (gcc runs) on every call. */
export const GO_ENV_NAMES = [
  'GOVERSION',
  'GOMODCACHE',
  'GOPATH',
  'GOPROXY',
  'GOSUMDB',
  'GOPRIVATE',
  'GONOPROXY',
  'GONOSUMDB',
  'GOINSECURE',
  'GOFLAGS',
  'GOTOOLCHAIN'
]

/** Reads the named `go env` variables in a directory. */
export async function readGoEnv(go: GoCommand, cwd: string, env: NodeJS.ProcessEnv): Promise<GoEnv> {
  const result = await go(['env', '-json', ...GO_ENV_NAMES], { cwd, env })
  if (result.code !== 0) {
    throw new Error(`go env failed in ${cwd}: ${firstLine(result.stderr) || `exit ${result.code}`}`)
  }
  return JSON.parse(result.stdout) as GoEnv
}

/** Spawns go in its own process group, so a stall kill takes every child (git, for `direct`) with it. */
export function realGoRunner(goBin: string, platform: NodeJS.Platform = process.platform): GoRunner {
  return {
    download({ cwd, env, onStderrLine, modules = [] }) {
      const child = spawn(goBin, ['mod', 'download', '-json', '-x', ...modules], {
        cwd,
        env,
        detached: platform !== 'win32',
        stdio: ['ignore', 'pipe', 'pipe'],
        windowsHide: true
      })
      const stdout: Buffer[] = []
      child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk))
      const lines = createInterface({ input: child.stderr, crlfDelay: Infinity })
      lines.on('line', onStderrLine)
      const linesDone = new Promise<void>(resolve => lines.once('close', resolve))
      const done = new Promise<DownloadResult>(resolve => {
        let settled = false
        const finish = (exitCode: number | null): void => {
          if (settled) return
          settled = true
          lines.close()
          // Every line go wrote reaches onStderrLine before the attempt is read.
          void linesDone.then(() => resolve({ exitCode, stdout: Buffer.concat(stdout).toString('utf8') }))
        }
        child.on('error', () => finish(null))
        child.on('close', code => finish(code))
      })
      return { done, kill: () => killTree(child.pid, platform) }
    }
  }
}

/** The command that ends a whole process tree on each platform. */
export function killCommand(
  pid: number,
  platform: NodeJS.Platform
): { file: string; args: string[] } | undefined {
  if (platform === 'win32') return { file: 'taskkill', args: ['/pid', String(pid), '/T', '/F'] }
  return undefined
}

function killTree(pid: number | undefined, platform: NodeJS.Platform): void {
  if (pid === undefined) return
  const command = killCommand(pid, platform)
  if (command) {
    execFile(command.file, command.args, () => undefined)
    return
  }
  try {
    process.kill(-pid, 'SIGKILL')
  } catch {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // Already gone.
    }
  }
}

/** Splits the concatenated JSON objects go prints (not an array) and parses each. */
export function parseDownloadJson(stdout: string): DownloadedModule[] {
  const modules: DownloadedModule[] = []
  let depth = 0
  let start = -1
  let inString = false
  for (let i = 0; i < stdout.length; i++) {
    const c = stdout[i]
    if (inString) {
      if (c === '\\') i++
      else if (c === '"') inString = false
      continue
    }
    if (c === '"') inString = true
    else if (c === '{') {
      if (depth === 0) start = i
      depth++
    } else if (c === '}') {
      depth--
      if (depth === 0 && start >= 0) {
        try {
          modules.push(JSON.parse(stdout.slice(start, i + 1)) as DownloadedModule)
        } catch {
          // A torn object (go was killed mid-write) says nothing reliable.
        }
        start = -1
      }
    }
  }
  return modules
}

export type GetLine =
  | { kind: 'start'; url: string }
  | { kind: 'status'; url: string; status: number; ms?: number }
  | { kind: 'error'; url: string; error: string }

/** Parses a `-x` request line: `# get URL`, `# get URL: 200 OK (0.012s)` or `# get URL: <error>`. */
export function parseGetLine(line: string): GetLine | undefined {
  if (!line.startsWith('# get ')) return undefined
  const rest = line.slice('# get '.length)
  const sep = rest.indexOf(': ')
  if (sep < 0) return { kind: 'start', url: rest.trim() }
  const url = rest.slice(0, sep)
  const outcome = rest.slice(sep + 2)
  const status = /^(\d{3})\b[^(]*(?:\((\d+(?:\.\d+)?)s\))?\s*$/.exec(outcome)
  if (status) {
    return {
      kind: 'status',
      url,
      status: Number(status[1]),
      ms: status[2] === undefined ? undefined : Math.round(Number(status[2]) * 1000)
    }
  }
  return { kind: 'error', url, error: outcome }
}

/**
 * Collects the error messages go wrote to stderr, with their continuation lines, leaving out the `-x`
 * trace. These are the only words go says when it aborts without JSON. A message starts at `go: `, at
 * a `m@v: ` or `verifying m@v` prefix (a checksum mismatch has no `go: `), or at any text after the trace.
 */
export function stderrErrors(lines: readonly string[]): string[] {
  const errors: string[] = []
  let current: string[] | undefined
  const flush = (): void => {
    if (current) errors.push(current.join('\n').trimEnd())
    current = undefined
  }
  for (const line of lines) {
    // `go: downloading go1.99.1 (linux/amd64)` is progress before a toolchain switch, not an error.
    if (line.startsWith('# ') || isTraceCommand(line) || line.startsWith('go: downloading ')) {
      flush()
    } else if (line.startsWith('go: ')) {
      flush()
      current = [line.slice(4)]
    } else if (!current || (moduleOfMessage(line) && !/^\s/.test(line))) {
      if (line.trim() === '') continue
      flush()
      current = [line]
    } else {
      current.push(line)
    }
  }
  flush()
  return errors
}

function isTraceCommand(line: string): boolean {
  return /^(cd |git |mkdir |rm |mv |hg |svn |bzr |fossil |0\.\d+s )/.test(line)
}

/** Finds the module and version a go error message is about, from its `m@v: ` or `verifying m@v` prefix. */
export function moduleOfMessage(message: string): { module: string; version: string } | undefined {
  const match = /^(?:verifying )?([^\s@:]+)@([^\s:@/]+)(?:\/go\.mod)?[:\s]/.exec(message)
  if (!match) return undefined
  return { module: match[1] as string, version: match[2] as string }
}

export function firstLine(text: string): string {
  return text.split('\n').find(line => line.trim() !== '') ?? ''
}
