import { describe, expect, it } from '@jest/globals'
import {
  parseNoProxy,
  parseHttpProxy,
  httpProxySettings,
  httpProxyFor,
  splitHostPort,
  useHttpProxy
} from '../../src/network/http-proxy.js'

const PROXY = 'http://corp.example:3128'

/** Where go sends a request for `url` under these variables: the proxy's href, or 'direct'. */
function route(url: string, env: NodeJS.ProcessEnv): string {
  const choice = httpProxyFor(new URL(url), httpProxySettings(env))
  return choice.error ?? choice.proxy?.href ?? 'direct'
}

describe('httpProxySettings', () => {
  it('prefers the upper-case variable and falls back to the lower-case one when it is empty', () => {
    const settings = httpProxySettings({
      HTTPS_PROXY: '',
      https_proxy: 'http://lower:1',
      HTTP_PROXY: 'http://upper:2',
      http_proxy: 'http://lower:2',
      no_proxy: 'internal.example'
    })
    expect(settings.httpsProxy).toBe('http://lower:1')
    expect(settings.sources.httpsProxy).toBe('https_proxy')
    expect(settings.httpProxy).toBe('http://upper:2')
    expect(settings.sources.httpProxy).toBe('HTTP_PROXY')
    expect(settings.noProxy).toBe('internal.example')
    expect(settings.sources.noProxy).toBe('no_proxy')
  })
})

describe('httpProxyFor', () => {
  it('uses HTTPS_PROXY for https URLs and HTTP_PROXY for http ones, never the other', () => {
    expect(route('https://proxy.golang.org/', { HTTPS_PROXY: PROXY })).toBe(`${PROXY}/`)
    expect(route('http://mirror.example/', { HTTPS_PROXY: PROXY })).toBe('direct')
    expect(route('http://mirror.example/', { HTTP_PROXY: PROXY })).toBe(`${PROXY}/`)
    expect(route('https://proxy.golang.org/', { HTTP_PROXY: PROXY })).toBe('direct')
  })

  it('never proxies localhost or loopback addresses, whatever NO_PROXY says', () => {
    for (const url of [
      'https://localhost/',
      'https://localhost:8443/',
      'https://127.0.0.1/',
      'https://127.9.9.9:8080/',
      'https://[::1]:3000/',
      'https://[::ffff:127.0.0.1]/'
    ]) {
      expect(route(url, { HTTPS_PROXY: PROXY })).toBe('direct')
    }
    // Only the name localhost is special: its subdomains are ordinary hosts.
    expect(route('https://api.localhost/', { HTTPS_PROXY: PROXY })).toBe(`${PROXY}/`)
  })

  it('refuses HTTP_PROXY for http URLs in a CGI environment, as go does', () => {
    expect(route('http://mirror.example/', { HTTP_PROXY: PROXY, REQUEST_METHOD: 'GET' })).toMatch(
      /refusing to use HTTP_PROXY value in CGI environment/
    )
    expect(route('https://mirror.example/', { HTTPS_PROXY: PROXY, REQUEST_METHOD: 'GET' })).toBe(`${PROXY}/`)
  })

  it('applies NO_PROXY to the default port of the scheme', () => {
    const env = { HTTPS_PROXY: PROXY, HTTP_PROXY: PROXY, NO_PROXY: 'mirror.example:443' }
    expect(route('https://mirror.example/', env)).toBe('direct')
    expect(route('https://mirror.example:8443/', env)).toBe(`${PROXY}/`)
    expect(route('http://mirror.example/', env)).toBe(`${PROXY}/`)
  })
})

describe('NO_PROXY matching', () => {
  // [NO_PROXY, host, port, proxied?]
  const table: [string, string, string, boolean][] = [
    ['', 'proxy.golang.org', '443', true],
    ['*', 'proxy.golang.org', '443', false],
    ['*', '10.1.2.3', '443', false],
    ['foo.com, *', 'bar.org', '443', false],
    ['golang.org', 'golang.org', '443', false],
    ['golang.org', 'proxy.golang.org', '443', false],
    ['golang.org', 'notgolang.org', '443', true],
    ['.golang.org', 'golang.org', '443', true],
    ['.golang.org', 'proxy.golang.org', '443', false],
    ['*.golang.org', 'golang.org', '443', true],
    ['*.golang.org', 'sum.golang.org', '443', false],
    ['GoLang.ORG', 'proxy.golang.org', '443', false],
    ['  golang.org  ,  ', 'proxy.golang.org', '443', false],
    ['golang.org:443', 'proxy.golang.org', '443', false],
    ['golang.org:443', 'proxy.golang.org', '8443', true],
    ['.golang.org:8443', 'proxy.golang.org', '8443', false],
    ['10.0.0.0/8', '10.200.3.4', '443', false],
    ['10.0.0.0/8', '11.0.0.1', '443', true],
    ['10.0.0.0/8', 'ten.example', '443', true],
    ['192.168.1.7', '192.168.1.7', '80', false],
    ['192.168.1.7', '192.168.1.8', '80', true],
    ['192.168.1.7:80', '192.168.1.7', '80', false],
    ['192.168.1.7:80', '192.168.1.7', '443', true],
    ['2001:db8::/32', '2001:db8:1::5', '443', false],
    ['2001:db8::/32', '2001:db9::5', '443', true],
    ['2001:db8::5', '2001:db8::5', '443', false],
    ['[2001:db8::5]:443', '2001:db8::5', '443', false],
    ['[2001:db8::5]:443', '2001:db8::5', '80', true],
    // An IPv4 network never holds an IPv6 address, nor an IPv6 network an IPv4 one.
    ['::/0', '10.0.0.1', '443', true],
    ['0.0.0.0/0', '2001:db8::1', '443', true],
    ['0.0.0.0/0', '203.0.113.9', '443', false],
    // Not an IP to go, so a domain suffix: it matches IP literals by their text.
    ['0.0.1', '10.0.0.1', '443', false],
    [':443', 'proxy.golang.org', '443', true],
    ['bücher.example', 'xn--bcher-kva.example', '443', false]
  ]
  it.each(table)('NO_PROXY=%j and %s:%s gives proxied=%s', (noProxy, host, port, proxied) => {
    expect(useHttpProxy(host, port, parseNoProxy(noProxy))).toBe(proxied)
  })

  it('matches hosts written in Unicode through their ASCII form', () => {
    expect(route('https://bücher.example/', { HTTPS_PROXY: PROXY, NO_PROXY: 'xn--bcher-kva.example' })).toBe(
      'direct'
    )
  })
})

describe('parseHttpProxy', () => {
  it.each([
    ['http://corp:3128', 'http://corp:3128/'],
    ['https://corp:3129', 'https://corp:3129/'],
    ['socks5://corp:1080', 'socks5://corp:1080'],
    // No scheme go knows: the value is taken as host[:port] with http.
    ['corp:3128', 'http://corp:3128/'],
    ['10.0.0.1:3128', 'http://10.0.0.1:3128/'],
    ['user:secret@corp:3128', 'http://user:secret@corp:3128/']
  ])('%s is %s', (value, href) => {
    expect(parseHttpProxy(value)?.href).toBe(href)
  })

  it('means no proxy when empty', () => {
    expect(parseHttpProxy('')).toBeUndefined()
  })
})

describe('splitHostPort', () => {
  it.each([
    ['host:80', { host: 'host', port: '80' }],
    ['[::1]:80', { host: '::1', port: '80' }],
    ['host:', { host: 'host', port: '' }],
    ['host', undefined],
    ['::1', undefined],
    ['[::1]', undefined],
    ['[::1]x:80', undefined],
    ['a]b:80', undefined]
  ])('%s', (value, expected) => {
    expect(splitHostPort(value)).toEqual(expected)
  })
})
