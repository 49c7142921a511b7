import type {
  Attempt,
  DownloadReport,
  MirrorStats,
  ModuleFailure,
  RecoveredModule
} from '../src/download/types.js'
import type { ConnectivityReport, ProbeResult } from '../src/network/types.js'
import type { RunReport } from '../src/report/types.js'

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
