import { describe, expect, it } from '@jest/globals'
import type { StopResult } from '../../src/relay/daemon.js'
import { jobRelayStopNote } from '../../src/report/job-relay.js'

const stoppedLine = (reason: NonNullable<StopResult['stopped']>['reason'], detail?: string) =>
  ({ t: 'stopped', reason, detail, at: '2026-05-01T10:00:00.000Z' }) as const

describe('jobRelayStopNote', () => {
  it('says nothing of a relay that stopped when asked', () => {
    expect(jobRelayStopNote({ how: 'stopped', lines: [], stopped: stoppedLine('asked') }, 7)).toBeUndefined()
    expect(jobRelayStopNote({ how: 'killed', lines: [] }, 7)).toBeUndefined()
  })

  it.each([
    ['idle', undefined, 'it was idle for longer than a job may run'],
    ['worker-gone', 'process 12 ended', "the runner's worker process had ended (process 12 ended)"],
    ['out-of-memory', '58 MB of a 64 MB heap', 'it ran out of memory (58 MB of a 64 MB heap)'],
    ['signal', 'SIGTERM', 'it was sent a signal (SIGTERM)']
  ] as const)('says why a relay that was gone stopped, from its journal: %s', (reason, detail, text) => {
    const line = stoppedLine(reason, detail)
    expect(jobRelayStopNote({ how: 'gone', lines: [line], stopped: line }, 7)).toBe(
      `The relay for later steps stopped at 2026-05-01T10:00:00.000Z, before the post step: ${text}; go commands after that went to the mirrors behind it in GOPROXY.`
    )
  })

  it('guesses nothing when the journal says nothing', () => {
    const note = jobRelayStopNote({ how: 'gone', lines: [] }, 7)
    expect(note).toContain('without a word in its journal (it was killed, or crashed)')
    expect(note).not.toContain('fell back')
  })

  it('says nothing was signalled to a process that did not prove to be the relay', () => {
    expect(jobRelayStopNote({ how: 'unproven', lines: [] }, 7)).toBe(
      "The process at the relay's pid 7 and port did not prove to be the relay for later steps: nothing was signalled."
    )
  })
})
