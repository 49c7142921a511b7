import { describe, expect, it } from '@jest/globals'
import { DISGUISED_OUTAGE_WORDS } from '../../src/failures/classify.js'
import { DECISIONS } from '../../src/policy/decisions.js'
import { downJudgement, judge, judgeTry } from '../../src/relay/try.js'
import { OUTAGE_BODIES } from '../../__fixtures__/outage-bodies.js'

const status = (code: number, text = '', retryAfterMs?: number) =>
  ({ kind: 'status', status: code, statusText: 'Status', text, retryAfterMs }) as const

describe('judge', () => {
  it('has an example for each word of a disguised outage', () => {
    expect(OUTAGE_BODIES.map(([word]) => word)).toEqual([...DISGUISED_OUTAGE_WORDS])
  })

  it.each(OUTAGE_BODIES)(
    'asks the same mirror again for a 404 or 410 that says "%s", and takes it for no missing file',
    (_word, body) => {
      for (const code of [404, 410]) {
        const judgement = judge(status(code, body), 'fallback')
        expect(judgement).toMatchObject({
          class: 'not-found',
          transient: true,
          action: 'retry',
          unhealthy: false
        })
        expect(judgement.notFound).toBeUndefined()
      }
    }
  )

  it('asks the next mirror for a plain 404, a missing file, even in a module path with an outage word', () => {
    const body = 'not found: module example.com/timeout: no matching versions for query "latest"'
    expect(judge(status(404, body), 'fallback')).toMatchObject({
      class: 'not-found',
      transient: false,
      action: 'next',
      notFound: true
    })
  })

  it('keeps a Retry-After on a 429 as an appointment, and on a 503 only as the wait', () => {
    expect(judge(status(429, '', 2000), 'fallback')).toMatchObject({ action: 'retry', appointment: true })
    expect(judge(status(429), 'fallback').appointment).toBeUndefined()
    const unavailable = judge(status(503, '', 2000), 'fallback')
    expect(unavailable).toMatchObject({ class: 'server-error', action: 'retry', retryAfterMs: 2000 })
    expect(unavailable.appointment).toBeUndefined()
  })

  it('asks the next mirror after a stall and counts it against the mirror', () => {
    const stalled = {
      kind: 'error',
      class: 'stalled',
      transient: true,
      detail: 'no answer for 60 s'
    } as const
    expect(judge(stalled, 'fallback')).toMatchObject({ action: 'next', unhealthy: true })
  })

  it('takes every error class where the decision table says, for the request and the breaker alike', () => {
    for (const [failureClass, policy] of Object.entries(DECISIONS)) {
      if (!policy.request) continue
      for (const transient of [true, false]) {
        const result = { kind: 'error', class: failureClass, transient, detail: 'x' } as Parameters<
          typeof judge
        >[0]
        expect([failureClass, transient, judge(result, 'fallback')]).toEqual([
          failureClass,
          transient,
          expect.objectContaining({
            action: transient ? policy.request.transient : policy.request.permanent,
            unhealthy: policy.request.breaker
          })
        ])
      }
    }
  })

  it('asks the next mirror after a redirect that cannot work, even for a class that would retry', () => {
    const loop = {
      kind: 'error',
      class: 'bad-response',
      transient: true,
      detail: 'redirects in a loop',
      misconfigured: true
    } as const
    expect(judge(loop, 'fallback')).toMatchObject({ action: 'next', unhealthy: false })
  })
})

describe('judgeTry', () => {
  const ok = { kind: 'ok', bytes: 10, acceptRanges: false } as const

  it('asks the next mirror after a copy that does not match go.sum, and stops with on-checksum-mismatch: fail', () => {
    const mismatch = { ok: false, mismatch: true, reason: 'h1:x does not match go.sum' } as const
    expect(judgeTry(ok, mismatch, 'fallback')).toMatchObject({ class: 'checksum-mismatch', action: 'next' })
    expect(judgeTry(ok, mismatch, 'fail')).toMatchObject({ class: 'checksum-mismatch', action: 'stop' })
  })

  it('asks the next mirror after a garbled copy, which stays transient for the last mirror standing', () => {
    const garbled = { ok: false, mismatch: false, reason: 'an HTML page, not a module file' } as const
    expect(judgeTry(ok, garbled, 'fallback')).toMatchObject({
      class: 'bad-response',
      transient: true,
      action: 'next',
      unhealthy: false
    })
  })
})

describe('downJudgement', () => {
  it('moves on from a down mirror without a word on the file or its breaker', () => {
    expect(downJudgement('not asked')).toMatchObject({ action: 'next', unhealthy: false, down: true })
  })
})
