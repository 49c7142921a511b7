// Renders the README's decision table ("How it decides") from the policy, so the two never disagree.
// `npx tsx scripts/docs/decision-table.ts --write` updates README.md; the tests check it is current.
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { DECISIONS, type Decision } from '../../src/policy/decisions.js'
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

if (process.argv.includes('--write')) {
  const readmePath = path.join(root, 'README.md')
  const readme = readFileSync(readmePath, 'utf8')
  writeFileSync(readmePath, replaceSection(readme, 'decisions', renderDecisionTable()))
}
