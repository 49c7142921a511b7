import path from 'node:path'
import type { LibraryOutput } from '../runner/cache-output.js'

/** Where cache messages go; @actions/core by default, a collector in tests. */
export interface CacheLog {
  info(message: string): void
  warning(message: string): void
  notice(message: string): void
}

// The library keys entries by the path strings too: a snapshot inside the working directory (a GOMODCACHE in
// the workspace) is named relative to it, so matrix jobs in different checkouts share entries.
export function libraryPath(snapshot: string): string {
  const relativePath = path.relative(process.cwd(), snapshot)
  return relativePath === '' || relativePath.startsWith('..') || path.isAbsolute(relativePath)
    ? snapshot
    : relativePath
}

/** Waits for `settled` at most `ms`; undefined when the budget ran out first. */
export async function withinBudget<T>(settled: Promise<T>, ms: number): Promise<{ value: T } | undefined> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<undefined>(resolve => {
    timer = setTimeout(() => resolve(undefined), ms)
  })
  try {
    return await Promise.race([settled.then(value => ({ value })), timeout])
  } finally {
    clearTimeout(timer)
  }
}

export function libraryMessage(output: LibraryOutput, prefix: string): string | undefined {
  return output.lines.find(l => l.message.startsWith(prefix))?.message
}

export function librarySize(output: LibraryOutput, pattern: RegExp): number | undefined {
  for (const line of output.lines) {
    const match = pattern.exec(line.message)
    if (match) return Number(match[1])
  }
  return undefined
}
