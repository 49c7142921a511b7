// The authority ends at the first '/', '?' or '#'; the userinfo ends at its last '@' (passwords may hold a raw '@').
const userinfoInUrl = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#"'<>`]*@/gi

/**
 * The URL with any `user:password@` replaced by `***@`. Works on free text too (a go message, a GOPROXY
 * list): every URL in it is redacted and the rest is left as it is.
 */
export function redactUrl(url: string): string {
  return url.replace(userinfoInUrl, '$1***@')
}

/** A deep copy of a JSON-like value with the userinfo of every URL in every string redacted. */
export function redactDeep<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (_key, field: unknown) =>
    typeof field === 'string' ? redactUrl(field) : field
  ) as T
}
