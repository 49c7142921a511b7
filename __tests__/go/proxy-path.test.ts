import { describe, expect, it } from '@jest/globals'
import { decodeCase, escapedPath, parseProxyPath, versionFilePath } from '../../src/go/proxy-path.js'

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
