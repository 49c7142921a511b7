/** Settings in the job's environment that weaken Go's module verification; the action never sets them. */
export function environmentWarnings(env: NodeJS.ProcessEnv): string[] {
  const warnings: string[] = []
  const set = (name: string): string => (env[name] ?? '').trim()
  if (set('GOSUMDB') === 'off') {
    warnings.push(
      'GOSUMDB=off is set in this job: hashes missing from go.sum are accepted without the checksum database'
    )
  }
  if (set('GONOSUMDB')) {
    warnings.push(
      `GONOSUMDB=${set('GONOSUMDB')} is set in this job: matching modules skip the checksum database`
    )
  }
  if (set('GOINSECURE')) {
    warnings.push(
      `GOINSECURE=${set('GOINSECURE')} is set in this job: matching modules may be fetched without TLS`
    )
  }
  if (/(^|\s)-insecure(\s|=|$)/.test(set('GOFLAGS'))) {
    warnings.push('GOFLAGS contains -insecure in this job: fetches may skip TLS verification')
  }
  if (env.GONOSUMCHECK !== undefined) {
    warnings.push(
      'GONOSUMCHECK is set in this job, but it is not a Go variable and does nothing; go.sum is still checked'
    )
  }
  return warnings
}

/**
 * The job's environment with `private-modules` merged into GOPRIVATE (and into GONOPROXY when the job
 * sets it, since then GOPRIVATE no longer feeds it), so private paths go direct and never to a mirror.
 */
export function privateEnv(env: NodeJS.ProcessEnv, privateModules: readonly string[]): NodeJS.ProcessEnv {
  if (privateModules.length === 0) return { ...env }
  const merge = (current: string | undefined): string =>
    [...new Set([...(current ?? '').split(',').map(p => p.trim()), ...privateModules].filter(Boolean))].join(
      ','
    )
  const result: NodeJS.ProcessEnv = { ...env, GOPRIVATE: merge(env.GOPRIVATE) }
  if ((env.GONOPROXY ?? '').trim()) result.GONOPROXY = merge(env.GONOPROXY)
  return result
}
