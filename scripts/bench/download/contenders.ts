import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { repoRoot, runCommand, runStep, type GoResult } from '../../../testkit/action.js'
import type { ContenderId, Resources } from './types.js'

export interface RunContext {
  root: string
  /** The consumer module's directory. */
  dir: string
  /** goEnv(root): hermetic, with a module cache of its own under root. */
  env: Record<string, string>
  mirrorA: string
  /** The healthy second mirror, for the contenders that get two. */
  mirrorB?: string
  capMs: number
  /** The action's inputs besides the mirrors. */
  actionInputs: Record<string, string>
  /** Where the action's process writes a V8 CPU profile (`--cpu-prof`), when asked. */
  cpuProfDir?: string
}

export interface ContenderOutcome {
  ms: number
  hitCap: boolean
  claimedSuccess: boolean
  attempts?: number
  resources?: Resources
  reportedResources?: Resources
  goCpuMs?: number
  hedges?: number
  stalls?: number
  loopP99Ms?: number
  loopMaxMs?: number
  relayPeakMb?: number
  failedModules?: string[]
  detail?: string
}

export const WRAPPER_TRIES = 3
export const WRAPPER_SLEEP_MS = 10_000

/** The first line go wrote that says what went wrong. */
function goError(result: GoResult): string {
  const lines = result.stderr.split('\n').filter(l => l.trim() !== '' && !l.startsWith('#'))
  return (lines.find(l => /error|: /.test(l)) ?? lines[0] ?? `exit ${result.code}`).trim()
}

/**
 * go under a small node launcher that reports, at its exit, the CPU time of the go process it ran
 * (cutime and cstime of /proc/self/stat, in 10 ms ticks): plain go's CPU, measured as the action's is.
 */
function goLauncherSource(usageFile: string): string {
  return [
    "import { spawnSync } from 'node:child_process'",
    "import { readFileSync, writeFileSync } from 'node:fs'",
    "const run = spawnSync('go', process.argv.slice(2), { stdio: 'inherit' })",
    "const stat = readFileSync('/proc/self/stat', 'utf8')",
    "const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')",
    `writeFileSync(${JSON.stringify(usageFile)}, JSON.stringify({ goCpuMs: (Number(fields[13]) + Number(fields[14])) * 10 }))`,
    'process.exit(run.status ?? 1)',
    ''
  ].join('\n')
}

async function plainGo(ctx: RunContext, goproxy: string, timeoutMs: number): Promise<ContenderOutcome> {
  const usageFile = join(ctx.root, 'go-usage.json')
  const launcher = join(ctx.root, 'launch-go.mjs')
  await writeFile(launcher, goLauncherSource(usageFile))
  const started = performance.now()
  const result = await runCommand(process.execPath, [launcher, 'mod', 'download'], {
    cwd: ctx.dir,
    env: { ...ctx.env, GOPROXY: goproxy },
    timeoutMs: Math.max(1, Math.round(timeoutMs))
  })
  const ms = performance.now() - started
  const usage = JSON.parse(await readFile(usageFile, 'utf8').catch(() => 'null')) as {
    goCpuMs: number
  } | null
  return {
    ms: result.timedOut ? timeoutMs : ms,
    hitCap: result.timedOut,
    claimedSuccess: result.code === 0,
    attempts: 1,
    goCpuMs: usage?.goCpuMs,
    detail: result.timedOut ? 'still running at the cap' : result.code === 0 ? undefined : goError(result)
  }
}

/** Re-runs the whole plain command, as the common retry steps do: fixed tries, fixed sleeps, one cap. */
async function retryWrapper(ctx: RunContext): Promise<ContenderOutcome> {
  const started = performance.now()
  const left = () => ctx.capMs - (performance.now() - started)
  let last: ContenderOutcome | undefined
  for (let attempt = 1; attempt <= WRAPPER_TRIES; attempt++) {
    last = await plainGo(ctx, ctx.mirrorA, left())
    if (last.claimedSuccess) return { ...last, ms: performance.now() - started, attempts: attempt }
    if (last.hitCap) break
    if (attempt < WRAPPER_TRIES) {
      if (left() <= WRAPPER_SLEEP_MS) {
        await sleep(Math.max(0, left()))
        return {
          ms: ctx.capMs,
          hitCap: true,
          claimedSuccess: false,
          attempts: attempt,
          detail: 'the cap came during a sleep'
        }
      }
      await sleep(WRAPPER_SLEEP_MS)
    } else {
      return { ...last, ms: performance.now() - started, attempts: attempt }
    }
  }
  return { ms: ctx.capMs, hitCap: true, claimedSuccess: false, detail: last?.detail }
}

interface ActionReport {
  download?: { failed?: Array<{ class?: string; message?: string }> }
  resources?: Resources & { eventLoopDelayP99Ms?: number; eventLoopDelayMaxMs?: number }
  relay?: {
    mirrors?: Array<{ hedges?: number; failuresByClass?: Record<string, number> }>
    memory?: { peakBytes: number }
  }
}

/**
 * Runs the bundle in the same node process and, at exit, records its peak RSS from VmHWM, its own CPU
 * time, and the CPU time of the go processes it ran: cutime and cstime of /proc/self/stat, which hold
 * the children it has reaped (node's own resourceUsage() counts this process only). getrusage's maxRSS,
 * which the report uses, keeps the parent's RSS across fork and exec.
 */
function launcherSource(usageFile: string): string {
  const bundle = pathToFileURL(join(repoRoot, 'dist', 'main', 'index.js')).href
  return [
    "import { readFileSync, writeFileSync } from 'node:fs'",
    "process.on('exit', () => {",
    "  const hwm = /VmHWM:\\s+(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))",
    '  const usage = process.resourceUsage()',
    '  const cpuMs = Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000)',
    "  const stat = readFileSync('/proc/self/stat', 'utf8')",
    "  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')",
    // Fields 16 and 17 of proc(5), in clock ticks of 10 ms (USER_HZ is 100 on Linux).
    '  const goCpuMs = (Number(fields[13]) + Number(fields[14])) * 10',
    `  writeFileSync(${JSON.stringify(usageFile)}, JSON.stringify({ cpuMs, goCpuMs, maxRssMb: hwm ? Math.round(Number(hwm[1]) / 1024) : -1 }))`,
    '})',
    `await import(${JSON.stringify(bundle)})`,
    ''
  ].join('\n')
}

async function action(
  ctx: RunContext,
  mirrors: string[],
  inputs: Record<string, string> = {}
): Promise<ContenderOutcome> {
  const runnerTemp = join(ctx.root, 'runner-temp')
  await mkdir(runnerTemp, { recursive: true })
  const usageFile = join(ctx.root, 'action-usage.json')
  const launcher = join(ctx.root, 'launch-action.mjs')
  await writeFile(launcher, launcherSource(usageFile))
  const step = await runStep({
    entry: 'main',
    script: launcher,
    cwd: ctx.dir,
    env: ctx.env,
    nodeArgs: ctx.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${ctx.cpuProfDir}`] : undefined,
    inputs: { ...ctx.actionInputs, ...inputs, proxies: mirrors.join('\n') },
    timeoutMs: ctx.capMs,
    runnerTemp
  })
  let report: ActionReport | undefined
  if (step.outputs.report) {
    report = JSON.parse(await readFile(step.outputs.report, 'utf8').catch(() => 'null')) as ActionReport
  }
  const measured = JSON.parse(await readFile(usageFile, 'utf8').catch(() => 'null')) as
    (Resources & { goCpuMs: number }) | null
  const claimedSuccess = step.exitCode === 0 && step.outputs.outcome === 'success'
  const failure = report?.download?.failed?.[0]
  const errorLine = step.stdout.split('\n').find(l => l.startsWith('::error'))
  return {
    ms: step.timedOut ? ctx.capMs : step.durationMs,
    hitCap: step.timedOut,
    claimedSuccess,
    resources:
      measured && measured.maxRssMb >= 0 ? { cpuMs: measured.cpuMs, maxRssMb: measured.maxRssMb } : undefined,
    reportedResources: report?.resources && {
      cpuMs: report.resources.cpuMs,
      maxRssMb: report.resources.maxRssMb
    },
    goCpuMs: measured?.goCpuMs,
    hedges: report?.relay?.mirrors?.reduce((n, m) => n + (m.hedges ?? 0), 0),
    stalls: report?.relay?.mirrors?.reduce((n, m) => n + (m.failuresByClass?.stalled ?? 0), 0),
    loopP99Ms: report?.resources?.eventLoopDelayP99Ms,
    loopMaxMs: report?.resources?.eventLoopDelayMaxMs,
    relayPeakMb:
      report?.relay?.memory === undefined
        ? undefined
        : Math.round((report.relay.memory.peakBytes / 1024 / 1024) * 10) / 10,
    failedModules: failedModules(step.outputs['failed-modules']),
    attempts: step.outputs.attempts === undefined ? undefined : Number(step.outputs.attempts),
    detail: step.timedOut
      ? 'still running at the cap'
      : claimedSuccess
        ? undefined
        : failure
          ? `${failure.class}: ${(failure.message ?? '').split('\n')[0]}`
          : (errorLine ?? `exit ${step.exitCode}`)
  }
}

/** `path@version` of each entry of the `failed-modules` output. */
function failedModules(output: string | undefined): string[] | undefined {
  if (!output) return undefined
  try {
    return (JSON.parse(output) as Array<{ module: string; version: string }>).map(
      f => `${f.module}@${f.version}`
    )
  } catch {
    return undefined
  }
}

function secondMirror(ctx: RunContext): string {
  if (!ctx.mirrorB) throw new Error('this contender needs two mirrors')
  return ctx.mirrorB
}

export const RUNNERS: Record<ContenderId, (ctx: RunContext) => Promise<ContenderOutcome>> = {
  plain: ctx => plainGo(ctx, ctx.mirrorA, ctx.capMs),
  wrapper: retryWrapper,
  action: ctx => action(ctx, [ctx.mirrorA]),
  actionBuild: ctx => action(ctx, [ctx.mirrorA], { modules: 'build' }),
  pipe: ctx => plainGo(ctx, `${ctx.mirrorA}|${secondMirror(ctx)}`, ctx.capMs),
  action2: ctx => action(ctx, [ctx.mirrorA, secondMirror(ctx)])
}

/**
 * Kills go processes a run left behind (the action's go outlives the action when the cap kills it),
 * recognised by the module cache of that run in their environment.
 */
export async function killLeftovers(root: string): Promise<number> {
  const marker = `GOMODCACHE=${join(root, 'gomodcache')}`
  let killed = 0
  for (const entry of await readdir('/proc').catch(() => [])) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue
    const environ = await readFile(`/proc/${entry}/environ`, 'utf8').catch(() => '')
    if (!environ.split('\0').includes(marker)) continue
    try {
      process.kill(Number(entry), 'SIGKILL')
      killed++
    } catch {
      // It ended on its own in the meantime.
    }
  }
  return killed
}
