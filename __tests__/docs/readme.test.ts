import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { renderTables, replaceSection, updateReadme } from '../../scripts/docs/action-tables.js'
import {
  renderDecisionTable,
  renderRequestTable,
  updateDecisionTables
} from '../../scripts/docs/decision-table.js'
import { committedResults, compared, renderCosts } from '../../scripts/docs/readme-costs.js'
import type { JobRun } from '../../scripts/bench/job/render.js'

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
const actionYaml = readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')

describe('README', () => {
  it('opens with one install, the demo, the tests and how long they take', () => {
    const opening = readme.split('\n').slice(0, 20).join('\n')
    expect(opening).toMatch(
      /```sh\nnpm ci\nnpm run demo +# .*\nnpm test +# .*: about \d+ minutes on two cores\n```/
    )
  })

  it('puts the choice on the first screen: what you get against plain go and setup-go, and what it costs', () => {
    const firstScreen = readme.slice(0, readme.indexOf('## Usage'))
    expect(firstScreen).toMatch(
      /\| +\| plain `go mod download` +\| setup-go `cache: true` +\| this action +\|/
    )
    expect(firstScreen).toContain('<!-- costs:start -->')
    expect(readme.indexOf('## Usage')).toBeLessThan(readme.indexOf('## Try it on your own module'))
    expect(readme).toContain('npm run try -- ../your-module')
    expect(readme).toContain('npm run mirrors')
  })

  it("has a cost table made from the benchmark's committed results (npx tsx scripts/docs/readme-costs.ts --write)", () => {
    const { bench, job } = committedResults()
    const costs = renderCosts(bench, job)
    expect(readme).toContain(`<!-- costs:start -->\n${costs}\n<!-- costs:end -->`)
  })

  it("sets the whole job's times beside setup-go's, a hit and a go.sum change, from the job benchmark", () => {
    const { bench } = committedResults()
    const run = (contender: string, runId: string, totalMs: number) =>
      ({ contender, run: runId, totalMs }) as unknown as JobRun
    const costs = renderCosts(bench, {
      runs: [
        run('setup-go', 'hit', 30_000),
        run('action', 'hit', 20_000),
        run('setup-go', 'gosum', 100_000),
        run('action', 'gosum', 120_000)
      ]
    })
    expect(costs).toContain("| setup-go's cache | this action |")
    expect(costs).toContain('| a cache hit | 30.0 s | 20.0 s (1.5× faster) |')
    expect(costs).toContain('| one module changed in go.sum | 100.0 s | 120.0 s (1.20× its time) |')
    expect(renderCosts(bench)).not.toContain("setup-go's cache")
  })

  it('calls a time faster only from 5% on, and gives the ratio of the times otherwise', () => {
    expect(compared(0.5, "plain go's time")).toBe('2.0× faster')
    expect(compared(0.94, "plain go's time")).toBe('1.1× faster')
    expect(compared(0.99, "plain go's time")).toBe("0.99× plain go's time")
    expect(compared(1.2, 'its time')).toBe('1.20× its time')
  })

  it('names only npm scripts that package.json has', () => {
    const scripts = Object.keys(
      (
        JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
          scripts: Record<string, string>
        }
      ).scripts
    )
    const named = [...readme.matchAll(/npm run ([a-z:-]+)/g)].map(m => m[1] as string)
    expect(named.length).toBeGreaterThan(0)
    for (const name of named) expect(scripts).toContain(name)
  })

  it('has inputs and outputs tables that match action.yml (npx tsx scripts/docs/action-tables.ts --write)', () => {
    const tables = renderTables(actionYaml)
    expect(readme).toContain(tables.inputs)
    expect(readme).toContain(tables.outputs)
    expect(updateReadme(readme, tables)).toBe(readme)
  })
  it('has a decision table that matches the policy (npx tsx scripts/docs/decision-table.ts --write)', () => {
    const table = renderDecisionTable()
    expect(readme).toContain(`<!-- decisions:start -->\n${table}\n<!-- decisions:end -->`)
    expect(replaceSection(readme, 'decisions', table)).toBe(readme)
  })

  it("has the relay's per-request table from the same policy (npx tsx scripts/docs/decision-table.ts --write)", () => {
    const table = renderRequestTable()
    const section = readme.slice(
      readme.indexOf('### Per request: the relay'),
      readme.indexOf('### Per go process')
    )
    expect(section).toContain(`<!-- relay-decisions:start -->\n${table}\n<!-- relay-decisions:end -->`)
    expect(updateDecisionTables(readme)).toBe(readme)
  })
})
