import { afterAll, describe, expect, it } from '@jest/globals'
import { createServer } from 'node:http'
import { askRelay, controlProof, handleControl, newControlSecret } from '../../src/relay/control.js'
import { listenLoopback, type Listening } from '../../testkit/loopback.js'

const servers: Listening[] = []

afterAll(() => {
  for (const server of servers) server.close()
})

async function relayStandIn(secret: string, after: string[] = []): Promise<number> {
  const server = createServer((req, res) => {
    const routes = [
      {
        secret,
        actions: { progress: async () => ({ progress: 7 }), shutdown: async () => ({}) },
        after: (action: string) => after.push(action)
      }
    ]
    if (!handleControl(req, res, routes)) res.writeHead(404).end('not found\n')
  })
  const listening = await listenLoopback(server)
  servers.push(listening)
  return listening.port
}

describe('control requests', () => {
  it('are answered with the pid and a proof of the challenge that only the secret gives', async () => {
    const secret = newControlSecret()
    const after: string[] = []
    const port = await relayStandIn(secret, after)
    const answer = await askRelay({ port, secret, action: 'progress', pid: process.pid })
    expect(answer).toEqual({ proven: true, pid: process.pid, body: expect.objectContaining({ progress: 7 }) })
    await askRelay({ port, secret, action: 'shutdown' })
    await new Promise(resolve => setTimeout(resolve, 50))
    expect(after).toEqual(['progress', 'shutdown'])
  })

  it('prove nothing with another secret, another pid, or no challenge', async () => {
    const secret = newControlSecret()
    const port = await relayStandIn(secret)
    expect(await askRelay({ port, secret: newControlSecret(), action: 'progress' })).toMatchObject({
      proven: false
    })
    expect(await askRelay({ port, secret, action: 'progress', pid: process.pid + 1 })).toEqual({
      proven: false,
      why: `an answer from pid ${process.pid}`
    })
    expect(await askRelay({ port, secret, action: 'gosum' })).toMatchObject({ proven: false })
    const bare = await fetch(`http://127.0.0.1:${port}/${secret}/progress`, { method: 'POST', body: '{}' })
    expect(bare.status).toBe(400)
    await bare.text()
  })

  it('tie the proof to the challenge and the pid', () => {
    const secret = newControlSecret()
    expect(controlProof(secret, 'a', 1)).not.toBe(controlProof(secret, 'a', 2))
    expect(controlProof(secret, 'a', 1)).not.toBe(controlProof(secret, 'b', 1))
    expect(controlProof(secret, 'a', 1)).not.toBe(controlProof(newControlSecret(), 'a', 1))
  })
})
