import { CLASS_TRAITS, type Classification, type FailureClass, type Misconfiguration } from './classes.js'

interface Rule {
  class: FailureClass
  pattern: RegExp
  transient: boolean | ((message: string) => boolean)
  misconfigured?: Misconfiguration
}

const local = (pattern: RegExp, misconfigured: Misconfiguration): Rule => ({
  class: 'local',
  pattern,
  transient: false,
  misconfigured
})

/** go's own line for an HTTP answer it did not like: `reading <url>: <status>` (web.HTTPError). */
const status = (codes: string): RegExp => new RegExp(`\\breading \\S+: (?:${codes})\\b`)

/**
 * Words with which a 404/410 says the mirror's own upstream failed, not the file: goproxy answers `not
 * found: bad upstream` or `not found: fetch timed out`, Athens and Artifactory a 404 while their fetch or
 * its cached failure lasts, with whatever their upstream said.
 */
export const DISGUISED_OUTAGE_WORDS = [
  'temporarily unavailable',
  'timed out',
  'timeout',
  'bad upstream',
  'try again'
] as const

// Not inside a module path or URL: `example.com/timeout@v1.0.0` is a module that is not there.
const DISGUISED_OUTAGE = new RegExp(
  `(?<![\\w./@~+-])(?:${DISGUISED_OUTAGE_WORDS.map(w => w.replace(/ /g, '\\s+')).join('|')})(?![\\w/@~+-]|\\.\\w)`,
  'i'
)

/** Whether the text of a 404/410 says the mirror's own upstream failed, so that another try may find the file. */
function disguisedOutage(text: string): boolean {
  return DISGUISED_OUTAGE.test(text)
}

/** A mirror's HTTP status other than 200 as a failure class, as go's own line for it is classed below. */
export function classifyStatus(code: number, text: string): Classification {
  if (code === 404 || code === 410) return { class: 'not-found', transient: disguisedOutage(text) }
  if (code === 401 || code === 403) return { class: 'forbidden', transient: false }
  if (code === 429) return { class: 'rate-limited', transient: true }
  if (code === 408 || code >= 500) return { class: 'server-error', transient: true }
  // Any other status (400, 405, ...) is a proxy that does not speak the GOPROXY protocol.
  return { class: 'bad-response', transient: false }
}

/** go's text of the body that came with an HTTP error, `server response: ...`; '' when it printed none. */
function serverResponse(message: string): string {
  const at = message.indexOf('server response:')
  return at < 0 ? '' : message.slice(at + 'server response:'.length)
}

/** Most specific first: the first rule whose pattern matches anywhere in the message wins. */
const RULES: readonly Rule[] = [
  // Security first: a mismatch block also holds text that generic rules would claim.
  { class: 'checksum-mismatch', pattern: /\bchecksum mismatch\b/, transient: false },
  // go always verifies a toolchain download, so GOSUMDB=off makes any toolchain switch impossible.
  { class: 'toolchain', pattern: /\bchecksum database disabled by GOSUMDB=off\b/, transient: false },
  // Settings go cannot work with: no mirror and no retry can help, before any rule their paths might match.
  local(/\bmodule lookup disabled by GOPROXY=off\b/, 'goproxy-off'),
  local(/\brefusing to pass credentials to insecure URL\b/, 'insecure-credentials'),
  local(/\bcould not create module cache\b/, 'modcache-unusable'),
  local(/\bGOMODCACHE entry is relative\b/, 'modcache-relative'),
  local(/\bneither GOMODCACHE nor GOPATH is set\b/, 'modcache-unset'),
  local(/\bGOPATH entry is relative\b/, 'gopath-relative'),
  // Before the status rules: a lookup 404/410 is a private path missing from GOPRIVATE, not a missing module.
  { class: 'sumdb', pattern: /\bverifying (?:module|go\.mod): /, transient: m => networkTransient(m) },

  { class: 'not-found', pattern: status('404|410'), transient: m => disguisedOutage(serverResponse(m)) },
  // A file:// proxy that lacks the file: go treats it as a 404 and moves to the next proxy.
  { class: 'not-found', pattern: /\breading file:\/\/\S+: no such file or directory/, transient: false },
  { class: 'forbidden', pattern: status('401|403'), transient: false },
  { class: 'rate-limited', pattern: status('429'), transient: true },
  { class: 'server-error', pattern: status('408|5\\d\\d'), transient: true },
  // Any other status (400, 405, ...) is a proxy that does not speak the GOPROXY protocol.
  { class: 'bad-response', pattern: status('[1-4]\\d\\d'), transient: false },

  // Before timeout: `lookup h on 127.0.0.53:53: read udp ...: i/o timeout` is a resolver that may recover.
  { class: 'dns', pattern: /\blookup \S+(?: on \S+)?: /, transient: m => !/\bno such host\b/.test(m) },
  { class: 'timeout', pattern: /\bi\/o timeout\b/, transient: true },
  { class: 'timeout', pattern: /\bTLS handshake timeout\b/, transient: true },
  { class: 'timeout', pattern: /\bClient\.Timeout exceeded\b/, transient: true },
  { class: 'timeout', pattern: /\bcontext deadline exceeded\b/, transient: true },
  { class: 'timeout', pattern: /\btimeout awaiting response headers\b/, transient: true },
  // Windows' words for WSAETIMEDOUT, which go prints after `connectex: ` or `wsarecv: `.
  {
    class: 'timeout',
    pattern: /\bconnected party did not properly respond after a period of time\b/,
    transient: true
  },
  { class: 'connection', pattern: /\bconnection refused\b/, transient: true },
  // Windows words a refused connection (WSAECONNREFUSED) and an unreachable network or host differently.
  { class: 'connection', pattern: /\bactively refused it\b/, transient: true },
  { class: 'connection', pattern: /\bwas attempted to an unreachable (?:network|host)\b/, transient: true },
  { class: 'connection', pattern: /\bnetwork is unreachable\b/, transient: true },
  { class: 'connection', pattern: /\bno route to host\b/, transient: true },
  { class: 'connection', pattern: /\bhost is down\b/, transient: true },
  // Before reset: `unexpected EOF` is a body cut short, plain `EOF` a connection dropped before the answer.
  { class: 'truncated', pattern: /\bunexpected EOF\b/, transient: true },
  { class: 'truncated', pattern: /\bzip: not a valid zip file\b/, transient: true },
  { class: 'truncated', pattern: /\bzip: checksum error\b/, transient: true },
  { class: 'reset', pattern: /: EOF$/m, transient: true },
  { class: 'reset', pattern: /\bconnection reset by peer\b/, transient: true },
  { class: 'reset', pattern: /\bsoftware caused connection abort\b/, transient: true },
  // Windows' words for WSAECONNRESET and WSAECONNABORTED.
  {
    class: 'reset',
    pattern: /\bAn existing connection was forcibly closed by the remote host\b/,
    transient: true
  },
  {
    class: 'reset',
    pattern: /\bAn established connection was aborted by the software in your host machine\b/,
    transient: true
  },
  { class: 'reset', pattern: /\bbroken pipe\b/, transient: true },
  { class: 'reset', pattern: /\bhttp2: server sent GOAWAY\b/, transient: true },
  { class: 'reset', pattern: /\bhttp2: client connection lost\b/, transient: true },
  { class: 'reset', pattern: /\bstream error: stream ID \d+; \w+/, transient: true },
  { class: 'reset', pattern: /\bserver closed idle connection\b/, transient: true },
  { class: 'tls', pattern: /\bx509: /, transient: false },
  { class: 'tls', pattern: /\btls: /, transient: false },
  { class: 'tls', pattern: /\bserver gave HTTP response to HTTPS client\b/, transient: false },

  { class: 'bad-response', pattern: /\binvalid response from proxy\b/, transient: false },
  { class: 'bad-response', pattern: /\bproxy returned info for version\b/, transient: false },
  { class: 'bad-response', pattern: /\bzip for \S+ has unexpected file\b/, transient: false },

  // Before invalid-version, which go prefixes to git's `could not read Username ...: terminal prompts disabled`.
  { class: 'auth', pattern: /\bcould not read (?:Username|Password)\b/, transient: false },
  { class: 'auth', pattern: /\bAuthentication failed\b/, transient: false },
  { class: 'auth', pattern: /\bPermission denied \(publickey/, transient: false },

  { class: 'invalid-version', pattern: /\binvalid version\b/, transient: false },
  { class: 'invalid-version', pattern: /\bunknown revision\b/, transient: false },
  { class: 'invalid-version', pattern: /\bmalformed module path\b/, transient: false },
  { class: 'invalid-version', pattern: /\bmodule declares its path as\b/, transient: false },
  { class: 'invalid-version', pattern: /\bno matching versions for query\b/, transient: false },
  { class: 'invalid-version', pattern: /\binvalid pseudo-version\b/, transient: false },
  { class: 'invalid-version', pattern: /\berrors parsing go\.mod\b/, transient: false },
  // A `replace` pointing at a directory that is not there: the fix is in go.mod.
  { class: 'invalid-version', pattern: /\(replaced by [^)]*\): reading .*: no such file/, transient: false },

  { class: 'local', pattern: /\bno space left on device\b/, transient: false },
  { class: 'local', pattern: /\bdisk quota exceeded\b/, transient: false },
  { class: 'local', pattern: /\bpermission denied\b/, transient: false },
  { class: 'local', pattern: /\bread-only file system\b/, transient: false },

  // After the network rules: a toolchain download that hit a 503 or a reset takes that class and is retried.
  { class: 'toolchain', pattern: /\btoolchain not available\b/, transient: false },
  { class: 'toolchain', pattern: /\binvalid toolchain\b/, transient: false },
  {
    class: 'toolchain',
    pattern: /\brequires go >= \S+ \(running go [^;)]*; GOTOOLCHAIN=local\)/,
    transient: false,
    misconfigured: 'toolchain-local'
  },
  { class: 'toolchain', pattern: /\brequires go >= \S+ \(running go /, transient: false }
]

function decide(rule: Rule, message: string): boolean {
  return typeof rule.transient === 'function' ? rule.transient(message) : rule.transient
}

/** Whether the request failure wrapped in a message (a checksum database lookup) may pass on a later try. */
function networkTransient(message: string): boolean {
  const rule = RULES.find(r => CLASS_TRAITS[r.class].request && r.pattern.test(message))
  return rule !== undefined && decide(rule, message)
}

/** Names the way a go error message failed and whether trying the same mirror again may help. */
export function classify(message: string): Classification {
  const rule = RULES.find(r => r.pattern.test(message))
  if (rule === undefined) return { class: 'unknown', transient: true }
  const classification: Classification = { class: rule.class, transient: decide(rule, message) }
  return rule.misconfigured ? { ...classification, misconfigured: rule.misconfigured } : classification
}

/**
 * Whether the classifier marks failures of a class transient always, never, or depending on the message.
 * Classes no rule names come from elsewhere, transient: the watchdog's `stalled` and the fallback `unknown`.
 */
export function transience(failureClass: FailureClass): 'always' | 'never' | 'sometimes' {
  const kinds = new Set(
    RULES.filter(r => r.class === failureClass).map(r =>
      typeof r.transient === 'function' ? 'sometimes' : r.transient
    )
  )
  if (kinds.size === 0 || (kinds.size === 1 && kinds.has(true))) return 'always'
  return kinds.size === 1 && kinds.has(false) ? 'never' : 'sometimes'
}
