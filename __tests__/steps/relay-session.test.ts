import { describe, expect, it } from '@jest/globals'
import { emptyMirrorStats } from '../../src/relay/health.js'
import type { FileRecord, RelayMirrorStats, RelayReport, TryRecord } from '../../src/relay/types.js'
import { laterStepsGoproxy, mirrorOrder, relayRecovered } from '../../src/steps/relay-session.js'

function stats(mirror: string, fields: Partial<RelayMirrorStats>): RelayMirrorStats {
  return { ...emptyMirrorStats(mirror), ...fields }
}

function report(...mirrors: RelayMirrorStats[]): RelayReport {
  return { mirrors, files: [], totals: { files: 0, servedToGo: 0, fromStore: 0, bytes: 0 } }
}

const label = (m: string) => m.replace(/\/\/[^@]*@/, '//***@')

describe('mirrorOrder', () => {
  it('puts the mirrors the probe put last behind the other module proxies, and keeps direct and off after them', () => {
    const [a, b, c] = ['https://a.example', 'https://b.example', 'file:///srv/mirror']
    expect(mirrorOrder([a, b, c, 'direct'], [a])).toEqual([b, c, a, 'direct'])
    expect(mirrorOrder([a, 'direct', b, 'off'], [])).toEqual([a, b, 'direct', 'off'])
  })
})

describe('laterStepsGoproxy', () => {
  it('keeps a mirror the relay never had to ask, behind the ones that answered', () => {
    const goproxy = laterStepsGoproxy(
      ['https://b.test', 'https://a.test', 'direct'],
      report(stats('https://b.test', {}), stats('https://a.test', { requests: 9, ok: 9, answered: true })),
      label
    )
    expect(goproxy).toBe('https://a.test|https://b.test|direct')
  })

  it('leaves out a mirror the relay never asked because the probe found it down', () => {
    const goproxy = laterStepsGoproxy(
      ['https://down.test', 'https://a.test'],
      report(stats('https://down.test', {}), stats('https://a.test', { requests: 9, ok: 9, answered: true })),
      label,
      ['https://down.test']
    )
    expect(goproxy).toBe('https://a.test')
  })

  it('drops a mirror that was asked and never answered, and puts one whose breaker tripped last', () => {
    const goproxy = laterStepsGoproxy(
      ['https://silent.test', 'https://shaky.test', 'https://good.test'],
      report(
        stats('https://silent.test', { requests: 4, failuresByClass: { stalled: 4 } }),
        stats('https://shaky.test', { requests: 9, ok: 5, answered: true, breakerTrips: 1 }),
        stats('https://good.test', { requests: 4, ok: 4, answered: true })
      ),
      label
    )
    expect(goproxy).toBe('https://good.test|https://shaky.test')
  })

  it('keeps every mirror, credentials included, when none answered, rather than exporting nothing', () => {
    const goproxy = laterStepsGoproxy(
      ['https://u:p@a.test'],
      report(stats('https://***@a.test', { requests: 3 })),
      label
    )
    expect(goproxy).toBe('https://u:p@a.test')
  })
})

describe('relayRecovered', () => {
  const attempt = (fields: Partial<TryRecord>): TryRecord => ({
    mirror: 'https://a.test',
    hedge: false,
    startMs: 0,
    durationMs: 10,
    bytes: 0,
    outcome: 'ok',
    ...fields
  })
  const zip = (tries: TryRecord[]): FileRecord => ({
    name: 'example.test/m@v1.0.0 .zip',
    module: 'example.test/m',
    version: 'v1.0.0',
    file: 'zip',
    requestedBy: 'prefetch',
    tries,
    outcome: 'ok',
    servedBy: 'https://b.test',
    servedToGo: false
  })
  const files = (...list: FileRecord[]): RelayReport => ({ ...report(), files: list })

  it('names a module whose first copy never answered and lost to a hedge on another mirror', () => {
    const recovered = relayRecovered(
      files(
        zip([
          attempt({ outcome: 'lost', class: 'stalled', detail: 'no answer before another copy arrived' }),
          attempt({ mirror: 'https://b.test', hedge: true, bytes: 100 })
        ])
      )
    )
    expect(recovered).toEqual([
      {
        module: 'example.test/m',
        version: 'v1.0.0',
        class: 'stalled',
        attempts: 2,
        proxy: 'https://b.test',
        relayed: {
          failedOn: ['https://a.test'],
          trail: 'example.test/m@v1.0.0 .zip: https://a.test: no answer before another copy arrived'
        }
      }
    ])
  })

  it('leaves out a hedge that lost to the first copy, and one sent for a body that only went quiet', () => {
    expect(
      relayRecovered(
        files(
          zip([attempt({ bytes: 100 }), attempt({ mirror: 'https://b.test', hedge: true, outcome: 'lost' })]),
          zip([attempt({ outcome: 'lost', firstByteMs: 5 }), attempt({ hedge: true, bytes: 100 })])
        )
      )
    ).toEqual([])
  })
})
