// Runs the bundled action locally, as the runner would, on the example module in example/ against two
// module proxies on 127.0.0.1: a flaky company mirror (a 503 burst and a module it refuses) and a
// healthy public one. Prints the step's log and its job summary. No GitHub and no internet needed.
import { cp, mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { goEnv, removeTree, repoRoot, runStep } from '../testkit/action.js'
import { generateModuleSet } from '../testkit/modset.js'
import { startProxy } from '../testkit/proxy.js'

const exampleDir = path.join(repoRoot, 'example')
const set = generateModuleSet({ count: 40, seed: 2026 })

if (process.argv.includes('--write-example')) {
  await set.writeConsumer(exampleDir)
  console.log(`Wrote the example module to ${exampleDir}`)
  process.exit(0)
}

const committed = await readFile(path.join(exampleDir, 'go.sum'), 'utf8')
if (committed !== set.consumer.goSum) {
  console.error(
    'example/go.sum no longer matches the demo module set; run: npx tsx scripts/demo.ts --write-example'
  )
  process.exit(1)
}

const refused = set.modules[5]?.path as string
const flakyModules = new Set([1, 9, 17].map(i => set.modules[i]?.path))
const company = await startProxy({
  files: set.files,
  name: 'company-mirror',
  faults: [
    {
      kind: 'status',
      status: 503,
      times: 1,
      match: req => flakyModules.has(req.module) && req.file === 'zip'
    },
    { kind: 'status', status: 403, match: { module: refused } }
  ]
})
const healthy = await startProxy({ files: set.files, name: 'public-mirror' })

const root = await mkdtemp(path.join(tmpdir(), 'go-mod-download-demo-'))
try {
  const work = path.join(root, 'example')
  await cp(exampleDir, work, { recursive: true })
  console.log(`Company mirror (flaky): ${company.url}\nPublic mirror (healthy): ${healthy.url}\n`)
  const step = await runStep({
    entry: 'main',
    cwd: work,
    env: goEnv(root),
    inputs: {
      proxies: `${company.url}\n${healthy.url}`,
      'retry-delay': '200ms',
      'stall-timeout': '10s',
      cache: 'false'
    }
  })
  console.log(formatLog(step.stdout))
  console.log('\n==================== Job summary ====================\n')
  console.log(htmlToText(step.summary))
  console.log('\n==================== Outputs ====================\n')
  for (const [name, value] of Object.entries(step.outputs)) console.log(`${name}: ${value}`)
  process.exitCode = step.exitCode ?? 1
} finally {
  await company.close()
  await healthy.close()
  await removeTree(root)
}

/** Turns the runner's workflow commands into something readable in a terminal. */
function formatLog(stdout: string): string {
  return stdout
    .split('\n')
    .filter(line => !line.startsWith('::set-output') && !line.startsWith('::add-mask'))
    .map(line =>
      line
        .replace(/^::group::(.*)$/, '\n▸ $1')
        .replace(/^::endgroup::$/, '')
        .replace(
          /^::(error|warning|notice)[^:]*::(.*)$/,
          (_, level: string, text: string) => `${level.toUpperCase()}: ${text}`
        )
    )
    .filter(line => line !== '')
    .join('\n')
}

/** A rough text rendering of the summary's HTML: enough to read the tables in a terminal. */
function htmlToText(html: string): string {
  return html
    .replace(/<\/(h\d|p|li|details|summary|pre|table)>/g, '\n')
    .replace(/<(h\d)>/g, '\n## ')
    .replace(/<li>/g, '  • ')
    .replace(/<\/tr>/g, '\n')
    .replace(/<t[hd][^>]*>/g, ' | ')
    .replace(/<br\s*\/?>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}
