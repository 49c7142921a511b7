// Runs the bundled action locally, as the runner would, on the example module in example/ against two
// module proxies on 127.0.0.1 (scripts/demo/mirrors.ts): a flaky company mirror (a 503 burst and a module
// it refuses) and a healthy public one. Prints the step's log and its job summary, and keeps the JSON
// report and an HTML rendering of the summary. No GitHub and no internet needed.
// scripts/docs/screenshot.ts reuses runDemo() to render the summary as docs/summary.png.
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { goEnv, removeTree, repoRoot, runStep, type StepResult } from '../../testkit/action.js'
import { demoModuleSet, startDemoMirrors } from './mirrors.js'
import { summaryPage } from './summary-page.js'
import { summaryText } from './summary-text.js'

const exampleDir = path.join(repoRoot, 'example')

export interface DemoRun {
  step: StepResult
  companyUrl: string
  publicUrl: string
  /** The JSON report, copied out of the step's temp directory before that was removed. */
  report: string
}

/** Where the demo keeps its report and summary by default: one directory, replaced by each run. */
export const DEMO_OUTPUT_DIR = path.join(tmpdir(), 'go-mod-download-demo')

/**
 * Runs the demo scenario once and returns the step's result; the caller prints or renders it. The JSON
 * report and the summary page are kept in `outputDir`, which each run replaces.
 */
export async function runDemo(outputDir = DEMO_OUTPUT_DIR): Promise<DemoRun> {
  const committed = await readFile(path.join(exampleDir, 'go.sum'), 'utf8')
  if (committed !== demoModuleSet().consumer.goSum) {
    throw new Error(
      'example/go.sum no longer matches the demo module set; run: npx tsx scripts/demo/demo.ts --write-example'
    )
  }
  const mirrors = await startDemoMirrors()
  const root = await mkdtemp(path.join(tmpdir(), 'go-mod-download-demo-'))
  try {
    const work = path.join(root, 'example')
    await cp(exampleDir, work, { recursive: true })
    const step = await runStep({
      entry: 'main',
      cwd: work,
      // The example's modules are made up, so no public checksum database knows them; go.sum holds every
      // hash, and GOSUMDB names the mirrors' stand-in for the database, which go then never needs to ask.
      env: { ...goEnv(root), GOSUMDB: mirrors.gosumdb },
      runnerTemp: path.join(root, 'runner-temp'),
      inputs: {
        proxies: `${mirrors.companyUrl}\n${mirrors.publicUrl}`,
        'retry-delay': '200ms',
        'stall-timeout': '10s',
        cache: 'false'
      }
    })
    const report = await keep(step, path.join(root, 'runner-temp'), outputDir)
    return { step, companyUrl: mirrors.companyUrl, publicUrl: mirrors.publicUrl, report }
  } finally {
    await mirrors.close()
    await removeTree(root)
  }
}

/** Copies the step's JSON report out of its temp directory and writes the summary as a page next to it. */
async function keep(step: StepResult, runnerTemp: string, keptDir: string): Promise<string> {
  await rm(keptDir, { recursive: true, force: true })
  await mkdir(keptDir, { recursive: true })
  await writeFile(
    path.join(keptDir, 'summary.html'),
    summaryPage(step.summary, 'go-mod-download-action demo')
  )
  const from = step.outputs.report
  if (!from || !from.startsWith(runnerTemp)) return ''
  const report = path.join(keptDir, path.basename(from))
  await cp(from, report)
  return report
}

/** Turns the runner's workflow commands into something readable in a terminal. */
export function formatLog(stdout: string): string {
  const out: string[] = []
  let groupLines = -1
  for (const line of stdout.split('\n')) {
    // Runner bookkeeping a log viewer hides: debug lines, masks, and the stop/resume around go's output.
    if (/^::(debug|add-mask|set-output|stop-commands)::/.test(line) || /^::[0-9a-f-]{36}::$/.test(line))
      continue
    const group = /^::group::(.*)$/.exec(line)
    if (group) {
      out.push(`\n▸ ${group[1]}`)
      groupLines = 0
    } else if (line === '::endgroup::') {
      if (groupLines > 0) out.push(`  (${groupLines} lines, folded as on GitHub)`)
      groupLines = -1
    } else if (groupLines >= 0 && !line.startsWith('::')) {
      groupLines++
    } else if (line !== '') {
      out.push(
        line.replace(
          /^::(error|warning|notice)[^:]*::(.*)$/,
          (_, level: string, text: string) => `${level.toUpperCase()}: ${text}`
        )
      )
    }
  }
  return out.join('\n')
}

/** The terminal's width for the summary's tables, 120 when it is not a terminal. */
export function terminalWidth(): number {
  return Math.max(80, process.stdout.columns ?? 120)
}

async function main(): Promise<void> {
  if (process.argv.includes('--write-example')) {
    await demoModuleSet().writeConsumer(exampleDir)
    console.log(`Wrote the example module to ${exampleDir}`)
    return
  }
  const { step, companyUrl, publicUrl, report } = await runDemo()
  console.log(`Company mirror (flaky): ${companyUrl}\nPublic mirror (healthy): ${publicUrl}\n`)
  console.log(formatLog(step.stdout))
  console.log('\n==================== Job summary ====================\n')
  console.log(summaryText(step.summary, terminalWidth()))
  console.log('\n==================== Outputs ====================\n')
  for (const [name, value] of Object.entries({ ...step.outputs, ...(report ? { report } : {}) })) {
    console.log(`${name}: ${value}`)
  }
  console.log(`\nThe summary as GitHub shows it: ${path.join(DEMO_OUTPUT_DIR, 'summary.html')}`)
  process.exitCode = step.exitCode ?? 1
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error))
    process.exitCode = 1
  })
}
