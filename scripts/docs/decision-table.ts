// Renders the README's decision tables ("How it decides": the relay's per request, the go processes')
// from the policy, so the two never disagree. `npx tsx scripts/docs/decision-table.ts --write` updates
// README.md; the tests check it is current.
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { DECISIONS, MIRROR_RULES, type Decision, type RequestAction } from '../../src/policy/decisions.js'
import { CLASS_TRAITS, FAILURE_CLASSES, type FailureClass } from '../../src/failures/classes.js'
import { transience } from '../../src/failures/classify.js'
import { replaceSection } from './action-tables.js'

const root = fileURLToPath(new URL('../..', import.meta.url))

// go has one source (the relay, or the mirrors themselves): here, moving to the next mirror is giving up.
const PHRASES: Record<Decision, string> = {
  retry: 'run go again',
  'next-mirror': 'fail',
  fail: 'fail'
}

/** What the engine does after a go process failed with the class, in the README's words. */
export function decisionText(failureClass: FailureClass): string {
  const policy = DECISIONS[failureClass]
  const kind = transience(failureClass)
  const usual = kind === 'always' ? policy.transient : policy.permanent
  const parts = [PHRASES[usual]]
  if (kind === 'sometimes' && policy.transient !== policy.permanent) {
    if (policy.transientWhen === undefined) throw new Error(`${failureClass}: say when it is transient`)
    parts[0] += `; ${PHRASES[policy.transient]} when ${policy.transientWhen}`
  }
  if (policy.fromLocalCache !== undefined && policy.fromLocalCache !== usual) {
    parts[0] += `; ${PHRASES[policy.fromLocalCache]} when the bad copy came from the local cache`
  }
  if (CLASS_TRAITS[failureClass].slowBackoff) parts.push('with a backoff ceiling four times higher')
  const text = parts.join(', ')
  return policy.note === undefined ? text : `${text} (${policy.note})`
}

/** One row per distinct decision, its classes in FAILURE_CLASSES order. */
export function renderDecisionTable(): string {
  const rows = new Map<string, FailureClass[]>()
  for (const failureClass of FAILURE_CLASSES) {
    const text = decisionText(failureClass)
    rows.set(text, [...(rows.get(text) ?? []), failureClass])
  }
  const cell = (text: string): string => text.replace(/\|/g, '\\|')
  return [
    '| failure class | decision |',
    '| --- | --- |',
    ...[...rows].map(([text, classes]) => `| ${classes.map(c => `\`${c}\``).join(', ')} | ${cell(text)} |`)
  ].join('\n')
}

// Where the relay sends a request after a failed try.
const ACTIONS: Record<RequestAction, string> = {
  retry: 'the same mirror again',
  next: 'the next mirror',
  stop: 'stop: go gets a 502'
}

/** What the relay does with one request that failed with the class, in the README's words; none for go's own. */
export function requestText(failureClass: FailureClass): string | undefined {
  const policy = DECISIONS[failureClass]
  const request = policy.request
  if (request === undefined) return undefined
  const parts = [ACTIONS[request.permanent]]
  if (request.transient !== request.permanent) {
    if (policy.transientWhen === undefined) throw new Error(`${failureClass}: say when it is transient`)
    parts[0] += `; ${ACTIONS[request.transient]} when ${policy.transientWhen}`
  }
  if (CLASS_TRAITS[failureClass].slowBackoff) parts.push('with a backoff ceiling four times higher')
  const text = parts.join(', ')
  const appointment = request.appointment
    ? '; a `Retry-After` is an appointment that uses up no try, unless another mirror can answer now'
    : ''
  return request.why === undefined ? text + appointment : `${text}${appointment} (${request.why})`
}

/** The relay's table: the mirror's own state first, then one row per distinct decision, then go's own classes. */
export function renderRequestTable(): string {
  const cell = (text: string): string => text.replace(/\|/g, '\\|')
  const yesNo = (breaker: boolean): string => (breaker ? 'yes' : 'no')
  const rows = new Map<string, FailureClass[]>()
  const goOwn: FailureClass[] = []
  for (const failureClass of FAILURE_CLASSES) {
    const text = requestText(failureClass)
    if (text === undefined) {
      goOwn.push(failureClass)
      continue
    }
    const key = `${cell(text)} | ${yesNo(DECISIONS[failureClass].request?.breaker === true)}`
    rows.set(key, [...(rows.get(key) ?? []), failureClass])
  }
  const list = (classes: readonly FailureClass[]): string => classes.map(c => `\`${c}\``).join(', ')
  return [
    "| failure | where the request goes next | counts against the mirror's health |",
    '| --- | --- | --- |',
    ...Object.values(MIRROR_RULES).map(
      rule =>
        `| ${cell(rule.when)} | ${cell(`${ACTIONS[rule.action]} (${rule.why})`)} | ${yesNo(rule.breaker)} |`
    ),
    ...[...rows].map(([key, classes]) => `| ${list(classes)} | ${key} |`),
    ...(goOwn.length > 0
      ? [`| ${list(goOwn)} | none: go's own failures, which no answer from a mirror is put in | no |`]
      : [])
  ].join('\n')
}

/** The README with both tables brought up to date. */
export function updateDecisionTables(readme: string): string {
  return replaceSection(
    replaceSection(readme, 'decisions', renderDecisionTable()),
    'relay-decisions',
    renderRequestTable()
  )
}

if (process.argv.includes('--write')) {
  const readmePath = path.join(root, 'README.md')
  writeFileSync(readmePath, updateDecisionTables(readFileSync(readmePath, 'utf8')))
}
