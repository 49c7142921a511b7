import type { Runner } from '../runner/port.js'
import { safeLogText } from '../security/log-text.js'

/**
 * The runner with every line the step writes made safe for the log: control characters other than
 * line breaks and tabs shown as escapes, so that a value from an input or a mirror holding a bare CR
 * cannot start a line of its own (the runner reads `::` at a line start as a command).
 */
export function guardedRunner(runner: Runner): Runner {
  const clean = (message: string): string => safeLogText(message)
  return {
    ...runner,
    debug: message => runner.debug(clean(message)),
    info: message => runner.info(clean(message)),
    warning: (message, where) => runner.warning(clean(message), where),
    error: (message, where) => runner.error(clean(message), where),
    notice: (message, where) => runner.notice(clean(message), where),
    group: (title, work) => runner.group(clean(title), work),
    startGroup: title => runner.startGroup(clean(title)),
    setFailed: message => runner.setFailed(clean(message))
  }
}
