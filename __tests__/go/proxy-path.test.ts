import { describe, expect, it } from '@jest/globals'
import {
  asksFor,
  decodeCase,
  distinctMirrors,
  escapedPath,
  isBelowBase,
  parseProxyPath,
  proxiedSumdb,
  proxyRequestOf,
  upstreamPath,
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

  it.each([
    ['a backslash for a host', '\\\\127.0.0.1:8080/x/@v/list'],
    ['an empty first segment for a host', '//127.0.0.1:8080/x/@v/list'],
    ['a rooted path', '/admin/@v/list'],
    ['backslashed dot segments', 'a\\..\\..\\admin/@v/list'],
    ['percent-encoded dot segments', 'example.test/%2e%2e/admin/@v/list'],
    ['percent-encoded backslashes', 'example.test/..%5C..%5Cadmin/@v/list'],
    ['a port in the module path', '127.0.0.1:8080/x/@v/list'],
    ['a first element without a dot', 'localhost/x/@v/v1.0.0.info'],
    ['a query string smuggled in encoded', 'example.test/x%3Fa=b/@v/list'],
    ['a module path with a space', 'example.test/a%20b/@latest'],
    ['a module path ending in /v1', 'example.test/x/v1/@v/list'],
    ['a version with a slash', 'example.test/x/@v/v1.0.0%2F..%2F..%2Fy.info'],
    ['a version that is a dot segment', 'example.test/x/@v/...info'],
    ['a non-canonical version for a .mod', 'example.test/x/@v/v1.2.mod'],
    ['a build suffix on a .zip', 'example.test/x/@v/v1.2.3+meta.zip'],
    ['a branch name for a .zip', 'example.test/x/@v/master.zip'],
    ['an upper-case letter in the version', 'example.test/x/@v/v1.0.0-RC1.info'],
    ['a ! in a version', 'example.test/x/@v/v1.0.0-%21%21.info']
  ])('refuses %s', (_name, path) => {
    expect(parseProxyPath(path)).toBeUndefined()
  })

  it('takes queries for .info (branch names, hashes), but only canonical versions for .mod and .zip', () => {
    expect(parseProxyPath('example.test/x/@v/master.info')).toMatchObject({ version: 'master' })
    expect(parseProxyPath('example.test/x/@v/v1.2.info')).toMatchObject({ version: 'v1.2' })
    expect(parseProxyPath('example.test/x/@v/v2.0.0+incompatible.zip')).toMatchObject({ file: 'zip' })
    expect(parseProxyPath('example.test/x/@v/v0.0.0-20240102030405-abcdef123456.mod')).toMatchObject({
      file: 'mod'
    })
    expect(parseProxyPath('gopkg.in/yaml.v3/@v/v3.0.1.zip')).toMatchObject({ module: 'gopkg.in/yaml.v3' })
  })

  it.each([
    ['sumdb/sum.golang.org/supported', 'sumdb/sum.golang.org/supported'],
    ['sumdb/sum.golang.org/latest', 'sumdb/sum.golang.org/latest'],
    [
      'sumdb/sum.golang.org/lookup/github.com/%21azure/x@v1.2.3',
      'sumdb/sum.golang.org/lookup/github.com/%21azure/x@v1.2.3'
    ],
    ['sumdb/sum.golang.org/tile/8/0/x001/x234/567', 'sumdb/sum.golang.org/tile/8/0/x001/x234/567'],
    ['sumdb/sum.golang.org/tile/8/1/000.p/12', 'sumdb/sum.golang.org/tile/8/1/000.p/12'],
    ['sumdb/sum.golang.org/tile/8/data/x002/004', 'sumdb/sum.golang.org/tile/8/data/x002/004'],
    ['sumdb/sum.golang.org/tile/8/data/004.p/255', 'sumdb/sum.golang.org/tile/8/data/004.p/255'],
    ['sumdb/sum.example.test:8443/db/supported', 'sumdb/sum.example.test:8443/db/supported']
  ])('reads the checksum database request %s and spells it again the same', (path, spelled) => {
    const request = parseProxyPath(path)
    expect(request?.kind).toBe('sumdb')
    expect(upstreamPath(request!)).toBe(spelled)
  })

  it.each([
    'sumdb/sum.golang.org/',
    'sumdb/sum.golang.org/other',
    'sumdb/sum.golang.org/supported/x',
    'sumdb/sum.golang.org/lookup/github.com/x',
    'sumdb/sum.golang.org/lookup/github.com/x@v1.2',
    'sumdb/sum.golang.org/lookup/github.com/!Azure/x@v1.2.3',
    'sumdb/sum.golang.org/lookup/../x@v1.2.3',
    'sumdb/sum.golang.org/tile/8/0/1',
    'sumdb/sum.golang.org/tile/8/0/0001',
    'sumdb/sum.golang.org/tile/8/0/x000/001',
    'sumdb/sum.golang.org/tile/8/0/001.p/256',
    'sumdb/sum.golang.org/tile/8/0/001.p/0',
    'sumdb/sum.golang.org/tile/8/0/001.p/08',
    'sumdb/sum.golang.org/tile/31/0/001',
    'sumdb/sum.golang.org/tile/0/0/001',
    'sumdb/sum.golang.org/tile/8/01/001',
    'sumdb/sum.golang.org/tile/8/0/001/../../../x',
    'sumdb/sum.golang.org/tile/8/x/001',
    'sumdb/../admin/supported',
    'sumdb//127.0.0.1:9/supported',
    'sumdb/127.0.0.1:9\\x/supported',
    'sumdb/Sum.Golang.Org/supported'
  ])('refuses the checksum database request %s', path => {
    expect(parseProxyPath(path)).toBeUndefined()
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

describe('asksFor', () => {
  it("tells a version file's kind, and nothing else for it", () => {
    const zip = parseProxyPath('golang.org/x/text/@v/v0.14.0.zip')
    expect(asksFor(zip, 'zip')).toBe(true)
    expect(asksFor(zip, 'mod')).toBe(false)
    expect(asksFor(parseProxyPath('golang.org/x/text/@v/v0.14.0.mod'), 'mod')).toBe(true)
    expect(asksFor(parseProxyPath('golang.org/x/text/@v/list'), 'zip')).toBe(false)
    expect(asksFor(undefined, 'info')).toBe(false)
  })
})

describe('versionFilePath', () => {
  it('spells a request the way go does, and parses back to the same file', () => {
    expect(versionFilePath('github.com/Azure/go-autorest', 'v14.2.0+incompatible', 'zip')).toBe(
      'github.com/%21azure/go-autorest/@v/v14.2.0+incompatible.zip'
    )
    expect(escapedPath('example.test/a b')).toBe('example.test/a%20b')
    const path = versionFilePath('example.test/Big~Name/X', 'v1.0.0-RC.1', 'mod')
    expect(path).toBe('example.test/!big~!name/!x/@v/v1.0.0-!r!c.1.mod'.replace(/!/g, '%21'))
    expect(parseProxyPath(path)).toEqual({
      kind: 'version',
      module: 'example.test/Big~Name/X',
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

describe('upstreamPath', () => {
  it('rebuilds every request from its parts, spelled as go spells it', () => {
    expect(upstreamPath({ kind: 'list', module: 'github.com/Azure/x' })).toBe('github.com/%21azure/x/@v/list')
    expect(upstreamPath({ kind: 'latest', module: 'example.test/x' })).toBe('example.test/x/@latest')
    expect(upstreamPath({ kind: 'version', module: 'example.test/x', version: 'rel 1', file: 'info' })).toBe(
      'example.test/x/@v/rel%201.info'
    )
    expect(upstreamPath({ kind: 'version', module: 'example.test/x', version: 'a#b%', file: 'info' })).toBe(
      'example.test/x/@v/a%23b%25.info'
    )
  })

  it('parses back to the same request whatever the incoming spelling', () => {
    for (const raw of [
      'github.com/!azure/x/@v/list',
      'github.com/%21azure/x/@v/list',
      'github.com/%21%61zure/x/@v/list'
    ]) {
      expect(upstreamPath(parseProxyPath(raw)!)).toBe('github.com/%21azure/x/@v/list')
    }
  })
})

describe('proxiedSumdb', () => {
  it('names the checksum database go asks through its proxies, as go reads GOSUMDB', () => {
    expect(proxiedSumdb(undefined)).toBe('sum.golang.org')
    expect(proxiedSumdb('')).toBe('sum.golang.org')
    expect(proxiedSumdb('sum.golang.org')).toBe('sum.golang.org')
    expect(proxiedSumdb('sum.example.test+abcd1234+AQID')).toBe('sum.example.test')
    expect(proxiedSumdb('sum.example.test/db+abcd1234+AQID')).toBe('sum.example.test/db')
    expect(proxiedSumdb('off')).toBeUndefined()
    // With a URL go asks that URL directly; the China alias is one.
    expect(proxiedSumdb('sum.golang.org https://sum.example.test')).toBeUndefined()
    expect(proxiedSumdb('sum.golang.google.cn')).toBeUndefined()
    expect(proxiedSumdb('../x+abcd+AQID')).toBeUndefined()
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
