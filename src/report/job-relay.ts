import type { StopResult } from '../relay/daemon.js'
import type { DaemonStopReason } from '../relay/journal.js'

/**
 * What the post step says of a relay that did not simply stop when asked, from its journal and the
 * proof it gave or did not give; undefined when it stopped as asked.
 */
export function jobRelayStopNote(result: StopResult, pid: number): string | undefined {
  switch (result.how) {
    case 'stopped':
    case 'killed':
      return undefined
    case 'left':
      return `The relay for later steps (pid ${pid}) did not stop; the runner ends it with the job.`
    case 'unproven':
      return `The process at the relay's pid ${pid} and port did not prove to be the relay for later steps: nothing was signalled.`
    case 'gone': {
      const stopped = result.stopped
      if (!stopped || stopped.reason === 'asked')
        return 'The relay for later steps ended before the post step without a word in its journal (it was killed, or crashed); go commands after that went to the mirrors behind it in GOPROXY.'
      const detail = stopped.detail ? ` (${stopped.detail})` : ''
      return `The relay for later steps stopped at ${stopped.at}, before the post step: ${STOP_REASONS[stopped.reason]}${detail}; go commands after that went to the mirrors behind it in GOPROXY.`
    }
  }
}

const STOP_REASONS: Record<DaemonStopReason, string> = {
  asked: 'it was asked to stop',
  idle: 'it was idle for longer than a job may run',
  'worker-gone': "the runner's worker process had ended",
  'out-of-memory': 'it ran out of memory',
  signal: 'it was sent a signal'
}
