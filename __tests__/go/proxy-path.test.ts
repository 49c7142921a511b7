import { describe, expect, it } from '@jest/globals'
import {
  decodeCase,
  distinctMirrors,
  escapedPath,
  isBelowBase,
  parseProxyPath,
  proxyRequestOf,
  versionFilePath
} from '../../src/go/proxy-path.js'
import { escapeModulePath } from '../../src/go/modcache.js'

describe('parseProxyPath', () => {
  it('percent-decodes, then undoes the case-encoding, in paths and versions', () => {
    expect(parseProxyPath('github.com/%21azure/go-autorest/@v/v14.2.0+incompatible.info')).toEqual({
      kind: 'version',
      module: 'github.com/Azure/go-autorest',
      version: 'v14.2.0+incompatible',
      file: 'info'
    })
    expect(parseProxyPath('example.test/m/@v/v1.0.0-%21r%21c1.zip')).toEqual({
      kind: 'version',
      module: 'example.test/m',
      version: 'v1.0.0-RC1',
      file: 'zip'
    })
  })

  it('knows lists, @latest and the checksum database', () => {
    expect(parseProxyPath('example.test/m/@v/list')).toEqual({ kind: 'list', module: 'example.test/m' })
    expect(parseProxyPath('example.test/m/@latest')).toEqual({ kind: 'latest', module: 'example.test/m' })
    expect(parseProxyPath('sumdb/sum.golang.org/supported')).toEqual({
      kind: 'sumdb',
      name: 'sum.golang.org',
      rest: 'supported'
    })
    expect(parseProxyPath('sumdb/sum.golang.org/tile/8/0/x001/234.p/5')).toMatchObject({
      rest: 'tile/8/0/x001/234.p/5'
    })
  })

  it('refuses what go would never send', () => {
    expect(parseProxyPath('example.test/Acme/@v/v1.0.0.mod')).toBeUndefined()
    expect(parseProxyPath('example.test/m/@v/v1.0.0.tar')).toBeUndefined()
    expect(parseProxyPath('example.test/../etc/@v/v1.0.0.mod')).toBeUndefined()
    expect(parseProxyPath('example.test/m/@v/%zz.mod')).toBeUndefined()
    expect(decodeCase('a!')).toBeUndefined()
    expect(decodeCase('a!1')).toBeUndefined()
  })
})

describe('versionFilePath', () => {
  it('spells a request the way go does, and parses back to the same file', () => {
    expect(versionFilePath('github.com/Azure/go-autorest', 'v14.2.0+incompatible', 'zip')).toBe(
      'github.com/%21azure/go-autorest/@v/v14.2.0+incompatible.zip'
    )
    expect(escapedPath('example.test/a b')).toBe('example.test/a%20b')
    const path = versionFilePath('example.test/Ünïcode/X', 'v1.0.0-RC.1', 'mod')
    expect(parseProxyPath(path)).toEqual({
      kind: 'version',
      module: 'example.test/Ünïcode/X',
      version: 'v1.0.0-RC.1',
      file: 'mod'
    })
  })
})

describe('proxyRequestOf', () => {
  const zip = { kind: 'version', module: 'example.test/Acme/m', version: 'v1.0.0-RC1', file: 'zip' }

  it("decodes the case-encoding of versions as of paths, behind go's percent-encoding", () => {
    const url = 'http://127.0.0.1:5/base/example.test/%21acme/m/@v/v1.0.0-%21r%21c1.zip'
    expect(proxyRequestOf(url, 'http://127.0.0.1:5/base/')).toEqual(zip)
    expect(proxyRequestOf('https://p/github.com/!azure/x/@v/list', 'https://p')).toEqual({
      kind: 'list',
      module: 'github.com/Azure/x'
    })
  })

  it.each([
    ['an upper-case scheme and host', 'HTTP://Mirror.Example/go', 'http://mirror.example/go'],
    ['a default port', 'https://mirror.example:443/go', 'https://mirror.example/go'],
    [
      'userinfo, as go prints it',
      'https://ci-user:S3cr3t@mirror.example/go',
      'https://ci-user:xxxxx@mirror.example/go'
    ],
    [
      'a space and non-ASCII letters in the path',
      'http://mirror.example/my mirrör',
      'http://mirror.example/my%20mirr%C3%B6r'
    ]
  ])('matches a mirror written with %s to the URL go prints', (_name, mirror, printed) => {
    expect(proxyRequestOf(`${printed}/example.test/!acme/m/@v/v1.0.0-!r!c1.zip`, mirror)).toEqual(zip)
    expect(isBelowBase(`${printed}/sumdb/sum.golang.org/supported`, mirror)).toBe(true)
  })

  it('never matches by text prefix', () => {
    const base = 'http://mirror.example/go'
    expect(proxyRequestOf('http://mirror.example/gopher/example.test/m/@v/list', base)).toBeUndefined()
    expect(proxyRequestOf('http://mirror.example.evil/go/example.test/m/@v/list', base)).toBeUndefined()
    expect(proxyRequestOf('http://mirror.example:8080/go/example.test/m/@v/list', base)).toBeUndefined()
    expect(proxyRequestOf('https://mirror.example/go/example.test/m/@v/list', base)).toBeUndefined()
    expect(proxyRequestOf('https://sum.golang.org/lookup/x@v1', 'direct')).toBeUndefined()
  })
})

describe('escapeModulePath', () => {
  it('round-trips with decodeCase', () => {
    expect(escapeModulePath('github.com/Azure/BurntSushi')).toBe('github.com/!azure/!burnt!sushi')
    expect(decodeCase(escapeModulePath('v1.0.0-RC1'))).toBe('v1.0.0-RC1')
  })
})

describe('distinctMirrors', () => {
  it('keeps each mirror once, where it first appears, however it is spelled', () => {
    expect(
      distinctMirrors([
        'https://a.example',
        'https://A.example/',
        'https://b.example:443/go',
        'direct',
        'HTTPS://b.example/go//',
        'direct'
      ])
    ).toEqual(['https://a.example', 'https://b.example:443/go', 'direct'])
  })

  it('keeps mirrors that differ in path, scheme or account', () => {
    const entries = [
      'https://a.example/go',
      'https://a.example/gomod',
      'http://a.example/go',
      'https://ci:one@a.example/go',
      'https://ci:two@a.example/go'
    ]
    expect(distinctMirrors(entries)).toEqual(entries)
  })
})
