import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { copyFile, mkdir, readFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { GoRelease } from '../src/toolchain/releases.js'

const run = promisify(execFile)

/** A Go release archive as the download site serves it. */
export interface GoArchive {
  /** As go names it: go1.26.8. */
  version: string
  filename: string
  os: string
  arch: string
  data: Buffer
  sha256: string
  /** The unpacked Go root the archive was made from, for seeding a tool cache. */
  goRoot: string
}

/**
 * Packs the smallest Go root that `go env` and `go mod download` accept, made from the go on PATH:
 * bin/go, an empty pkg/tool (without it a trimmed go binary cannot find its root), VERSION and go.env.
 */
export async function buildGoArchive(dir: string): Promise<GoArchive> {
  const env = { ...process.env, GOTOOLCHAIN: 'local', GOENV: 'off' }
  const { stdout } = await run('go', ['env', 'GOROOT', 'GOVERSION', 'GOOS', 'GOARCH'], { env })
  const [root, version, goOs, goArch] = stdout.trim().split('\n') as [string, string, string, string]
  const goRoot = join(dir, 'go')
  await mkdir(join(goRoot, 'bin'), { recursive: true })
  await mkdir(join(goRoot, 'pkg', 'tool'), { recursive: true })
  const exe = goOs === 'windows' ? 'go.exe' : 'go'
  await copyFile(join(root, 'bin', exe), join(goRoot, 'bin', exe))
  for (const file of ['VERSION', 'go.env']) {
    if (existsSync(join(root, file))) await copyFile(join(root, file), join(goRoot, file))
  }
  const filename = `${version}.${goOs}-${goArch}.tar.gz`
  await run('tar', ['-czf', join(dir, filename), '-C', dir, 'go'])
  const data = await readFile(join(dir, filename))
  return {
    version,
    filename,
    os: goOs,
    arch: goArch,
    data,
    sha256: createHash('sha256').update(data).digest('hex'),
    goRoot
  }
}

/** The JSON index listing the archives (newest first), plus releases that only exist in the index. */
export function releaseIndex(archives: readonly GoArchive[], extra: readonly GoRelease[] = []): GoRelease[] {
  const listed: GoRelease[] = archives.map(a => ({
    version: a.version,
    stable: !/(rc|beta)\d+$/.test(a.version),
    files: [
      {
        filename: `${a.version}.src.tar.gz`,
        os: '',
        arch: '',
        version: a.version,
        sha256: '0'.repeat(64),
        size: 1,
        kind: 'source'
      },
      {
        filename: a.filename,
        os: a.os,
        arch: a.arch,
        version: a.version,
        sha256: a.sha256,
        size: a.data.length,
        kind: 'archive'
      }
    ]
  }))
  return [...listed, ...extra]
}

/** A release listed for the platform whose archive the site does not have. */
export function indexOnlyRelease(version: string, stable: boolean, os: string, arch: string): GoRelease {
  return {
    version,
    stable,
    files: [
      {
        filename: `${version}.${os}-${arch}.tar.gz`,
        os,
        arch,
        version,
        sha256: 'f'.repeat(64),
        size: 1,
        kind: 'archive'
      }
    ]
  }
}

export interface SiteFault {
  /** Which requests: 'index', 'archive', or both when absent. */
  target?: 'index' | 'archive'
  /**
   * corrupt flips a byte; truncate sends half the body under the full Content-Length and hangs up; stall
   * sends half the body and then nothing, keeping the connection open.
   */
  kind: 'status' | 'corrupt' | 'reset' | 'truncate' | 'stall'
  status?: number
  /** How many matching requests the fault hits; all when absent. */
  times?: number
}

export interface SiteRequest {
  target: 'index' | 'archive' | 'other'
  path: string
  status: number | 'reset'
  fault?: SiteFault['kind']
}

export interface GoDownloadSite {
  /** Base URL, ending in a slash, as GO_MOD_DOWNLOAD_GO_BASE_URLS takes it. */
  url: string
  log: SiteRequest[]
  close(): Promise<void>
}

/** A Go download site on 127.0.0.1: the JSON index at `<url>?mode=json&include=all`, archives at `<url><filename>`. */
export async function startGoDownloadSite(opts: {
  archives: readonly GoArchive[]
  index?: readonly GoRelease[]
  faults?: readonly SiteFault[]
}): Promise<GoDownloadSite> {
  const index = Buffer.from(JSON.stringify(opts.index ?? releaseIndex(opts.archives), null, 1))
  const hits = new Map<SiteFault, number>()
  const log: SiteRequest[] = []
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://site')
    const archive = opts.archives.find(a => url.pathname === `/dl/${a.filename}`)
    const isIndex = url.pathname === '/dl/' && url.searchParams.get('mode') === 'json'
    const target = isIndex ? 'index' : archive ? 'archive' : 'other'
    const fault = (opts.faults ?? []).find(
      f =>
        (f.target === undefined || f.target === target) &&
        (f.times === undefined || (hits.get(f) ?? 0) < f.times)
    )
    if (fault && target !== 'other') hits.set(fault, (hits.get(fault) ?? 0) + 1)
    const answer = (status: number | 'reset', body?: Buffer): void => {
      log.push({ target, path: url.pathname + url.search, status, fault: fault?.kind })
      if (status === 'reset') {
        req.socket.destroy()
        return
      }
      res.writeHead(status, body ? { 'Content-Length': String(body.length) } : {}).end(body)
    }
    if (target === 'other') return answer(404, Buffer.from('not found\n'))
    if (fault?.kind === 'status') return answer(fault.status ?? 503)
    if (fault?.kind === 'reset') return answer('reset')
    let body = isIndex ? index : (archive as GoArchive).data
    if (fault?.kind === 'truncate' || fault?.kind === 'stall') {
      log.push({ target, path: url.pathname + url.search, status: 200, fault: fault.kind })
      res.writeHead(200, { 'Content-Length': String(body.length) })
      res.write(body.subarray(0, body.length >> 1), () => {
        if (fault.kind === 'truncate') req.socket.destroy()
      })
      return
    }
    if (fault?.kind === 'corrupt') {
      body = Buffer.from(body)
      body[body.length >> 1] = (body[body.length >> 1] ?? 0) ^ 0xff
    }
    answer(200, body)
  }
  const server = createServer(handler)
  await new Promise<void>(ok => server.listen(0, '127.0.0.1', ok))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/dl/`,
    log,
    close: () =>
      new Promise(ok => {
        server.closeAllConnections()
        server.close(() => ok())
      })
  }
}
