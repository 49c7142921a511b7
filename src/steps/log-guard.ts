import type { JobSummary, Runner } from '../runner/port.js'
import { safeLogText } from '../security/log-text.js'
import { redactUrl } from '../security/redact.js'

/**
 * The runner with every line the step writes made safe for the log: secrets registered through it
 * replaced by `***` and the userinfo of every URL redacted (the runner's own mask is the second line
 * of defence, not the first), and control characters other than line breaks and tabs shown as escapes,
 * so that a value from an input or a mirror holding a bare CR cannot start a line of its own (the
 * runner reads `::` at a line start as a command).
 */
export function guardedRunner(runner: Runner): Runner {
  const secrets = new Set<string>()
  let longestFirst: string[] = []
  const hide = (text: string): string =>
    longestFirst.reduce((out, secret) => out.split(secret).join('***'), text)
  const clean = (message: string): string => safeLogText(redactUrl(hide(message)))
  const summary: JobSummary = {
    addHeading: (text, level) => runner.summary.addHeading(hide(text), level),
    addRaw: (text, addEOL) => runner.summary.addRaw(hide(text), addEOL),
    addList: (items, ordered) => runner.summary.addList(items.map(hide), ordered),
    addDetails: (label, content) => runner.summary.addDetails(hide(label), hide(content)),
    write: () => runner.summary.write()
  }
  return {
    ...runner,
    debug: message => runner.debug(clean(message)),
    info: message => runner.info(clean(message)),
    warning: (message, where) => runner.warning(clean(message), where),
    error: (message, where) => runner.error(clean(message), where),
    notice: (message, where) => runner.notice(clean(message), where),
    group: (title, work) => runner.group(clean(title), work),
    startGroup: title => runner.startGroup(clean(title)),
    setFailed: message => runner.setFailed(clean(message)),
    setSecret: value => {
      if (value === '' || secrets.has(value)) return
      secrets.add(value)
      longestFirst = [...secrets].sort((a, b) => b.length - a.length)
      runner.setSecret(value)
    },
    summary
  }
}
