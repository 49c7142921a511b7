// The authority ends at the first '/', '?' or '#'; the userinfo ends at its last '@' (passwords may hold a raw '@').
const userinfoInUrl = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#"'<>`]*@/gi

/**
 * The URL with any `user:password@` replaced by `***@`. Works on free text too (a go message, a GOPROXY
 * list): every URL in it is redacted and the rest is left as it is.
 */
export function redactUrl(url: string): string {
  return url.replace(userinfoInUrl, '$1***@')
}

/** A mirror entry or HTTP proxy value with its credentials hidden, also in the scheme-less `user:pass@host` form. */
export function redactEntry(value: string): string {
  if (value.includes('://')) return redactUrl(value)
  return value.replace(/^[^/?#]*@/, '***@')
}

/** A deep copy of a JSON-like value with the userinfo of every URL in every string redacted. */
export function redactDeep<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (_key, field: unknown) =>
    typeof field === 'string' ? redactUrl(field) : field
  ) as T
}

/**
 * Every form of the credentials in a URL that could reach a log line, for masking: the password (or,
 * with no password, the user name, which is then the token), the whole userinfo, each as written,
 * percent-decoded and re-encoded, and the Basic credential built from them. Forms under 3 characters
 * are left out: masking them would blank out ordinary text all over the log.
 */
export function urlSecrets(value: string): string[] {
  const written = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)@/i.exec(value)?.[1]
  if (written === undefined || written === '') return []
  const colon = written.indexOf(':')
  const secret = colon < 0 ? written : written.slice(colon + 1)
  const forms = [...spellings(secret), ...spellings(written)]
  try {
    // The WHATWG parser re-encodes userinfo its own way, and node prints URLs in that form.
    const url = new URL(value)
    forms.push(...(colon < 0 ? [url.username] : [url.password, `${url.username}:${url.password}`]))
  } catch {
    // Not a URL node can parse: the forms as written are all there is.
  }
  const basic = Buffer.from(decodeOrKeep(colon < 0 ? `${written}:` : written)).toString('base64')
  forms.push(basic, `Basic ${basic}`)
  return [...new Set(forms)].filter(form => form.length >= 3)
}

function spellings(text: string): string[] {
  const decoded = decodeOrKeep(text)
  const encoded = decoded
    .split(':')
    .map(part => encodeURIComponent(part))
    .join(':')
  return [text, decoded, encoded]
}

function decodeOrKeep(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/**
 * A GOPROXY entry as shown to people: credentials hidden, and on a loopback host the whole path too,
 * since a module proxy on loopback (the action's own relay, say) keeps its secret in the path.
 */
export function redactMirror(entry: string): string {
  const shown = redactUrl(entry)
  let url: URL
  try {
    url = new URL(entry)
  } catch {
    return shown
  }
  if (!/^https?:$/.test(url.protocol) || !isLoopbackHost(url.hostname) || /^\/?$/.test(url.pathname))
    return shown
  const userinfo = url.username !== '' || url.password !== '' ? '***@' : ''
  return `${url.protocol}//${userinfo}${url.host}/***`
}

/** A GOPROXY list (`,` and `|` separated) with every entry shown as redactMirror shows it. */
export function redactGoproxy(list: string): string {
  return list
    .split(/([,|])/)
    .map(part => (part === ',' || part === '|' ? part : redactMirror(part)))
    .join('')
}

function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
}
