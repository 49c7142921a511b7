import { describe, expect, it } from '@jest/globals'
import { CLASS_TRAITS, FAILURE_CLASSES } from '../../src/failures/classes.js'
import { askAgain, decideFailure, decideRequest, DECISIONS } from '../../src/policy/decisions.js'

describe('decideRequest', () => {
  it('sends a request on from a down mirror at once, whatever the class says, without blaming its health', () => {
    expect(decideRequest({ class: 'server-error', transient: true, down: true }, 'fallback')).toEqual({
      action: 'next',
      breaker: false,
      appointment: false
    })
  })

  it('sends a request on from a mirror whose redirects cannot work, though the class alone would not', () => {
    expect(decideRequest({ class: 'unknown', transient: true, misconfigured: true }, 'fallback').action).toBe(
      'next'
    )
  })

  it('asks the next mirror after a stall, and the stall counts against the mirror', () => {
    expect(decideRequest({ class: 'stalled', transient: true }, 'fallback')).toEqual({
      action: 'next',
      breaker: true,
      appointment: false
    })
  })

  it('asks the next mirror after a garbled copy, transient or not, without blaming its health', () => {
    for (const transient of [true, false])
      expect(decideRequest({ class: 'bad-response', transient }, 'fallback')).toEqual({
        action: 'next',
        breaker: false,
        appointment: false
      })
  })

  it('retries a timeout on the same mirror, and counts it against the mirror', () => {
    expect(decideRequest({ class: 'timeout', transient: true }, 'fallback')).toMatchObject({
      action: 'retry',
      breaker: true
    })
  })

  it('retries a disguised outage on the same mirror and moves on from a plain 404, neither against its health', () => {
    expect(decideRequest({ class: 'not-found', transient: true }, 'fallback')).toMatchObject({
      action: 'retry',
      breaker: false
    })
    expect(decideRequest({ class: 'not-found', transient: false }, 'fallback')).toMatchObject({
      action: 'next',
      breaker: false
    })
  })

  it('asks the next mirror after a checksum mismatch, and stops with on-checksum-mismatch: fail', () => {
    expect(decideRequest({ class: 'checksum-mismatch', transient: false }, 'fallback').action).toBe('next')
    expect(decideRequest({ class: 'checksum-mismatch', transient: false }, 'fail').action).toBe('stop')
    expect(decideRequest({ class: 'server-error', transient: true }, 'fail').action).toBe('retry')
  })

  it('keeps a Retry-After as an appointment only for a rate limit', () => {
    expect(decideRequest({ class: 'rate-limited', transient: true }, 'fallback').appointment).toBe(true)
    expect(decideRequest({ class: 'server-error', transient: true }, 'fallback').appointment).toBe(false)
  })

  it('has a request column for every class a request to a mirror can end in', () => {
    const fromMirrors = FAILURE_CLASSES.filter(
      c =>
        CLASS_TRAITS[c].request ||
        ['bad-response', 'checksum-mismatch', 'local', 'stalled', 'unknown'].includes(c)
    )
    for (const c of fromMirrors) expect([c, DECISIONS[c].request]).toEqual([c, expect.any(Object)])
  })
})

describe('askAgain', () => {
  it('asks the same mirror again when the decision says so', () => {
    expect(askAgain({ action: 'retry', transient: true }, true)).toBe(true)
  })

  it('asks the last mirror standing again after a transient failure that would move on', () => {
    expect(askAgain({ action: 'next', transient: true }, false)).toBe(true)
    expect(askAgain({ action: 'next', transient: true }, true)).toBe(false)
    expect(askAgain({ action: 'next', transient: false }, false)).toBe(false)
    expect(askAgain({ action: 'stop', transient: true }, false)).toBe(false)
  })
})

describe('decideFailure', () => {
  it('fails a go process at once on a setting go cannot work with', () => {
    const ctx = { onChecksumMismatch: 'fallback' as const, fetchedBadCopy: true }
    expect(decideFailure({ class: 'unknown', transient: true, misconfigured: 'goproxy-off' }, ctx)).toBe(
      'fail'
    )
    expect(decideFailure({ class: 'stalled', transient: true }, ctx)).toBe('next-mirror')
  })
})
