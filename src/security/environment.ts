import { tokenScopes, withGitToken } from './git-auth.js'

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

/** The settings that decide which module paths reach a mirror and which checksum database vouches for them. */
const GO_CONFIG_SETTINGS = ['GOPRIVATE', 'GONOPROXY', 'GONOSUMDB', 'GOSUMDB'] as const

/**
 * The job's environment with these settings of go's configuration file (`go env -w`) made explicit where
 * the environment leaves them empty, as go itself reads them: the relay, the prefetch and the merge of
 * `private-modules` then keep the same paths private that go does, a merge never hides the file's, and the
 * relay forwards checksum database requests only for the database go really uses.
 */
export function withGoConfig(env: NodeJS.ProcessEnv, goEnv: Record<string, string>): NodeJS.ProcessEnv {
  const result = { ...env }
  for (const name of GO_CONFIG_SETTINGS) {
    const configured = (goEnv[name] ?? '').trim()
    if ((env[name] ?? '').trim() === '' && configured !== '') result[name] = configured
  }
  return result
}

/**
 * The job's environment with `private-modules` merged into GOPRIVATE, so private paths go direct and are
 * never asked of a mirror. GONOPROXY and GONOSUMDB take them too when the job sets those, since then
 * GOPRIVATE no longer feeds them: that keeps private paths away from mirrors and the checksum database
 * exactly as GOPRIVATE alone would, and verifies nothing less for any other module.
 */
export function privateEnv(env: NodeJS.ProcessEnv, privateModules: readonly string[]): NodeJS.ProcessEnv {
  return { ...env, ...privateExports(env, privateModules) }
}

/** The variables privateEnv changes, for later steps: their go must keep private paths away from mirrors too. */
export function privateExports(
  env: NodeJS.ProcessEnv,
  privateModules: readonly string[]
): Record<string, string> {
  if (privateModules.length === 0) return {}
  const merge = (current: string | undefined): string =>
    [...new Set([...(current ?? '').split(',').map(p => p.trim()), ...privateModules].filter(Boolean))].join(
      ','
    )
  const result: Record<string, string> = { GOPRIVATE: merge(env.GOPRIVATE) }
  for (const name of ['GONOPROXY', 'GONOSUMDB']) {
    if ((env[name] ?? '').trim()) result[name] = merge(env[name])
  }
  return result
}

/**
 * The environment for the go processes that download: private paths merged in and, when there is a
 * token, git told to send it to the hosts of `private-modules` (see git-auth.ts). Warnings say where the
 * token will not go.
 */
export function downloadEnv(
  env: NodeJS.ProcessEnv,
  privateModules: readonly string[],
  token: string
): { env: NodeJS.ProcessEnv; warnings: string[] } {
  const merged = privateEnv(env, privateModules)
  if (token === '') return { env: merged, warnings: [] }
  if (privateModules.length === 0) {
    return {
      env: merged,
      warnings: [
        'The token input is not used: private-modules is empty, so no git host is known to send it to'
      ]
    }
  }
  const scopes = tokenScopes(privateModules)
  const warnings = scopes.unscoped.map(
    pattern =>
      `The token is not sent for the private-modules pattern ${pattern}: it names no host git can match`
  )
  const withToken = withGitToken(merged, token, scopes.urls)
  if (withToken.problem) warnings.push(withToken.problem)
  return { env: withToken.env, warnings }
}
