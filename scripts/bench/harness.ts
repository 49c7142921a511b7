// What every benchmark shares: its command line, the machine and the commit it ran on, the median it
// reports, library calls kept off the terminal, its pages formatted, and a private copy of the bundle.
import { execFile, execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { cp, mkdir, mkdtemp } from 'node:fs/promises'
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os'
import path from 'node:path'
import { parseArgs, type ParseArgsConfig } from 'node:util'
import * as prettier from 'prettier'
import { goEnv, removeTree, repoRoot, runGo } from '../../testkit/action.js'

type Options = NonNullable<ParseArgsConfig['options']>

/** `argv` read by node's parseArgs, strictly; anything it refuses throws with the options `usage` lists. */
export function commandLine<const T extends Options>(
  argv: string[],
  options: T,
  usage: string,
  { positionals = false }: { positionals?: boolean } = {}
) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: positionals })
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}; options: ${usage}`, {
      cause: error
    })
  }
}

export function positiveInteger(text: string, option: string): number {
  const n = Number(text)
  if (!Number.isInteger(n) || n < 1) throw new Error(`${option} takes a positive integer, not ${text}`)
  return n
}

/** The median, where Infinity stands for a run that never got there; NaN for no runs. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

/**
 * Where a benchmark's runs make their folders. This machine's ext4 has no journal, and without one ext4
 * does not hand out an inode freed in the last minute (five, before it is written back) again: it checks
 * each such inode it passes over, on every file it creates. Each run's folder used to be made beside the
 * last one's, removed a moment before with its tens of thousands of files, and go's unpacking then paid
 * seconds of kernel time for it, which a runner (with a journal, and fresh) never pays. The folder gets
 * ext4's top-of-hierarchy attribute (`chattr +T`), so that ext4 places each run's folder in a block group
 * of its own choosing, as it does folders at the root of the file system, rather than beside the last;
 * and the disk is written back between runs. Where there is no ext4 or no chattr the folders are made
 * all the same.
 */
export class RunsFolder {
  private constructor(
    readonly dir: string,
    /** Where the runs' folders are made and how ext4 places them, for the machine table. */
    readonly placement: string
  ) {}

  static async open(prefix: string): Promise<RunsFolder> {
    const dir = await mkdtemp(path.join(tmpdir(), prefix))
    const attribute = await new Promise<string>(resolve => {
      if (process.platform !== 'linux') return resolve(`as ${process.platform} places folders`)
      execFile('chattr', ['+T', dir], error =>
        resolve(
          error
            ? `placed as ext4 would any folder (chattr +T refused: ${(error.message.split('\n')[0] ?? '').slice(0, 100)})`
            : 'each run in a block group ext4 picks for it (chattr +T)'
        )
      )
    })
    return new RunsFolder(dir, `in ${tmpdir()}, ${attribute}`)
  }

  /** A new folder for one run. */
  make(): Promise<string> {
    return mkdtemp(path.join(this.dir, 'run-'))
  }

  /** A run is over: its folder goes, and the disk is written back, so the next run is not timed while it is. */
  async done(root: string): Promise<void> {
    await removeTree(root)
    await settleDisk()
  }

  async close(): Promise<void> {
    await removeTree(this.dir)
  }
}

/** Writes back what the page cache holds for the disks (`sync`), where there is such a command. */
function settleDisk(): Promise<void> {
  if (process.platform === 'win32') return Promise.resolve()
  return new Promise(resolve => execFile('sync', [], () => resolve()))
}

/** The commit benchmarked, and whether the action's sources or bundle differ from it. */
export function commit({ headDist = false }: { headDist?: boolean } = {}): string {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).trim()
    const head = git('rev-parse', '--short=12', 'HEAD')
    if (headDist) return `${head} (its committed dist/)`
    const dirty = git('status', '--porcelain', '--', 'src', 'dist', 'action.yml', 'package-lock.json') !== ''
    return head + (dirty ? ' with uncommitted changes to src/ or dist/' : '')
  } catch {
    return 'unknown'
  }
}

/** The first line a tool prints for `args`, or `unknown`. */
function toolVersion(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8' }).trim().split('\n')[0] ?? ''
  } catch {
    return 'unknown'
  }
}

/**
 * The machine a benchmark ran on, as the rows of its page: CPUs, memory, go, node and the platform; with
 * `archivers`, tar's and zstd's versions; and the version of each package of node_modules in `packages`.
 */
export async function machine({
  archivers = false,
  packages = []
}: { archivers?: boolean; packages?: string[] } = {}): Promise<Record<string, string>> {
  const go = await runGo(['version'], { cwd: tmpdir(), env: goEnv(path.join(tmpdir(), 'gmd-bench-version')) })
  const rows: Record<string, string> = {
    nproc: String(availableParallelism()),
    cpu: cpus()[0]?.model ?? 'unknown',
    memory: `${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    go: go.stdout.trim(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`
  }
  if (archivers) {
    rows.tar = toolVersion('tar', ['--version'])
    rows.zstd = /v[\d.]+/.exec(toolVersion('zstd', ['--version']))?.[0] ?? 'unknown'
  }
  for (const name of packages) {
    const manifest = path.join(repoRoot, 'node_modules', name, 'package.json')
    rows[name] = (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version
  }
  return rows
}

/** Runs a library call with its log lines kept off the terminal; returns them for parsing. */
export async function quietly<T>(call: () => Promise<T>): Promise<{ value: T; log: string }> {
  const write = process.stdout.write
  let log = ''
  process.stdout.write = ((chunk: string | Uint8Array) => {
    log += String(chunk)
    return true
  }) as typeof process.stdout.write
  try {
    const value = await call()
    return { value, log }
  } finally {
    process.stdout.write = write
  }
}

/** `text` as Prettier writes `file`, so a generated page or result passes `npm run format:check`. */
export async function formatted(file: string, text: string): Promise<string> {
  const options = (await prettier.resolveConfig(file)) ?? {}
  return prettier.format(text, { ...options, filepath: file })
}

/**
 * A private copy of the action's bundle under `base`, so that a rebuild of dist/ during the run does not
 * change what is measured: the working tree's dist/, or with `fromHead` the one committed at HEAD.
 */
export async function copyBundle(base: string, fromHead = false): Promise<{ main: string; post: string }> {
  const root = path.join(base, 'bundle')
  await mkdir(root, { recursive: true })
  if (fromHead) {
    const archive = execFileSync('git', ['archive', '--format=tar', 'HEAD', 'dist'], {
      cwd: repoRoot,
      maxBuffer: 512 * 1024 * 1024
    })
    execFileSync('tar', ['-x', '-C', root], { input: archive })
  } else await cp(path.join(repoRoot, 'dist'), path.join(root, 'dist'), { recursive: true })
  return {
    main: path.join(root, 'dist', 'main', 'index.js'),
    post: path.join(root, 'dist', 'post', 'index.js')
  }
}
