import { describe, expect, it } from '@jest/globals'
import { emptyMirrorStats } from '../../src/relay/health.js'
import type { RelayMirrorStats, RelayReport } from '../../src/relay/types.js'
import { laterStepsGoproxy, mirrorOrder } from '../../src/steps/relay-session.js'

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
