import { execFile, spawn } from 'node:child_process'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { connect, type AddressInfo, type Socket } from 'node:net'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { selfSignedCert } from './tls.js'

const run = promisify(execFile)

/** One request the git server answered. */
export interface GitRequest {
  method: string
  /** URL path and query, as git asked for it. */
  url: string
  /** Whether the request carried the Authorization header the server demands. */
  authorized: boolean
  /** Whether it carried any Authorization header at all. */
  sentAuthorization: boolean
  /** The other headers, Authorization left out. */
  headers: Record<string, string>
  status: number
}

export interface GitServer {
  /** The host name the server's certificate is for; git reaches it only through `proxyUrl`. */
  host: string
  /** PEM file of the self-signed certificate, for GIT_SSL_CAINFO (and SSL_CERT_FILE for go). */
  caFile: string
  /** An http:// CONNECT proxy on 127.0.0.1 that tunnels `host:443` to the git server, for HTTPS_PROXY. */
  proxyUrl: string
  requests: GitRequest[]
  /** CONNECT targets asked of the proxy, refused ones included. */
  connects: string[]
  close(): Promise<void>
}

export interface GitServerOptions {
  /** Directory holding bare repositories, served at `https://<host>/<path below root>`. */
  root: string
  host: string
  /** The token the server demands, as GitHub takes it: Basic auth with user `x-access-token`. */
  token: string
  /** Where the key and certificate are written. */
  certDir: string
}

/** A git environment that reads no user or system configuration. */
export function hermeticGitEnv(home: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.test',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.test',
    GIT_AUTHOR_DATE: '2024-01-02T03:04:05Z',
    GIT_COMMITTER_DATE: '2024-01-02T03:04:05Z'
  }
}

/** Creates a bare repository at `<root>/<repoPath>` holding `files` in one commit tagged `tag`. */
export async function createModuleRepo(opts: {
  root: string
  repoPath: string
  files: Record<string, string>
  tag: string
  home: string
}): Promise<void> {
  const env = hermeticGitEnv(opts.home)
  const work = join(opts.home, 'work-' + opts.repoPath.replace(/\W/g, '_'))
  for (const [name, text] of Object.entries(opts.files)) {
    await mkdir(dirname(join(work, name)), { recursive: true })
    await writeFile(join(work, name), text)
  }
  const git = (cwd: string, ...args: string[]) => run('git', args, { cwd, env })
  await git(work, 'init', '-q', '-b', 'main')
  await git(work, 'add', '.')
  await git(work, 'commit', '-q', '-m', 'module')
  await git(work, 'tag', opts.tag)
  const bare = join(opts.root, opts.repoPath)
  await mkdir(dirname(bare), { recursive: true })
  await git(opts.root, 'clone', '-q', '--bare', work, bare)
}

/**
 * Starts a TLS git smart-HTTP server (git http-backend as a CGI) for `host` on 127.0.0.1, which
 * answers 401 unless the request carries the token, and a CONNECT proxy in front of it. Go's
 * `?go-get=1` discovery is answered without the token, as a code host answers it for a public page.
 */
export async function startGitServer(opts: GitServerOptions): Promise<GitServer> {
  const { keyFile, certFile: caFile } = selfSignedCert(opts.certDir, [opts.host])
  const expected = `Basic ${Buffer.from(`x-access-token:${opts.token}`).toString('base64')}`
  const requests: GitRequest[] = []
  const connects: string[] = []
  const sockets = new Set<Socket>()

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', `https://${opts.host}`)
    const sent = req.headers.authorization
    const entry: GitRequest = {
      method: req.method ?? 'GET',
      url: url.pathname + url.search,
      authorized: sent === expected,
      sentAuthorization: sent !== undefined,
      headers: Object.fromEntries(
        Object.entries(req.headers).flatMap(([name, value]) =>
          name === 'authorization' || value === undefined ? [] : [[name, String(value)]]
        )
      ),
      status: 0
    }
    requests.push(entry)
    if (url.searchParams.get('go-get') === '1') {
      const root = `${opts.host}${url.pathname.split('/').slice(0, 3).join('/')}`
      entry.status = 200
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      res.end(
        `<!DOCTYPE html><html><head><meta name="go-import" content="${root} git https://${root}"></head></html>\n`
      )
      return
    }
    if (!entry.authorized) {
      entry.status = 401
      res.writeHead(401, { 'www-authenticate': 'Basic realm="git"', 'content-type': 'text/plain' })
      res.end('authentication required\n')
      return
    }
    serveCgi(req, res, url, opts.root, entry)
  }

  const git = createHttpsServer({ key: await readFile(keyFile), cert: await readFile(caFile) }, handle)
  git.on('connection', (s: Socket) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>(ok => git.listen(0, '127.0.0.1', () => ok()))
  const gitPort = (git.address() as AddressInfo).port

  const proxy = createHttpServer((_req, res) => {
    res.writeHead(405)
    res.end()
  })
  proxy.on('connection', (s: Socket) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  proxy.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const target = req.url ?? ''
    connects.push(target)
    // Only the git host is tunnelled: anything else would be a request meant for the internet.
    if (target !== `${opts.host}:443`) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n')
      return
    }
    const upstream = connect(gitPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length > 0) upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    sockets.add(upstream)
    upstream.on('close', () => sockets.delete(upstream))
    upstream.on('error', () => client.destroy())
    client.on('error', () => upstream.destroy())
  })
  await new Promise<void>(ok => proxy.listen(0, '127.0.0.1', () => ok()))
  const proxyPort = (proxy.address() as AddressInfo).port

  return {
    host: opts.host,
    caFile,
    proxyUrl: `http://127.0.0.1:${proxyPort}`,
    requests,
    connects,
    async close() {
      for (const s of sockets) s.destroy()
      await Promise.all([
        new Promise<void>(ok => git.close(() => ok())),
        new Promise<void>(ok => proxy.close(() => ok()))
      ])
    }
  }
}

/** Runs `git http-backend` for one request and relays its CGI answer. */
function serveCgi(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  root: string,
  entry: GitRequest
): void {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    GIT_CONFIG_NOSYSTEM: '1',
    HOME: root,
    GIT_PROJECT_ROOT: root,
    GIT_HTTP_EXPORT_ALL: '1',
    GATEWAY_INTERFACE: 'CGI/1.1',
    REQUEST_METHOD: req.method ?? 'GET',
    PATH_INFO: decodeURIComponent(url.pathname),
    QUERY_STRING: url.search.replace(/^\?/, ''),
    REMOTE_ADDR: '127.0.0.1',
    REMOTE_USER: 'x-access-token'
  }
  const headers: Record<string, string | undefined> = {
    CONTENT_TYPE: req.headers['content-type'],
    CONTENT_LENGTH: req.headers['content-length'],
    HTTP_CONTENT_ENCODING: req.headers['content-encoding'],
    GIT_PROTOCOL: req.headers['git-protocol'] as string | undefined
  }
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) env[name] = value

  const cgi = spawn('git', ['http-backend'], { env, stdio: ['pipe', 'pipe', 'pipe'] })
  req.pipe(cgi.stdin)
  cgi.stdin.on('error', () => undefined)
  let head = Buffer.alloc(0)
  let started = false
  cgi.stdout.on('data', (chunk: Buffer) => {
    if (started) {
      res.write(chunk)
      return
    }
    head = Buffer.concat([head, chunk])
    const text = head.toString('latin1')
    const end = text.search(/\r?\n\r?\n/)
    if (end < 0) return
    const sep = /\r?\n\r?\n/.exec(text.slice(end))![0]
    let status = 200
    const out: Record<string, string> = {}
    for (const line of text.slice(0, end).split(/\r?\n/)) {
      const colon = line.indexOf(':')
      if (colon < 0) continue
      const name = line.slice(0, colon).trim()
      const value = line.slice(colon + 1).trim()
      if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10)
      else out[name] = value
    }
    entry.status = status
    res.writeHead(status, out)
    started = true
    const rest = head.subarray(end + sep.length)
    if (rest.length > 0) res.write(rest)
  })
  cgi.stdout.on('end', () => {
    if (!started) {
      entry.status = 502
      res.writeHead(502)
    }
    res.end()
  })
  cgi.on('error', () => {
    if (!res.headersSent) res.writeHead(502)
    res.end()
  })
}
