import { CLASS_TRAITS, type FailureClass } from '../failures/classes.js'

export interface BackoffSettings {
  baseMs: number
  maxMs: number
}

/**
 * Exponential backoff with full jitter: a uniform wait in [0, min(max, base * 2^(retry-1))].
 * Rate limits start two doublings higher.
 */
export function backoffDelay(
  retry: number,
  classes: readonly FailureClass[],
  settings: BackoffSettings,
  random: () => number
): number {
  const boost = classes.some(c => CLASS_TRAITS[c].slowBackoff) ? 2 : 0
  const ceiling = Math.min(settings.maxMs, settings.baseMs * 2 ** (retry - 1 + boost))
  return Math.round(random() * ceiling)
}
