import { describe, expect, it } from '@jest/globals'
import { matchesPrefixPatterns, noProxyPatterns } from '../../src/go/private-paths.js'

describe('matchesPrefixPatterns', () => {
  it('matches each glob against as many leading path elements as it has, as go does', () => {
    expect(matchesPrefixPatterns('github.com/acme', 'github.com/acme/repo/sub')).toBe(true)
    expect(matchesPrefixPatterns('github.com/acme', 'github.com/acmeco/repo')).toBe(false)
    expect(matchesPrefixPatterns('*.corp.example', 'git.corp.example/team/x')).toBe(true)
    expect(matchesPrefixPatterns('*.corp.example', 'corp.example/team/x')).toBe(false)
    expect(matchesPrefixPatterns('github.com/*/internal', 'github.com/acme/internal/x')).toBe(true)
    expect(matchesPrefixPatterns('github.com/*/internal', 'github.com/acme/public')).toBe(false)
    expect(matchesPrefixPatterns('example.test/m0[0-4]?', 'example.test/m012')).toBe(true)
    expect(matchesPrefixPatterns('example.test/m0[^0-4]?', 'example.test/m012')).toBe(false)
  })

  it('takes a comma-separated list with spaces and empty entries', () => {
    expect(matchesPrefixPatterns(' , github.com/a ,gitlab.com/b', 'gitlab.com/b/c')).toBe(true)
    expect(matchesPrefixPatterns('', 'gitlab.com/b/c')).toBe(false)
  })

  it('never matches through a malformed glob', () => {
    expect(matchesPrefixPatterns('github.com/[acme', 'github.com/[acme')).toBe(false)
  })
})

describe('noProxyPatterns', () => {
  it('is GONOPROXY when set, else GOPRIVATE', () => {
    expect(noProxyPatterns({ GOPRIVATE: 'a.test', GONOPROXY: 'b.test' })).toBe('b.test')
    expect(noProxyPatterns({ GOPRIVATE: 'a.test', GONOPROXY: '' })).toBe('a.test')
    expect(noProxyPatterns({})).toBe('')
  })
})
