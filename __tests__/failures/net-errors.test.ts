import { describe, expect, it } from '@jest/globals'
import { classify } from '../../src/failures/classify.js'
import { classifyNodeError, nodeErrorCode } from '../../src/failures/net-errors.js'

const nodeError = (code: string, message = `${code} from node`): Error =>
  Object.assign(new Error(message), { code })

describe('classifyNodeError', () => {
  it.each([
    ['ECONNREFUSED', 'connection', true, 'connection refused'],
    ['EHOSTUNREACH', 'connection', true, 'no route to host'],
    ['ENOTFOUND', 'dns', false, 'no such host'],
    ['EAI_AGAIN', 'dns', true, 'server misbehaving'],
    ['ETIMEDOUT', 'timeout', true, 'i/o timeout'],
    ['UND_ERR_HEADERS_TIMEOUT', 'timeout', true, 'timeout awaiting response headers'],
    ['ECONNRESET', 'reset', true, 'connection reset by peer'],
    ['EPIPE', 'reset', true, 'broken pipe'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls', false, 'x509: certificate signed by unknown authority'],
    ['CERT_HAS_EXPIRED', 'tls', false, 'x509: certificate has expired or is not yet valid']
  ])('%s is %s (transient %s), in go words %j', (code, cls, transient, message) => {
    expect(classifyNodeError(nodeError(code))).toEqual({ class: cls, transient, message })
  })

  it("reads a refusal on Windows, which libuv names as POSIX does, and Winsock's own names alike", () => {
    // Node on Windows: `connect ECONNREFUSED 127.0.0.1:9`, after about two seconds on loopback.
    const refused = nodeError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9')
    expect(classifyNodeError(refused)).toEqual({
      class: 'connection',
      transient: true,
      message: 'connection refused'
    })
    expect(classifyNodeError(nodeError('WSAECONNREFUSED'))).toEqual(classifyNodeError(refused))
    expect(classifyNodeError(nodeError('WSAECONNRESET'))).toMatchObject({ class: 'reset' })
    expect(classifyNodeError(nodeError('ECONNABORTED'))).toMatchObject({ class: 'reset' })
  })

  it('reads the code fetch puts in its cause', () => {
    const error = new TypeError('fetch failed', { cause: nodeError('ECONNREFUSED') })
    expect(nodeErrorCode(error)).toBe('ECONNREFUSED')
    expect(classifyNodeError(error)).toMatchObject({ class: 'connection', message: 'connection refused' })
  })

  it('puts other TLS codes in tls, in Node words', () => {
    const error = new TypeError('fetch failed', {
      cause: nodeError('ERR_SSL_WRONG_VERSION_NUMBER', 'wrong version number')
    })
    expect(classifyNodeError(error)).toEqual({
      class: 'tls',
      transient: false,
      message: 'wrong version number'
    })
  })

  it('leaves anything else unknown and transient, in Node words', () => {
    expect(classifyNodeError(new Error('something odd'))).toEqual({
      class: 'unknown',
      transient: true,
      message: 'something odd'
    })
    expect(classifyNodeError('a string')).toMatchObject({ class: 'unknown', message: 'a string' })
  })

  it("uses go's words, which go's own classifier puts in the same class", () => {
    for (const code of [
      'ECONNREFUSED',
      'ENETUNREACH',
      'EHOSTUNREACH',
      'ECONNRESET',
      'ECONNABORTED',
      'EPIPE',
      'ETIMEDOUT'
    ]) {
      const node = classifyNodeError(nodeError(code))
      expect([code, classify(`dial tcp 192.0.2.1:443: connect: ${node.message}`).class]).toEqual([
        code,
        node.class
      ])
    }
    const dns = classifyNodeError(nodeError('ENOTFOUND'))
    expect(classify(`dial tcp: lookup mirror.example: ${dns.message}`)).toEqual({
      class: 'dns',
      transient: false
    })
  })
})
