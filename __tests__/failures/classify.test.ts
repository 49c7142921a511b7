import { describe, it, expect } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { classify, classifyStatus, DISGUISED_OUTAGE_WORDS } from '../../src/failures/classify.js'
import type { Classification, FailureClass, Misconfiguration } from '../../src/failures/classes.js'
import { OUTAGE_BODIES } from '../../__fixtures__/outage-bodies.js'

const FIXTURES = new URL('../../__fixtures__/go-output/', import.meta.url)

interface Capture {
  stdout: string
  stderr: string
  exit: number
}

function load(name: string): Capture {
  const read = (suffix: string): string => readFileSync(new URL(`${name}.${suffix}`, FIXTURES), 'utf8')
  return { stdout: read('stdout.json'), stderr: read('stderr.txt'), exit: Number(read('exit').trim()) }
}

/** The `Error` fields of go's stream of indented JSON objects, each opening with `{` on a line of its own. */
function jsonErrors(stdout: string): string[] {
  return stdout
    .split(/^(?=\{$)/m)
    .filter(chunk => chunk.trim() !== '')
    .map(chunk => JSON.parse(chunk) as { Error?: string })
    .flatMap(entry => (entry.Error === undefined ? [] : [entry.Error]))
}

/** Messages go printed on stderr: `-x` lines dropped, each `go: ` line with the lines that follow it. */
function stderrErrors(stderr: string): string[] {
  const lines = stderr.split('\n').filter(line => !line.startsWith('# ') && line !== '')
  const messages: string[][] = []
  for (const line of lines) {
    const last = messages.at(-1)
    if (line.startsWith('go: ') || last === undefined) messages.push([line])
    else last.push(line)
  }
  return messages.map(message => message.join('\n'))
}

type Expected = [FailureClass, boolean]

/** Every captured case, with what each of its messages must classify as; an abort prints no JSON at all. */
const CAPTURED: Record<string, { errors: Expected[]; aborts?: true }> = {
  ok: { errors: [] },
  'noncanonical-rewrite': { errors: [] },
  '404': { errors: [['not-found', false]] },
  '410': { errors: [['not-found', false]] },
  '410-temporarily-unavailable': { errors: [['not-found', true]] },
  '404-fetch-timed-out': { errors: [['not-found', true]] },
  '404-unknown-revision': { errors: [['not-found', false]], aborts: true },
  '403': { errors: [['forbidden', false]] },
  '401': { errors: [['forbidden', false]] },
  '429': { errors: [['rate-limited', true]] },
  '408': { errors: [['server-error', true]] },
  '500': { errors: [['server-error', true]] },
  '502': { errors: [['server-error', true]] },
  '503': { errors: [['server-error', true]] },
  '504': { errors: [['server-error', true]] },
  refused: { errors: [['connection', true]], aborts: true },
  'reset-eof': { errors: [['reset', true]] },
  'reset-rst': { errors: [['reset', true]] },
  truncated: { errors: [['truncated', true]] },
  'invalid-zip': { errors: [['truncated', true]] },
  'tls-self-signed': { errors: [['tls', false]], aborts: true },
  'bad-info': { errors: [['bad-response', false]] },
  'info-wrong-version': { errors: [['bad-response', false]] },
  'zip-unexpected-file': { errors: [['bad-response', false]] },
  'checksum-mismatch': { errors: [['checksum-mismatch', false]], aborts: true },
  'checksum-mismatch-mod': { errors: [['checksum-mismatch', false]], aborts: true },
  'mod-503': { errors: [['server-error', true]], aborts: true },
  'mod-404': { errors: [['not-found', false]], aborts: true },
  'declares-path': { errors: [['invalid-version', false]], aborts: true },
  'malformed-module-path': { errors: [['invalid-version', false]], aborts: true },
  'invalid-version-string': { errors: [['invalid-version', false]], aborts: true },
  'noncanonical-unknown': { errors: [['invalid-version', false]], aborts: true },
  'replace-missing-dir': { errors: [['invalid-version', false]], aborts: true },
  'toolchain-local': { errors: [['toolchain', false]], aborts: true }
}

const pair = (c: Classification): Expected => [c.class, c.transient]

describe('classify, on output captured from go', () => {
  it('has an expectation for every captured case', () => {
    const cases = readdirSync(FIXTURES)
      .filter(file => file.endsWith('.exit'))
      .map(file => file.slice(0, -'.exit'.length))
    expect(cases.sort()).toEqual(Object.keys(CAPTURED).sort())
  })

  it.each(Object.entries(CAPTURED))('%s', (name, { errors, aborts }) => {
    const capture = load(name)
    const messages = [...jsonErrors(capture.stdout), ...stderrErrors(capture.stderr)]
    expect(messages.map(message => pair(classify(message)))).toEqual(errors)
    expect(capture.exit).toBe(errors.length === 0 ? 0 : 1)
    expect(capture.stdout === '').toBe(aborts === true)
  })

  it('finds errors only in the JSON when go did not abort', () => {
    for (const [name, { aborts }] of Object.entries(CAPTURED)) {
      if (aborts) continue
      expect([name, stderrErrors(load(name).stderr)]).toEqual([name, []])
    }
  })
})

const URL_ZIP = 'https://proxy.example.com/example.com/m/@v/v1.2.3.zip'
const GET = `example.com/m@v1.2.3: Get "${URL_ZIP}"`
const LOOKUP = 'https://sum.golang.org/lookup/example.com/m@v1.2.3'

const SHAPES: [string, string, FailureClass, boolean][] = [
  [
    'dns no such host',
    `${GET}: dial tcp: lookup proxy.example.com on 127.0.0.53:53: no such host`,
    'dns',
    false
  ],
  ['dns no such host, no resolver', `${GET}: dial tcp: lookup proxy.example.com: no such host`, 'dns', false],
  [
    'dns server misbehaving',
    `${GET}: dial tcp: lookup proxy.example.com on 127.0.0.53:53: server misbehaving`,
    'dns',
    true
  ],
  [
    'dns resolver timeout',
    `${GET}: dial tcp: lookup proxy.example.com on 127.0.0.53:53: read udp 127.0.0.1:41234->127.0.0.53:53: i/o timeout`,
    'dns',
    true
  ],
  [
    'network is unreachable',
    `${GET}: dial tcp 203.0.113.7:443: connect: network is unreachable`,
    'connection',
    true
  ],
  ['no route to host', `${GET}: dial tcp 203.0.113.7:443: connect: no route to host`, 'connection', true],
  [
    'refused on Windows',
    `${GET}: dial tcp 127.0.0.1:9: connectex: No connection could be made because the target machine actively refused it.`,
    'connection',
    true
  ],
  // Windows: go names the call (connectex, wsarecv: net/fd_windows.go) and prints Winsock's own text.
  [
    'unreachable network on Windows',
    `${GET}: dial tcp 203.0.113.7:443: connectex: A socket operation was attempted to an unreachable network.`,
    'connection',
    true
  ],
  [
    'unreachable host on Windows',
    `${GET}: dial tcp 203.0.113.7:443: connectex: A socket operation was attempted to an unreachable host.`,
    'connection',
    true
  ],
  [
    'connect timeout on Windows',
    `${GET}: dial tcp 203.0.113.7:443: connectex: A connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond.`,
    'timeout',
    true
  ],
  [
    'reset on Windows',
    `example.com/m@v1.2.3: read "${URL_ZIP}": read tcp 10.1.0.4:50312->203.0.113.7:443: wsarecv: An existing connection was forcibly closed by the remote host.`,
    'reset',
    true
  ],
  [
    'aborted on Windows',
    `${GET}: read tcp 10.1.0.4:50312->203.0.113.7:443: wsarecv: An established connection was aborted by the software in your host machine.`,
    'reset',
    true
  ],
  [
    'aborted',
    `${GET}: read tcp 10.1.0.4:50312->203.0.113.7:443: read: software caused connection abort`,
    'reset',
    true
  ],
  ['dial i/o timeout', `${GET}: dial tcp 203.0.113.7:443: i/o timeout`, 'timeout', true],
  ['TLS handshake timeout', `${GET}: net/http: TLS handshake timeout`, 'timeout', true],
  [
    'http2 GOAWAY',
    `${GET}: http2: server sent GOAWAY and closed the connection; LastStreamID=1999, ErrCode=NO_ERROR, debug=""`,
    'reset',
    true
  ],
  [
    'http2 stream error mid-body',
    `example.com/m@v1.2.3: read "${URL_ZIP}": stream error: stream ID 5; INTERNAL_ERROR; received from peer`,
    'reset',
    true
  ],
  ['x509 alone', `${GET}: x509: certificate signed by unknown authority`, 'tls', false],
  ['remote tls alert', `${GET}: remote error: tls: handshake failure`, 'tls', false],
  [
    'git terminal prompts disabled',
    'example.com/private@v1.0.0: invalid version: git ls-remote -q origin in /home/runner/go/pkg/mod/cache/vcs/0f3a: ' +
      "exit status 128:\n\tfatal: could not read Username for 'https://github.com': terminal prompts disabled\n" +
      'Confirm the import path was entered correctly.\n' +
      'If this is a private repository, see https://golang.org/doc/faq#git_https for additional information.',
    'auth',
    false
  ],
  [
    'git could not read Username',
    "example.com/private@v1.0.0: git fetch -f origin: exit status 128:\n\tfatal: could not read Password for 'https://bot@gitlab.com': No such device or address",
    'auth',
    false
  ],
  [
    'toolchain not available',
    'go: download go1.23.4 for linux/amd64: toolchain not available',
    'toolchain',
    false
  ],
  [
    'toolchain too old',
    'go: go.mod requires go >= 1.23 (running go 1.21; GOTOOLCHAIN=local)',
    'toolchain',
    false
  ],
  [
    'toolchain download hit a 503',
    'go: download go1.23.4: golang.org/toolchain@v0.0.1-go1.23.4.linux-amd64: reading ' +
      'https://proxy.golang.org/golang.org/toolchain/@v/v0.0.1-go1.23.4.linux-amd64.zip: 503 Service Unavailable',
    'server-error',
    true
  ],
  [
    'toolchain download reset',
    'go: download go1.23.4: golang.org/toolchain@v0.0.1-go1.23.4.linux-amd64: Get ' +
      '"https://proxy.golang.org/golang.org/toolchain/@v/v0.0.1-go1.23.4.linux-amd64.zip": read tcp ' +
      '10.1.0.4:51234->142.250.1.1:443: read: connection reset by peer',
    'reset',
    true
  ],
  [
    'no space left on device',
    'example.com/m@v1.2.3: write /home/runner/go/pkg/mod/cache/download/example.com/m/@v/v1.2.3.zip123.tmp: no space left on device',
    'local',
    false
  ],
  [
    'permission denied',
    'go: could not create module cache: mkdir /home/runner/go: permission denied',
    'local',
    false
  ],
  [
    'read-only file system',
    'example.com/m@v1.2.3: mkdir /home/runner/go/pkg/mod/cache/download/example.com: read-only file system',
    'local',
    false
  ],
  [
    'sumdb lookup 410',
    `example.com/m@v1.2.3: verifying module: example.com/m@v1.2.3: reading ${LOOKUP}: 410 Gone\n\tserver response: not found: example.com/m@v1.2.3: invalid version: unknown revision v1.2.3`,
    'sumdb',
    false
  ],
  [
    'sumdb lookup 404 for go.mod',
    `example.com/m@v1.2.3: verifying go.mod: example.com/m@v1.2.3/go.mod: reading ${LOOKUP}/go.mod: 404 Not Found`,
    'sumdb',
    false
  ],
  [
    'sumdb lookup 503',
    `example.com/m@v1.2.3: verifying module: example.com/m@v1.2.3: reading ${LOOKUP}: 503 Service Unavailable`,
    'sumdb',
    true
  ],
  [
    'sumdb lookup reset',
    `example.com/m@v1.2.3: verifying module: example.com/m@v1.2.3: Get "${LOOKUP}": read: connection reset by peer`,
    'sumdb',
    true
  ],
  [
    'sumdb host unknown',
    `example.com/m@v1.2.3: verifying module: example.com/m@v1.2.3: Get "${LOOKUP}": dial tcp: lookup sum.golang.org on 127.0.0.53:53: no such host`,
    'sumdb',
    false
  ],
  [
    'sumdb through a proxy, 502',
    'example.com/m@v1.2.3: verifying module: example.com/m@v1.2.3: reading ' +
      'https://goproxy.example/sumdb/sum.golang.org/lookup/example.com/m@v1.2.3: 502 Bad Gateway',
    'sumdb',
    true
  ],
  [
    'sumdb disagrees with the download',
    'verifying example.com/m@v1.2.3: checksum mismatch\n\tdownloaded: h1:AAAA\n\tsum.golang.org: h1:BBBB\n\n' +
      'SECURITY ERROR\nThis download does NOT match the one reported by the checksum server.',
    'checksum-mismatch',
    false
  ],
  [
    'sumdb answer without the module',
    'example.com/m@v1.2.3: verifying module: checksum missing from sumdb response\n\nSECURITY ERROR',
    'sumdb',
    false
  ],
  [
    'unknown revision, direct',
    'go: example.com/m@v9.9.9: invalid version: unknown revision v9.9.9',
    'invalid-version',
    false
  ],
  [
    'malformed module path',
    'go: example.com/.m@v1.0.0: malformed module path "example.com/.m": leading dot in path element',
    'invalid-version',
    false
  ],
  [
    'module declares its path',
    'go: example.com/m@v1.2.3: parsing go.mod:\n\tmodule declares its path as: example.com/n\n\t        but was required as: example.com/m',
    'invalid-version',
    false
  ],
  [
    'disguised 404: fetch timed out',
    `example.com/m@v1.2.3: reading ${URL_ZIP}: 404 Not Found\n\tserver response: not found: fetch timed out`,
    'not-found',
    true
  ],
  [
    'disguised 404: bad upstream',
    `example.com/m@v1.2.3: reading ${URL_ZIP}: 404 Not Found\n\tserver response: bad upstream`,
    'not-found',
    true
  ],
  [
    'plain 404 whose detail names no outage',
    `example.com/m@v1.2.3: reading ${URL_ZIP}: 404 Not Found\n\tserver response: not found: unknown revision v1.2.3`,
    'not-found',
    false
  ],
  [
    'proxy 404 for a private repository stays not-found',
    `example.com/m@v1.2.3: reading ${URL_ZIP}: 410 Gone\n\tserver response:\n\tnot found: example.com/m@v1.2.3: invalid version: git ls-remote -q origin: exit status 128:\n\tfatal: could not read Username for 'https://github.com': terminal prompts disabled`,
    'not-found',
    false
  ],
  [
    'status phrase a proxy made up',
    `example.com/m@v1.2.3: reading ${URL_ZIP}: 503 Backend fetch failed`,
    'server-error',
    true
  ],
  ['Cloudflare 522', `example.com/m@v1.2.3: reading ${URL_ZIP}: 522 status code 522`, 'server-error', true],
  ['400 from a proxy', `example.com/m@v1.2.3: reading ${URL_ZIP}: 400 Bad Request`, 'bad-response', false],
  ['http proxy at an https URL', `${GET}: http: server gave HTTP response to HTTPS client`, 'tls', false],
  [
    'client timeout',
    `${GET}: context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
    'timeout',
    true
  ],
  ['broken pipe', `${GET}: write tcp 10.0.0.2:40000->203.0.113.7:443: write: broken pipe`, 'reset', true],
  ['context deadline alone', `${GET}: context deadline exceeded`, 'timeout', true],
  ['response header timeout', `${GET}: net/http: timeout awaiting response headers`, 'timeout', true],
  ['host is down', `${GET}: dial tcp 203.0.113.7:443: connect: host is down`, 'connection', true],
  ['corrupt zip entry', 'zip: checksum error', 'truncated', true],
  ['http2 connection lost', `${GET}: http2: client connection lost`, 'reset', true],
  ['idle connection closed', `${GET}: http: server closed idle connection`, 'reset', true],
  [
    'git credentials refused',
    "example.com/private@v1.0.0: invalid version: git fetch -f origin: exit status 128:\n\tremote: Invalid username or password.\n\tfatal: Authentication failed for 'https://github.com/acme/private/'",
    'auth',
    false
  ],
  [
    'ssh key refused is auth, not a local permission problem',
    'example.com/private@v1.0.0: invalid version: git ls-remote -q origin: exit status 128:\n\tgit@github.com: Permission denied (publickey).\n\tfatal: Could not read from remote repository.',
    'auth',
    false
  ],
  [
    'invalid pseudo-version',
    'go: example.com/m@v0.0.0-20240101000000-abcdefabcdef: invalid pseudo-version: does not match version-control timestamp (expected 20240102000000)',
    'invalid-version',
    false
  ],
  [
    'disk quota',
    'example.com/m@v1.2.3: write /home/runner/go/pkg/mod/x.tmp: disk quota exceeded',
    'local',
    false
  ],
  [
    'language version given as a toolchain',
    'go: invalid toolchain: go1.23 is a language version but not a toolchain version (go1.23.x)',
    'toolchain',
    false
  ],
  [
    'client timeout mid-body',
    `${GET}: net/http: request canceled (Client.Timeout exceeded while reading body)`,
    'timeout',
    true
  ],
  [
    'file:// proxy without the file (go 1.26 with an argument)',
    'example.com/tiny@v1.0.0+incompatible: reading file:///tmp/go-output-capture/ok/gopath/pkg/mod/cache/download/example.com/tiny/@v/v1.0.0+incompatible.info: no such file or directory',
    'not-found',
    false
  ],
  [
    'query no proxy can answer (go 1.26 with an argument)',
    'module example.com/tiny: no matching versions for query "v1.5"',
    'invalid-version',
    false
  ],
  [
    'bad version string (go 1.26 with an argument)',
    'example.com/tiny@v1.0.0-!bad: invalid version: version "v1.0.0-!bad" invalid: disallowed version string',
    'invalid-version',
    false
  ],
  [
    'unknown revision while reading go.mod from the repository',
    'go: github.com/acme/x@v1.2.3: reading github.com/acme/x/go.mod at revision v1.2.3: unknown revision v1.2.3',
    'invalid-version',
    false
  ],
  [
    'go.mod that does not parse (go 1.26)',
    'go: errors parsing go.mod:\ngo.mod:7:2: usage: require module/path v1.2.3',
    'invalid-version',
    false
  ],
  ['nothing go would say', 'go: the moon is in the wrong phase', 'unknown', true],
  ['empty', '', 'unknown', true]
]

describe('classify, on message shapes that need a real network', () => {
  it.each(SHAPES)('%s', (_name, message, cls, transient) => {
    expect(pair(classify(message))).toEqual([cls, transient])
  })
})

/** What go 1.26.8 printed for `go mod download` with GOTOOLCHAIN=auto and a go.mod asking for go 1.99 or go1.99.1, against loopback proxies. */
const TOOLCHAIN_SWITCHES: [string, string, FailureClass, boolean][] = [
  [
    'the proxy 404s the toolchain zip',
    'download go1.99.1 for linux/amd64: toolchain not available',
    'toolchain',
    false
  ],
  [
    'go 1.99 without a patch asks for go1.99.0',
    'download go1.99.0 for linux/amd64: toolchain not available',
    'toolchain',
    false
  ],
  [
    'the proxy 503s the toolchain zip',
    'download go1.99.1: golang.org/toolchain@v0.0.1-go1.99.1.linux-amd64: reading ' +
      'http://127.0.0.1:47902/golang.org/toolchain/@v/v0.0.1-go1.99.1.linux-amd64.zip: 503 Service Unavailable',
    'server-error',
    true
  ],
  [
    'the proxy drops the connection',
    'download go1.99.0: golang.org/toolchain@v0.0.1-go1.99.0.linux-amd64: Get ' +
      '"http://127.0.0.1:47903/golang.org/toolchain/@v/v0.0.1-go1.99.0.linux-amd64.zip": EOF',
    'reset',
    true
  ],
  [
    'the checksum database is unreachable',
    'download go1.99.1: golang.org/toolchain@v0.0.1-go1.99.1.linux-amd64: verifying module: ' +
      'golang.org/toolchain@v0.0.1-go1.99.1.linux-amd64: Get "https://sum.golang.org/lookup/golang.org/toolchain@v0.0.1-go1.99.1.linux-amd64": ' +
      'dial tcp: lookup sum.golang.org on 10.255.255.53:53: no such host',
    'sumdb',
    false
  ],
  [
    'the proxy 503s the checksum database',
    'download go1.99.1: golang.org/toolchain@v0.0.1-go1.99.1.linux-amd64: verifying module: ' +
      'golang.org/toolchain@v0.0.1-go1.99.1.linux-amd64: reading http://127.0.0.1:47912/sumdb/sum.golang.org/supported: 503 Service Unavailable',
    'sumdb',
    true
  ],
  [
    'GOSUMDB=off, which a toolchain download refuses',
    'download go1.99.1: golang.org/toolchain@v0.0.1-go1.99.1.linux-amd64: verifying module: checksum database disabled by GOSUMDB=off',
    'toolchain',
    false
  ]
]

describe('classify, on toolchain switches captured from go', () => {
  it.each(TOOLCHAIN_SWITCHES)('%s', (_name, message, cls, transient) => {
    expect(classify(message)).toEqual({ class: cls, transient })
  })
})

/** Messages of a setting go cannot work with, as go prints them (go 1.26). */
const MISCONFIGURED: [string, Misconfiguration][] = [
  ['example.test/lib/m000@v1.0.0: module lookup disabled by GOPROXY=off', 'goproxy-off'],
  [
    'example.test/lib/m000@v1.0.0: refusing to pass credentials to insecure URL: http://u:xxxxx@127.0.0.1:1/example.test/lib/m000/@v/v1.0.0.mod',
    'insecure-credentials'
  ],
  ['could not create module cache: stat /tmp/afile/x: not a directory', 'modcache-unusable'],
  ['go: could not create module cache: mkdir /home/runner/go: permission denied', 'modcache-unusable'],
  ['GOMODCACHE entry is relative; must be absolute path: "rel".\n', 'modcache-relative'],
  ['module cache not found: neither GOMODCACHE nor GOPATH is set', 'modcache-unset'],
  ['go: GOPATH entry is relative; must be absolute path: "relpath".', 'gopath-relative']
]

describe('classify, on a setting go cannot work with', () => {
  it.each(MISCONFIGURED)('%s is local, never retried, and names the setting', (message, misconfigured) => {
    expect(classify(message)).toEqual({ class: 'local', transient: false, misconfigured })
  })

  it('names GOTOOLCHAIN=local when it forbids the Go that go.mod asks for', () => {
    expect(classify('go: go.mod requires go >= 1.999 (running go 1.26.8; GOTOOLCHAIN=local)')).toEqual({
      class: 'toolchain',
      transient: false,
      misconfigured: 'toolchain-local'
    })
    expect(classify('go: go.mod requires go >= 1.999 (running go 1.26.8; GOTOOLCHAIN=go1.26.8)')).toEqual({
      class: 'toolchain',
      transient: false
    })
  })
})

/** 404/410 bodies of files that are not there, one word of the list inside a module path. */
const MISSING_BODIES = [
  'not found: example.com/timeout@v1.2.3: invalid version: unknown revision v1.2.3',
  'not found: gopkg.in/timeout.v1@v1.2.3: invalid version: unknown revision v1.2.3',
  'not found: example.com/x/go-timeout@v1.2.3: invalid version: unknown revision v1.2.3',
  'not found: module example.com/timeout: no matching versions for query "latest"'
]

describe('a 404 or 410 that hides an outage behind the mirror', () => {
  it('has an example for each word', () => {
    expect(OUTAGE_BODIES.map(([word]) => word)).toEqual([...DISGUISED_OUTAGE_WORDS])
  })

  it.each(OUTAGE_BODIES)('is transient in go\'s message when its text says "%s"', (_word, body) => {
    for (const status of ['404 Not Found', '410 Gone']) {
      const message = `example.com/m@v1.2.3: reading ${URL_ZIP}: ${status}\n\tserver response: ${body}`
      expect(classify(message)).toEqual({ class: 'not-found', transient: true })
    }
  })

  it.each(OUTAGE_BODIES)('is transient as a mirror\'s answer when its text says "%s"', (_word, body) => {
    expect(classifyStatus(404, body)).toEqual({ class: 'not-found', transient: true })
    expect(classifyStatus(410, body)).toEqual({ class: 'not-found', transient: true })
  })

  it.each(MISSING_BODIES)('is not read into a module path: %s', body => {
    const message = `example.com/timeout@v1.2.3: reading https://proxy.test/example.com/timeout/@v/v1.2.3.zip: 404 Not Found\n\tserver response: ${body}`
    expect(classify(message)).toEqual({ class: 'not-found', transient: false })
    expect(classifyStatus(404, body)).toEqual({ class: 'not-found', transient: false })
  })
})

describe('classifyStatus', () => {
  it.each([
    [401, 'forbidden', false],
    [403, 'forbidden', false],
    [429, 'rate-limited', true],
    [408, 'server-error', true],
    [500, 'server-error', true],
    [503, 'server-error', true],
    [400, 'bad-response', false],
    [405, 'bad-response', false]
  ] as const)('puts a %d in the class go puts it in', (status, cls, transient) => {
    expect(classifyStatus(status, '')).toEqual({ class: cls, transient })
    const message = `example.com/m@v1.2.3: reading ${URL_ZIP}: ${status} Whatever`
    expect(classify(message)).toEqual({ class: cls, transient })
  })
})
