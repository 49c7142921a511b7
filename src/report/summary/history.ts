import type { Attempt } from '../../download/types.js'
import type { FailureClass } from '../../failures/classes.js'
import { redactUrl } from '../../security/redact.js'
import type { RunReport } from '../types.js'

// What each module went through, read from go's attempts and the relay's tries: the verdict, the modules
// table and the timeline all count from it.

export function moduleKey(module: string, version: string): string {
  return `${module}@${version}`
}

/** What the relay asked the mirrors for one module version: its most tried file's tries, and every mirror asked. */
export interface RelayTries {
  tries: number
  mirrors: string[]
}

/** Per `module@version`, the relay's tries and mirrors for its files that were not served. */
export function relayTries(relay: RunReport['relay']): Map<string, RelayTries> {
  const asked = new Map<string, RelayTries>()
  for (const file of relay?.files ?? []) {
    if (file.outcome === 'ok' || !file.module || !file.version) continue
    const tries = file.tries.filter(t => t.outcome !== 'lost')
    if (tries.length === 0) continue
    const key = moduleKey(file.module, file.version)
    const seen = asked.get(key)
    asked.set(key, {
      tries: Math.max(seen?.tries ?? 0, tries.length),
      mirrors: [...new Set([...(seen?.mirrors ?? []), ...tries.map(t => t.mirror)])]
    })
  }
  return asked
}

export interface FailureHistory {
  attempts: number
  mirrors: Set<string>
  lastMessage: string
}

/** What every attempt said about each module@version, to fill the rows of the modules table. */
export function failureHistory(attempts: Attempt[]): Map<string, FailureHistory> {
  const history = new Map<string, FailureHistory>()
  for (const attempt of attempts) {
    for (const failure of attempt.failures) {
      const key = moduleKey(failure.module, failure.version)
      const entry = history.get(key) ?? { attempts: 0, mirrors: new Set<string>(), lastMessage: '' }
      entry.attempts += 1
      entry.mirrors.add(redactUrl(failure.proxy || attempt.proxy))
      entry.lastMessage = failure.message
      history.set(key, entry)
    }
  }
  return history
}

/** Classes by number of failures, most frequent first. */
export function classCounts(failures: { class: FailureClass }[]): Map<FailureClass, number> {
  const counts = new Map<FailureClass, number>()
  for (const failure of failures) counts.set(failure.class, (counts.get(failure.class) ?? 0) + 1)
  return new Map([...counts].sort((a, b) => b[1] - a[1]))
}
