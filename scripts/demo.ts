// Runs the bundled action locally, as the runner would, on the example module in example/ against two
// module proxies on 127.0.0.1: a flaky company mirror (a 503 burst and a module it refuses) and a
// healthy public one. Prints the step's log and its job summary. No GitHub and no internet needed.
// scripts/screenshot.ts reuses runDemo() to render the summary as docs/summary.png.
import { cp, mkdtemp, readFile } from 'node:fs/promises'
import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { goEnv, removeTree, repoRoot, runStep, type StepResult } from '../testkit/action.js'
import { generateModuleSet } from '../testkit/modset.js'
import { startProxy } from '../testkit/proxy.js'

const exampleDir = path.join(repoRoot, 'example')

export interface DemoRun {
  step: StepResult
  companyUrl: string
  publicUrl: string
}

/** Runs the demo scenario once and returns the step's result; the caller prints or renders it. */
export async function runDemo(): Promise<DemoRun> {
  const set = generateModuleSet({ count: 40, seed: 2026 })
  const committed = await readFile(path.join(exampleDir, 'go.sum'), 'utf8')
  if (committed !== set.consumer.goSum) {
    throw new Error(
      'example/go.sum no longer matches the demo module set; run: npx tsx scripts/demo.ts --write-example'
    )
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
      { kind: 'status', status: 403, match: { module: refused, file: 'zip' } }
    ]
  })
  const healthy = await startProxy({ files: set.files, name: 'public-mirror' })
  // One front server gives each proxy a path that names it, so the log and the summary say which is which.
  const front = await startFront({ 'company-mirror': company.url, 'public-mirror': healthy.url })

  const root = await mkdtemp(path.join(tmpdir(), 'go-mod-download-demo-'))
  try {
    const work = path.join(root, 'example')
    await cp(exampleDir, work, { recursive: true })
    const companyUrl = `${front.url}/company-mirror`
    const publicUrl = `${front.url}/public-mirror`
    const step = await runStep({
      entry: 'main',
      cwd: work,
      // The example's modules are made up, so no public checksum database knows them; go.sum holds every
      // hash and go still checks each download against it. Off, the probe has no reason to look up sum.golang.org.
      env: goEnv(root),
      inputs: {
        proxies: `${companyUrl}\n${publicUrl}`,
        'retry-delay': '200ms',
        'stall-timeout': '10s',
        cache: 'false'
      }
    })
    return { step, companyUrl, publicUrl }
  } finally {
    await new Promise<void>(resolve => front.server.close(() => resolve()))
    await company.close()
    await healthy.close()
    await removeTree(root)
  }
}

/** An HTTP server that forwards `/<name>/rest` to `<backend>/rest`, keeping status, headers and body. */
async function startFront(backends: Record<string, string>): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const match = /^\/([^/]+)(\/.*)$/.exec(req.url ?? '')
    const backend = match ? backends[match[1] as string] : undefined
    if (!match || backend === undefined) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('no such mirror\n')
      return
    }
    const upstream = request(
      `${backend}${match[2]}`,
      { method: req.method, headers: req.headers },
      answer => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      }
    )
    upstream.on('error', () => res.destroy())
    req.pipe(upstream)
  })
  server.keepAliveTimeout = 1000
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', () => resolve()))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}`, server }
}

/** Turns the runner's workflow commands into something readable in a terminal. */
function formatLog(stdout: string): string {
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

async function main(): Promise<void> {
  if (process.argv.includes('--write-example')) {
    await generateModuleSet({ count: 40, seed: 2026 }).writeConsumer(exampleDir)
    console.log(`Wrote the example module to ${exampleDir}`)
    return
  }
  const { step, companyUrl, publicUrl } = await runDemo()
  console.log(`Company mirror (flaky): ${companyUrl}\nPublic mirror (healthy): ${publicUrl}\n`)
  console.log(formatLog(step.stdout))
  console.log('\n==================== Job summary ====================\n')
  console.log(htmlToText(step.summary))
  console.log('\n==================== Outputs ====================\n')
  for (const [name, value] of Object.entries(step.outputs)) console.log(`${name}: ${value}`)
  process.exitCode = step.exitCode ?? 1
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error))
    process.exitCode = 1
  })
}
