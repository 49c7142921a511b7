import * as core from '@actions/core'
import { randomUUID } from 'node:crypto'

/**
 * The log of one attempt, in a collapsible group: go's lines are written in batches (one write per
 * half second or 500 lines, not one per line), with workflow commands stopped so that nothing a
 * mirror makes go print can act as one.
 */
export class AttemptLog {
  private lines: string[] = []
  private token = ''
  private timer: NodeJS.Timeout | undefined

  open(title: string): void {
    core.startGroup(title)
    this.token = randomUUID()
    core.info(`::stop-commands::${this.token}`)
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
    core.info(`::${this.token}::`)
    core.endGroup()
  }

  private flush(): void {
    if (this.lines.length === 0) return
    core.info(this.lines.join('\n'))
    this.lines = []
  }
}
