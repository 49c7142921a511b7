import { loadavg } from 'node:os'
import { join } from 'node:path'
import { goEnv } from '../../../testkit/action.js'
import { generateModuleSet } from '../../../testkit/modset.js'
import { refusedUrl, startProxy, type Proxy } from '../../../testkit/proxy.js'
import { selfSignedCert } from '../../../testkit/tls.js'
import type { RunsFolder } from '../harness.js'
import { killLeftovers, RUNNERS, type ContenderOutcome } from './contenders.js'
import type { Scenario } from './scenarios.js'
import { checkCache } from './verify.js'
import {
  CONTENDERS,
  isAction,
  mirrorsOf,
  type BenchSet,
  type ContenderId,
  type RunResult,
  type SetId
} from './types.js'

/** The generated sets: every `BIG_EVERY`th module carries an incompressible blob, the rest are a few KB. */
export const MODULE_SET_SEED = 2026
export const BIG_ZIP_BYTES = 4 * 1024 * 1024
export const BIG_EVERY = 25
/** go has no response timeout: against a mirror that goes quiet it waits forever, so it is stopped here. */
export const HANG_CAP_MS = 20_000

export interface BenchOptions {
  sets: Array<{ id: SetId; set: BenchSet }>
  /** Seeds to run on each set. */
  seeds: (set: SetId) => number
  scenarios: Scenario[]
  contenders: ContenderId[]
  capMs: number
  /** Where each run makes its folder, kept or removed once the run is over. */
  runs: RunsFolder
  actionInputs: Record<string, string>
  /** A directory for V8 CPU profiles of the action's runs, one subdirectory per run. */
  cpuProfDir?: string
  onResult?(result: RunResult, done: number, total: number): void
}

export function generatedSet(size: number): BenchSet {
  const set = generateModuleSet({
    count: size,
    seed: MODULE_SET_SEED,
    bigZipBytes: BIG_ZIP_BYTES,
    bigEvery: BIG_EVERY
  })
  return { ...set, label: `${size} modules` }
}

/** The order contenders run in for a seed: rotated, so none always runs first after a cache clean-up. */
export function contenderOrder(seed: number, contenders: readonly ContenderId[]): ContenderId[] {
  const shift = (seed - 1) % contenders.length
  return [...contenders.slice(shift), ...contenders.slice(0, shift)]
}

/** The contenders a scenario runs on a set: those its mirror counts allow, of those asked for. */
export function contendersFor(scenario: Scenario, set: SetId, asked: readonly ContenderId[]): ContenderId[] {
  const mirrors = scenario.on[set] ?? []
  if (mirrors.length === 0) return []
  return CONTENDERS.filter(
    c =>
      asked.includes(c) &&
      // The build-mode action runs only where a scenario names it: the healthy rows it is measured on.
      (scenario.contenders ?? CONTENDERS.filter(x => x !== 'actionBuild')).includes(c) &&
      (isAction(c) ? mirrors.includes(mirrorsOf(c)) : c === 'plain' || c === 'wrapper' || mirrors.includes(2))
  )
}

/** Runs every set, scenario, seed and contender, one run at a time. */
export async function runBench(opts: BenchOptions): Promise<RunResult[]> {
  const results: RunResult[] = []
  const total = opts.sets.reduce(
    (n, { id }) =>
      n +
      opts.seeds(id) * opts.scenarios.reduce((m, s) => m + contendersFor(s, id, opts.contenders).length, 0),
    0
  )
  for (const { id, set } of opts.sets) {
    const scenarios = opts.scenarios.filter(s => contendersFor(s, id, opts.contenders).length > 0)
    if (scenarios.length === 0) continue
    // Not recorded: the first download of a set pays for cold page caches and a cold heap.
    await runOnce(id, set, { name: 'warm-up', description: '', random: false, on: {} }, 1, 'plain', opts)
    for (const [index, scenario] of scenarios.entries()) {
      const contenders = contendersFor(scenario, id, opts.contenders)
      for (let seed = 1; seed <= opts.seeds(id); seed++) {
        for (const contender of contenderOrder(seed, contenders)) {
          const first = results.find(
            r => r.set === id && r.scenario === scenario.name && r.contender === contender && r.seed === 1
          )
          // go fails the same way on every seed when nothing is drawn; the action is run every time.
          const carry = !scenario.random && !isAction(contender) && first && !first.green
          const result = carry
            ? { ...first, seed, carried: true }
            : { ...(await runOnce(id, set, scenario, seed * 1000 + index + 1, contender, opts)), seed }
          results.push(result)
          opts.onResult?.(result, results.length, total)
        }
      }
    }
  }
  return results
}

/** One contender against fresh mirrors, an empty module cache and a fresh copy of the consumer module. */
async function runOnce(
  id: SetId,
  set: BenchSet,
  scenario: Scenario,
  proxySeed: number,
  contender: ContenderId,
  opts: BenchOptions
): Promise<Omit<RunResult, 'seed'>> {
  const root = await opts.runs.make()
  const proxies: Proxy[] = []
  try {
    const dir = join(root, 'work')
    await set.writeConsumer(dir)
    const env = goEnv(root)
    const latencyMs = scenario.latencyMs
    const tls = scenario.tls ? selfSignedCert(join(root, 'tls'), ['127.0.0.1']) : undefined
    if (tls) env.SSL_CERT_FILE = tls.certFile
    let mirrorB: string | undefined
    if (mirrorsOf(contender) === 2) {
      const b = await startProxy({
        files: set.files,
        name: 'mirror-b',
        seed: proxySeed + 500,
        latencyMs,
        tls
      })
      proxies.push(b)
      b.setFaults(scenario.faultsB?.(set) ?? [])
      mirrorB = b.url
    }
    // B listens before the refused port is picked, so B can never land on it.
    let mirrorA: string
    if (scenario.refused) mirrorA = await refusedUrl()
    else {
      const a = await startProxy({ files: set.files, name: 'mirror-a', seed: proxySeed, latencyMs, tls })
      proxies.push(a)
      a.setFaults(scenario.faults?.(set) ?? [])
      mirrorA = a.url
    }

    const capMs = scenario.hangs && !isAction(contender) ? Math.min(HANG_CAP_MS, opts.capMs) : opts.capMs
    const load1 = loadavg()[0] ?? 0
    let outcome: ContenderOutcome
    try {
      outcome = await RUNNERS[contender]({
        root,
        dir,
        env,
        mirrorA,
        mirrorB,
        capMs,
        actionInputs: { ...opts.actionInputs, ...scenario.actionInputs },
        cpuProfDir:
          opts.cpuProfDir && isAction(contender)
            ? join(opts.cpuProfDir, `${id}-${scenario.name}-${proxySeed}-${contender}`)
            : undefined
      })
    } finally {
      await killLeftovers(root)
      for (const p of proxies.splice(0)) await p.close()
    }

    const check = await checkCache(set, dir, env, {
      verify: outcome.claimedSuccess,
      tidy: outcome.claimedSuccess && (scenario.tidy ?? []).includes(id)
    })
    const green = outcome.claimedSuccess && check.complete && check.verified
    const missing = scenario.missing?.(set)
    return {
      set: id,
      scenario: scenario.name,
      contender,
      green,
      ms: outcome.ms,
      hitCap: outcome.hitCap,
      capMs,
      claimedSuccess: outcome.claimedSuccess,
      complete: check.complete,
      verified: check.verified,
      verifyMs: check.verifyMs,
      attempts: outcome.attempts,
      resources: outcome.resources,
      reportedResources: outcome.reportedResources,
      goCpuMs: outcome.goCpuMs,
      failedModules: outcome.failedModules,
      missingNamed: missing && outcome.failedModules?.filter(m => missing.includes(m)).length,
      missingTotal: missing?.length,
      tidyOffline: check.tidyOffline,
      buildOffline: check.buildOffline,
      buildOfflineMs: check.buildOfflineMs,
      hedges: outcome.hedges,
      stalls: outcome.stalls,
      loopP99Ms: outcome.loopP99Ms,
      loopMaxMs: outcome.loopMaxMs,
      relayPeakMb: outcome.relayPeakMb,
      load1: Math.round(load1 * 100) / 100,
      detail: green ? undefined : outcome.claimedSuccess ? check.detail : outcome.detail
    }
  } finally {
    for (const p of proxies) await p.close()
    await opts.runs.done(root)
  }
}
