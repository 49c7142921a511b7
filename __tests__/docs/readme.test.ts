import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { renderTables, replaceSection, updateReadme } from '../../scripts/action-tables.js'
import { renderDecisionTable } from '../../scripts/decision-table.js'

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
const actionYaml = readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')

describe('README', () => {
  it('opens with the demo and the test commands', () => {
    const opening = readme.split('\n').slice(0, 40).join('\n')
    expect(opening).toContain('npm ci && npm run demo')
    expect(opening).toContain('npm ci && npm test')
  })

  it('has inputs and outputs tables that match action.yml (npx tsx scripts/action-tables.ts --write)', () => {
    const tables = renderTables(actionYaml)
    expect(readme).toContain(tables.inputs)
    expect(readme).toContain(tables.outputs)
    expect(updateReadme(readme, tables)).toBe(readme)
  })
  it('has a decision table that matches the policy (npx tsx scripts/decision-table.ts --write)', () => {
    const table = renderDecisionTable()
    expect(readme).toContain(`<!-- decisions:start -->\n${table}\n<!-- decisions:end -->`)
    expect(replaceSection(readme, 'decisions', table)).toBe(readme)
  })
})
