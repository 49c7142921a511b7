import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Inputs } from '../config/inputs.js'
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
import { relayPlan } from './relay-session.js'

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
  inputs: Inputs
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
}): Promise<{ handle: DaemonHandle; goproxy: string } | undefined> {
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
        policy: {
          maxAttempts: opts.inputs.maxAttempts,
          backoff: { baseMs: opts.inputs.retryDelayMs, maxMs: opts.inputs.retryMaxDelayMs },
          stallTimeoutMs: opts.inputs.stallTimeoutMs,
          concurrency: opts.inputs.concurrency,
          onChecksumMismatch: opts.inputs.onChecksumMismatch
        },
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
    return { handle, goproxy: [relay, opts.behind].filter(Boolean).join('|') }
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
