// Captures what a real `go mod download -json -x` prints against loopback proxies that inject one fault each.
// Usage: npx tsx __fixtures__/go-output/capture.ts [case ...]   (needs go and openssl; talks to 127.0.0.1 only)
import { createHash } from 'node:crypto'
import { execFileSync, spawn } from 'node:child_process'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
  readFileSync
} from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { strToU8, zipSync } from 'fflate'

const outDir = fileURLToPath(new URL('.', import.meta.url))
const work = '/tmp/go-output-capture'
const VERSION = 'v1.0.0'

interface Module {
  path: string
  files: Record<string, string>
}

const tiny: Module = {
  path: 'example.com/tiny',
  files: {
    'go.mod': 'module example.com/tiny\n\ngo 1.21\n',
    'tiny.go': 'package tiny\n\nconst Name = "tiny"\n'
  }
}
const other: Module = {
  path: 'example.com/other',
  files: {
    'go.mod': 'module example.com/other\n\ngo 1.21\n',
    'other.go': 'package other\n\nconst Name = "other"\n'
  }
}

const sha256 = (data: string | Uint8Array): Buffer => createHash('sha256').update(data).digest()

// go's h1: hash: sha256 over "<sha256hex>  <name>\n" lines sorted by name.
function h1(files: Record<string, string>): string {
  const lines = Object.keys(files)
    .sort()
    .map(name => `${sha256(files[name] ?? '').toString('hex')}  ${name}\n`)
  return 'h1:' + sha256(lines.join('')).toString('base64')
}

const prefixed = (m: Module): Record<string, string> =>
  Object.fromEntries(Object.entries(m.files).map(([name, body]) => [`${m.path}@${VERSION}/${name}`, body]))

const zipOf = (m: Module): Buffer =>
  Buffer.from(zipSync(Object.fromEntries(Object.entries(prefixed(m)).map(([n, b]) => [n, strToU8(b)]))))

const goSumLines = (m: Module, mod = m.files['go.mod'] ?? ''): string =>
  `${m.path} ${VERSION} ${h1(prefixed(m))}\n${m.path} ${VERSION}/go.mod ${h1({ 'go.mod': mod })}\n`

type Fault =
  | { kind: 'status'; code: number; body?: string }
  | { kind: 'reset-eof' }
  | { kind: 'reset-rst' }
  | { kind: 'truncate' }
  | { kind: 'body'; body: Buffer | string }

interface Case {
  name: string
  port: number
  fault?: Fault
  // Which request of example.com/tiny the fault hits.
  target?: 'zip' | 'mod' | 'info'
  tls?: boolean
  noServer?: boolean
  goMod?: string
  goSum?: string
}

const tinyZip = zipOf(tiny)
const tampered = zipOf({
  ...tiny,
  files: { ...tiny.files, 'tiny.go': 'package tiny\n\nconst Name = "evil"\n' }
})
const strayZip = Buffer.from(
  zipSync({
    'example.com/tiny@v1.0.0/go.mod': strToU8(tiny.files['go.mod'] ?? ''),
    'stray/evil.go': strToU8('package evil\n')
  })
)
const wrongMod = 'module example.com/tinier\n\ngo 1.21\n'
const consumerMod = `module example.com/consumer\n\ngo 1.22\n\nrequire (\n\texample.com/other ${VERSION}\n\texample.com/tiny ${VERSION}\n)\n`
const consumerSum = goSumLines(other) + goSumLines(tiny)
const plain = (code: number, body: string): Fault => ({ kind: 'status', code, body })

const cases: Case[] = [
  { name: 'ok', port: 47100 },
  { name: '404', port: 47101, fault: { kind: 'status', code: 404 } },
  { name: '410', port: 47102, fault: { kind: 'status', code: 410 } },
  { name: '410-temporarily-unavailable', port: 47103, fault: plain(410, 'upstream temporarily unavailable') },
  { name: '404-fetch-timed-out', port: 47104, fault: plain(404, 'not found: fetch timed out') },
  { name: '403', port: 47105, fault: { kind: 'status', code: 403 } },
  { name: '401', port: 47106, fault: { kind: 'status', code: 401 } },
  { name: '429', port: 47107, fault: { kind: 'status', code: 429 } },
  { name: '408', port: 47108, fault: { kind: 'status', code: 408 } },
  { name: '500', port: 47109, fault: { kind: 'status', code: 500 } },
  { name: '502', port: 47110, fault: { kind: 'status', code: 502 } },
  { name: '503', port: 47111, fault: { kind: 'status', code: 503 } },
  { name: '504', port: 47112, fault: { kind: 'status', code: 504 } },
  { name: 'refused', port: 47113, noServer: true },
  { name: 'reset-eof', port: 47114, fault: { kind: 'reset-eof' } },
  { name: 'reset-rst', port: 47115, fault: { kind: 'reset-rst' } },
  { name: 'truncated', port: 47116, fault: { kind: 'truncate' } },
  { name: 'invalid-zip', port: 47117, fault: { kind: 'body', body: 'this is not a zip file\n' } },
  { name: 'tls-self-signed', port: 47118, tls: true },
  { name: 'bad-info', port: 47119, target: 'info', fault: { kind: 'body', body: '{"Version": "v1.0.0", ' } },
  { name: 'checksum-mismatch', port: 47120, fault: { kind: 'body', body: tampered } },
  { name: 'checksum-mismatch-mod', port: 47121, target: 'mod', fault: { kind: 'body', body: wrongMod } },
  { name: 'mod-503', port: 47122, target: 'mod', fault: { kind: 'status', code: 503 } },
  { name: 'mod-404', port: 47123, target: 'mod', fault: { kind: 'status', code: 404 } },
  {
    name: 'declares-path',
    port: 47124,
    target: 'mod',
    fault: { kind: 'body', body: wrongMod },
    goSum: goSumLines(other) + goSumLines(tiny, wrongMod)
  },
  {
    name: 'malformed-module-path',
    port: 47125,
    goMod: consumerMod.replace('example.com/tiny', 'example.com/.tiny')
  },
  {
    name: 'replace-missing-dir',
    port: 47126,
    goMod: consumerMod + `\nreplace example.com/tiny => ../missing\n`
  },
  {
    name: 'noncanonical-unknown',
    port: 47127,
    goMod: consumerMod.replace(`example.com/tiny ${VERSION}`, 'example.com/tiny v1.5')
  },
  {
    name: 'invalid-version-string',
    port: 47128,
    goMod: consumerMod.replace(`example.com/tiny ${VERSION}`, 'example.com/tiny v1.0.0-!bad')
  },
  {
    name: '404-unknown-revision',
    port: 47130,
    goMod: consumerMod.replace(`example.com/tiny ${VERSION}`, 'example.com/tiny v1.9.9')
  },
  { name: 'zip-unexpected-file', port: 47131, fault: { kind: 'body', body: strayZip } },
  {
    name: 'info-wrong-version',
    port: 47132,
    target: 'info',
    fault: { kind: 'body', body: '{"Version":"v1.0.1","Time":"2024-01-01T00:00:00Z"}' }
  },
  { name: 'toolchain-local', port: 47133, goMod: consumerMod.replace('go 1.22', 'go 1.99') },
  {
    name: 'noncanonical-rewrite',
    port: 47129,
    goMod: consumerMod.replace(`example.com/tiny ${VERSION}`, 'example.com/tiny v1.0')
  }
]

function serve(c: Case, res: http.ServerResponse, req: http.IncomingMessage): void {
  const url = req.url ?? ''
  const match = /^\/(.+)\/@v\/(list|v1\.0\.0\.(info|mod|zip))$/.exec(url)
  const mod = [tiny, other].find(m => m.path === match?.[1])
  if (!match || !mod) {
    // Shaped like proxy.golang.org's answer for a tag that does not exist.
    const v = /\/@v\/(.+)\.(info|mod|zip)$/.exec(url)?.[1] ?? ''
    const path = url.replace(/^\/|\/@v\/.*$/g, '')
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' })
    res.end(`not found: ${path}@${v}: invalid version: unknown revision ${v}\n`)
    return
  }
  const file = match[3] ?? 'list'
  let body: Buffer | string =
    file === 'list'
      ? `${VERSION}\n`
      : file === 'info'
        ? JSON.stringify({ Version: VERSION, Time: '2024-01-01T00:00:00Z' })
        : file === 'mod'
          ? (mod.files['go.mod'] ?? '')
          : mod === tiny
            ? tinyZip
            : zipOf(mod)
  const fault = mod === tiny && file === (c.target ?? 'zip') ? c.fault : undefined
  switch (fault?.kind) {
    case 'status':
      if (fault.body === undefined) res.writeHead(fault.code).end()
      else res.writeHead(fault.code, { 'Content-Type': 'text/plain; charset=utf-8' }).end(fault.body + '\n')
      return
    case 'reset-eof':
      req.socket.destroy()
      return
    case 'reset-rst':
      req.socket.resetAndDestroy()
      return
    case 'truncate': {
      const full = Buffer.from(body)
      res.writeHead(200, { 'Content-Length': String(full.length) })
      res.write(full.subarray(0, full.length >> 1), () => req.socket.end())
      return
    }
    case 'body':
      body = fault.body
  }
  res.writeHead(200, { 'Content-Length': String(Buffer.byteLength(body)) }).end(body)
}

function selfSigned(dir: string): { key: Buffer; cert: Buffer } {
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem')
    ],
    { stdio: 'ignore' }
  )
  return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }
}

function removeTree(dir: string): void {
  if (!existsSync(dir)) return
  // The module cache is read-only; make it writable before removing it.
  const walk = (p: string): void => {
    chmodSync(p, 0o755)
    if (statSync(p).isDirectory()) for (const e of readdirSync(p)) walk(join(p, e))
  }
  walk(dir)
  rmSync(dir, { recursive: true, force: true })
}

async function run(c: Case): Promise<void> {
  const dir = join(work, c.name)
  removeTree(dir)
  const consumer = join(dir, 'consumer')
  mkdirSync(consumer, { recursive: true })
  writeFileSync(join(consumer, 'go.mod'), c.goMod ?? consumerMod)
  writeFileSync(join(consumer, 'go.sum'), c.goSum ?? consumerSum)
  let server: http.Server | undefined
  if (!c.noServer) {
    const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => serve(c, res, req)
    server = c.tls ? https.createServer(selfSigned(dir), handler) : http.createServer(handler)
    await new Promise<void>(ok => server?.listen(c.port, '127.0.0.1', ok))
    if ((server.address() as AddressInfo).port !== c.port) throw new Error('port mismatch')
  }
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: dir,
    GOPROXY: `${c.tls ? 'https' : 'http'}://127.0.0.1:${c.port}`,
    GOSUMDB: 'off',
    GOFLAGS: '',
    GONOSUMDB: '',
    GOPRIVATE: '',
    GONOPROXY: '',
    GOTOOLCHAIN: 'local',
    GOWORK: 'off',
    GOPATH: join(dir, 'gopath'),
    GOMODCACHE: join(dir, 'gopath', 'pkg', 'mod'),
    GOCACHE: join(dir, 'gocache'),
    GOMAXPROCS: '1'
  }
  // Async: the proxy runs in this process and must keep answering while go runs.
  const child = spawn('go', ['mod', 'download', '-json', '-x'], { cwd: consumer, env, timeout: 60000 })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const r = await new Promise<{ status: number | null; signal: string | null }>(ok =>
    child.on('close', (status, signal) => ok({ status, signal }))
  )
  server?.closeAllConnections()
  await new Promise<void>(ok => (server ? server.close(() => ok()) : ok()))
  writeFileSync(join(outDir, `${c.name}.stdout.json`), stdout)
  writeFileSync(join(outDir, `${c.name}.stderr.txt`), stderr)
  writeFileSync(join(outDir, `${c.name}.exit`), `${r.status ?? 'signal ' + r.signal}\n`)
  console.log(`${c.name}: exit ${r.status}`)
}

mkdirSync(outDir, { recursive: true })
const only = process.argv.slice(2)
for (const c of cases) if (only.length === 0 || only.includes(c.name)) await run(c)
