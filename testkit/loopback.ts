import { createServer, type IncomingMessage, type Server } from 'node:http'
import net, { type AddressInfo } from 'node:net'

/** A server listening on 127.0.0.1; close() also ends every connection it still holds. */
export interface Listening {
  port: number
  close(): void
}

/** Starts `server` on 127.0.0.1 on a port of the OS's choosing. */
export async function listenLoopback(server: Server | net.Server): Promise<Listening> {
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', () => resolve()))
  const sockets = new Set<net.Socket>()
  server.on('connection', (s: net.Socket) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  return {
    port: (server.address() as AddressInfo).port,
    close() {
      for (const s of sockets) s.destroy()
      server.close()
    }
  }
}

/** An HTTP server answering every request with `status` after `delayMs`, recording the requests. */
export async function statusServer(
  status = 404,
  delayMs = 0
): Promise<Listening & { url: string; requests: IncomingMessage[] }> {
  const requests: IncomingMessage[] = []
  const server = createServer((req, res) => {
    requests.push(req)
    setTimeout(() => res.writeHead(status).end('answer\n'), delayMs)
  })
  const listening = await listenLoopback(server)
  return { ...listening, url: `http://127.0.0.1:${listening.port}`, requests }
}

/** Accepts connections and never says a word; `host` is `127.0.0.1:<port>`. */
export async function silentServer(): Promise<Listening & { host: string }> {
  const listening = await listenLoopback(net.createServer(() => undefined))
  return { ...listening, host: `127.0.0.1:${listening.port}` }
}
