import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { ADVICE } from '../../src/report/advice.js'

const root = fileURLToPath(new URL('../..', import.meta.url))
const examplesDir = path.join(root, 'docs', 'examples')
const readme = readFileSync(path.join(root, 'README.md'), 'utf8')
const action = parse(readFileSync(path.join(root, 'action.yml'), 'utf8')) as {
  inputs: Record<string, unknown>
}

interface Step {
  uses?: string
  with?: Record<string, unknown>
}

interface Workflow {
  on?: unknown
  jobs?: Record<string, { steps?: Step[] }>
}

const examples = readdirSync(examplesDir)
  .filter(name => name.endsWith('.yml'))
  .sort()

function actionSteps(workflow: Workflow): Step[] {
  return Object.values(workflow.jobs ?? {})
    .flatMap(job => job.steps ?? [])
    .filter(step => step.uses?.includes('go-mod-download-action@') === true)
}

/** Relative link targets of a Markdown document (links and images), without #fragments. */
function relativeLinks(markdown: string): string[] {
  const targets = [...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map(match => match[1] as string)
  return targets
    .filter(target => !/^[a-z]+:/i.test(target) && !target.startsWith('#'))
    .map(target => target.split('#')[0] as string)
}

describe('docs/examples', () => {
  it('holds the five example workflows', () => {
    expect(examples).toEqual([
      'company-mirror.yml',
      'monorepo-matrix.yml',
      'private-modules.yml',
      'single-module.yml',
      'workspace.yml'
    ])
  })

  it.each(examples)('%s parses and uses the action with inputs that exist', name => {
    const workflow = parse(readFileSync(path.join(examplesDir, name), 'utf8')) as Workflow
    expect(workflow.on).toBeDefined()
    const steps = actionSteps(workflow)
    expect(steps.length).toBeGreaterThan(0)
    for (const step of steps) {
      expect(step.uses).toMatch(/^your-org\/go-mod-download-action@v\d+$/)
      for (const input of Object.keys(step.with ?? {})) {
        expect(Object.keys(action.inputs)).toContain(input)
      }
    }
  })
})

describe('workflows and examples', () => {
  const workflowsDir = path.join(root, '.github', 'workflows')
  const files = [
    ...examples.map(name => path.join(examplesDir, name)),
    ...readdirSync(workflowsDir)
      .filter(name => name.endsWith('.yml'))
      .map(name => path.join(workflowsDir, name))
  ]

  it.each(files.map(f => [path.relative(root, f), f]))(
    "%s turns off setup-go's cache in every job that runs this action",
    (_name, file) => {
      const workflow = parse(readFileSync(file, 'utf8')) as Workflow
      for (const job of Object.values(workflow.jobs ?? {})) {
        const steps = job.steps ?? []
        const runsAction = steps.some(s => s.uses === './' || s.uses?.includes('go-mod-download-action@'))
        if (!runsAction) continue
        for (const step of steps.filter(s => s.uses?.startsWith('actions/setup-go@'))) {
          expect([step.uses, step.with?.cache]).toEqual([step.uses, false])
        }
      }
    }
  )
})

describe('README', () => {
  it('links only to files that exist', () => {
    const links = relativeLinks(readme)
    expect(links.length).toBeGreaterThan(0)
    for (const link of links) {
      expect([link, existsSync(path.join(root, link))]).toEqual([link, true])
    }
  })

  it('links every example workflow and shows the summary screenshot', () => {
    const links = relativeLinks(readme)
    for (const name of examples) expect(links).toContain(`docs/examples/${name}`)
    expect(links).toContain('docs/summary.png')
  })

  it('describes every failure class in the reference table', () => {
    for (const cls of Object.keys(ADVICE)) expect(readme).toMatch(new RegExp(`^\\| \`${cls}\` +\\|`, 'm'))
  })

  it('uses the same placeholder owner in every example step', () => {
    const uses = [...readme.matchAll(/uses: (\S*go-mod-download-action@\S+)/g)].map(m => m[1])
    expect(uses.length).toBeGreaterThan(0)
    for (const ref of uses) expect(ref).toMatch(/^your-org\/go-mod-download-action@v\d+$/)
  })
})

describe('repository owner', () => {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { repository?: unknown }
  const placeholderFiles = [
    'README.md',
    'CHANGELOG.md',
    'CONTRIBUTING.md',
    ...examples.map(name => path.join('docs', 'examples', name))
  ]

  it('is a placeholder everywhere until package.json names the repository, and nowhere after', () => {
    const withPlaceholder = placeholderFiles.filter(file =>
      readFileSync(path.join(root, file), 'utf8').includes('your-org/go-mod-download-action')
    )
    if (pkg.repository === undefined) expect(withPlaceholder).toContain('README.md')
    else expect(withPlaceholder).toEqual([])
  })
})

describe('CONTRIBUTING', () => {
  const contributing = readFileSync(path.join(root, 'CONTRIBUTING.md'), 'utf8')

  it('has a row in "Where things are" for each folder of src/, and none for a folder that is gone', () => {
    const rows = [...contributing.matchAll(/^\| `([a-z-]+)\/` +\|/gm)].map(match => match[1])
    const folders = readdirSync(path.join(root, 'src'), { withFileTypes: true })
      .filter(entry => entry.isDirectory())
      .map(entry => entry.name)
    expect([...rows].sort()).toEqual(folders.sort())
  })

  it('names only files and folders that exist', () => {
    const roots = /^(src|scripts|__tests__|__fixtures__|testkit|docs|bench|example|dist|\.github|\.ci)\//
    const named = [...contributing.matchAll(/`([^`]+)`/g)]
      .flatMap(match => (match[1] as string).split(/\s+/))
      .filter(word => roots.test(word) && !/[<*]/.test(word))
    expect(named.length).toBeGreaterThan(20)
    for (const file of named) expect([file, existsSync(path.join(root, file))]).toEqual([file, true])
  })
})
