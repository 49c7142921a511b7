import type { ModuleFailure } from '../download/types.js'

/**
 * The failures counted as people count them: once per module version, however many working
 * directories it failed in (the first one kept); failures that name no module are each their own.
 */
export function distinctFailures(failures: readonly ModuleFailure[]): ModuleFailure[] {
  const seen = new Set<string>()
  return failures.filter(failure => {
    if (failure.module === '') return true
    const key = `${failure.module}@${failure.version}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
