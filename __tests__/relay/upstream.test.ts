import { describe, expect, it } from '@jest/globals'
import { belowBase, isBelowBase, parseRetryAfter } from '../../src/relay/upstream.js'

describe('belowBase', () => {
  const base = new URL('https://mirror.example/artifactory/api/go/repo/')

  it('appends a rebuilt path to the base path', () => {
    expect(belowBase(base, 'github.com/%21azure/x/@v/list')?.href).toBe(
      'https://mirror.example/artifactory/api/go/repo/github.com/%21azure/x/@v/list'
    )
  })

  it.each([
    ['a rooted path', '/admin/@v/list'],
    ['a host in place of the path', '//127.0.0.1:9/x/@v/list'],
    ['backslashes, which URLs read as slashes', '\\\\127.0.0.1:9/x/@v/list'],
    ['dot segments', '../../../admin/@v/list'],
    ['percent-encoded dot segments', '%2e%2e/%2E%2E/%2e%2E/%2e./admin'],
    ['a query', 'x/@v/list?x=1'],
    ['a fragment', 'x/@v/list#x']
  ])('refuses %s', (_name, text) => {
    expect(belowBase(base, text)).toBeUndefined()
  })
})

describe('isBelowBase', () => {
  const base = new URL('https://mirror.example/go/')

  it('holds for the origin and the path below the base only', () => {
    expect(isBelowBase(new URL('https://mirror.example/go/x/@v/list'), base)).toBe(true)
    expect(isBelowBase(new URL('https://mirror.example/gopher/x'), base)).toBe(false)
    expect(isBelowBase(new URL('https://mirror.example/admin'), base)).toBe(false)
    expect(isBelowBase(new URL('http://mirror.example/go/x'), base)).toBe(false)
    expect(isBelowBase(new URL('https://mirror.example:8443/go/x'), base)).toBe(false)
    expect(isBelowBase(new URL('https://cdn.mirror.example/go/x'), base)).toBe(false)
    expect(isBelowBase(new URL('https://u:p@mirror.example/go/x'), base)).toBe(false)
  })
})

describe('parseRetryAfter', () => {
  it('reads seconds and dates', () => {
    expect(parseRetryAfter('3')).toBe(3000)
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:10 GMT', 5000)).toBe(5000)
    expect(parseRetryAfter('soon')).toBeUndefined()
  })
})
