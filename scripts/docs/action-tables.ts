// Renders the README's inputs and outputs tables from action.yml, so the two never disagree.
// `npx tsx scripts/docs/action-tables.ts --write` updates README.md; the tests check it is current.
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

interface ActionYaml {
  inputs: Record<string, { description: string; default?: string }>
  outputs: Record<string, { description: string }>
}

const root = fileURLToPath(new URL('../..', import.meta.url))

export function renderTables(actionYaml: string): { inputs: string; outputs: string } {
  const action = parse(actionYaml) as ActionYaml
  const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ')
  const inputs = [
    '| input | default | description |',
    '| --- | --- | --- |',
    ...Object.entries(action.inputs).map(
      ([name, input]) =>
        `| \`${name}\` | ${input.default ? `\`${cell(input.default)}\`` : ''} | ${cell(input.description)} |`
    )
  ].join('\n')
  const outputs = [
    '| output | description |',
    '| --- | --- |',
    ...Object.entries(action.outputs).map(([name, output]) => `| \`${name}\` | ${cell(output.description)} |`)
  ].join('\n')
  return { inputs, outputs }
}

/** The text with what lies between `<!-- name:start -->` and `<!-- name:end -->` replaced by `body`. */
export function replaceSection(text: string, name: string, body: string): string {
  return text.replace(
    new RegExp(`(<!-- ${name}:start -->)[\\s\\S]*?(<!-- ${name}:end -->)`),
    (_, start: string, end: string) => `${start}\n${body}\n${end}`
  )
}

export function updateReadme(readme: string, tables: { inputs: string; outputs: string }): string {
  return replaceSection(replaceSection(readme, 'inputs', tables.inputs), 'outputs', tables.outputs)
}

if (process.argv.includes('--write')) {
  const readmePath = path.join(root, 'README.md')
  const tables = renderTables(readFileSync(path.join(root, 'action.yml'), 'utf8'))
  writeFileSync(readmePath, updateReadme(readFileSync(readmePath, 'utf8'), tables))
}
