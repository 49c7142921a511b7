// `npm run bench:seed`: fetches the real module graph the benchmark runs on (caddy's, every file its go.sum
// names) from proxy.golang.org once, into a directory outside the repository. The benchmark then serves it
// from 127.0.0.1 only. Never run by the tests or CI. Options: --dir DIR (default under ~/.cache).
import { chmod, cp, mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { goEnv, removeTree, runGo, type GoResult } from '../../testkit/action.js'
import { escapeModulePath, type ModuleRef } from '../../testkit/modset.js'
import { commandLine } from './harness.js'
import {
  defaultSeedDir,
  parseGoSum,
  REAL_MODULE,
  REAL_VERSION,
  seedPaths,
  type SeedManifest
} from './real-graph.js'

const UPSTREAM = 'https://proxy.golang.org'
/** What go keeps in cache/download besides the files a mirror serves. */
const NOT_SERVED = /\.(lock|ziphash|partial|tmp)$|\.tmp-/

function readArgs(argv: string[]): { dir: string } {
  const { values } = commandLine(argv, { dir: { type: 'string' } }, '--dir DIR')
  return { dir: path.resolve(values.dir ?? defaultSeedDir()) }
}

/** go against proxy.golang.org, with the checksum database (through the proxy) for what go.sum lacks. */
function upstreamEnv(root: string): Record<string, string> {
  const env: Record<string, string> = {
    ...goEnv(root),
    GOPROXY: UPSTREAM,
    GOSUMDB: 'sum.golang.org',
    GOFLAGS: '-modcacherw'
  }
  for (const name of ['HTTPS_PROXY', 'HTTP_PROXY', 'NO_PROXY', 'https_proxy', 'http_proxy', 'no_proxy']) {
    const value = process.env[name]
    if (value !== undefined) env[name] = value
  }
  return env
}

async function go(args: string[], cwd: string, env: Record<string, string>): Promise<GoResult> {
  const started = Date.now()
  const result = await runGo(args, { cwd, env, timeoutMs: 15 * 60_000 })
  console.log(`go ${args.join(' ')}: exit ${result.code} in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  if (result.code !== 0) throw new Error(`go ${args.join(' ')} failed:\n${result.stderr.trim()}`)
  return result
}

/** `go mod download -json` prints one object per module, one after another. */
function parseJsonStream<T>(text: string): T[] {
  return text
    .split(/\n(?=\{)/)
    .filter(chunk => chunk.trim() !== '')
    .map(chunk => JSON.parse(chunk) as T)
}

async function fetchInto(file: string, url: string): Promise<void> {
  const response = await fetch(url)
  if (!response.ok) throw new Error(`${url}: ${response.status} ${response.statusText}`)
  await mkdir(path.dirname(file), { recursive: true })
  await writeFile(file, Buffer.from(await response.arrayBuffer()))
}

async function main(): Promise<void> {
  const { dir } = readArgs(process.argv.slice(2))
  const paths = seedPaths(dir)
  const scratch = await mkdtemp(path.join(tmpdir(), 'gmd-bench-seed-'))
  try {
    const env = upstreamEnv(scratch)
    const version = (await go(['version'], scratch, env)).stdout.trim()
    console.log(`Seeding ${REAL_MODULE}@${REAL_VERSION} from ${UPSTREAM} into ${dir} (${version})`)

    // The project's own module zip, extracted, is the consumer.
    const [source] = parseJsonStream<{ Dir?: string }>(
      (await go(['mod', 'download', '-json', `${REAL_MODULE}@${REAL_VERSION}`], scratch, env)).stdout
    )
    if (!source?.Dir) throw new Error(`go mod download gave no directory for ${REAL_MODULE}@${REAL_VERSION}`)
    const work = path.join(scratch, 'consumer')
    await cp(source.Dir, work, { recursive: true })
    const goSumText = await readFile(path.join(work, 'go.sum'), 'utf8')
    const goLine = /^go\s+(\S+)/m.exec(await readFile(path.join(work, 'go.mod'), 'utf8'))?.[1] ?? ''

    // A module cache of its own: what plain `go mod download` fetches is the build list every contender owes.
    const cacheEnv = { ...env, GOMODCACHE: path.join(scratch, 'modcache') }
    const build = parseJsonStream<{ Path: string; Version: string; Zip?: string; Error?: string }>(
      (await go(['mod', 'download', '-json'], work, cacheEnv)).stdout
    )
    const failed = build.filter(m => m.Error)
    if (failed.length > 0) throw new Error(`go mod download: ${failed.map(m => m.Error).join('; ')}`)
    // tidy fetches the test dependencies of dependencies too; what it still lacks of go.sum is fetched below.
    await go(['mod', 'tidy', '-diff'], work, cacheEnv)

    const download = path.join(scratch, 'modcache', 'cache', 'download')
    let fetched = 0
    let zips = 0
    let mods = 0
    for (const key of parseGoSum(goSumText).keys()) {
      const modOnly = key.endsWith('/go.mod')
      const [mod, ver] = (modOnly ? key.slice(0, -'/go.mod'.length) : key).split('@') as [string, string]
      if (modOnly) mods++
      else zips++
      const base = `${escapeModulePath(mod)}/@v/${escapeModulePath(ver)}`
      for (const ext of modOnly ? ['mod'] : ['info', 'mod', 'zip']) {
        const file = path.join(download, ...`${base}.${ext}`.split('/'))
        const have = await readFile(file).then(
          () => true,
          () => false
        )
        if (have) continue
        await fetchInto(file, `${UPSTREAM}/${base}.${ext}`)
        fetched++
      }
    }
    console.log(`go.sum names ${zips} zips and ${mods} go.mod files; ${fetched} file(s) fetched beyond go's`)

    // Only what a mirror serves: no locks, ziphashes or checksum database tiles.
    for (const old of [paths.mirror, paths.consumer, paths.manifest]) await removeTree(old)
    await mkdir(paths.mirror, { recursive: true })
    let files = 0
    let bytes = 0
    for (const entry of await readdir(download, { withFileTypes: true, recursive: true })) {
      if (!entry.isFile() || NOT_SERVED.test(entry.name)) continue
      const from = path.join(entry.parentPath, entry.name)
      const rel = path.relative(download, from)
      if (rel.split(path.sep)[0] === 'sumdb') continue
      const data = await readFile(from)
      await mkdir(path.dirname(path.join(paths.mirror, rel)), { recursive: true })
      await writeFile(path.join(paths.mirror, rel), data)
      files++
      bytes += data.length
    }
    await cp(work, paths.consumer, { recursive: true })
    await chmod(paths.consumer, 0o755)

    // The seed is complete when go mod tidy needs nothing but it.
    const check = path.join(scratch, 'check')
    await cp(paths.consumer, check, { recursive: true })
    await go(['mod', 'tidy', '-diff'], check, {
      ...goEnv(path.join(scratch, 'check-root')),
      GOPROXY: pathToFileURL(paths.mirror).href,
      GOFLAGS: '-modcacherw'
    })

    const manifest: SeedManifest = {
      module: REAL_MODULE,
      version: REAL_VERSION,
      goLine,
      seededAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      goVersion: version,
      build: build.filter(m => m.Zip).map((m): ModuleRef => ({ path: m.Path, version: m.Version })),
      goSumZips: zips,
      goSumMods: mods,
      files,
      bytes
    }
    await writeFile(paths.manifest, JSON.stringify(manifest, null, 2) + '\n')
    console.log(
      `Seeded ${files} files (${(bytes / 1024 ** 2).toFixed(1)} MiB); plain go mod download fetches ${manifest.build.length} modules`
    )
  } finally {
    await removeTree(scratch)
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error))
  process.exitCode = 1
})
