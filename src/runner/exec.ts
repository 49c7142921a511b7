import { getExecOutput } from '@actions/exec'
import { formatDuration } from '../config/duration.js'
import { errorMessage } from '../failures/errors.js'
import type { CommandRunner } from '../go/command.js'

/**
 * Runs a short command to completion with @actions/exec, silently, a non-zero exit being a result. A
 * command past its timeout counts as failed; exec cannot stop it, and the step's exit ends it.
 */
export const execCommand: CommandRunner = async (file, args, opts) => {
  const env = Object.fromEntries(
    Object.entries(opts.env).filter((entry): entry is [string, string] => entry[1] !== undefined)
  )
  let timer: NodeJS.Timeout | undefined
  const timedOut = new Promise<{ code: number; stdout: string; stderr: string }>(resolve => {
    timer = setTimeout(
      () =>
        resolve({
          code: 1,
          stdout: '',
          stderr: `${file} did not finish within ${formatDuration(opts.timeoutMs)}`
        }),
      opts.timeoutMs
    )
  })
  const ran = getExecOutput(file, args, { cwd: opts.cwd, env, silent: true, ignoreReturnCode: true }).then(
    result => ({ code: result.exitCode, stdout: result.stdout, stderr: result.stderr }),
    (error: unknown) => ({
      code: 1,
      stdout: '',
      stderr: errorMessage(error)
    })
  )
  try {
    return await Promise.race([ran, timedOut])
  } finally {
    clearTimeout(timer)
  }
}
