import { describe, expect, it } from '@jest/globals'
import { redactEntry, redactGoproxy, redactMirror, redactUrl, urlSecrets } from '../../src/security/redact.js'

describe('urlSecrets', () => {
  it('gives the password and the whole userinfo as written, decoded and re-encoded, and their Basic credential', () => {
    const basic = Buffer.from('ci-user:p@ss/wörd').toString('base64')
    expect(urlSecrets('https://ci-user:p%40ss%2Fw%C3%B6rd@mirror.example/go').sort()).toEqual(
      [
        'p%40ss%2Fw%C3%B6rd',
        'p@ss/wörd',
        'ci-user:p%40ss%2Fw%C3%B6rd',
        'ci-user:p@ss/wörd',
        basic,
        `Basic ${basic}`
      ].sort()
    )
  })

  it('takes a lone user name for the token it is', () => {
    const basic = Buffer.from('ghp_token123:').toString('base64')
    expect(urlSecrets('https://ghp_token123@mirror.example').sort()).toEqual(
      ['ghp_token123', basic, `Basic ${basic}`].sort()
    )
  })

  it('finds nothing in a URL without userinfo, and leaves out forms too short to mask', () => {
    expect(urlSecrets('https://mirror.example/a@b')).toEqual([])
    expect(urlSecrets('direct')).toEqual([])
    expect(urlSecrets('https://u:pw@mirror.example')).not.toContain('pw')
  })
})

describe('redactEntry', () => {
  it('hides credentials with or without a scheme', () => {
    expect(redactEntry('user:hunter2@proxy.example:3128')).toBe('***@proxy.example:3128')
    expect(redactEntry('http://user:hunter2@proxy.example:3128')).toBe('http://***@proxy.example:3128')
    expect(redactUrl('see http://a:b@h/x and https://c@d')).toBe('see http://***@h/x and https://***@d')
  })
})

describe('redactMirror', () => {
  it('hides the whole path of a loopback entry, where a relay keeps its secret', () => {
    const secret = '0123456789abcdef0123456789abcdef'
    expect(redactMirror(`http://127.0.0.1:4100/${secret}`)).toBe('http://127.0.0.1:4100/***')
    expect(redactMirror(`http://localhost:4100/${secret}/go`)).toBe('http://localhost:4100/***')
    expect(redactMirror(`http://[::1]:4100/${secret}`)).toBe('http://[::1]:4100/***')
    expect(redactMirror(`http://127.8.9.10/${secret}`)).toBe('http://127.8.9.10/***')
    expect(redactMirror(`https://u:p@127.0.0.1:4100/${secret}`)).toBe('https://***@127.0.0.1:4100/***')
  })

  it('shows other entries as redactUrl does', () => {
    expect(redactMirror('http://127.0.0.1:4100')).toBe('http://127.0.0.1:4100')
    expect(redactMirror('https://u:p@mirror.example/go')).toBe('https://***@mirror.example/go')
    expect(redactMirror('http://10.0.0.1/go')).toBe('http://10.0.0.1/go')
    expect(redactMirror('direct')).toBe('direct')
    expect(redactMirror('file:///srv/mirror')).toBe('file:///srv/mirror')
  })

  it('redacts each entry of a GOPROXY list and keeps its separators', () => {
    expect(redactGoproxy('http://127.0.0.1:9/abc|https://u:p@m.example/go,direct')).toBe(
      'http://127.0.0.1:9/***|https://***@m.example/go,direct'
    )
  })
})
