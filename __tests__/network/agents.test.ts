import { getEventListeners } from 'node:events'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { connectionPools, sendGet } from '../../src/network/agents.js'

describe('sendGet', () => {
  let server: http.Server
  let base: string
  const pools = connectionPools({}, { connections: 4 })

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/whole') {
        res.end('all of it')
        return
      }
      // Half a body, then silence until the client goes away.
      res.writeHead(200, { 'content-length': '100' })
      res.write('x'.repeat(50))
    })
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })

  afterAll(async () => {
    pools.close()
    server.closeAllConnections()
    await new Promise(resolve => server.close(resolve))
  })

  const get = (path: string, signals: AbortSignal[]) => {
    const url = new URL(path, base)
    return sendGet(url, { headers: {}, signals, agent: pools.forUrl(url) })
  }

  it('leaves no listener on its signals once the answer is read', async () => {
    const own = new AbortController()
    const shared = new AbortController()
    const response = await get('/whole', [own.signal, shared.signal])
    expect(getEventListeners(shared.signal, 'abort')).toHaveLength(1)
    let text = ''
    for await (const chunk of response as AsyncIterable<Buffer>) text += chunk.toString()
    await new Promise(resolve => setImmediate(resolve))
    expect(text).toBe('all of it')
    expect(getEventListeners(own.signal, 'abort')).toHaveLength(0)
    expect(getEventListeners(shared.signal, 'abort')).toHaveLength(0)
  })

  it('ends a body in flight when any of its signals ends', async () => {
    const own = new AbortController()
    const shared = new AbortController()
    const response = await get('/half', [own.signal, shared.signal])
    const read = (async () => {
      for await (const chunk of response as AsyncIterable<Buffer>) {
        if (chunk.length > 0) shared.abort()
      }
    })()
    // The server never sends the rest: only the abort ends the read.
    await expect(read).rejects.toThrow()
    expect(getEventListeners(own.signal, 'abort')).toHaveLength(0)
  })

  it('sends nothing under a signal that has already ended, and rejects with its reason', async () => {
    let asked = 0
    server.once('request', () => asked++)
    const reason = new Error('stopped')
    const ended = AbortSignal.abort(reason)
    await expect(get('/whole', [new AbortController().signal, ended])).rejects.toMatchObject({
      name: 'AbortError',
      cause: reason
    })
    await new Promise(resolve => setTimeout(resolve, 50))
    expect(asked).toBe(0)
  })
})
