import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import https, { createServer } from 'node:https'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { connectionPools } from '../../src/network/agents.js'
import { contextFor, trustedCertificates, trustedContext } from '../../src/network/trust.js'
import { listenLoopback } from '../../testkit/loopback.js'
import { selfSignedCert, type SelfSignedCert } from '../../testkit/tls.js'

let dir: string
let cert: SelfSignedCert
let pem: string

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'trust-'))
  cert = selfSignedCert(dir, ['127.0.0.1'])
  pem = (await readFile(cert.certFile, 'utf8')).trim()
})

afterAll(() => rm(dir, { recursive: true, force: true }))

describe('trustedCertificates', () => {
  it('adds the certificates of SSL_CERT_FILE to the public roots, as go trusts them', () => {
    const ca = trustedCertificates({ SSL_CERT_FILE: cert.certFile }) ?? []
    expect(ca).toContain(pem)
    expect(ca.length).toBeGreaterThan(100)
  })

  it('reads every file of every SSL_CERT_DIR directory', async () => {
    const certs = path.join(dir, 'certs')
    await mkdir(certs, { recursive: true })
    await writeFile(path.join(certs, 'mirror.pem'), `${pem}\n`)
    const ca = trustedCertificates({ SSL_CERT_DIR: `${path.join(dir, 'missing')}${path.delimiter}${certs}` })
    expect(ca).toContain(pem)
  })

  it("leaves node's own roots in place when neither names a readable certificate", () => {
    const ca = trustedCertificates({ SSL_CERT_FILE: path.join(dir, 'missing.pem') })
    expect(ca ?? '').not.toContain(pem)
  })
})

describe('trustedContext', () => {
  it('builds one TLS context per trust setting, with which the relay reaches a mirror SSL_CERT_FILE vouches for', async () => {
    const env = { SSL_CERT_FILE: cert.certFile }
    const context = trustedContext(env)
    expect(context).toBeDefined()
    expect(trustedContext({ ...env })).toBe(context)
    expect(contextFor(env)).toBe(context)
    expect(trustedContext({ SSL_CERT_FILE: path.join(dir, 'missing.pem') })).not.toBe(context)

    const server = createServer(
      { cert: await readFile(cert.certFile), key: await readFile(cert.keyFile) },
      (_req, res) => res.end('ok')
    )
    const { port, close } = await listenLoopback(server)
    try {
      const url = new URL(`https://127.0.0.1:${port}/`)
      const get = (agentEnv: NodeJS.ProcessEnv) =>
        new Promise<string>((resolve, reject) => {
          const agent = connectionPools(agentEnv, { connections: 1 }).forUrl(url)
          https
            .get(url, { agent }, res => {
              res.setEncoding('utf8')
              let body = ''
              res.on('data', (chunk: string) => (body += chunk))
              res.on('end', () => resolve(body))
            })
            .on('error', reject)
        })
      expect(await get(env)).toBe('ok')
      await expect(get({})).rejects.toThrow(/self[- ]signed/)
    } finally {
      close()
    }
  })
})
