/** Where git may send the token, and the `private-modules` patterns it could not be scoped to. */
export interface TokenScopes {
  /** `http.<url>` prefixes: `https://<host>` or `https://<host>/<owner>`. */
  urls: string[]
  /** Patterns without a literal host (or with a wildcard git cannot match); the token is not sent for them. */
  unscoped: string[]
}

const GLOB = /[*?[\\]/

/**
 * The URL prefixes a token is scoped to, from GOPRIVATE patterns: the host and, when literal, the first
 * path element (the owner on GitHub-like hosts). Deeper elements are left out because the repository
 * root may be shorter than the module path (`github.com/acme/repo/sub` lives in `github.com/acme/repo`).
 */
export function tokenScopes(patterns: readonly string[]): TokenScopes {
  const urls: string[] = []
  const unscoped: string[] = []
  for (const pattern of patterns) {
    const [host = '', owner] = pattern.split('/')
    // git's http.<url> matching allows `*` only as a whole leading host label.
    if (!/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*$/i.test(host)) {
      unscoped.push(pattern)
      continue
    }
    const url =
      owner !== undefined && owner !== '' && !GLOB.test(owner)
        ? `https://${host}/${owner}`
        : `https://${host}`
    if (!urls.includes(url)) urls.push(url)
  }
  return { urls, unscoped }
}

/** The Basic credential git sends: GitHub, GitLab and Gitea all take the token as the password. */
export function basicCredential(token: string): string {
  return Buffer.from(`x-access-token:${token}`).toString('base64')
}

export function authorizationHeader(token: string): string {
  return `Authorization: Basic ${basicCredential(token)}`
}

/** Every form of the token that the action builds, for masking before anything is logged. */
export function tokenForms(token: string): string[] {
  if (token === '') return []
  return [token, basicCredential(token), authorizationHeader(token)]
}

/**
 * The environment for go with the token given to git as `http.<url>.extraheader` entries through
 * GIT_CONFIG_COUNT/KEY/VALUE, appended after the job's own entries. Nothing is written to disk and
 * nothing reaches a command line. Returns the env unchanged with a reason when it cannot.
 */
export function withGitToken(
  env: NodeJS.ProcessEnv,
  token: string,
  urls: readonly string[]
): { env: NodeJS.ProcessEnv; problem?: string } {
  if (token === '' || urls.length === 0) return { env }
  const countText = (env.GIT_CONFIG_COUNT ?? '').trim()
  if (countText !== '' && !/^\d+$/.test(countText)) {
    return {
      env,
      problem: `GIT_CONFIG_COUNT=${countText} in this job is not a number, so the token could not be added to git's configuration`
    }
  }
  const first = countText === '' ? 0 : Number(countText)
  const result: NodeJS.ProcessEnv = { ...env, GIT_CONFIG_COUNT: String(first + urls.length) }
  const header = authorizationHeader(token)
  urls.forEach((url, i) => {
    result[`GIT_CONFIG_KEY_${first + i}`] = `http.${url}.extraheader`
    result[`GIT_CONFIG_VALUE_${first + i}`] = header
  })
  return { env: result }
}
