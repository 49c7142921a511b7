import { describe, expect, it } from '@jest/globals'
import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { ESLint } from 'eslint'

const root = fileURLToPath(new URL('../..', import.meta.url))
const eslint = new ESLint({ cwd: root })
const MAP_RULES = ['@typescript-eslint/no-restricted-imports', 'no-restricted-syntax']

/** What the folder-map rules say about `code` as the text of `filePath` (an existing module, for the type-aware rules). */
async function mapErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).filter(m => MAP_RULES.includes(m.ruleId ?? '')).map(m => m.message)
}

describe('the folder map in eslint.config.js', () => {
  it('gives every folder of src/ but steps/ its rule', async () => {
    const folders = readdirSync(`${root}/src`, { withFileTypes: true })
      .filter(entry => entry.isDirectory() && entry.name !== 'steps')
      .map(entry => entry.name)
    for (const folder of folders) {
      const config = (await eslint.calculateConfigForFile(`src/${folder}/any.ts`)) as {
        rules: Record<string, unknown>
      }
      const rule = config.rules['@typescript-eslint/no-restricted-imports']
      expect([folder, JSON.stringify(rule)]).toEqual([
        folder,
        expect.stringContaining(`src/${folder}/ imports only`)
      ])
    }
  })

  it('fails an import of steps/ from relay/, as a value or as a type', async () => {
    const value = await mapErrors(
      'src/relay/verify.ts',
      "import { run } from '../steps/main-step.js'\nrun()\n"
    )
    expect(value).toEqual([expect.stringContaining('src/relay/ imports only')])
    const type = await mapErrors(
      'src/relay/verify.ts',
      "import type { MainDeps } from '../steps/main-step.js'\nexport type X = MainDeps\n"
    )
    expect(type).toEqual([expect.stringContaining('src/relay/ imports only')])
  })

  it('fails an import of runner/ from download/ and network/', async () => {
    for (const filePath of ['src/download/engine.ts', 'src/network/probe.ts']) {
      const errors = await mapErrors(filePath, "export { actionsRunner } from '../runner/actions.js'\n")
      expect([filePath, errors]).toEqual([filePath, [expect.stringContaining('imports only')]])
    }
  })

  it('lets relay/ take types from report/ but not values', async () => {
    const types = [
      "import type { RunReport } from '../report/types.js'\nexport type X = RunReport\n",
      "import { type RunReport } from '../report/types.js'\nexport type X = RunReport\n"
    ]
    for (const code of types) expect(await mapErrors('src/relay/verify.ts', code)).toEqual([])
    const value = await mapErrors(
      'src/relay/verify.ts',
      "import { formatBytes } from '../report/format.js'\nexport const x = formatBytes(1)\n"
    )
    expect(value).toEqual([expect.stringContaining('types from report/')])
  })

  it('lets relay/ use the folders below it', async () => {
    const code =
      "import { backoffDelay } from '../policy/backoff.js'\nimport { redactUrl } from '../security/redact.js'\nexport const x = [backoffDelay, redactUrl]\n"
    expect(await mapErrors('src/relay/verify.ts', code)).toEqual([])
  })

  it('lets report/ use config/ and security/, and only types from the folders whose data it renders', async () => {
    const allowed =
      "import { formatDuration } from '../config/duration.js'\nimport { redactUrl } from '../security/redact.js'\nimport type { RelayReport } from '../relay/types.js'\nexport type X = RelayReport\nexport const y = [formatDuration, redactUrl]\n"
    expect(await mapErrors('src/report/outputs.ts', allowed)).toEqual([])
    const value = await mapErrors(
      'src/report/outputs.ts',
      "import { startRelay } from '../relay/relay.js'\nexport const x = startRelay\n"
    )
    expect(value).toEqual([expect.stringContaining('src/report/ imports only')])
    const steps = await mapErrors(
      'src/report/outputs.ts',
      "import type { MainDeps } from '../steps/main-step.js'\nexport type X = MainDeps\n"
    )
    expect(steps).toEqual([expect.stringContaining('src/report/ imports only')])
  })

  it('fails a dynamic import across the map, which no-restricted-imports does not see', async () => {
    const errors = await mapErrors(
      'src/relay/verify.ts',
      "export const step = await import('../steps/main-step.js')\n"
    )
    expect(errors).toEqual([expect.stringContaining('src/relay/ imports only')])
  })

  it('leaves steps/ free to import every folder', async () => {
    const code =
      "import { startRelay } from '../relay/relay.js'\nimport { actionsRunner } from '../runner/actions.js'\nexport const x = [startRelay, actionsRunner]\n"
    expect(await mapErrors('src/steps/job-relay.ts', code)).toEqual([])
  })
})

describe('promises in src/', () => {
  it('fails a promise left floating, and takes one discarded with void', async () => {
    const code = 'async function flush(): Promise<void> {}\nflush()\nvoid flush()\nexport {}\n'
    const [result] = await eslint.lintText(code, { filePath: 'src/relay/verify.ts' })
    const floating = (result?.messages ?? []).filter(
      m => m.ruleId === '@typescript-eslint/no-floating-promises'
    )
    expect(floating.map(m => m.line)).toEqual([2])
  })
})
