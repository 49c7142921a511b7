import type {
  Attempt,
  DownloadReport,
  MirrorStats,
  ModuleFailure,
  RecoveredModule
} from '../src/download/types.js'
import type { ConnectivityReport, ProbeResult } from '../src/network/types.js'
import type { StopResult } from '../src/relay/daemon.js'
import type { PrefetchReport } from '../src/relay/prefetch.js'
import type { FileRecord, RelayMirrorStats, TryRecord } from '../src/relay/types.js'
import type { GoSumDirReport, GoSumReport, MissingSumReport, RunReport } from '../src/report/types.js'

export const GOOGLE = 'https://proxy.golang.org'
export const GOPROXY_CN = 'https://goproxy.cn'
export const CORP = 'https://athens.corp.example'

export function moduleFailure(fields: Partial<ModuleFailure> = {}): ModuleFailure {
  return {
    module: 'github.com/acme/widget',
    version: 'v1.2.3',
    class: 'server-error',
    transient: true,
    proxy: GOOGLE,
    message:
      'github.com/acme/widget@v1.2.3: reading https://proxy.golang.org/github.com/acme/widget/@v/v1.2.3.zip: 503 Service Unavailable',
    workdir: '.',
    ...fields
  }
}

export function attempt(fields: Partial<Attempt> & Pick<Attempt, 'number'>): Attempt {
  return {
    workdir: '.',
    proxy: GOOGLE,
    try: 1,
    delayMs: 0,
    startMs: 0,
    durationMs: 1200,
    exitCode: 0,
    modulesOk: 0,
    requests: [],
    failures: [],
    decision: 'done',
    ...fields
  }
}

export function mirror(fields: Partial<MirrorStats> & Pick<MirrorStats, 'proxy'>): MirrorStats {
  return {
    requests: 10,
    ok: 10,
    failuresByClass: {},
    medianMs: 40,
    demoted: false,
    answered: true,
    ...fields
  }
}

export function recovered(fields: Partial<RecoveredModule> = {}): RecoveredModule {
  return {
    module: 'github.com/acme/widget',
    version: 'v1.2.3',
    class: 'server-error',
    attempts: 2,
    proxy: GOOGLE,
    ...fields
  }
}

export function runReport(download: Partial<DownloadReport>, fields: Partial<RunReport> = {}): RunReport {
  return {
    outcome: download.outcome ?? 'success',
    settings: { 'working-directory': ['.'], proxies: [GOOGLE] },
    goVersion: 'go1.23.4',
    warnings: [],
    download: {
      outcome: 'success',
      durationMs: 12_400,
      workdirs: [{ workdir: '.', ok: true, completedBy: GOOGLE }],
      attempts: [attempt({ number: 1, modulesOk: 143 })],
      failed: [],
      recovered: [],
      mirrors: [mirror({ proxy: GOOGLE, requests: 286, ok: 286 })],
      purged: [],
      exportProxy: GOOGLE,
      timedOut: false,
      timeoutMs: 600_000,
      ...download
    },
    ...fields
  }
}

/** Everything downloaded on the first try, from a restored cache. */
export function successReport(): RunReport {
  return runReport(
    {},
    {
      cache: {
        enabled: true,
        key: 'gomod-Linux-x64-abc123',
        matchedKey: 'gomod-Linux-x64-abc123',
        hit: 'exact',
        sizeBytes: 157_286_400,
        restoreMs: 3_200,
        purged: []
      }
    }
  )
}

const widget503 = moduleFailure()

/** A 503 on the first attempt; the retry on the same mirror fetched everything. */
export function recoveredAfter503Report(): RunReport {
  return runReport({
    attempts: [
      attempt({ number: 1, exitCode: 1, modulesOk: 140, failures: [widget503], decision: 'retry' }),
      attempt({ number: 2, try: 2, delayMs: 1_000, modulesOk: 143 })
    ],
    recovered: [recovered()],
    mirrors: [mirror({ proxy: GOOGLE, requests: 290, ok: 289, failuresByClass: { 'server-error': 1 } })]
  })
}

function notFound(proxy: string, module = 'github.com/acme/gone', version = 'v0.9.0'): ModuleFailure {
  return moduleFailure({
    module,
    version,
    class: 'not-found',
    transient: false,
    proxy,
    message: `${module}@${version}: reading ${proxy}/${module}/@v/${version}.info: 404 Not Found\n\tserver response: not found: unknown revision ${version}`
  })
}

/** Two modules that no mirror has; the second mirror URL carries credentials. */
export function notFoundEverywhereReport(): RunReport {
  const corp = 'https://user:secret@athens.corp.example'
  const shownCorp = 'https://***@athens.corp.example'
  return runReport({
    outcome: 'failure',
    durationMs: 8_000,
    workdirs: [{ workdir: '.', ok: false }],
    attempts: [
      attempt({
        number: 1,
        proxy: shownCorp,
        exitCode: 1,
        modulesOk: 41,
        failures: [notFound(corp), notFound(corp, 'github.com/acme/lost', 'v1.0.0')],
        decision: 'next-mirror'
      }),
      attempt({
        number: 2,
        proxy: GOOGLE,
        exitCode: 1,
        modulesOk: 41,
        failures: [notFound(GOOGLE), notFound(GOOGLE, 'github.com/acme/lost', 'v1.0.0')],
        decision: 'fail'
      })
    ],
    failed: [notFound(GOOGLE), notFound(GOOGLE, 'github.com/acme/lost', 'v1.0.0')],
    mirrors: [
      mirror({ proxy: shownCorp, requests: 50, ok: 48, failuresByClass: { 'not-found': 2 } }),
      mirror({ proxy: GOOGLE, requests: 2, ok: 0, failuresByClass: { 'not-found': 2 }, answered: true })
    ],
    exportProxy: `${shownCorp}|${GOOGLE}`
  })
}

/** The first mirror went silent; the watchdog stopped it and the second mirror finished the job. */
export function stallFallbackReport(): RunReport {
  const stalled = moduleFailure({
    module: '',
    version: '',
    class: 'stalled',
    proxy: GOPROXY_CN,
    message: '',
    transient: true
  })
  return runReport({
    durationMs: 75_300,
    workdirs: [{ workdir: '.', ok: true, completedBy: GOOGLE }],
    attempts: [
      attempt({
        number: 1,
        proxy: GOPROXY_CN,
        durationMs: 60_000,
        exitCode: null,
        stopped: 'stalled',
        pendingUrl: `${GOPROXY_CN}/golang.org/x/text/@v/v0.14.0.zip`,
        modulesOk: 0,
        failures: [stalled],
        decision: 'next-mirror'
      }),
      attempt({ number: 2, startMs: 60_100, proxy: GOOGLE, durationMs: 15_000, modulesOk: 88 })
    ],
    recovered: [
      recovered({ module: 'golang.org/x/text', version: 'v0.14.0', class: 'stalled', proxy: GOOGLE })
    ],
    mirrors: [
      mirror({
        proxy: GOPROXY_CN,
        requests: 12,
        ok: 11,
        failuresByClass: { stalled: 1 },
        medianMs: 120,
        demoted: true
      }),
      mirror({ proxy: GOOGLE, requests: 176, ok: 176, medianMs: 35 })
    ],
    exportProxy: `${GOOGLE}|${GOPROXY_CN}`
  })
}

/** A mirror served a zip that did not match go.sum: the copy was purged and the module failed. */
export function checksumMismatchPurgedReport(): RunReport {
  const mismatch = moduleFailure({
    module: 'github.com/acme/moved',
    version: 'v1.4.0',
    class: 'checksum-mismatch',
    transient: false,
    proxy: CORP,
    workdir: 'services/api',
    message:
      "verifying github.com/acme/moved@v1.4.0: checksum mismatch\n\tdownloaded: h1:AAAA=\n\tgo.sum:     h1:BBBB=\n\nSECURITY ERROR\nThis download does NOT match an earlier download recorded in go.sum.\nThe bits may have been replaced on the origin server, or an attacker may\nhave intercepted the download attempt.\n\nFor more information, see 'go help module-auth'."
  })
  return runReport(
    {
      outcome: 'failure',
      workdirs: [{ workdir: 'services/api', ok: false }],
      attempts: [
        attempt({
          number: 1,
          workdir: 'services/api',
          proxy: CORP,
          exitCode: 1,
          failures: [mismatch],
          decision: 'next-mirror'
        }),
        attempt({
          number: 2,
          workdir: 'services/api',
          proxy: GOOGLE,
          exitCode: 1,
          failures: [{ ...mismatch, proxy: GOOGLE }],
          decision: 'fail'
        })
      ],
      failed: [{ ...mismatch, proxy: GOOGLE }],
      purged: [{ module: 'github.com/acme/moved', version: 'v1.4.0', proxy: CORP }],
      mirrors: [
        mirror({ proxy: CORP, requests: 3, ok: 3, failuresByClass: { 'checksum-mismatch': 1 } }),
        mirror({ proxy: GOOGLE, requests: 3, ok: 3, failuresByClass: { 'checksum-mismatch': 1 } })
      ]
    },
    {
      cache: {
        enabled: true,
        key: 'gomod-Linux-x64-def456',
        matchedKey: 'gomod-Linux-x64-',
        hit: 'partial',
        sizeBytes: 52_428_800,
        restoreMs: 1_900,
        purged: ['github.com/acme/stale@v0.3.0'],
        warning: '1 restored module failed go mod verify'
      },
      warnings: ['GOFLAGS contains -insecure: module downloads skip transport security']
    }
  )
}

/** Every mirror refused with 503, and the committed vendor/ took over. */
export function vendorReport(): RunReport {
  const failure = moduleFailure({ class: 'server-error' })
  return runReport(
    {
      outcome: 'failure',
      workdirs: [{ workdir: '.', ok: false }],
      attempts: [1, 2, 3].map(n =>
        attempt({
          number: n,
          try: n,
          exitCode: 1,
          failures: [failure],
          decision: n === 3 ? 'fail' : 'retry'
        })
      ),
      failed: [failure],
      mirrors: [mirror({ proxy: GOOGLE, requests: 3, ok: 0, failuresByClass: { 'server-error': 3 } })]
    },
    { outcome: 'vendor', vendor: ['.'] }
  )
}

/** Thousands of failures with huge messages, to check every size bound. */
export function hugeReport(count = 5_000, messageChars = 20_000): RunReport {
  const failures = Array.from({ length: count }, (_, i) =>
    moduleFailure({
      module: `github.com/acme/module${i}`,
      version: `v1.0.${i}`,
      class: i % 2 === 0 ? 'not-found' : 'server-error',
      message: `github.com/acme/module${i}@v1.0.${i}: <&> ${'x'.repeat(messageChars)}`
    })
  )
  return runReport(
    {
      outcome: 'failure',
      workdirs: [{ workdir: '.', ok: false }],
      attempts: Array.from({ length: 1_000 }, (_, i) =>
        attempt({
          number: i + 1,
          try: i + 1,
          exitCode: 1,
          failures: failures.slice(0, 100),
          stopped: 'stalled',
          pendingUrl: `${GOOGLE}/${'p'.repeat(5_000)}`,
          decision: 'retry'
        })
      ),
      failed: failures,
      recovered: Array.from({ length: count }, (_, i) => recovered({ module: `github.com/acme/back${i}` })),
      mirrors: [mirror({ proxy: GOOGLE, requests: 10_000, ok: 0, failuresByClass: { 'not-found': count } })]
    },
    {
      warnings: Array.from({ length: 2_000 }, (_, i) => `warning ${i}: ${'w'.repeat(2_000)}`),
      cache: {
        enabled: true,
        key: 'k',
        hit: 'miss',
        purged: Array.from({ length: 10_000 }, (_, i) => `github.com/acme/purged${i}@v1.0.0`)
      }
    }
  )
}

const DOWN = 'https://down.example'
const SUMDB = 'https://sum.golang.org'

export function probeResult(fields: Partial<ProbeResult> & Pick<ProbeResult, 'target'>): ProbeResult {
  return {
    role: 'mirror',
    url: `${fields.target}/sumdb/sum.golang.org/supported`,
    verdict: 'reachable',
    startMs: 100,
    durationMs: 80,
    ...fields
  }
}

/**
 * One probe of each kind: a healthy mirror, one answering 503 through an HTTP proxy, one behind a SOCKS5
 * proxy the probe cannot speak, one refusing connections (tried last), an unreachable checksum database,
 * and the 503 mirror probed again after a failed attempt.
 */
export function connectivityReport(): ConnectivityReport {
  return {
    probed: true,
    startMs: 100,
    durationMs: 1_250,
    orderSettledMs: 310,
    downloadStartMs: 420,
    triedLast: [DOWN],
    probes: [
      probeResult({
        target: GOOGLE,
        dns: { host: 'proxy.golang.org', ms: 12, addresses: ['142.250.1.1', '142.250.1.2', '2a00:1450::1'] },
        connect: { address: '142.250.1.1:443', ms: 21 },
        tls: {
          ms: 30,
          protocol: 'TLSv1.3',
          subject: 'proxy.golang.org',
          validTo: '2027-03-01T00:00:00.000Z'
        },
        http: { ms: 40, status: 200, statusText: 'OK' }
      }),
      probeResult({
        target: CORP,
        via: 'http://proxy.corp.example:3128',
        verdict: 'http-error',
        dns: { host: 'proxy.corp.example', ms: 3, addresses: ['10.0.0.8'] },
        connect: { address: '10.0.0.8:3128', ms: 5 },
        tls: { ms: 25, protocol: 'TLSv1.2' },
        http: { ms: 900, status: 503, statusText: 'Service <Unavailable>' }
      }),
      probeResult({
        target: GOPROXY_CN,
        via: 'socks5://127.0.0.1:1080',
        verdict: 'not-probed',
        http: { ms: 0, error: 'the probe does not speak SOCKS5' }
      }),
      probeResult({
        target: DOWN,
        verdict: 'down',
        dns: { host: 'down.example', ms: 4, addresses: ['192.0.2.7'] },
        connect: {
          address: '192.0.2.7:443',
          ms: 2,
          error: 'dial tcp 192.0.2.7:443: connect: connection refused'
        },
        failure: {
          phase: 'connect',
          class: 'connection',
          message: 'dial tcp 192.0.2.7:443: connect: connection refused'
        }
      }),
      probeResult({
        target: SUMDB,
        role: 'checksum-db',
        url: `${SUMDB}/latest`,
        verdict: 'down',
        dns: { host: 'sum.golang.org', ms: 1_000, error: 'lookup sum.golang.org: i/o timeout' },
        failure: { phase: 'dns', class: 'timeout', message: 'lookup sum.golang.org: i/o timeout' }
      })
    ],
    environment: [
      { name: 'GOPROXY', value: `${CORP},${GOOGLE}` },
      { name: 'GOPRIVATE', value: '' },
      { name: 'HTTPS_PROXY', value: 'http://***@proxy.corp.example:3128' },
      { name: 'NO_PROXY', value: '' }
    ]
  }
}

/** The step's budget (`timeout: 1s`) ran out during the only attempt, which was still fetching one zip. */
export function budgetReport(): RunReport {
  const stopped = moduleFailure({
    class: 'timeout',
    message: `the step's time budget ran out while fetching ${GOOGLE}/github.com/acme/widget/@v/v1.2.3.zip; go was stopped`
  })
  return runReport({
    outcome: 'failure',
    durationMs: 1_000,
    timeoutMs: 1_000,
    timedOut: true,
    workdirs: [{ workdir: '.', ok: false }],
    attempts: [
      attempt({ number: 1, exitCode: null, stopped: 'timeout', failures: [stopped], decision: 'fail' })
    ],
    failed: [stopped]
  })
}

/**
 * go asked the relay once for a module no mirror has: the relay asked both mirrors and go's one attempt
 * failed with the relay's 404, naming both.
 */
export function relayNotFoundReport(): RunReport {
  const both = `${CORP}, ${GOOGLE}`
  const gone = moduleFailure({
    module: 'github.com/acme/gone',
    version: 'v0.9.0',
    class: 'not-found',
    transient: false,
    proxy: both,
    message: `github.com/acme/gone@v0.9.0: reading relay/github.com/acme/gone/@v/v0.9.0.mod: 404 Not Found\n\tserver response: github.com/acme/gone@v0.9.0 .mod: not found on ${both}`
  })
  const tries = [CORP, GOOGLE].map((mirror, i) => ({
    mirror,
    hedge: false,
    startMs: 10 + i,
    durationMs: 20,
    status: 404,
    class: 'not-found' as const,
    detail: '404 Not Found',
    bytes: 0,
    outcome: 'failed' as const
  }))
  const file = (name: string, requestedBy: 'go' | 'prefetch') => ({
    name: `github.com/acme/gone@v0.9.0 ${name}`,
    module: 'github.com/acme/gone',
    version: 'v0.9.0',
    requestedBy,
    tries,
    outcome: 'not-found' as const,
    failure: { class: 'not-found' as const, transient: false, message: 'not found on every mirror' },
    servedToGo: requestedBy === 'go'
  })
  return runReport(
    {
      outcome: 'failure',
      workdirs: [{ workdir: '.', ok: false }],
      attempts: [
        attempt({
          number: 1,
          proxy: 'relay',
          exitCode: 1,
          modulesOk: 12,
          failures: [gone],
          decision: 'next-mirror'
        })
      ],
      failed: [gone],
      mirrors: [
        mirror({ proxy: CORP, requests: 16, ok: 12, failuresByClass: { 'not-found': 2 } }),
        mirror({ proxy: GOOGLE, requests: 2, ok: 0, failuresByClass: { 'not-found': 2 }, answered: true })
      ],
      exportProxy: `${CORP}|${GOOGLE}`
    },
    {
      relay: {
        mirrors: [],
        files: [file('.mod', 'prefetch'), file('.zip', 'prefetch'), file('.mod', 'go')],
        totals: { files: 15, servedToGo: 13, fromStore: 12, bytes: 4096 }
      }
    }
  )
}

// Relay-shaped reports: go asks the relay on 127.0.0.1 once per file, the relay asks the mirrors, retries,
// hedges and moves on; the engine's report carries what the relay recovered and what it could not serve.
// Their shapes follow the JSON report of a real run against two fault-injecting mirrors.

export function tryRecord(fields: Partial<TryRecord> & Pick<TryRecord, 'mirror'>): TryRecord {
  return { hedge: false, startMs: 100, durationMs: 12, bytes: 0, outcome: 'failed', ...fields }
}

/** A try the mirror answered with `status`, classed as go's classifier would. */
function refusedTry(
  mirror: string,
  status: 403 | 404 | 502 | 503,
  fields: Partial<TryRecord> = {}
): TryRecord {
  const answer = {
    403: ['forbidden', '403 Forbidden'],
    404: ['not-found', '404 Not Found'],
    502: ['server-error', '502 Bad Gateway'],
    503: ['server-error', '503 Service Unavailable']
  } as const
  const [cls, detail] = answer[status]
  return tryRecord({ mirror, status, class: cls, detail, firstByteMs: 6, ...fields })
}

function servedTry(mirror: string, bytes: number, fields: Partial<TryRecord> = {}): TryRecord {
  return tryRecord({ mirror, status: 200, outcome: 'ok', bytes, firstByteMs: 4, ...fields })
}

export function fileRecord(
  fields: Partial<FileRecord> & Pick<FileRecord, 'module' | 'version' | 'file' | 'tries'>
): FileRecord {
  return {
    name: `${fields.module}@${fields.version} .${fields.file}`,
    requestedBy: 'prefetch',
    outcome: 'ok',
    servedToGo: false,
    ...fields
  }
}

export function relayMirror(
  fields: Partial<RelayMirrorStats> & Pick<RelayMirrorStats, 'mirror'>
): RelayMirrorStats {
  return {
    requests: 60,
    ok: 60,
    retries: 0,
    hedges: 0,
    hedgesWon: 0,
    breakerTrips: 0,
    bytes: 48_640,
    p50Ms: 9,
    p95Ms: 60,
    failuresByClass: {},
    answered: true,
    ...fields
  }
}

function prefetchReport(fields: Partial<PrefetchReport> = {}): PrefetchReport {
  return {
    requested: 120,
    fetched: 120,
    cached: 0,
    private: 0,
    notFound: 0,
    failed: 0,
    durationMs: 499,
    ...fields
  }
}

/** The relay's numbers for a mirror as the download report carries them. */
function engineMirror(m: RelayMirrorStats): MirrorStats {
  return mirror({
    proxy: m.mirror,
    requests: m.requests,
    ok: m.ok,
    failuresByClass: m.failuresByClass,
    medianMs: m.p50Ms,
    demoted: m.breakerTrips > 0,
    answered: m.answered
  })
}

/** A go process pointed at the relay. */
function relayAttempt(fields: Partial<Attempt> & Pick<Attempt, 'number'>): Attempt {
  return attempt({ proxy: 'relay', durationMs: 736, ...fields })
}

/**
 * go's one run through the relay succeeded; the relay absorbed a 503 on the company mirror with a retry,
 * a 403 there by asking the public mirror, and a company mirror that went quiet with a hedge the public
 * mirror won.
 */
export function relayedSuccessReport(): RunReport {
  const flaky = fileRecord({
    module: 'github.com/acme/flaky',
    version: 'v1.0.0',
    file: 'zip',
    tries: [refusedTry(CORP, 503), servedTry(CORP, 695, { startMs: 313, waitedMs: 83 })],
    servedBy: CORP,
    bytes: 695,
    cached: true
  })
  const refused = fileRecord({
    module: 'github.com/acme/refused',
    version: 'v1.0.12',
    file: 'zip',
    tries: [refusedTry(CORP, 403), servedTry(GOOGLE, 640, { startMs: 130 })],
    servedBy: GOOGLE,
    bytes: 640,
    cached: true
  })
  const quiet = fileRecord({
    module: 'github.com/acme/quiet',
    version: 'v1.7.0',
    file: 'mod',
    requestedBy: 'go',
    servedToGo: true,
    tries: [
      tryRecord({
        mirror: CORP,
        durationMs: 1_315,
        class: 'stalled',
        detail: 'no answer before another copy arrived',
        outcome: 'lost'
      }),
      servedTry(GOOGLE, 689, { hedge: true, startMs: 1_262, durationMs: 8 })
    ],
    servedBy: GOOGLE,
    bytes: 689
  })
  const relay = {
    mirrors: [
      relayMirror({
        mirror: CORP,
        requests: 123,
        ok: 120,
        retries: 1,
        hedges: 1,
        bytes: 31_482,
        p50Ms: 8,
        p95Ms: 69,
        failuresByClass: { 'server-error': 1, forbidden: 1, stalled: 1 }
      }),
      relayMirror({ mirror: GOOGLE, requests: 2, ok: 2, hedgesWon: 1, bytes: 1_329, p50Ms: 5, p95Ms: 8 })
    ],
    files: [flaky, refused, quiet],
    totals: { files: 120, servedToGo: 18, fromStore: 15, bytes: 32_811, intoCache: 102 },
    prefetch: prefetchReport()
  }
  return runReport(
    {
      durationMs: 738,
      workdirs: [{ workdir: '.', ok: true, completedBy: 'relay' }],
      attempts: [relayAttempt({ number: 1, modulesOk: 40 })],
      recovered: [
        recovered({
          module: 'github.com/acme/flaky',
          version: 'v1.0.0',
          class: 'server-error',
          proxy: CORP,
          relayed: {
            failedOn: [CORP],
            trail: `github.com/acme/flaky@v1.0.0 .zip: ${CORP}: 503 Service Unavailable`
          }
        }),
        recovered({
          module: 'github.com/acme/refused',
          version: 'v1.0.12',
          class: 'forbidden',
          proxy: GOOGLE,
          relayed: { failedOn: [CORP], trail: `github.com/acme/refused@v1.0.12 .zip: ${CORP}: 403 Forbidden` }
        })
      ],
      mirrors: relay.mirrors.map(engineMirror),
      exportProxy: `${CORP}|${GOOGLE}`
    },
    { relay }
  )
}

/**
 * One module neither mirror would serve: the relay tried the company mirror three times (503) and the public
 * one three times (502), for the prefetch and again for each of go's three runs; a 503 on another module was
 * absorbed by a retry, and a quiet company mirror by a hedge.
 */
export function relayedFailureReport(): RunReport {
  const module = 'github.com/acme/broken'
  const version = 'v1.0.18'
  const said = `${module}@${version} .zip: ${CORP}: 503 Service Unavailable ×3; ${GOOGLE}: 502 Bad Gateway ×3`
  const sixTries = (start: number): TryRecord[] => [
    refusedTry(CORP, 503, { startMs: start }),
    refusedTry(CORP, 503, { startMs: start + 29, waitedMs: 10 }),
    refusedTry(CORP, 503, { startMs: start + 48, waitedMs: 14 }),
    refusedTry(GOOGLE, 502, { startMs: start + 49 }),
    refusedTry(GOOGLE, 502, { startMs: start + 65, waitedMs: 12 }),
    refusedTry(GOOGLE, 502, { startMs: start + 97, waitedMs: 30 })
  ]
  const broken = (requestedBy: 'go' | 'prefetch', start: number): FileRecord =>
    fileRecord({
      module,
      version,
      file: 'zip',
      requestedBy,
      servedToGo: true,
      tries: sixTries(start),
      outcome: 'failed',
      failure: { class: 'server-error', transient: true, message: said }
    })
  const goSaid = [
    `${module}@${version}: reading relay/${module}/@v/${version}.zip: 502 Bad Gateway`,
    '\tserver response:',
    `\t${module}@${version} .zip: ${CORP}: 503 Service Unavailable ×3`,
    `\t${GOOGLE}: 502 Bad Gateway ×3`
  ].join('\n')
  const failure = moduleFailure({
    module,
    version,
    class: 'server-error',
    transient: true,
    proxy: `${CORP}, ${GOOGLE}`,
    message: goSaid,
    fromRelay: true
  })
  const relay = {
    mirrors: [
      relayMirror({
        mirror: CORP,
        requests: 45,
        ok: 34,
        retries: 7,
        hedges: 1,
        bytes: 8_521,
        p50Ms: 10,
        p95Ms: 42,
        failuresByClass: { 'server-error': 10, stalled: 1 }
      }),
      relayMirror({
        mirror: GOOGLE,
        requests: 10,
        ok: 1,
        retries: 6,
        hedgesWon: 1,
        bytes: 689,
        p50Ms: 4,
        p95Ms: 4,
        failuresByClass: { 'server-error': 9 }
      })
    ],
    files: [
      fileRecord({
        module: 'github.com/acme/quiet',
        version: 'v1.7.0',
        file: 'zip',
        servedToGo: true,
        tries: [
          tryRecord({
            mirror: CORP,
            startMs: 21,
            durationMs: 1_315,
            class: 'stalled',
            detail: 'no answer before another copy arrived',
            outcome: 'lost'
          }),
          servedTry(GOOGLE, 689, { hedge: true, startMs: 1_262, durationMs: 8 })
        ],
        servedBy: GOOGLE,
        bytes: 689
      }),
      broken('prefetch', 112),
      fileRecord({
        module: 'github.com/acme/flaky',
        version: 'v1.8.5',
        file: 'zip',
        tries: [
          refusedTry(CORP, 503, { startMs: 131 }),
          servedTry(CORP, 671, { startMs: 155, waitedMs: 18 })
        ],
        servedBy: CORP,
        bytes: 671,
        cached: true
      }),
      broken('go', 1_422),
      broken('go', 1_582)
    ],
    totals: { files: 38, servedToGo: 9, fromStore: 0, bytes: 9_210 },
    prefetch: prefetchReport({ requested: 36, fetched: 35, failed: 1, durationMs: 1_341 })
  }
  return runReport(
    {
      outcome: 'failure',
      durationMs: 1_669,
      workdirs: [{ workdir: '.', ok: false }],
      attempts: [
        relayAttempt({
          number: 1,
          durationMs: 1_333,
          exitCode: 1,
          modulesOk: 11,
          failures: [failure],
          decision: 'retry'
        }),
        relayAttempt({
          number: 2,
          try: 2,
          delayMs: 17,
          startMs: 1_352,
          durationMs: 143,
          exitCode: 1,
          modulesOk: 11,
          failures: [failure],
          decision: 'retry'
        }),
        relayAttempt({
          number: 3,
          try: 3,
          delayMs: 23,
          startMs: 1_520,
          durationMs: 149,
          exitCode: 1,
          modulesOk: 11,
          failures: [failure],
          decision: 'fail'
        })
      ],
      failed: [failure],
      recovered: [
        recovered({
          module: 'github.com/acme/flaky',
          version: 'v1.8.5',
          class: 'server-error',
          proxy: CORP,
          relayed: {
            failedOn: [CORP],
            trail: `github.com/acme/flaky@v1.8.5 .zip: ${CORP}: 503 Service Unavailable`
          }
        })
      ],
      mirrors: relay.mirrors.map(engineMirror),
      exportProxy: `${CORP}|${GOOGLE}`
    },
    { relay }
  )
}

/**
 * The journal of the relay that served the job's later steps, as the post step reads it back: a tool's
 * files fetched after two 503s each (one of them hedged too), one file no mirror has, the mirrors'
 * totals, and the relay stopping when asked.
 */
export function jobRelayJournal(): StopResult {
  const tool = 'tools.test/lib/m000'
  const trouble = [`${CORP}: 503 Service Unavailable`, `${CORP}: 503 Service Unavailable`]
  const stopped = { t: 'stopped', reason: 'asked', at: '2026-05-01T10:00:00.000Z' } as const
  return {
    how: 'stopped',
    lines: [
      ...(['info', 'mod', 'zip'] as const).map(file => ({
        t: 'file' as const,
        name: `${tool}@v1.2.0 .${file}`,
        module: tool,
        version: 'v1.2.0',
        outcome: 'ok' as const,
        servedBy: file === 'mod' ? GOOGLE : CORP,
        tries: file === 'mod' ? 4 : 3,
        retried: true,
        hedged: file === 'mod',
        trouble
      })),
      {
        t: 'file',
        name: 'tools.test/lib/m001@v1.4.16 .info',
        module: 'tools.test/lib/m001',
        version: 'v1.4.16',
        outcome: 'not-found',
        tries: 2,
        retried: true,
        hedged: false,
        trouble: [`${CORP}: 404 Not Found`, `${GOOGLE}: 404 Not Found`],
        failure: {
          class: 'not-found',
          message: `tools.test/lib/m001@v1.4.16 .info: not found on ${CORP}, ${GOOGLE}`
        }
      },
      {
        t: 'stats',
        requests: 4,
        mirrors: [
          relayMirror({
            mirror: CORP,
            requests: 10,
            ok: 2,
            retries: 6,
            hedges: 1,
            bytes: 702,
            failuresByClass: { 'server-error': 6, stalled: 1, 'not-found': 1 }
          }),
          relayMirror({
            mirror: GOOGLE,
            requests: 2,
            ok: 1,
            hedgesWon: 1,
            bytes: 78,
            failuresByClass: { 'not-found': 1 }
          })
        ]
      },
      stopped
    ],
    stopped
  }
}

/** A line go.sum lacks, as the go.sum check reports it. */
export function missingSum(module: string, fields: Partial<MissingSumReport> = {}): MissingSumReport {
  return {
    module,
    version: 'v1.2.3',
    line: 'zip',
    package: `${module}/pkg`,
    message: `missing go.sum entry for module providing package ${module}/pkg (imported by example.test/app); to add:\n\tgo get example.test/app`,
    file: 'go.sum',
    startLine: 4,
    ...fields
  }
}

/** The go.sum check of the working directories given, each `stops` unless it says otherwise. */
export function goSumReport(dirs: Partial<GoSumDirReport>[], fields: Partial<GoSumReport> = {}): GoSumReport {
  return {
    dirs: dirs.map(d => ({ workdir: '.', handling: 'stops', missing: [], durationMs: 120, ...d })),
    checksumDatabase: 'sum.golang.org',
    durationMs: 120,
    ...fields
  }
}
