// Runs the bundled action on your own module, as a runner would: the main step, then always the post
// step (which stops a relay that `job-proxy` kept running), with a module cache, a build cache and a
// RUNNER_TEMP of their own that are removed afterwards, never yours. Prints the log and the job summary,
// and keeps the JSON report and the summary as an HTML page.
//
// Usage: npm run try -- <workspace> [input=value ...] [--mirrors demo | --mirrors <url>[,<url>...]]
//   <workspace>  the directory the action runs in (GITHUB_WORKSPACE); working-directory is relative to it
//   input=value  any input of action.yml, by its name there (max-attempts=5, job-proxy=true, ...)
//   --mirrors    demo: the demo's two loopback mirrors, one of them flaky (for example/); or a list of
//                mirrors, the same as proxies=. Without it, the action's own default applies: GOPROXY
//                from your environment, else go env GOPROXY (go's is https://proxy.golang.org,direct).
import { copyFile, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { parse } from 'yaml'
import { readInputs } from '../../src/config/inputs.js'
import { removeTree, repoRoot, runJob, type JobResult } from '../../testkit/action.js'
import { startDemoMirrors } from './mirrors.js'
import { formatLog, terminalWidth } from './demo.js'
import { summaryPage } from './summary-page.js'
import { summaryText } from './summary-text.js'

export const USAGE =
  'usage: npm run try -- <workspace> [input=value ...] [--mirrors demo | --mirrors <url>[,<url>...]]'

export interface TryArgs {
  workspace: string
  /** The inputs given, by their action.yml names. */
  inputs: Record<string, string>
  /** `demo`, or mirrors for the proxies input; undefined for the action's default. */
  mirrors?: string
}

/** The input names action.yml declares. */
export function actionInputs(actionYml = readFileSync(path.join(repoRoot, 'action.yml'), 'utf8')): string[] {
  return Object.keys((parse(actionYml) as { inputs?: Record<string, unknown> }).inputs ?? {})
}

/** Reads the command line; a mistake throws an error whose message says what is wrong. */
export function parseTryArgs(argv: readonly string[], inputNames: readonly string[]): TryArgs {
  const inputs: Record<string, string> = {}
  let workspace: string | undefined
  let mirrors: string | undefined
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (arg === '--mirrors' || arg.startsWith('--mirrors=')) {
      const value = arg === '--mirrors' ? argv[++i] : arg.slice('--mirrors='.length)
      if (value === undefined || value === '')
        throw new Error(`--mirrors needs a value: demo, or mirror URLs\n${USAGE}`)
      if (mirrors !== undefined) throw new Error('--mirrors is given twice')
      mirrors = value
    } else if (arg.startsWith('-')) {
      throw new Error(`unknown option ${arg}\n${USAGE}`)
    } else if (arg.includes('=')) {
      const name = arg.slice(0, arg.indexOf('='))
      if (!inputNames.includes(name)) {
        const near = inputNames.find(n => n.replace(/-/g, '') === name.replace(/[-_]/g, '').toLowerCase())
        const hint = near ? `: did you mean ${near}?` : `; action.yml has ${inputNames.join(', ')}`
        throw new Error(`'${name}' is not an input of the action${hint}`)
      }
      if (name in inputs) throw new Error(`the input ${name} is given twice`)
      inputs[name] = arg.slice(arg.indexOf('=') + 1)
    } else if (workspace === undefined) {
      workspace = arg
    } else {
      throw new Error(
        `'${arg}' is neither an input=value nor an option, and the workspace is already ${workspace}`
      )
    }
  }
  if (workspace === undefined) throw new Error(`no workspace given\n${USAGE}`)
  if (mirrors !== undefined && 'proxies' in inputs) {
    throw new Error('give the mirrors either with --mirrors or with proxies=, not both')
  }
  return mirrors === undefined ? { workspace, inputs } : { workspace, inputs, mirrors }
}

/**
 * The environment the steps run with: yours, without what belongs to a runner (GITHUB_*, RUNNER_*, the
 * inputs and state of another step, the cache service), and with go's caches under `root`.
 */
export function tryEnv(env: NodeJS.ProcessEnv, root: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || /^(GITHUB_|RUNNER_|INPUT_|STATE_|ACTIONS_)/i.test(name)) continue
    out[name] = value
  }
  out.GOMODCACHE = path.join(root, 'gomodcache')
  out.GOCACHE = path.join(root, 'gocache')
  return out
}

export interface TryOptions extends TryArgs {
  /** Where the JSON report and the summary page are kept; replaced by each run. */
  outputDir: string
  env?: NodeJS.ProcessEnv
  print?: (text: string) => void
  width?: number
}

export interface TryResult {
  job: JobResult
  /** The kept JSON report, or '' when the main step wrote none. */
  report: string
  page: string
  /** The steps' temp root (module cache, build cache, RUNNER_TEMP), already removed. */
  root: string
}

export async function runTry(opts: TryOptions): Promise<TryResult> {
  const print = opts.print ?? ((text: string) => console.log(text))
  const workspace = path.resolve(opts.workspace)
  if (!(await stat(workspace).catch(() => undefined))?.isDirectory()) {
    throw new Error(`the workspace ${workspace} is not a directory`)
  }
  const demo = opts.mirrors === 'demo' ? await startDemoMirrors() : undefined
  const root = await mkdtemp(path.join(tmpdir(), 'go-mod-download-try-'))
  try {
    const env = tryEnv(opts.env ?? process.env, root)
    const inputs: Record<string, string> = { cache: 'false', ...opts.inputs }
    if (demo) {
      inputs.proxies = `${demo.companyUrl}\n${demo.publicUrl}`
      // The demo's modules are made up: GOSUMDB names the mirrors' stand-in for the checksum database.
      env.GOSUMDB = demo.gosumdb
      print(`Demo mirrors: ${demo.companyUrl} (flaky), ${demo.publicUrl} (healthy)`)
    } else if (opts.mirrors !== undefined) inputs.proxies = opts.mirrors.split(',').join('\n')
    // The action checks them too; here a mistake costs no step.
    readInputs(name => (inputs[name] ?? '').trim(), workspace)
    if (!('cache' in opts.inputs)) print('cache=false: there is no GitHub cache service outside a runner')
    print(`Module cache, build cache and RUNNER_TEMP of this run: ${root} (removed afterwards)\n`)

    const job = await runJob({ inputs, env, cwd: workspace, runnerTemp: path.join(root, 'runner-temp') })
    print(formatLog(job.main.stdout))
    const post = formatLog(job.post.stdout)
    if (post.trim() !== '') print(`\n▸ Post step\n${post}`)
    const summary = job.main.summary + job.post.summary
    print('\n==================== Job summary ====================\n')
    print(summaryText(summary, opts.width ?? terminalWidth()))

    await rm(opts.outputDir, { recursive: true, force: true })
    await mkdir(opts.outputDir, { recursive: true })
    const page = path.join(opts.outputDir, 'summary.html')
    await writeFile(page, summaryPage(summary, `go-mod-download-action on ${path.basename(workspace)}`))
    let report = ''
    if (job.main.outputs.report) {
      report = path.join(opts.outputDir, path.basename(job.main.outputs.report))
      await copyFile(job.main.outputs.report, report).catch(() => (report = ''))
    }
    print('\n==================== Outputs ====================\n')
    for (const [name, value] of Object.entries({ ...job.main.outputs, ...(report ? { report } : {}) })) {
      print(`${name}: ${value}`)
    }
    print(`\nThe summary as GitHub shows it: ${page}${report ? `\nThe JSON report: ${report}` : ''}`)
    return { job, report, page, root }
  } finally {
    await removeTree(root)
    await demo?.close()
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2)
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE)
    return
  }
  const args = parseTryArgs(argv, actionInputs())
  const { job } = await runTry({ ...args, outputDir: path.join(tmpdir(), 'go-mod-download-try') })
  process.exitCode = job.main.exitCode ?? 1
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error))
    process.exitCode = 1
  })
}
