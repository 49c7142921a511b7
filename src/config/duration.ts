const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }
const COMPONENT = /(\d+(?:\.\d+)?)(ms|s|m|h)/y

/**
 * Parses a duration in Go's notation restricted to ms, s, m and h (`500ms`, `2s`, `1m30s`), so a
 * Go maintainer can write what `time.ParseDuration` takes. Returns undefined for anything else.
 */
export function parseDuration(text: string): number | undefined {
  const value = text.trim()
  if (value === '0') return 0
  if (value === '') return undefined
  let total = 0
  COMPONENT.lastIndex = 0
  while (COMPONENT.lastIndex < value.length) {
    const start = COMPONENT.lastIndex
    const match = COMPONENT.exec(value)
    if (!match || match.index !== start) return undefined
    total += Number(match[1]) * (UNIT_MS[match[2] as string] as number)
  }
  return Math.round(total)
}

/** Formats milliseconds for people: `850 ms`, `12.4 s`, `3 min 5 s` (never `60.0 s` or `1 min 60 s`). */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 59_950) return `${(ms / 1000).toFixed(1)} s`
  const totalSeconds = Math.round(ms / 1000)
  const minutes = Math.floor(totalSeconds / 60)
  const seconds = totalSeconds % 60
  return seconds === 0 ? `${minutes} min` : `${minutes} min ${seconds} s`
}
