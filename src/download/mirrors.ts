import { redactUrl } from '../security/redact.js'
import { completed } from './attempt.js'
import type { FailureClass } from '../failures/classes.js'
import type { Attempt, MirrorStats, RequestRecord } from './types.js'

export interface Mirror {
  /** The GOPROXY entry, credentials included. */
  value: string
  /** The entry as shown to people. */
  label: string
}

interface Tally {
  mirror: Mirror
  tried: boolean
  demoted: boolean
  /** A probe before the download found it unreachable: tried late, and not exported unless it answers. */
  suspect: boolean
  requests: RequestRecord[]
  failuresByClass: Partial<Record<FailureClass, number>>
  completions: number
}

/** The mirrors in play, their health, and the order the next working directory should try them in. */
export class Mirrors {
  private readonly tallies: Tally[]

  constructor(entries: readonly (string | Mirror)[], tryLast: readonly string[] = []) {
    this.tallies = entries.map(entry => ({
      mirror: typeof entry === 'string' ? { value: entry, label: redactUrl(entry) } : entry,
      tried: false,
      demoted: false,
      suspect: tryLast.includes(typeof entry === 'string' ? entry : entry.value),
      requests: [],
      failuresByClass: {},
      completions: 0
    }))
  }

  /** Healthy mirrors in the user's order, then suspect or demoted ones; `off` stays where it ends the list. */
  inOrder(): Mirror[] {
    const healthy = this.tallies.filter(t => !t.demoted && !t.suspect)
    const demoted = this.tallies.filter(t => t.demoted || t.suspect)
    const ordered = [...healthy, ...demoted].map(t => t.mirror)
    const offIndex = ordered.findIndex(m => m.value === 'off')
    return offIndex < 0 ? ordered : [...ordered.filter(m => m.value !== 'off'), ordered[offIndex] as Mirror]
  }

  record(mirror: Mirror, attempt: Attempt): void {
    const tally = this.tally(mirror)
    tally.tried = true
    const own = /^(https?|file):/.test(mirror.value)
      ? attempt.requests.filter(r => r.origin === mirror.label)
      : attempt.requests
    tally.requests.push(...own)
    for (const failure of attempt.failures) {
      tally.failuresByClass[failure.class] = (tally.failuresByClass[failure.class] ?? 0) + 1
    }
    if (completed(attempt)) tally.completions++
  }

  demote(mirror: Mirror): void {
    this.tally(mirror).demoted = true
  }

  stats(): MirrorStats[] {
    return this.tallies
      .filter(t => t.tried)
      .map(t => ({
        proxy: t.mirror.label,
        requests: t.requests.length,
        ok: t.requests.filter(isOk).length,
        failuresByClass: t.failuresByClass,
        medianMs: medianLatency(t),
        demoted: t.demoted,
        answered: answered(t)
      }))
  }

  /**
   * Mirrors for later steps' GOPROXY: those that completed a download first, then others that
   * answered (fastest first), then untried ones; never a mirror that failed or went silent. When
   * every one did at some point, those that answered all the same; never one that never answered.
   */
  exportOrder(completedBy: readonly (string | undefined)[]): Mirror[] {
    const healthy = this.tallies.filter(
      t => t.mirror.value !== 'off' && !t.demoted && (t.tried ? answered(t) : !t.suspect)
    )
    const usable =
      healthy.length > 0 ? healthy : this.tallies.filter(t => t.mirror.value !== 'off' && answered(t))
    const rank = (t: Tally): number => {
      const completed = completedBy.indexOf(t.mirror.label)
      if (completed >= 0) return completed
      if (t.tried) return 1000 + (medianLatency(t) ?? 0)
      return 1_000_000
    }
    return usable
      .map((t, index) => ({ t, index }))
      .sort((a, b) => rank(a.t) - rank(b.t) || a.index - b.index)
      .map(({ t }) => t.mirror)
  }

  private tally(mirror: Mirror): Tally {
    return this.tallies.find(t => t.mirror.value === mirror.value) as Tally
  }
}

function isOk(record: RequestRecord): boolean {
  return record.status !== undefined && record.status >= 200 && record.status < 300
}

function medianLatency(t: Tally): number | undefined {
  return median(t.requests.filter(isOk).flatMap(r => (r.ms === undefined ? [] : [r.ms])))
}

function answered(t: Tally): boolean {
  return t.completions > 0 || t.requests.some(isOk)
}

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}
