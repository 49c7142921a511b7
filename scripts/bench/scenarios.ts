import type { ModuleSet } from '../../testkit/modset.js'
import type { Fault } from '../../testkit/proxy.js'

export interface Scenario {
  name: string
  /** What mirror A does, for the docs. */
  description: string
  /** Faults drawn per request from the seeded PRNG: the outcome depends on the seed. */
  random: boolean
  /** Mirror A is a port where nothing listens. */
  refused?: boolean
  /** Mirror A's faults, built just before the contender starts (time windows count from then). */
  faults?(set: ModuleSet): Fault[]
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

/** The module mirror A does not have: one in the middle of the set, so go meets it mid-download. */
export function missingModule(set: ModuleSet): string {
  return set.modules[Math.floor(set.modules.length / 2)]!.path
}

export const SCENARIOS: Scenario[] = [
  { name: 'healthy', description: 'A serves everything.', random: false },
  {
    name: '5xx-10',
    description: '10% of requests to A, drawn per request, answer 500, 502, 503 or 504.',
    random: true,
    faults: () => random5xx(0.1)
  },
  {
    name: '5xx-25',
    description: '25% of requests to A, drawn per request, answer 500, 502, 503 or 504.',
    random: true,
    faults: () => random5xx(0.25)
  },
  {
    name: '429-storm',
    description: `A answers every request with 429 Too Many Requests for the first ${STORM_MS / 1000} s, then serves normally.`,
    random: false,
    faults: () => {
      const until = Date.now() + STORM_MS
      return [{ kind: 'status', status: 429, match: () => Date.now() < until }]
    }
  },
  {
    name: 'refused',
    description: 'Nothing listens on A: every connection is refused.',
    random: false,
    refused: true
  },
  {
    name: 'silent',
    description: 'A accepts every connection and never answers.',
    random: false,
    faults: () => [{ kind: 'hang' }]
  },
  {
    name: 'reset-truncate',
    description:
      '10% of requests to A are reset unanswered and 10% of zips are cut off halfway, drawn per request.',
    random: true,
    faults: () => [
      { kind: 'reset', probability: 0.1 },
      { kind: 'truncate', probability: 0.1, match: { file: 'zip' } }
    ]
  },
  {
    name: 'missing-one',
    description: 'A answers 404 for every file of one module (in the middle of the set).',
    random: false,
    faults: set => [{ kind: 'status', status: 404, match: { module: missingModule(set) } }]
  }
]
