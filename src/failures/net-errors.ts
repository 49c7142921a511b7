import type { Classification, FailureClass } from './classes.js'

/** One Node error code: its failure class, whether a retry may help, and what go prints for the same failure. */
interface NodeErrorKind {
  class: FailureClass
  transient: boolean
  go: string
}

const connection = (go: string): NodeErrorKind => ({ class: 'connection', transient: true, go })
const timeout = (go: string): NodeErrorKind => ({ class: 'timeout', transient: true, go })
const reset = (go: string): NodeErrorKind => ({ class: 'reset', transient: true, go })
const certificate = (go: string): NodeErrorKind => ({ class: 'tls', transient: false, go: `x509: ${go}` })

/** Node's system, DNS, undici and certificate error codes in the engine's classes, with go's wording. */
const NODE_ERRORS: Readonly<Record<string, NodeErrorKind>> = {
  ECONNREFUSED: connection('connection refused'),
  ENETUNREACH: connection('network is unreachable'),
  EHOSTUNREACH: connection('no route to host'),
  EHOSTDOWN: connection('host is down'),
  EADDRNOTAVAIL: connection('cannot assign requested address'),
  ENOTFOUND: { class: 'dns', transient: false, go: 'no such host' },
  ENODATA: { class: 'dns', transient: false, go: 'no such host' },
  EAI_AGAIN: { class: 'dns', transient: true, go: 'server misbehaving' },
  ESERVFAIL: { class: 'dns', transient: true, go: 'server misbehaving' },
  ETIMEDOUT: timeout('i/o timeout'),
  UND_ERR_CONNECT_TIMEOUT: timeout('i/o timeout'),
  UND_ERR_HEADERS_TIMEOUT: timeout('timeout awaiting response headers'),
  UND_ERR_BODY_TIMEOUT: timeout('i/o timeout'),
  ECONNRESET: reset('connection reset by peer'),
  ECONNABORTED: reset('software caused connection abort'),
  EPIPE: reset('broken pipe'),
  UND_ERR_SOCKET: reset('EOF'),
  UND_ERR_CLOSED: reset('use of closed network connection'),
  // An answer node's HTTP parser could not read, or a compressed body that does not decompress.
  HPE_INVALID_CONSTANT: { class: 'bad-response', transient: true, go: 'malformed HTTP response' },
  HPE_INVALID_STATUS: { class: 'bad-response', transient: true, go: 'malformed HTTP status code' },
  HPE_INVALID_HEADER_TOKEN: { class: 'bad-response', transient: true, go: 'malformed MIME header line' },
  Z_DATA_ERROR: { class: 'truncated', transient: true, go: 'gzip: invalid header' },
  Z_BUF_ERROR: { class: 'truncated', transient: true, go: 'unexpected EOF' },
  DEPTH_ZERO_SELF_SIGNED_CERT: certificate('certificate signed by unknown authority'),
  SELF_SIGNED_CERT_IN_CHAIN: certificate('certificate signed by unknown authority'),
  UNABLE_TO_GET_ISSUER_CERT: certificate('certificate signed by unknown authority'),
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: certificate('certificate signed by unknown authority'),
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: certificate('certificate signed by unknown authority'),
  CERT_HAS_EXPIRED: certificate('certificate has expired or is not yet valid'),
  CERT_NOT_YET_VALID: certificate('certificate has expired or is not yet valid'),
  ERR_TLS_CERT_ALTNAME_INVALID: certificate('certificate is not valid for the host')
}

/** The code of a Node error, or of the error fetch wraps in its cause; '' when there is none. */
export function nodeErrorCode(error: unknown): string {
  const own = (error as { code?: unknown } | undefined)?.code
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code
  return typeof own === 'string' ? own : typeof cause === 'string' ? cause : ''
}

/**
 * A Node network error (a socket's, a DNS lookup's, fetch's or a certificate check's) as a failure
 * class, with go's wording for it; other TLS codes are `tls`, anything else `unknown` in Node's words.
 */
export function classifyNodeError(error: unknown): Classification & { message: string } {
  const code = nodeErrorCode(error)
  // libuv names Winsock's errors as POSIX's (WSAECONNREFUSED is ECONNREFUSED); Winsock's own names mean the same.
  const known = NODE_ERRORS[code] ?? NODE_ERRORS[code.replace(/^WSAE/, 'E')]
  if (known) return { class: known.class, transient: known.transient, message: known.go }
  const cause = (error as { cause?: { message?: unknown } } | undefined)?.cause?.message
  const own = error instanceof Error ? error.message : typeof error === 'string' ? error : ''
  const message = (typeof cause === 'string' && cause) || own || code || String(error)
  if (/CERT|TLS|SSL/.test(code)) return { class: 'tls', transient: false, message }
  return { class: 'unknown', transient: true, message }
}
