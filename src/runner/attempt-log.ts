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
  private isOpen = false

  constructor(private readonly runner: Pick<Runner, 'startGroup' | 'endGroup' | 'info'>) {}

  open(title: string): void {
    this.runner.startGroup(title)
    this.token = randomUUID()
    this.runner.info(`::stop-commands::${this.token}`)
    this.isOpen = true
    this.timer = setInterval(() => this.flush(), 500)
    this.timer.unref()
  }

  /** Lines pushed between attempts wait for the next group: nothing is written with workflow commands on. */
  push(line: string): void {
    this.lines.push(line)
    if (this.lines.length >= 500) this.flush()
  }

  close(): void {
    clearInterval(this.timer)
    this.flush()
    this.isOpen = false
    this.runner.info(`::${this.token}::`)
    this.runner.endGroup()
  }

  /** Writes what is still waiting, in a group of its own. */
  drain(title: string): void {
    if (this.lines.length === 0 || this.isOpen) return
    this.open(title)
    this.close()
  }

  private flush(): void {
    if (this.lines.length === 0 || !this.isOpen) return
    this.runner.info(this.lines.join('\n'))
    this.lines = []
  }
}
