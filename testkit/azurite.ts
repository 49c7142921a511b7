import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer, connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { repoRoot } from './action.js'

/** The Azurite development account: its name and well-known public key, the same in every install. */
export const DEV_ACCOUNT = 'devstoreaccount1'
export const DEV_ACCOUNT_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='

export interface Azurite {
  /** `http://127.0.0.1:<port>/devstoreaccount1`, the blob endpoint of the development account. */
  blobEndpoint: string
  stop(): Promise<void>
}

/** A free TCP port on 127.0.0.1, as the kernel hands one out. */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer()
    server.once('error', fail)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => ok(port))
    })
  })
}

function accepts(port: number): Promise<boolean> {
  return new Promise(ok => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      ok(true)
    })
    socket.once('error', () => ok(false))
  })
}

/** Starts an in-memory Azurite blob service on 127.0.0.1 and waits until it accepts connections. */
export async function startAzurite(timeoutMs = 20_000): Promise<Azurite> {
  const location = await mkdtemp(join(tmpdir(), 'gmd-azurite-'))
  const port = await freePort()
  const bin = join(repoRoot, 'node_modules', '.bin', 'azurite-blob')
  const args = [
    '--silent',
    // Azurite otherwise reports usage to a Microsoft endpoint; tests talk to 127.0.0.1 only.
    '--disableTelemetry',
    '--inMemoryPersistence',
    '--skipApiVersionCheck',
    '--disableProductStyleUrl',
    '--blobHost',
    '127.0.0.1',
    '--blobPort',
    String(port)
  ]
  // In-memory Azurite refuses --location; its cwd catches anything it still writes.
  const child: ChildProcess = spawn(bin, args, { cwd: location, stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d))
  const exited = new Promise<void>(ok => child.once('exit', () => ok()))
  const deadline = Date.now() + timeoutMs
  while (!(await accepts(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL')
      await rm(location, { recursive: true, force: true })
      throw new Error(`azurite-blob did not start on port ${port}: ${stderr.trim()}`)
    }
    await new Promise(ok => setTimeout(ok, 100))
  }
  return {
    blobEndpoint: `http://127.0.0.1:${port}/${DEV_ACCOUNT}`,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM')
        const killer = setTimeout(() => child.kill('SIGKILL'), 3000)
        await exited
        clearTimeout(killer)
      }
      await rm(location, { recursive: true, force: true })
    }
  }
}
