import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { goEnv, removeTree } from '../../testkit/action.js'
import { generateModuleSet, type ModuleSet } from '../../testkit/modset.js'
import { refusedUrl, startProxy, type Proxy } from '../../testkit/proxy.js'
import { killLeftovers, RUNNERS, type ContenderOutcome } from './contenders.js'
import type { Scenario } from './scenarios.js'
import { checkCache } from './verify.js'
import { CONTENDERS, type ContenderId, type RunResult } from './types.js'

/** The module sets: every `BIG_EVERY`th module carries an incompressible blob, the rest are a few KB. */
export const MODULE_SET_SEED = 2026
export const BIG_ZIP_BYTES = 4 * 1024 * 1024
export const BIG_EVERY = 25

export interface BenchOptions {
  sizes: number[]
  /** Seeds to run at each size. */
  seeds: (size: number) => number
  scenarios: Scenario[]
  capMs: number
  actionInputs: Record<string, string>
  onModuleSet?(size: number, set: ModuleSet, ms: number): void
  onResult?(result: RunResult, done: number, total: number): void
}

export function moduleSet(size: number): ModuleSet {
  return generateModuleSet({
    count: size,
    seed: MODULE_SET_SEED,
    bigZipBytes: BIG_ZIP_BYTES,
    bigEvery: BIG_EVERY
  })
}

/** The order contenders run in for a seed: rotated, so none always runs first after a cache clean-up. */
export function contenderOrder(seed: number): ContenderId[] {
  const shift = (seed - 1) % CONTENDERS.length
  return [...CONTENDERS.slice(shift), ...CONTENDERS.slice(0, shift)]
}

/** Runs every size, scenario, seed and contender, one run at a time. */
export async function runBench(opts: BenchOptions): Promise<RunResult[]> {
  const results: RunResult[] = []
  const total =
    opts.sizes.reduce((n, size) => n + opts.seeds(size), 0) * opts.scenarios.length * CONTENDERS.length
  for (const size of opts.sizes) {
    const began = Date.now()
    const set = moduleSet(size)
    opts.onModuleSet?.(size, set, Date.now() - began)
    // Not recorded: the first download after generating a set pays for cold page caches and a cold heap.
    await runOnce(set, { name: 'warm-up', description: '', random: false }, 1, 'plain', opts)
    for (const [index, scenario] of opts.scenarios.entries()) {
      for (let seed = 1; seed <= opts.seeds(size); seed++) {
        for (const contender of contenderOrder(seed)) {
          const first = results.find(
            r => r.size === size && r.scenario === scenario.name && r.contender === contender && r.seed === 1
          )
          const result =
            !scenario.random && first && !first.green
              ? { ...first, seed, carried: true }
              : await runOnce(set, scenario, seed * 1000 + index + 1, contender, opts).then(r => ({
                  ...r,
                  size,
                  seed
                }))
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
  set: ModuleSet,
  scenario: Scenario,
  proxySeed: number,
  contender: ContenderId,
  opts: BenchOptions
): Promise<Omit<RunResult, 'size' | 'seed'>> {
  const root = await mkdtemp(join(tmpdir(), 'gmd-bench-'))
  const proxies: Proxy[] = []
  try {
    const dir = join(root, 'work')
    await set.writeConsumer(dir)
    const env = goEnv(root)
    const b = await startProxy({ files: set.files, name: 'mirror-b' })
    proxies.push(b)
    // B listens before the refused port is picked, so B can never land on it.
    let mirrorA: string
    if (scenario.refused) mirrorA = await refusedUrl()
    else {
      const a = await startProxy({ files: set.files, name: 'mirror-a', seed: proxySeed })
      proxies.push(a)
      a.setFaults(scenario.faults?.(set) ?? [])
      mirrorA = a.url
    }

    let outcome: ContenderOutcome
    try {
      outcome = await RUNNERS[contender]({
        root,
        dir,
        env,
        mirrorA,
        mirrorB: b.url,
        capMs: opts.capMs,
        actionInputs: opts.actionInputs
      })
    } finally {
      await killLeftovers(root)
      for (const p of proxies.splice(0)) await p.close()
    }

    const check = await checkCache(set, dir, env, outcome.claimedSuccess)
    const green = outcome.claimedSuccess && check.complete && check.verified
    return {
      scenario: scenario.name,
      contender,
      green,
      ms: outcome.ms,
      hitCap: outcome.hitCap,
      claimedSuccess: outcome.claimedSuccess,
      complete: check.complete,
      verified: check.verified,
      verifyMs: check.verifyMs,
      attempts: outcome.attempts,
      resources: outcome.resources,
      reportedResources: outcome.reportedResources,
      firstHealthyMs: outcome.firstHealthyMs,
      detail: green ? undefined : outcome.claimedSuccess ? check.detail : outcome.detail
    }
  } finally {
    for (const p of proxies) await p.close()
    await removeTree(root)
  }
}
