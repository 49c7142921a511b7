// Compares two ways of caching Go modules with the real @actions/cache against a local cache service whose
// blobs live in Azurite on 127.0.0.1: (A) this action, which keeps only $GOMODCACHE/cache/download, and (B)
// the whole GOMODCACHE, as actions/setup-go does. Writes bench/cache-results.json and docs/benchmarks-cache.md.
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { loadavg } from 'node:os'
import path from 'node:path'
import { repoRoot } from '../../../testkit/action.js'
import {
  commandLine,
  commit,
  copyBundle,
  formatted,
  machine,
  positiveInteger,
  RunsFolder
} from '../harness.js'
import { renderDoc, renderTable, seconds, type CacheRunHeader } from './render.js'
import { benchSet, SETS, stopAll, type SetResult, type SetSpec } from './run.js'

interface Args {
  reps: number
  sets: SetSpec[]
  /** Only rewrite docs/benchmarks-cache.md from bench/cache-results.json. */
  render: boolean
  /** Run the bundle committed at HEAD instead of the working tree's dist/. */
  headDist: boolean
}

function readArgs(argv: string[]): Args {
  const { values } = commandLine(
    argv,
    {
      quick: { type: 'boolean' },
      reps: { type: 'string' },
      'head-dist': { type: 'boolean' },
      render: { type: 'boolean' }
    },
    '--quick, --reps N, --head-dist, --render'
  )
  const quick = values.quick === true
  return {
    reps: values.reps === undefined ? (quick ? 1 : 3) : positiveInteger(values.reps, '--reps'),
    sets: quick ? SETS.slice(0, 1) : SETS,
    render: values.render === true,
    headDist: values['head-dist'] === true
  }
}

async function header(
  args: Args,
  loadStart: number[],
  startedAt: number,
  placement: string
): Promise<CacheRunHeader> {
  const argv = process.argv.slice(2)
  return {
    generated: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    command: process.env.npm_lifecycle_event?.startsWith('bench')
      ? `npm run ${process.env.npm_lifecycle_event}${argv.length > 0 ? ` -- ${argv.join(' ')}` : ''}`
      : ['npx tsx scripts/bench/cache/main.ts', ...argv].join(' '),
    commit: commit({ headDist: args.headDist }),
    reps: args.reps,
    partial: args.reps < 3 || args.sets.length < SETS.length,
    machine: {
      ...(await machine({ archivers: true, packages: ['@actions/cache', 'azurite'] })),
      "runs' folder": placement
    },
    loadStart,
    loadEnd: loadavg(),
    durationMs: Date.now() - startedAt
  }
}

async function main(): Promise<void> {
  const args = readArgs(process.argv.slice(2))
  const json = path.join(repoRoot, 'bench', 'cache-results.json')
  const doc = path.join(repoRoot, 'docs', 'benchmarks-cache.md')
  if (args.render) {
    const saved = JSON.parse(await readFile(json, 'utf8')) as CacheRunHeader & { results: SetResult[] }
    await writeFile(doc, await formatted(doc, renderDoc(saved.results, saved)))
    return
  }
  const loadStart = loadavg()
  const started = Date.now()
  const runs = await RunsFolder.open('gmd-bench-cache-')
  const base = runs.dir
  const results: SetResult[] = []
  const cleanup = async () => {
    await stopAll()
    await runs.close()
  }
  const interrupted = () => {
    void cleanup().finally(() => process.exit(130))
  }
  process.once('SIGINT', interrupted)
  process.once('SIGTERM', interrupted)
  try {
    const bundle = await copyBundle(base, args.headDist)
    for (const spec of args.sets) {
      console.error(`Module cache benchmark: ${spec.name}, ${args.reps} run(s)`)
      results.push(await benchSet(spec, args.reps, base, bundle))
    }
  } finally {
    await cleanup()
  }
  const meta = await header(args, loadStart, started, runs.placement)
  for (const r of results) console.log('\n' + renderTable(r))
  await mkdir(path.dirname(json), { recursive: true })
  await writeFile(json, await formatted(json, JSON.stringify({ ...meta, results }, null, 2)))
  await writeFile(doc, await formatted(doc, renderDoc(results, meta)))
  console.error(
    `Wrote ${path.relative(repoRoot, json)} and ${path.relative(repoRoot, doc)} in ${seconds(Date.now() - started)}.`
  )
}

await main()
