import { spawn, type ChildProcess } from 'node:child_process'
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import type { Readable } from 'node:stream'
import path from 'node:path'
import { getHeapStatistics } from 'node:v8'
import { readGoSums } from '../go/gosum.js'
import { askRelay, newControlSecret } from './control.js'
import { Journal, journalFile, readJournal, type DaemonStopReason, type JournalLine } from './journal.js'
import { startRelay } from './relay.js'
import type { RelayPolicy } from './types.js'

/** Everything a detached relay needs, written to a private file it reads once and deletes. */
export interface DaemonConfig {
  mirrors: string[]
  tryLast: string[]
  goSumFiles: string[]
  /** HTTP proxy, netrc and private-path settings, as the main step saw them. */
  env: Record<string, string>
  policy: Omit<RelayPolicy, 'deadline'>
  /** With no request for this long the relay ends itself: a job that lost track of it leaves nothing behind. */
  idleTimeoutMs: number
  /** The runner's worker process, when known: the relay ends once it is gone (the job is over). */
  watch?: WatchedProcess
  journal: string
  journalLimitBytes: number
  controlSecret: string
  /** The secret of the control requests later uses of the action in the job make (go.sum, progress). */
  joinSecret: string
  /** The path prefix, when the main step made (and masked) it. */
  secret?: string
}

/** What the main step records so that the post step can find, stop and read the relay. */
export interface DaemonHandle {
  pid: number
  port: number
  /** The relay's path prefix (masked; part of the exported GOPROXY). */
  secret: string
  controlSecret: string
  joinSecret: string
  dir: string
}

/** A process the relay outlives no longer than it must: its pid and, where the OS tells, when it started. */
export interface WatchedProcess {
  pid: number
  /** Linux: the start time in /proc/<pid>/stat, so that a reused pid is not taken for it. */
  startedAt?: string
}

/** The environment a detached relay gets: what reaching mirrors needs, and never a token or an input. */
export function daemonEnvironment(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform
): NodeJS.ProcessEnv {
  const keep = [
    'PATH',
    'HOME',
    'TMPDIR',
    'TMP',
    'TEMP',
    'NODE_EXTRA_CA_CERTS',
    'SSL_CERT_FILE',
    'SSL_CERT_DIR',
    // The runner finds processes a job left behind by this variable: keep it, so nothing outlives the job.
    'RUNNER_TRACKING_ID',
    ...(platform === 'win32' ? ['SystemRoot', 'USERPROFILE', 'ComSpec', 'PATHEXT', 'windir'] : [])
  ]
  const result: NodeJS.ProcessEnv = {}
  for (const name of keep) if (env[name] !== undefined) result[name] = env[name]
  return result
}

/** The spawn options of a detached relay on each platform: its own process group, no console, no step pipes. */
export function daemonSpawnOptions(
  platform: NodeJS.Platform,
  logFd: number
): { detached: boolean; windowsHide: boolean; stdio: ['ignore', number, number, 'pipe'] } {
  // On Windows a child holding the step's pipes is killed with the step, and on Unix the step waits 5 s for it.
  return { detached: true, windowsHide: platform === 'win32', stdio: ['ignore', logFd, logFd, 'pipe'] }
}

/**
 * Starts the relay as a process of its own that outlives the step: config in a private file, output to
 * a log, readiness (port and secret) reported on fd 3, and then let go of, so the step can exit.
 */
export async function spawnDaemon(opts: {
  script: string
  config: Omit<DaemonConfig, 'journal' | 'controlSecret' | 'joinSecret'>
  tempDir: string
  env: NodeJS.ProcessEnv
  readyTimeoutMs?: number
  platform?: NodeJS.Platform
}): Promise<DaemonHandle> {
  const platform = opts.platform ?? process.platform
  const dir = await mkdtemp(path.join(opts.tempDir, 'go-mod-relay-'))
  const controlSecret = newControlSecret()
  const joinSecret = newControlSecret()
  const config: DaemonConfig = {
    ...opts.config,
    journal: path.join(dir, 'journal.jsonl'),
    controlSecret,
    joinSecret
  }
  const configFile = path.join(dir, 'config.json')
  await writeFile(configFile, JSON.stringify(config), { mode: 0o600 })
  const log = openSync(path.join(dir, 'relay.log'), 'a', 0o600)
  let child: ChildProcess
  try {
    child = spawn(
      process.execPath,
      // A small heap, collected early: the relay holds little (zips are on disk), and must stay small beside go.
      ['--max-semi-space-size=1', '--max-old-space-size=64', opts.script, configFile],
      {
        ...daemonSpawnOptions(platform, log),
        env: daemonEnvironment(opts.env, platform)
      }
    )
  } finally {
    closeSync(log)
  }
  try {
    const ready = await readiness(child, opts.readyTimeoutMs ?? 10_000)
    child.unref()
    return {
      pid: child.pid as number,
      port: ready.port,
      secret: ready.secret,
      controlSecret,
      joinSecret,
      dir
    }
  } catch (error) {
    child.kill('SIGKILL')
    await rm(dir, { recursive: true, force: true })
    throw error
  }
}

function readiness(child: ChildProcess, timeoutMs: number): Promise<{ port: number; secret: string }> {
  const channel = child.stdio[3] as Readable
  return new Promise((resolve, reject) => {
    let text = ''
    const done = (error?: Error, value?: { port: number; secret: string }): void => {
      clearTimeout(timer)
      channel.removeAllListeners()
      child.removeListener('exit', onExit)
      channel.destroy()
      if (error) reject(error)
      else resolve(value as { port: number; secret: string })
    }
    const onExit = (code: number | null): void =>
      done(new Error(`the relay exited before it was ready (exit ${code})`))
    const timer = setTimeout(
      () => done(new Error(`the relay was not ready within ${timeoutMs} ms`)),
      timeoutMs
    )
    channel.setEncoding('utf8')
    channel.on('data', (chunk: string) => {
      text += chunk
      const newline = text.indexOf('\n')
      if (newline < 0) return
      try {
        const parsed = JSON.parse(text.slice(0, newline)) as { port: number; secret: string }
        done(undefined, parsed)
      } catch {
        done(new Error('the relay reported something other than its address'))
      }
    })
    channel.on('error', error => done(error))
    child.once('exit', onExit)
  })
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
  // An ended process whose parent has not reaped it yet (a zombie) still answers signal 0.
  return process.platform !== 'linux' || linuxState(pid) !== 'Z'
}

function linuxState(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0]
  } catch {
    return undefined
  }
}

/**
 * The process as the relay watches it: its pid, and on Linux its start time, which a later process
 * reusing the pid does not share. Undefined when there is no such process.
 */
export function watchedProcess(
  pid: number,
  platform: NodeJS.Platform = process.platform
): WatchedProcess | undefined {
  // 0 and 1 are no worker: a process in a container sees its parent as 0, an orphan as init.
  if (!Number.isInteger(pid) || pid <= 1 || !isAlive(pid)) return undefined
  return { pid, startedAt: platform === 'linux' ? linuxStartTime(pid) : undefined }
}

/** Whether a watched process is still there: alive, and on Linux the same process, not a reused pid. */
export function stillRunning(watched: WatchedProcess, platform: NodeJS.Platform = process.platform): boolean {
  if (!isAlive(watched.pid)) return false
  if (platform !== 'linux' || watched.startedAt === undefined) return true
  return linuxStartTime(watched.pid) === watched.startedAt
}

function linuxStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]
  } catch {
    return undefined
  }
}

/** What stopping a relay takes: never its path prefix, which the post step does not need. */
export type StoppableDaemon = Pick<DaemonHandle, 'pid' | 'port' | 'controlSecret' | 'dir'>

export interface StopResult {
  /**
   * stopped: it proved itself, was asked and ended; killed: it proved itself but did not end, and was
   * killed; gone: not running when the post step came; unproven: something runs at its pid but did not
   * prove to be the relay, and nothing was signalled; left: it proved itself but could not be killed.
   */
  how: 'stopped' | 'killed' | 'gone' | 'unproven' | 'left'
  lines: JournalLine[]
  /** Why the relay ended, when its journal says. */
  stopped?: Extract<JournalLine, { t: 'stopped' }>
}

/**
 * Stops a detached relay and reads its journal: a shutdown request with a challenge, which only the
 * relay can answer with the right proof (relay/control.ts); a bounded wait for it to end; and a kill
 * only for a process that proved to be the relay. Anything that does not prove it is left alone.
 * Never throws.
 */
export async function stopDaemon(
  handle: StoppableDaemon,
  opts: { waitMs?: number } = {}
): Promise<StopResult> {
  const waitMs = opts.waitMs ?? 5000
  const answer = await askRelay({
    port: handle.port,
    secret: handle.controlSecret,
    action: 'shutdown',
    pid: handle.pid
  })
  let how: StopResult['how']
  if (!answer.proven) how = isAlive(handle.pid) ? 'unproven' : 'gone'
  else {
    const deadline = Date.now() + waitMs
    while (isAlive(handle.pid) && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 50))
    how = 'stopped'
    if (isAlive(handle.pid)) {
      try {
        process.kill(handle.pid, 'SIGKILL')
        how = 'killed'
      } catch {
        how = 'left'
      }
    }
  }
  const lines = await readJournal(path.join(handle.dir, 'journal.jsonl'))
  await rm(handle.dir, { recursive: true, force: true }).catch(() => undefined)
  const stopped = lines.findLast((l): l is Extract<JournalLine, { t: 'stopped' }> => l.t === 'stopped')
  return { how, lines, stopped }
}

/**
 * The detached relay's life: read (and delete) the config, serve until told to stop or idle for too
 * long, journal every file, and report readiness on fd 3.
 */
export async function serveDaemon(configFile: string, readyFd = 3): Promise<void> {
  const config = JSON.parse(await readFile(configFile, 'utf8')) as DaemonConfig
  await rm(configFile, { force: true })
  const journal = new Journal(config.journal, config.journalLimitBytes)
  let requests = 0
  let idle: NodeJS.Timeout | undefined
  let stopping: Promise<void> | undefined
  const watchers: NodeJS.Timeout[] = []
  const stop = (reason: DaemonStopReason, detail?: string): Promise<void> => {
    stopping ??= (async () => {
      clearTimeout(idle)
      for (const watcher of watchers) clearInterval(watcher)
      console.log(`relay stopping: ${reason}${detail ? ` (${detail})` : ''}`)
      await journal.write({ t: 'stats', mirrors: relay.report().mirrors, requests }, true)
      await journal.write({ t: 'stopped', reason, detail, at: new Date().toISOString() }, true)
      await relay.close()
      process.exit(0)
    })()
    return stopping
  }
  const touch = (): void => {
    clearTimeout(idle)
    idle = setTimeout(
      () => void stop('idle', `no request for ${Math.round(config.idleTimeoutMs / 60_000)} min`),
      config.idleTimeoutMs
    )
  }
  const relay = await startRelay({
    mirrors: config.mirrors,
    tryLast: config.tryLast,
    sums: await readGoSums(config.goSumFiles),
    env: config.env,
    // A week: the longest a self-hosted job runs is five days.
    policy: { ...config.policy, deadline: Date.now() + 7 * 24 * 3600_000 },
    forgetServed: true,
    onRecord: record => void journal.write({ t: 'file', ...journalFile(record) }),
    onRequest: () => {
      requests++
      touch()
    },
    control: {
      secret: config.controlSecret,
      joinSecret: config.joinSecret,
      onShutdown: () => void stop('asked')
    },
    secret: config.secret
  })
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const)
    process.on(signal, () => void stop('signal', signal))
  const watched = config.watch
  if (watched) {
    watchers.push(
      setInterval(() => {
        if (!stillRunning(watched)) void stop('worker-gone', `process ${watched.pid} ended`)
      }, WATCH_INTERVAL_MS)
    )
  }
  watchers.push(
    setInterval(() => {
      const heap = getHeapStatistics()
      if (nearHeapLimit(heap))
        void stop(
          'out-of-memory',
          `${Math.round(heap.used_heap_size / 1048576)} MB of a ${Math.round(heap.heap_size_limit / 1048576)} MB heap`
        )
    }, 1000)
  )
  for (const watcher of watchers) watcher.unref()
  touch()
  const port = Number(new URL(relay.url).port)
  writeSync(readyFd, `${JSON.stringify({ port, secret: relay.secret, pid: process.pid })}\n`)
  closeSync(readyFd)
  console.log(`relay listening on 127.0.0.1:${port} (pid ${process.pid})`)
}

/** How often the relay looks for the runner's worker process. */
const WATCH_INTERVAL_MS = 2000

/** A heap this full is about to fail: the relay stops while it still can say why. */
export function nearHeapLimit(heap: { used_heap_size: number; heap_size_limit: number }): boolean {
  return heap.used_heap_size > 0.9 * heap.heap_size_limit
}
