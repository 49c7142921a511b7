/** Stable names of the ways a module download fails; documented in the README and used in outputs. */
export const FAILURE_CLASSES = [
  'not-found',
  'forbidden',
  'rate-limited',
  'server-error',
  'connection',
  'dns',
  'timeout',
  'reset',
  'truncated',
  'tls',
  'bad-response',
  'checksum-mismatch',
  'sumdb',
  'auth',
  'invalid-version',
  'toolchain',
  'local',
  'stalled',
  'unknown'
] as const

export type FailureClass = (typeof FAILURE_CLASSES)[number]

export interface Classification {
  class: FailureClass
  /** True when the same mirror may well succeed on a later try (a 503, a reset, a disguised 404). */
  transient: boolean
  /** The setting of the job that go cannot work with, when one is to blame: no mirror can help. */
  misconfigured?: Misconfiguration
}

/** A setting of the job that go cannot work with: each names what to change. */
export type Misconfiguration =
  | 'goproxy-off'
  | 'insecure-credentials'
  | 'modcache-unusable'
  | 'modcache-relative'
  | 'modcache-unset'
  | 'gopath-relative'
  | 'toolchain-local'

/** What a class says about the request and the mirror, beyond what the engine decides for it. */
export interface ClassTraits {
  /** It describes how a request to a server went, whatever the server was for (a checksum lookup wraps one). */
  request: boolean
  /** A retry waits longer: hammering a rate limiter only extends the limit. */
  slowBackoff: boolean
}

const no = { request: false, slowBackoff: false }

export const CLASS_TRAITS: Readonly<Record<FailureClass, ClassTraits>> = {
  'not-found': { ...no, request: true },
  forbidden: { ...no, request: true },
  'rate-limited': { ...no, request: true, slowBackoff: true },
  'server-error': { ...no, request: true },
  connection: { ...no, request: true },
  dns: { ...no, request: true },
  timeout: { ...no, request: true },
  reset: { ...no, request: true },
  truncated: { ...no, request: true },
  tls: { ...no, request: true },
  'bad-response': no,
  'checksum-mismatch': no,
  sumdb: no,
  auth: no,
  'invalid-version': no,
  toolchain: no,
  local: no,
  stalled: no,
  unknown: no
}
