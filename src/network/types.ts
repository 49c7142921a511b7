import type { FailureClass } from '../failures/classes.js'

export type ProbePhase = 'dns' | 'connect' | 'proxyconnect' | 'tls' | 'http'

/** What one probe of a mirror (or of the checksum database) found, phase by phase. */
export interface ProbeResult {
  /** The mirror or checksum database as shown to people, credentials redacted. */
  target: string
  role: 'mirror' | 'checksum-db'
  /** The URL requested, credentials redacted. */
  url: string
  /** The HTTP proxy the request went through (redacted), as go would choose it; absent when none. */
  via?: string
  /** Resolution of the host connected to: the proxy's when there is one. */
  dns?: { host: string; ms: number; addresses?: string[]; error?: string }
  /** TCP connect, and through a proxy the CONNECT tunnel too. */
  connect?: { address: string; ms: number; error?: string }
  tls?: { ms: number; protocol?: string; subject?: string; issuer?: string; validTo?: string; error?: string }
  http?: { ms: number; status?: number; statusText?: string; error?: string }
  /** reachable: answered below 500; http-error: answered 5xx or 429; down: no HTTP answer at all. */
  verdict: 'reachable' | 'http-error' | 'down' | 'not-probed'
  /** For `down`: the phase that failed, the failure class go would see, and go's kind of wording. */
  failure?: { phase: ProbePhase; class: FailureClass; message: string }
  /** When the probe began, in ms since the step's process started. */
  startMs: number
  durationMs: number
}

/** One variable of the environment that shapes go's requests, with credentials redacted. */
export interface EnvironmentEntry {
  name: string
  value: string
}

/** The connectivity section of the run report. */
export interface ConnectivityReport {
  /** False when the `probe` input turned probing off; the environment is reported all the same. */
  probed: boolean
  /** Not probed because the restored module cache holds every file the download needs. */
  cacheComplete?: boolean
  /** When the probes began, in ms since the step's process started. */
  startMs: number
  /** From the start of the probes to the last result. */
  durationMs: number
  /** From the start of the probes until the mirror order was settled. */
  orderSettledMs: number
  /** When the download began, in ms since the step's process started; attempts' startMs count from it. */
  downloadStartMs?: number
  /** Mirrors (redacted) moved behind the others because their probe failed or had not answered. */
  triedLast: string[]
  probes: ProbeResult[]
  environment: EnvironmentEntry[]
}
