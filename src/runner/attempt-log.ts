import { randomUUID } from 'node:crypto'
import type { Runner } from './port.js'

/**
 * The log of one attempt, in a collapsible group: go's lines are written in batches (one write per
 * half second or 500 lines, not one per line), with workflow commands stopped so that nothing a
 * mirror makes go print can act as one.
 */
export class AttemptLog {
  private lines: string[] = []
  private token = ''
  private timer: NodeJS.Timeout | undefined

  constructor(private readonly runner: Pick<Runner, 'startGroup' | 'endGroup' | 'info'>) {}

  open(title: string): void {
    this.runner.startGroup(title)
    this.token = randomUUID()
    this.runner.info(`::stop-commands::${this.token}`)
    this.timer = setInterval(() => this.flush(), 500)
    this.timer.unref()
  }

  push(line: string): void {
    this.lines.push(line)
    if (this.lines.length >= 500) this.flush()
  }

  close(): void {
    clearInterval(this.timer)
    this.flush()
    this.runner.info(`::${this.token}::`)
    this.runner.endGroup()
  }

  private flush(): void {
    if (this.lines.length === 0) return
    this.runner.info(this.lines.join('\n'))
    this.lines = []
  }
}
