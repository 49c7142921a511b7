/**
 * Go's module.MatchPrefixPatterns: whether a module path matches a GOPRIVATE-style list, each glob
 * (path.Match syntax) matched against as many leading path elements as it has.
 */
export function matchesPrefixPatterns(patterns: string, target: string): boolean {
  for (const raw of patterns.split(',')) {
    const glob = raw.trim()
    if (glob === '') continue
    const elements = glob.split('/').length
    const parts = target.split('/')
    if (parts.length < elements) continue
    const prefix = parts.slice(0, elements).join('/')
    if (globPattern(glob)?.test(prefix)) return true
  }
  return false
}

/** The module path patterns go keeps away from every mirror: GONOPROXY, or GOPRIVATE when it is unset. */
export function noProxyPatterns(env: Readonly<Record<string, string | undefined>>): string {
  const noProxy = env.GONOPROXY ?? ''
  return noProxy.trim() !== '' ? noProxy : (env.GOPRIVATE ?? '')
}

const cache = new Map<string, RegExp | undefined>()

/** path.Match as a RegExp: `*` and `?` never cross a slash, `[...]` classes, `\` escapes; undefined when malformed. */
function globPattern(glob: string): RegExp | undefined {
  if (cache.has(glob)) return cache.get(glob)
  let source = ''
  let ok = true
  for (let i = 0; i < glob.length && ok; i++) {
    const c = glob[i] as string
    if (c === '*') source += '[^/]*'
    else if (c === '?') source += '[^/]'
    else if (c === '\\') {
      const next = glob[++i]
      if (next === undefined) ok = false
      else source += escapeRegExp(next)
    } else if (c === '[') {
      const end = glob.indexOf(']', i + 2)
      if (end < 0) ok = false
      else {
        let body = glob.slice(i + 1, end)
        const negated = body.startsWith('^')
        if (negated) body = body.slice(1)
        source += `[${negated ? '^/' : ''}${body.replace(/[\]\\^]/g, m => `\\${m}`)}]`
        i = end
      }
    } else source += escapeRegExp(c)
  }
  const pattern = ok ? new RegExp(`^${source}$`) : undefined
  cache.set(glob, pattern)
  return pattern
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}
