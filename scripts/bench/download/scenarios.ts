import type { Fault } from '../../../testkit/proxy.js'
import type { BenchSet, ContenderId, SetId } from './types.js'

export type Mirrors = 1 | 2

export interface Scenario {
  name: string
  /** What the mirrors do, for the docs. */
  description: string
  /** Faults drawn per request from the seeded PRNG: the outcome depends on the seed. */
  random: boolean
  /** The sets it runs on, and with how many mirrors on each: 1 (A alone), 2 (A, then a healthy B). */
  on: Partial<Record<SetId, Mirrors[]>>
  /** Only these contenders; every one that fits the mirrors when absent. */
  contenders?: ContenderId[]
  /** A mirror goes quiet: go, which has no response timeout, waits forever, so it is stopped sooner. */
  hangs?: boolean
  /** Mirror A is a port where nothing listens. */
  refused?: boolean
  /** Mirror A's faults, built just before the contender starts (time windows count from then). */
  faults?(set: BenchSet): Fault[]
  /** Mirror B's faults: B is healthy unless the scenario says so. */
  faultsB?(set: BenchSet): Fault[]
  /** Every answer of every mirror this late. */
  latencyMs?: number
  /**
   * The mirrors serve https with a certificate made for the run, which every contender trusts through
   * `SSL_CERT_FILE` (go and the action read it alike), as the public mirror is reached.
   */
  tls?: boolean
  /** The action's inputs that differ from the bench's (its defaults) in this scenario. */
  actionInputs?: Record<string, string>
  /** The modules (`path@version`) the scenario takes away from every mirror. */
  missing?(set: BenchSet): string[]
  /** The sets where each green run's cache is checked with `GOPROXY=off go mod tidy -diff`. */
  tidy?: SetId[]
}

/** The per-fault chance that makes `count` independent draws add up to `total`. */
export function splitProbability(total: number, count: number): number {
  return 1 - (1 - total) ** (1 / count)
}

/** A random 5xx on a share of A's requests, spread over the statuses proxies really send. */
function random5xx(total: number): Fault[] {
  const statuses = [500, 502, 503, 504]
  const p = splitProbability(total, statuses.length)
  return statuses.map(status => ({ kind: 'status', status, probability: p }))
}

export const STORM_MS = 8000
export const LATENCY_MS = 40
export const LATENCY_NEAR_MS = 10

/** The module mirror A does not have: one in the middle of the set, so go meets it mid-download. */
export function missingModule(set: BenchSet): string {
  return set.modules[Math.floor(set.modules.length / 2)]!.path
}

/** Three modules no mirror has, spread over the set: go stops at the first it meets. */
export function missingThree(set: BenchSet): string[] {
  const n = set.modules.length
  return [1, 2, 3].map(q => set.modules[Math.floor((q * n) / 4)]!).map(m => `${m.path}@${m.version}`)
}

function notFound(set: BenchSet): Fault[] {
  const paths = new Set(missingThree(set).map(m => m.split('@')[0]))
  return [{ kind: 'status', status: 404, match: req => req.module !== undefined && paths.has(req.module) }]
}

const BOTH: Mirrors[] = [1, 2]

export const SCENARIOS: Scenario[] = [
  {
    name: 'healthy',
    description: 'Every mirror serves everything.',
    random: false,
    on: { '100': BOTH, '1000': [1], real: [1] },
    // Nothing fails, so the wrapper's first try is plain go.
    contenders: ['plain', 'action', 'actionBuild', 'pipe', 'action2'],
    tidy: ['real']
  },
  {
    name: 'healthy-tls',
    description: 'Every mirror serves everything over https, as the public mirror does.',
    random: false,
    on: { '100': [1], real: [1] },
    contenders: ['plain', 'action'],
    tls: true
  },
  {
    name: 'latency-10',
    description: `Every answer of every mirror comes ${LATENCY_NEAR_MS} ms late, about a hosted runner's distance to the public mirror.`,
    random: false,
    on: { '100': [1], real: [1] },
    contenders: ['plain', 'action'],
    latencyMs: LATENCY_NEAR_MS
  },
  {
    name: 'latency-40',
    description: `Every answer of every mirror comes ${LATENCY_MS} ms late, as from a mirror across a real network.`,
    random: false,
    on: { '100': BOTH, real: [1] },
    // Nothing fails, so the wrapper is plain go.
    contenders: ['plain', 'action', 'pipe', 'action2'],
    latencyMs: LATENCY_MS
  },
  {
    name: '5xx10-reset3',
    description:
      '10% of requests to A answer 500, 502, 503 or 504 and 3% are reset unanswered, drawn per request.',
    random: true,
    on: { '100': BOTH, real: [1] },
    faults: () => [...random5xx(0.1), { kind: 'reset', probability: 0.03 / 0.9 }]
  },
  {
    name: '5xx-10',
    description: '10% of requests to A, drawn per request, answer 500, 502, 503 or 504.',
    random: true,
    on: { '1000': [1] },
    faults: () => random5xx(0.1)
  },
  {
    name: '5xx-25',
    description: '25% of requests to A, drawn per request, answer 500, 502, 503 or 504.',
    random: true,
    on: { '100': BOTH },
    faults: () => random5xx(0.25)
  },
  {
    name: '429-50',
    description:
      'Half the requests to A, drawn per request, answer 429 Too Many Requests with `Retry-After: 1`.',
    random: true,
    on: { '100': BOTH },
    faults: () => [{ kind: 'status', status: 429, retryAfter: 1, probability: 0.5 }]
  },
  {
    name: '429-storm',
    description: `A answers every request with 429 Too Many Requests (no Retry-After) for the first ${STORM_MS / 1000} s, then serves normally.`,
    random: false,
    on: { '100': [2] },
    faults: () => {
      const until = Date.now() + STORM_MS
      return [{ kind: 'status', status: 429, match: () => Date.now() < until }]
    }
  },
  {
    name: 'stall-body-20',
    description: '20% of the zips A sends, drawn per request, stop halfway with the connection held open.',
    random: true,
    on: { '100': BOTH },
    hangs: true,
    faults: () => [{ kind: 'hang-body', probability: 0.2, match: { file: 'zip' } }]
  },
  {
    name: 'reset-truncate',
    description:
      '10% of requests to A are reset unanswered and 10% of zips are cut off halfway, drawn per request.',
    random: true,
    on: { '100': [2] },
    faults: () => [
      { kind: 'reset', probability: 0.1 },
      { kind: 'truncate', probability: 0.1, match: { file: 'zip' } }
    ]
  },
  {
    name: 'missing-three',
    description:
      'Three modules (a quarter, half and three quarters into the set) are missing from every mirror: 404.',
    random: false,
    on: { '100': BOTH },
    faults: notFound,
    faultsB: notFound,
    missing: missingThree
  },
  {
    name: 'refused',
    description: 'Nothing listens on A: every connection is refused.',
    random: false,
    on: { '100': [2] },
    refused: true
  },
  {
    name: 'silent',
    description: 'A accepts every connection and never answers (the probe is on, as by default).',
    random: false,
    on: { '100': [2] },
    hangs: true,
    faults: () => [{ kind: 'hang' }]
  },
  {
    name: 'silent-probe-off',
    description:
      'A accepts every connection and never answers; the action runs with `probe: false` (go, the chain and the wrapper: see silent).',
    random: false,
    on: { '100': [2] },
    contenders: ['action2'],
    hangs: true,
    faults: () => [{ kind: 'hang' }],
    actionInputs: { probe: 'false' }
  },
  {
    name: 'missing-one',
    description: 'A answers 404 for every file of one module (in the middle of the set); B has it.',
    random: false,
    on: { '100': [2] },
    faults: set => [{ kind: 'status', status: 404, match: { module: missingModule(set) } }]
  }
]

/**
 * The scenarios of `--quick`: those the goals judge on 100 modules, but for stall-body-20, which takes
 * two full stall-timeouts on one mirror today (run it with `--scenarios stall-body-20`).
 */
export const QUICK_SCENARIOS = [
  'healthy',
  'latency-40',
  '5xx10-reset3',
  '5xx-25',
  '429-50',
  'missing-three',
  'silent-probe-off'
]
