import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { RetryPolicy } from '../config/policy.js'
import type { RelayRoute } from '../download/types.js'
import { askRelay } from '../relay/control.js'
import { errorMessage } from '../failures/errors.js'
import {
  spawnDaemon,
  stopDaemon,
  watchedProcess,
  type DaemonHandle,
  type StopResult,
  type StoppableDaemon
} from '../relay/daemon.js'
import type { Runner } from '../runner/port.js'
import { jobRelayStopNote } from '../report/job-relay.js'
import { RELAY_LABEL, relayPlan } from './relay-session.js'

/**
 * A job's longest life: 6 hours on GitHub's runners, 5 days on a self-hosted one. The relay ends with
 * the job (the runner's clean-up, the worker watch); this limit only catches a relay both missed.
 */
export const JOB_RELAY_IDLE_MS = 5 * 24 * 3600_000
/** The journal of later steps' requests stays small whatever the job does. */
export const JOURNAL_LIMIT_BYTES = 2 * 1024 * 1024

/** The relay's bundle, beside the main step's: dist/relay/index.js. */
export function jobRelayScript(mainModuleUrl: string): string {
  return path.join(path.dirname(fileURLToPath(mainModuleUrl)), '..', 'relay', 'index.js')
}

/** The variables a detached relay needs from go's environment to reach the mirrors as go would. */
const RELAY_ENV = [
  'HTTPS_PROXY',
  'https_proxy',
  'HTTP_PROXY',
  'http_proxy',
  'NO_PROXY',
  'no_proxy',
  'NETRC',
  'HOME',
  'USERPROFILE',
  'GOPRIVATE',
  'GONOPROXY',
  'GOSUMDB'
]

/**
 * `job-proxy: true`: starts the relay as a process of its own for the later steps, and returns the
 * GOPROXY they get (the relay first, the mirrors behind it, joined by pipes so that go falls through
 * when the relay is gone). Undefined, with a warning, when it cannot start: later steps then get the
 * mirrors alone.
 */
export async function startJobRelay(opts: {
  runner: Runner
  policy: RetryPolicy
  /** The mirrors, credentials included, in the user's order. */
  mirrors: readonly string[]
  tryLast: readonly string[]
  goSumFiles: readonly string[]
  env: NodeJS.ProcessEnv
  /** The relay's path prefix, masked before anything was logged. */
  secret: string
  /** GOPROXY for later steps without the relay: the mirrors that answered, best first. */
  behind: string
  script: string
}): Promise<{ handle: DaemonHandle; url: string; goproxy: string } | undefined> {
  const served = relayPlan(opts.mirrors).served
  if (served.length === 0) return undefined
  const env: Record<string, string> = {}
  for (const name of RELAY_ENV) {
    const value = opts.env[name]
    if (value !== undefined) env[name] = value
  }
  try {
    const handle = await spawnDaemon({
      script: opts.script,
      config: {
        mirrors: served,
        tryLast: [...opts.tryLast],
        goSumFiles: [...opts.goSumFiles],
        env,
        policy: opts.policy,
        idleTimeoutMs: JOB_RELAY_IDLE_MS,
        // The step's parent is the runner's worker: once it is gone, so is the job.
        watch: watchedProcess(process.ppid),
        journalLimitBytes: JOURNAL_LIMIT_BYTES,
        secret: opts.secret
      },
      tempDir: opts.env.RUNNER_TEMP || os.tmpdir(),
      env: opts.env
    })
    const relay = `http://127.0.0.1:${handle.port}/${opts.secret}`
    opts.runner.info(
      `Relay for later steps: pid ${handle.pid}, on 127.0.0.1; GOPROXY is the relay, then ${opts.behind.split('|').length} mirror entries behind it`
    )
    return { handle, url: relay, goproxy: [relay, opts.behind].filter(Boolean).join('|') }
  } catch (error) {
    opts.runner.warning(
      `The relay for later steps (job-proxy) could not start: ${errorMessage(error)}; later steps use the mirrors directly`
    )
    return undefined
  }
}

/** Stops the later steps' relay and reads its journal; a relay that was gone is a warning, never a failure. */
export async function stopJobRelay(runner: Runner, handle: StoppableDaemon): Promise<StopResult> {
  const stopped = await stopDaemon(handle)
  const note = jobRelayStopNote(stopped, handle.pid)
  if (note) runner.warning(note)
  return stopped
}

/**
 * Where the first use of the action in a job tells later uses about the relay it left running: its
 * GOPROXY entry, the secret of its join requests and its pid, as JSON. Masked: it holds two secrets.
 */
export const JOB_RELAY_VARIABLE = 'GO_MOD_DOWNLOAD_JOB_RELAY'

/** The job's relay as a later use of the action reaches it. */
export interface JobRelayAddress {
  /** Its GOPROXY entry: `http://127.0.0.1:<port>/<secret>`. */
  url: string
  port: number
  /** The secret of the control requests a later use makes (relay/control.ts). */
  joinSecret: string
  pid: number
}

/** Tells later steps (and later uses of the action) where the job's relay is; masked first. */
export function exportJobRelay(runner: Runner, handle: DaemonHandle, url: string): void {
  runner.setSecret(handle.joinSecret)
  const value = JSON.stringify({ url, join: handle.joinSecret, pid: handle.pid })
  runner.setSecret(value)
  runner.exportVariable(JOB_RELAY_VARIABLE, value)
}

/** The job's relay an earlier use of the action exported, its secrets masked; never guessed from GOPROXY. */
export function findJobRelay(runner: Runner, env: NodeJS.ProcessEnv): JobRelayAddress | undefined {
  const found = readJobRelayAddress(env)
  if (found) {
    runner.setSecret(found.url.slice(found.url.lastIndexOf('/') + 1))
    runner.setSecret(found.joinSecret)
  }
  return found
}

/** The job's relay an earlier use of the action exported, when the variable holds one; never guessed from GOPROXY. */
export function readJobRelayAddress(env: NodeJS.ProcessEnv): JobRelayAddress | undefined {
  const text = env[JOB_RELAY_VARIABLE]
  if (!text) return undefined
  try {
    const value = JSON.parse(text) as { url?: unknown; join?: unknown; pid?: unknown }
    const url = new URL(String(value.url))
    const ok =
      url.protocol === 'http:' &&
      url.hostname === '127.0.0.1' &&
      /^\/[0-9a-f]{32}$/.test(url.pathname) &&
      url.port !== '' &&
      typeof value.join === 'string' &&
      /^[0-9a-f]{32}$/.test(value.join) &&
      Number.isInteger(value.pid)
    if (!ok) return undefined
    return {
      url: url.href.replace(/\/$/, ''),
      port: Number(url.port),
      joinSecret: value.join as string,
      pid: value.pid as number
    }
  } catch {
    return undefined
  }
}

/** The mirrors with the job's relay taken out: it is not a mirror of this use, but the way to them. */
export function withoutJobRelay(mirrors: readonly string[], relay: JobRelayAddress | undefined): string[] {
  return relay ? mirrors.filter(m => m.replace(/\/+$/, '') !== relay.url) : [...mirrors]
}

/**
 * A later use of the action joins the job's relay: it proves to be the relay (relay/control.ts) and
 * takes this use's go.sum files, whose hashes it then checks too. False, with a warning, when it
 * does not answer as the relay: this use then does without it.
 */
export async function joinJobRelay(
  runner: Runner,
  relay: JobRelayAddress,
  goSumFiles: readonly string[]
): Promise<boolean> {
  const answer = await askRelay({
    port: relay.port,
    secret: relay.joinSecret,
    action: 'gosum',
    args: { files: [...goSumFiles] },
    pid: relay.pid,
    timeoutMs: 10_000
  })
  if (!answer.proven) {
    runner.warning(
      `The relay an earlier use of the action started for this job did not answer as that relay (${answer.why}): this use downloads without it`
    )
    return false
  }
  runner.info(
    `Relay: the one an earlier use of the action started for this job (pid ${relay.pid}) serves this download too; it now also checks ${answer.body.modules} module versions of this use's go.sum files`
  )
  return true
}

/**
 * The download's route through the job's relay: go asks it, and its progress (polled through a join
 * request every half second) keeps go's watchdog from taking the relay's work for a stall.
 */
export function jobRelayRoute(relay: JobRelayAddress, direct: boolean): { route: RelayRoute; close(): void } {
  let progress = 0
  let asking = false
  const timer = setInterval(() => {
    if (asking) return
    asking = true
    void askRelay({ port: relay.port, secret: relay.joinSecret, action: 'progress', pid: relay.pid })
      .then(answer => {
        if (answer.proven && typeof answer.body.progress === 'number') progress = answer.body.progress
      })
      .finally(() => (asking = false))
  }, 500)
  timer.unref()
  return {
    route: {
      goproxy: direct ? `${relay.url}|direct` : relay.url,
      label: RELAY_LABEL,
      base: relay.url,
      progress: () => progress,
      explain: () => undefined
    },
    close: () => clearInterval(timer)
  }
}
