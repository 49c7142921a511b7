// Compares two ways of caching Go modules with the real @actions/cache against a local cache service whose
// blobs live in Azurite on 127.0.0.1: (A) this action, which keeps only $GOMODCACHE/cache/download, and (B)
// the whole GOMODCACHE, as actions/setup-go does. Writes bench/cache-results.json and docs/benchmarks-cache.md.
import { execFile, execFileSync, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { chmod, chown, cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import * as cache from '@actions/cache'
import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob'
import * as prettier from 'prettier'
import type { RunReport } from '../../../src/report/types.js'
import { median } from '../download/stats.js'
import { goEnv, removeTree, repoRoot, runGo, runJob } from '../../../testkit/action.js'
import { DEV_ACCOUNT, DEV_ACCOUNT_KEY, startAzurite, type Azurite } from '../../../testkit/azurite.js'
import { startCacheService, type CacheService } from '../../../testkit/cache-service.js'
import { generateModuleSet, type ModuleSet } from '../../../testkit/modset.js'
import { startProxy, type Proxy } from '../../../testkit/proxy.js'

const run = promisify(execFile)
const MIB = 1024 * 1024
const NOBODY = 65534

/** What is running now (Azurite, the cache service, the proxy), stopped on an interrupt too. */
const running = new Set<() => Promise<void>>()

async function tracked<T>(
  thing: Promise<T>,
  stop: (t: T) => Promise<void>
): Promise<{ value: T; stop: () => Promise<void> }> {
  const value = await thing
  const stopOnce = async () => {
    if (running.delete(stopOnce)) await stop(value)
  }
  running.add(stopOnce)
  return { value, stop: stopOnce }
}

interface SetSpec {
  name: string
  count: number
  seed: number
  bigZipBytes: number
  bigEvery: number
}

const SETS: SetSpec[] = [
  {
    name: '300 modules, every 10th with a 4 MiB zip',
    count: 300,
    seed: 31,
    bigZipBytes: 4 * MIB,
    bigEvery: 10
  },
  { name: '1,000 small modules', count: 1000, seed: 32, bigZipBytes: 0, bigEvery: 0 }
]

const DOWNLOAD_BENCH_OPTIONS = ['--seeds', '--sizes', '--scenarios', '--cap']

interface Args {
  reps: number
  sets: SetSpec[]
  /** Only rewrite docs/benchmarks-cache.md from bench/cache-results.json. */
  render: boolean
  /** Run the bundle committed at HEAD instead of the working tree's dist/. */
  headDist: boolean
}

function parseArgs(argv: string[]): Args {
  const args: Args = { reps: 3, sets: SETS, render: false, headDist: false }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--render') args.render = true
    else if (arg === '--head-dist') args.headDist = true
    else if (arg === '--quick') Object.assign(args, { reps: 1, sets: SETS.slice(0, 1) })
    else if (arg === '--reps') {
      const n = Number(argv[++i])
      if (!Number.isInteger(n) || n < 1) throw new Error('--reps takes a positive integer')
      args.reps = n
    } else if (DOWNLOAD_BENCH_OPTIONS.includes(arg.split('=')[0]!)) {
      // `npm run bench -- ...` hands the download benchmark's options to this script too.
      if (!arg.includes('=')) i++
    } else throw new Error(`unknown option ${arg}; options: --quick, --reps N, --head-dist, --render`)
  }
  return args
}

/** One archive as the cache service stored it, and what it holds. */
interface Archive {
  sizeBytes: number
  files: number
  treeBytes: number
  compression: string
}

interface ZipOnlyRun {
  archive: Archive
  /** The action's own save time (link, prune, lookup, archive, upload), from the post step's log. */
  saveMs: number
  postStepMs: number
  restoreMs: number
  verifyMs: number
  goMs: number
  readyMs: number
  mainStepMs: number
  hit: string
  proxyRequests: number
}

interface WholeRun {
  archive: Archive
  saveMs: number
  restoreMs: number
  goMs: number
  readyMs: number
  filesOnDisk: number
}

interface OverExisting {
  ran: boolean
  user?: string
  restoredKey?: string | null
  tarFailed?: boolean
  fileExistsLines?: number
  firstError?: string
  libraryMessage?: string
  note?: string
}

interface SetResult {
  spec: SetSpec
  zipBytes: number
  zipOnly: ZipOnlyRun[]
  whole: WholeRun[]
  overExisting: OverExisting
}

/** Runs a library call with its log lines kept off the terminal; returns them for parsing. */
async function quietly<T>(call: () => Promise<T>): Promise<{ value: T; log: string }> {
  const write = process.stdout.write
  let log = ''
  process.stdout.write = ((chunk: string | Uint8Array) => {
    log += String(chunk)
    return true
  }) as typeof process.stdout.write
  try {
    const value = await call()
    return { value, log }
  } finally {
    process.stdout.write = write
  }
}

async function countFiles(dir: string): Promise<number> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => [])
  return entries.filter(e => e.isFile()).length
}

/** Downloads an entry's blob from Azurite and lists the tar inside: regular files and their bytes. */
async function inspectArchive(
  azurite: Azurite,
  service: CacheService,
  key: string,
  scratch: string
): Promise<Archive> {
  const entry = service.entries().find(e => e.key === key && e.finalized)
  if (!entry?.sizeBytes) throw new Error(`no finalized cache entry ${key}`)
  const blobs = new BlobServiceClient(
    azurite.blobEndpoint,
    new StorageSharedKeyCredential(DEV_ACCOUNT, DEV_ACCOUNT_KEY)
  ).getContainerClient('actions-cache')
  let name: string | undefined
  for await (const blob of blobs.listBlobsFlat({ prefix: `${entry.id}-` })) name = blob.name
  if (!name) throw new Error(`no blob for cache entry ${entry.id}`)
  const file = path.join(scratch, `archive-${entry.id}`)
  await blobs.getBlobClient(name).downloadToFile(file)
  const magic = (await readFile(file)).subarray(0, 4).toString('hex')
  const compression = magic === '28b52ffd' ? 'zstd' : magic.startsWith('1f8b') ? 'gzip' : 'none'
  const decompress =
    compression === 'zstd'
      ? ['--use-compress-program', 'zstd -d --long=30']
      : compression === 'gzip'
        ? ['-z']
        : []
  const { stdout } = await run('tar', [...decompress, '-tvf', file], { maxBuffer: 512 * MIB })
  await rm(file, { force: true })
  let files = 0
  let treeBytes = 0
  for (const line of stdout.split('\n')) {
    const match = /^-\S*\s+\S+\s+(\d+)\s/.exec(line)
    if (!match) continue
    files++
    treeBytes += Number(match[1])
  }
  return { sizeBytes: entry.sizeBytes, files, treeBytes, compression }
}

interface Context {
  azurite: Azurite
  service: CacheService
  proxy: Proxy
  set: ModuleSet
  /** The fixed GOMODCACHE every job uses: the path is part of the cache version. */
  modCache: string
  base: string
  bundle: { main: string; post: string }
}

async function newRoot(ctx: Context, name: string): Promise<{ root: string; dir: string }> {
  const root = path.join(ctx.base, name)
  await removeTree(root)
  const dir = path.join(root, 'work')
  await ctx.set.writeConsumer(dir)
  return { root, dir }
}

async function actionJob(ctx: Context, name: string) {
  const { root, dir } = await newRoot(ctx, name)
  await removeTree(ctx.modCache)
  const before = ctx.proxy.log.length
  const job = await runJob({
    scripts: ctx.bundle,
    inputs: { proxies: ctx.proxy.url, 'retry-delay': '20ms' },
    env: { ...goEnv(root), GOMODCACHE: ctx.modCache, ...ctx.service.env },
    cwd: dir,
    runnerTemp: path.join(root, 'runner-temp'),
    timeoutMs: 300_000
  })
  if (job.main.exitCode !== 0 || job.post.exitCode !== 0) {
    throw new Error(`${name}: the action failed:\n${job.main.stdout.slice(-3000)}\n${job.main.stderr}`)
  }
  const reportPath = job.main.outputs.report
  if (!reportPath) throw new Error(`${name}: no report output`)
  const report = JSON.parse(await readFile(reportPath, 'utf8')) as RunReport
  const requests = ctx.proxy.log.slice(before).filter(e => e.path.includes('/@v/')).length
  return { job, report, requests }
}

async function zipOnly(ctx: Context, rep: number, inspect: boolean): Promise<ZipOnlyRun> {
  const saving = await actionJob(ctx, `a-save-${rep}`)
  const saved = /Saved the module cache as (\S+) \((\d+) bytes\) in ([\d.]+) s/.exec(saving.job.post.stdout)
  if (!saved) throw new Error(`the action did not save:\n${saving.job.post.stdout.slice(-2000)}`)
  const key = saved[1]!
  const entry = ctx.service.entries().find(e => e.key === key && e.finalized)
  const archive = inspect
    ? await inspectArchive(ctx.azurite, ctx.service, key, ctx.base)
    : { sizeBytes: entry?.sizeBytes ?? 0, files: 0, treeBytes: 0, compression: '' }

  const restoring = await actionJob(ctx, `a-restore-${rep}`)
  const c = restoring.report.cache
  if (c?.hit !== 'exact' || c.restoreMs === undefined || c.verifyMs === undefined) {
    throw new Error(`the action did not restore its entry: ${JSON.stringify(c)}`)
  }
  const goMs = restoring.report.download.durationMs
  return {
    archive,
    saveMs: Number(saved[3]) * 1000,
    postStepMs: saving.job.post.durationMs,
    restoreMs: c.restoreMs,
    verifyMs: c.verifyMs,
    goMs,
    readyMs: c.restoreMs + c.verifyMs + goMs,
    mainStepMs: restoring.job.main.durationMs,
    hit: c.hit,
    proxyRequests: restoring.requests
  }
}

/** The environment the library reads for B's calls, made in this process. */
function libraryEnv(ctx: Context): Record<string, string> {
  return {
    ...ctx.service.env,
    GITHUB_WORKSPACE: path.join(ctx.base, 'workspace'),
    RUNNER_TEMP: path.join(ctx.base, 'runner-temp')
  }
}

async function goDownload(ctx: Context, root: string, dir: string, goproxy: string): Promise<number> {
  const started = performance.now()
  const result = await runGo(['mod', 'download'], {
    cwd: dir,
    env: { ...goEnv(root), GOMODCACHE: ctx.modCache, GOPROXY: goproxy },
    timeoutMs: 300_000
  })
  if (result.code !== 0) throw new Error(`go mod download (GOPROXY=${goproxy}) failed: ${result.stderr}`)
  return performance.now() - started
}

async function whole(ctx: Context, rep: number, inspect: boolean): Promise<WholeRun> {
  const key = `go-modcache-whole-linux-${ctx.set.modules.length}-${rep}`
  Object.assign(process.env, libraryEnv(ctx))
  await mkdir(process.env.GITHUB_WORKSPACE!, { recursive: true })
  await mkdir(process.env.RUNNER_TEMP!, { recursive: true })

  const filling = await newRoot(ctx, `b-save-${rep}`)
  await removeTree(ctx.modCache)
  await goDownload(ctx, filling.root, filling.dir, ctx.proxy.url)
  const filesOnDisk = await countFiles(ctx.modCache)
  let started = performance.now()
  const saved = await quietly(() => cache.saveCache([ctx.modCache], key))
  const saveMs = performance.now() - started
  if (saved.value === -1) throw new Error(`saving the whole GOMODCACHE failed:\n${saved.log.slice(-2000)}`)
  const entry = ctx.service.entries().find(e => e.key === key && e.finalized)
  const archive = inspect
    ? await inspectArchive(ctx.azurite, ctx.service, key, ctx.base)
    : { sizeBytes: entry?.sizeBytes ?? 0, files: 0, treeBytes: 0, compression: '' }

  const restoring = await newRoot(ctx, `b-restore-${rep}`)
  await removeTree(ctx.modCache)
  started = performance.now()
  const restored = await quietly(() => cache.restoreCache([ctx.modCache], key))
  const restoreMs = performance.now() - started
  if (restored.value !== key) throw new Error(`restoring the whole GOMODCACHE failed:\n${restored.log}`)
  const goMs = await goDownload(ctx, restoring.root, restoring.dir, 'off')
  return { archive, saveMs, restoreMs, goMs, readyMs: restoreMs + goMs, filesOnDisk }
}

/**
 * Restores B's entry a second time, over the module cache it just filled, as an unprivileged user the way a
 * runner's user would (root may write into go's read-only directories, so root would hide the failure).
 */
async function restoreOverExisting(ctx: Context, key: string): Promise<OverExisting> {
  if (process.getuid?.() !== 0) {
    return { ran: false, note: 'not run: needs root to restore as another, unprivileged user' }
  }
  const temp = path.join(ctx.base, 'nobody-temp')
  await mkdir(temp, { recursive: true })
  for (const dir of [ctx.base, path.dirname(ctx.modCache)]) await chmod(dir, 0o755)
  await chown(temp, NOBODY, NOBODY)
  await run('chown', ['-R', `${NOBODY}:${NOBODY}`, ctx.modCache])
  const library = pathToFileURL(path.join(repoRoot, 'node_modules', '@actions', 'cache', 'lib', 'cache.js'))
  const code =
    `const cache = await import(${JSON.stringify(library.href)});` +
    `const key = await cache.restoreCache([${JSON.stringify(ctx.modCache)}], ${JSON.stringify(key)});` +
    `console.log('RESTORED ' + JSON.stringify(key ?? null))`
  const env = libraryEnv(ctx)
  const child = spawn(
    'setpriv',
    [
      `--reuid=${NOBODY}`,
      `--regid=${NOBODY}`,
      '--clear-groups',
      '--',
      process.execPath,
      '--input-type=module',
      '-e',
      code
    ],
    {
      cwd: env.GITHUB_WORKSPACE,
      env: { PATH: process.env.PATH ?? '', HOME: temp, ...env, RUNNER_TEMP: temp },
      stdio: ['ignore', 'pipe', 'pipe']
    }
  )
  let output = ''
  child.stdout.setEncoding('utf8').on('data', (d: string) => (output += d))
  child.stderr.setEncoding('utf8').on('data', (d: string) => (output += d))
  const status = await new Promise<number | null>((ok, fail) => {
    child.once('error', fail)
    child.once('close', ok)
  })
  const restored = /^RESTORED (.*)$/m.exec(output)
  const errors = output.split('\n').filter(l => /^(\/usr\/bin\/)?tar: /.test(l))
  return {
    ran: status !== null,
    user: 'nobody (uid 65534), owner of the module cache',
    restoredKey: restored ? (JSON.parse(restored[1]!) as string | null) : undefined,
    tarFailed: errors.length > 0,
    fileExistsLines: errors.filter(l => l.includes('Cannot open: File exists')).length,
    firstError: errors[0]?.replace(ctx.base, '<tmp>'),
    libraryMessage: /Failed to restore: (.*)/.exec(output)?.[1]?.replace(ctx.base, '<tmp>')
  }
}

/** A private copy of the action's bundle, so that a rebuild of dist/ during the run does not change what is measured. */
async function copyBundle(base: string, fromHead: boolean): Promise<{ main: string; post: string }> {
  const root = path.join(base, 'bundle')
  await mkdir(root, { recursive: true })
  if (fromHead) {
    const archive = execFileSync('git', ['archive', '--format=tar', 'HEAD', 'dist'], {
      cwd: repoRoot,
      maxBuffer: 512 * MIB
    })
    execFileSync('tar', ['-x', '-C', root], { input: archive })
  } else await cp(path.join(repoRoot, 'dist'), path.join(root, 'dist'), { recursive: true })
  return {
    main: path.join(root, 'dist', 'main', 'index.js'),
    post: path.join(root, 'dist', 'post', 'index.js')
  }
}

async function benchSet(
  spec: SetSpec,
  reps: number,
  base: string,
  bundle: { main: string; post: string }
): Promise<SetResult> {
  const set = generateModuleSet({
    count: spec.count,
    seed: spec.seed,
    bigZipBytes: spec.bigZipBytes,
    bigEvery: spec.bigEvery
  })
  const zipBytes = [...set.files].filter(([p]) => p.endsWith('.zip')).reduce((n, [, b]) => n + b.length, 0)
  const proxyHandle = await tracked(startProxy({ files: set.files }), p => p.close())
  const proxy = proxyHandle.value
  const result: SetResult = { spec, zipBytes, zipOnly: [], whole: [], overExisting: { ran: false } }
  try {
    for (let rep = 1; rep <= reps; rep++) {
      // A fresh Azurite and cache service per repetition: no entry of an earlier one is found or kept in memory.
      const azuriteHandle = await tracked(startAzurite(), a => a.stop())
      const azurite = azuriteHandle.value
      let serviceHandle: { value: CacheService; stop: () => Promise<void> } | undefined
      try {
        serviceHandle = await tracked(startCacheService({ blobEndpoint: azurite.blobEndpoint }), c =>
          c.close()
        )
        const service = serviceHandle.value
        const ctx: Context = {
          azurite,
          service,
          proxy,
          set,
          modCache: path.join(base, 'gomod', 'mod'),
          base,
          bundle
        }
        const a = await zipOnly(ctx, rep, rep === 1)
        result.zipOnly.push(a)
        const b = await whole(ctx, rep, rep === 1)
        result.whole.push(b)
        if (rep === 1) {
          result.overExisting = await restoreOverExisting(ctx, `go-modcache-whole-linux-${spec.count}-${rep}`)
        }
        console.error(
          `  ${spec.name}, run ${rep}/${reps}: ready A ${seconds(a.readyMs)} (step ${seconds(a.mainStepMs)}),` +
            ` B ${seconds(b.readyMs)}; entry A ${mib(a.archive.sizeBytes)}, B ${mib(b.archive.sizeBytes)}`
        )
      } finally {
        await serviceHandle?.stop()
        await azuriteHandle.stop()
        await removeTree(path.join(base, 'gomod'))
      }
    }
  } finally {
    await proxyHandle.stop()
  }
  return result
}

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(2)} s` : `${(ms / 1000).toFixed(1)} s`
}

function mib(bytes: number): string {
  return `${(bytes / MIB).toFixed(1)} MiB`
}

function count(n: number): string {
  return n.toLocaleString('en-US')
}

function ratio(b: number, a: number): string {
  return a > 0 ? `${(b / a).toFixed(2)}×` : '—'
}

/** Median over runs, with the range when there was more than one. */
function timed(values: number[]): string {
  if (values.length === 1) return seconds(values[0]!)
  return `${seconds(median(values))} (${seconds(Math.min(...values))}–${seconds(Math.max(...values))})`
}

function renderTable(r: SetResult): string {
  const A = r.zipOnly
  const B = r.whole
  const a1 = A[0]!.archive
  const b1 = B[0]!.archive
  const med = (values: number[]) => median(values)
  const rows: string[][] = [
    [
      'entry size (compressed, as stored)',
      mib(a1.sizeBytes),
      mib(b1.sizeBytes),
      ratio(b1.sizeBytes, a1.sizeBytes)
    ],
    ['files in the archive', count(a1.files), count(b1.files), ratio(b1.files, a1.files)],
    [
      'bytes in the archive (uncompressed)',
      mib(a1.treeBytes),
      mib(b1.treeBytes),
      ratio(b1.treeBytes, a1.treeBytes)
    ],
    [
      'save',
      timed(A.map(x => x.saveMs)),
      timed(B.map(x => x.saveMs)),
      ratio(med(B.map(x => x.saveMs)), med(A.map(x => x.saveMs)))
    ],
    [
      'restore (download and unpack)',
      timed(A.map(x => x.restoreMs)),
      timed(B.map(x => x.restoreMs)),
      ratio(med(B.map(x => x.restoreMs)), med(A.map(x => x.restoreMs)))
    ],
    ['verify against go.sum', timed(A.map(x => x.verifyMs)), '—', ''],
    [
      '`go mod download` after the restore',
      timed(A.map(x => x.goMs)),
      timed(B.map(x => x.goMs)),
      ratio(med(B.map(x => x.goMs)), med(A.map(x => x.goMs)))
    ],
    [
      '**restore-to-ready**',
      `**${seconds(med(A.map(x => x.readyMs)))}**`,
      `**${seconds(med(B.map(x => x.readyMs)))}**`,
      `**${ratio(med(B.map(x => x.readyMs)), med(A.map(x => x.readyMs)))}**`
    ],
    ['whole main step of the action, for reference', timed(A.map(x => x.mainStepMs)), '—', '']
  ]
  const head = `| ${r.spec.name} | A: zip-only (this action) | B: whole GOMODCACHE | B/A |\n| --- | --- | --- | --- |\n`
  return head + rows.map(row => `| ${row.join(' | ')} |`).join('\n') + '\n'
}

function machine() {
  const version = (cmd: string, args: string[]) => {
    try {
      return execFileSync(cmd, args, { encoding: 'utf8' }).trim().split('\n')[0] ?? ''
    } catch {
      return 'unknown'
    }
  }
  const pkg = (name: string) =>
    (
      JSON.parse(readFileSync(path.join(repoRoot, 'node_modules', name, 'package.json'), 'utf8')) as {
        version: string
      }
    ).version
  return {
    nproc: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 1024 ** 3),
    go: version('go', ['version']),
    node: process.version,
    tar: version('tar', ['--version']),
    zstd: /v[\d.]+/.exec(version('zstd', ['--version']))?.[0] ?? 'unknown',
    actionsCache: pkg('@actions/cache'),
    azurite: pkg('azurite')
  }
}

function commit(headDist: boolean): string {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).trim()
    if (headDist) return `${git('rev-parse', '--short=12', 'HEAD')} (its committed dist/)`
    const dirty = git('status', '--porcelain', '--', 'src', 'dist', 'action.yml') !== ''
    return (
      git('rev-parse', '--short=12', 'HEAD') + (dirty ? ' with uncommitted changes to src/ or dist/' : '')
    )
  } catch {
    return 'unknown'
  }
}

async function formatted(file: string, text: string): Promise<string> {
  const options = (await prettier.resolveConfig(file)) ?? {}
  return prettier.format(text, { ...options, filepath: file })
}

function overExistingText(o: OverExisting): string {
  if (!o.ran) return `The second restore over a filled module cache was ${o.note ?? 'not run'}.`
  const outcome = o.tarFailed
    ? `tar failed: ${o.fileExistsLines} lines of \`Cannot open: File exists\`` +
      (o.firstError ? `, the first \`${o.firstError}\`` : '') +
      `; the library ${o.restoredKey ? `still returned the key \`${o.restoredKey}\`` : 'returned no key'}` +
      (o.libraryMessage ? ` and logged \`Failed to restore: ${o.libraryMessage}\`` : '') +
      '. The restore counts as a miss, with only a warning, while what tar could write (everything under `cache/download`) was overwritten in place.'
    : `tar did not fail; the library returned ${o.restoredKey ? `\`${o.restoredKey}\`` : 'no key'}.`
  return (
    `Demonstrated on the first set: B's entry restored a second time over the module cache the first restore ` +
    `and \`go mod download\` had filled, as ${o.user}: ${outcome}`
  )
}

function renderDoc(results: SetResult[], meta: ReturnType<typeof header>): string {
  const m = meta.machine
  const lines: string[] = [
    '# Module cache benchmark',
    '',
    '<!-- Generated by `npm run bench:cache` (also part of `npm run bench`); edit scripts/bench/cache/ instead. -->',
    '',
    'How big the cache entry is and how long a job takes from the start of the restore until the module cache is',
    'usable, for two ways of caching the same modules with the real `@actions/cache` library:',
    '',
    "- **A, zip-only (this action):** only `$GOMODCACHE/cache/download` (zips, `.mod`, `.info`, `.ziphash`), pruned to go.sum. The action's bundled main step restores it, verifies it against go.sum and runs `go mod download`, which extracts every module from its zip; the post step of an earlier job saved it.",
    '- **B, whole GOMODCACHE (as actions/setup-go caches it):** the extracted module trees and `cache/download` together, saved and restored with `saveCache` and `restoreCache` called directly, then `go mod download` with `GOPROXY=off`, which finds everything in place.',
    '',
    `Generated ${meta.generated} by \`${meta.command}\` at commit ${meta.commit}.`,
    ''
  ]
  if (meta.partial) {
    lines.push('> **Partial run**: fewer sets or repetitions than the full benchmark.', '')
  }
  lines.push(
    '## Results',
    '',
    `Median of ${meta.reps} run${meta.reps === 1 ? '' : 's'} per set (range in brackets); sizes and file counts are the same every run and come from the first.`,
    "Restore-to-ready is restore + verify + `go mod download` for A (from the action's JSON report) and restore + `go mod download` for B.",
    "The action's whole main step adds what any step pays (starting node, `go env`, hashing go.sum for the key, probing the mirror, writing the report).",
    ''
  )
  for (const r of results) lines.push(renderTable(r), '')
  lines.push(
    '## Reading',
    '',
    ...reading(results),
    '',
    "The modules are synthetic: three small files each, plus one incompressible blob in the big ones. Real modules hold tens to thousands of files, mostly compressible source, so their extracted trees are several times the size of their zips: more files and bytes for tar to write in B, and more for go to extract in A. B holds every module twice, as a zip and as a tree, so its entry stays near twice the size of A's as long as zstd packs the trees about as well as deflate packed the zips.",
    ''
  )
  lines.push(
    '## Setup',
    '',
    `- Machine: ${m.nproc} CPUs (${m.cpu}), ${m.memoryGiB} GiB of memory; ${m.go}; node ${m.node}; ${m.tar}; zstd ${m.zstd}.`,
    `- \`@actions/cache\` ${m.actionsCache}, which picked ${results[0]?.zipOnly[0]?.archive.compression ?? 'unknown'} compression for both strategies, against the local stand-in for the GitHub cache service (\`testkit/cache-service.ts\`) with blobs in Azurite ${m.azurite} (in memory), all on 127.0.0.1. A fresh Azurite and service per run.`,
    `- Module sets from \`generateModuleSet\` (\`testkit/modset.ts\`), served by the loopback proxy: ${results
      .map(
        r =>
          `${r.spec.name} (seed ${r.spec.seed}${r.spec.bigEvery ? `, \`bigEvery: ${r.spec.bigEvery}\`, \`bigZipBytes: ${r.spec.bigZipBytes}\`` : ''}; ${mib(r.zipBytes)} of zips)`
      )
      .join('; ')}.`,
    '  Every module holds a go.mod, one Go file and a LICENSE; the big ones also carry incompressible random bytes, stored uncompressed in the zip.',
    `- The whole run took ${seconds(meta.durationMs)}.`,
    '- Every go runs with a hermetic environment (`goEnv`: `GOENV=off`, `GOFLAGS=`, `GOSUMDB=off`, `GOTOOLCHAIN=local`) and the same fixed `GOMODCACHE`, emptied before every job, since the path is part of the cache version.',
    `- Load average at the start and the end: ${meta.loadStart.map(n => n.toFixed(2)).join(', ')} and ${meta.loadEnd.map(n => n.toFixed(2)).join(', ')}. ${
      Math.max(meta.loadStart[0]!, meta.loadEnd[0]!) > m.nproc
        ? ' **The machine was busy with other work during the run (load above its CPU count), so absolute times are inflated and the ranges wide; compare strategies within a table rather than across runs.**'
        : ' Other work on the machine shows up as noise; the ranges give its size.'
    }`,
    '',
    '## Restoring over an existing module cache',
    '',
    "go makes the extracted module trees read-only. On a runner whose module cache is already there (a self-hosted runner, a second cache step, a restore after a partial download), extracting a whole-GOMODCACHE archive over it makes tar fail with `Cannot open: File exists` for every file in those trees. The timings above restore into an empty module cache for both strategies. The action never restores over go's trees: it unpacks into a staging directory and moves only files that are missing into `cache/download`.",
    '',
    overExistingText(results[0]!.overExisting),
    ''
  )
  return lines.join('\n')
}

function reading(results: SetResult[]): string[] {
  return results.map(r => {
    const a = r.zipOnly
    const b = r.whole
    const sizeA = a[0]!.archive.sizeBytes
    const sizeB = b[0]!.archive.sizeBytes
    const readyA = median(a.map(x => x.readyMs))
    const readyB = median(b.map(x => x.readyMs))
    const restoreA = median(a.map(x => x.restoreMs))
    const restoreB = median(b.map(x => x.restoreMs))
    const saveA = median(a.map(x => x.saveMs))
    const saveB = median(b.map(x => x.saveMs))
    const overlap =
      Math.min(...a.map(x => x.readyMs)) <= Math.max(...b.map(x => x.readyMs)) &&
      Math.min(...b.map(x => x.readyMs)) <= Math.max(...a.map(x => x.readyMs))
    const behind: string[] = []
    if (sizeA > sizeB) behind.push(`entry ${mib(sizeA - sizeB)} larger`)
    if (restoreA > restoreB) behind.push(`restore ${seconds(restoreA - restoreB)} slower`)
    if (readyA > readyB)
      behind.push(`ready ${seconds(readyA - readyB)} later (${((readyA / readyB - 1) * 100).toFixed(0)}%)`)
    if (saveA > saveB)
      behind.push(`save ${seconds(saveA - saveB)} slower (${(saveA / saveB).toFixed(1)}× B's)`)
    const size =
      sizeA <= sizeB
        ? `${(sizeB / sizeA).toFixed(2)}× smaller than B's`
        : `${(sizeA / sizeB).toFixed(2)}× larger than B's`
    const restore =
      restoreA <= restoreB
        ? `${seconds(restoreB - restoreA)} faster`
        : `${seconds(restoreA - restoreB)} slower`
    const ready =
      readyA <= readyB ? `${seconds(readyB - readyA)} sooner` : `${seconds(readyA - readyB)} later`
    return (
      `- **${r.spec.name}.** A's entry is ${size} (${mib(sizeA)} against ${mib(sizeB)}) with ` +
      `${count(a[0]!.archive.files)} files against ${count(b[0]!.archive.files)}. A's restore is ${restore}, then A spends ` +
      `${seconds(median(a.map(x => x.verifyMs)))} verifying and ${seconds(median(a.map(x => x.goMs)))} in ` +
      `\`go mod download\`, which extracts the zips, against ${seconds(median(b.map(x => x.goMs)))} for B. ` +
      `A is ready ${ready} than B (${seconds(readyA)} against ${seconds(readyB)}, B/A ${ratio(readyB, readyA)}). ` +
      `Saving takes ${seconds(saveA)} for A (link, prune, look up, archive, upload) and ${seconds(saveB)} for B.` +
      (behind.length > 0
        ? ` **Where A is behind:** ${behind.join('; ')}.`
        : ' A is ahead on every measure.') +
      (overlap
        ? ' The restore-to-ready ranges of A and B overlap, so within the noise of this run neither is clearly ready sooner.'
        : '')
    )
  })
}

function header(args: Args, loadStart: number[], startedAt: number) {
  const argv = process.argv.slice(2)
  return {
    generated: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    command: process.env.npm_lifecycle_event?.startsWith('bench')
      ? `npm run ${process.env.npm_lifecycle_event}${argv.length > 0 ? ` -- ${argv.join(' ')}` : ''}`
      : ['npx tsx scripts/bench/cache/main.ts', ...argv].join(' '),
    commit: commit(args.headDist),
    reps: args.reps,
    partial: args.reps < 3 || args.sets.length < SETS.length,
    machine: machine(),
    loadStart,
    loadEnd: loadavg(),
    durationMs: Date.now() - startedAt
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  const json = path.join(repoRoot, 'bench', 'cache-results.json')
  const doc = path.join(repoRoot, 'docs', 'benchmarks-cache.md')
  if (args.render) {
    const saved = JSON.parse(await readFile(json, 'utf8')) as ReturnType<typeof header> & {
      results: SetResult[]
    }
    await writeFile(doc, await formatted(doc, renderDoc(saved.results, saved)))
    return
  }
  const loadStart = loadavg()
  const started = Date.now()
  const base = await mkdtemp(path.join(tmpdir(), 'gmd-bench-cache-'))
  const results: SetResult[] = []
  const cleanup = async () => {
    for (const stop of [...running].reverse()) await stop().catch(() => undefined)
    await removeTree(base)
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
  const meta = header(args, loadStart, started)
  for (const r of results) console.log('\n' + renderTable(r))
  await mkdir(path.dirname(json), { recursive: true })
  await writeFile(json, await formatted(json, JSON.stringify({ ...meta, results }, null, 2)))
  await writeFile(doc, await formatted(doc, renderDoc(results, meta)))
  console.error(
    `Wrote ${path.relative(repoRoot, json)} and ${path.relative(repoRoot, doc)} in ${seconds(Date.now() - started)}.`
  )
}

await main()
