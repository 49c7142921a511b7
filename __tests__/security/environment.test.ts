import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import {
  downloadEnv,
  environmentWarnings,
  privateEnv,
  privateExports,
  withGoConfig
} from '../../src/security/environment.js'
import { authorizationHeader, tokenForms, tokenScopes, withGitToken } from '../../src/security/git-auth.js'

describe('environmentWarnings', () => {
  it('says nothing for a job that verifies everything', () => {
    expect(environmentWarnings({ GOSUMDB: 'sum.golang.org', GOFLAGS: '-mod=mod', GONOSUMDB: ' ' })).toEqual(
      []
    )
  })

  it.each([
    [{ GOSUMDB: 'off' }, /^GOSUMDB=off is set/],
    [{ GONOSUMDB: 'github.com/acme' }, /^GONOSUMDB=github\.com\/acme is set/],
    [{ GOINSECURE: '*.corp.test' }, /^GOINSECURE=\*\.corp\.test is set/],
    [{ GOFLAGS: '-mod=mod -insecure' }, /^GOFLAGS contains -insecure/],
    [{ GONOSUMCHECK: '1' }, /^GONOSUMCHECK is set in this job, but it is not a Go variable/]
  ])('warns about %j', (env, message) => {
    const warnings = environmentWarnings(env)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(message)
  })
})

describe('privateEnv', () => {
  it('merges private-modules into the job GOPRIVATE without duplicates', () => {
    const env = privateEnv({ GOPRIVATE: 'corp.test/x, github.com/acme/*' }, [
      'github.com/acme/*',
      'gitlab.com/b'
    ])
    expect(env.GOPRIVATE).toBe('corp.test/x,github.com/acme/*,gitlab.com/b')
    expect(env.GONOPROXY).toBeUndefined()
    expect(env.GONOSUMDB).toBeUndefined()
  })

  it('adds them to GONOPROXY and GONOSUMDB only when the job sets those', () => {
    const env = privateEnv({ GONOPROXY: 'corp.test', GONOSUMDB: 'corp.test', GOPRIVATE: '' }, ['acme.test/*'])
    expect(env).toMatchObject({ GOPRIVATE: 'acme.test/*', GONOPROXY: 'corp.test,acme.test/*' })
    expect(env.GONOSUMDB).toBe('corp.test,acme.test/*')
  })

  it('changes nothing, and exports nothing, without private-modules', () => {
    expect(privateEnv({ GOPRIVATE: 'x.test' }, [])).toEqual({ GOPRIVATE: 'x.test' })
    expect(privateExports({ GOPRIVATE: 'x.test' }, [])).toEqual({})
  })

  it('exports what it changed for later steps, and never the token', () => {
    const exported = privateExports({ GOPRIVATE: 'x.test' }, ['acme.test'])
    expect(exported).toEqual({ GOPRIVATE: 'x.test,acme.test' })
  })
})

describe('tokenScopes', () => {
  it.each([
    ['github.com/acme/*', 'https://github.com/acme'],
    ['github.com/acme/repo/sub', 'https://github.com/acme'],
    ['git.corp.test', 'https://git.corp.test'],
    ['git.corp.test/*/internal', 'https://git.corp.test'],
    ['*.corp.test', 'https://*.corp.test']
  ])('scopes %s to %s', (pattern, url) => {
    expect(tokenScopes([pattern])).toEqual({ urls: [url], unscoped: [] })
  })

  it('leaves patterns without a literal host unscoped', () => {
    expect(tokenScopes(['*', '*/acme', 'git?.corp.test/x', 'a.*.test'])).toEqual({
      urls: [],
      unscoped: ['*', '*/acme', 'git?.corp.test/x', 'a.*.test']
    })
  })
})

describe('the token given to git', () => {
  const token = 'tok-123'

  it('appends after the job GIT_CONFIG entries and keeps them', () => {
    const { env } = withGitToken(
      { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'core.autocrlf', GIT_CONFIG_VALUE_0: 'false' },
      token,
      ['https://github.com/acme']
    )
    expect(env).toEqual({
      GIT_CONFIG_COUNT: '2',
      GIT_CONFIG_KEY_0: 'core.autocrlf',
      GIT_CONFIG_VALUE_0: 'false',
      GIT_CONFIG_KEY_1: 'http.https://github.com/acme.extraheader',
      GIT_CONFIG_VALUE_1: authorizationHeader(token)
    })
  })

  it('leaves a job with a broken GIT_CONFIG_COUNT alone and says why', () => {
    const result = withGitToken({ GIT_CONFIG_COUNT: 'two' }, token, ['https://github.com/acme'])
    expect(result.env).toEqual({ GIT_CONFIG_COUNT: 'two' })
    expect(result.problem).toMatch(/GIT_CONFIG_COUNT=two/)
  })

  it('masks the token, the credential and the header, and nothing for no token', () => {
    const basic = Buffer.from(`x-access-token:${token}`).toString('base64')
    expect(tokenForms(token)).toEqual([token, basic, `Authorization: Basic ${basic}`])
    expect(tokenForms('')).toEqual([])
  })

  it('is sent by the real git to the private owner only', () => {
    const home = mkdtempSync(path.join(tmpdir(), 'git-auth-'))
    try {
      expectTokenOnlyForTheOwner(home)
    } finally {
      rmSync(home, { recursive: true, force: true })
    }
  })

  /** Asks the real git, with an empty HOME of the test's own, which URLs get the token's header. */
  function expectTokenOnlyForTheOwner(home: string): void {
    const { env } = downloadEnv(
      { PATH: process.env.PATH, HOME: home, GIT_CONFIG_NOSYSTEM: '1' },
      ['github.com/acme/*'],
      token
    )
    const header = (url: string): string => {
      try {
        return execFileSync('git', ['config', '--get-urlmatch', 'http.extraheader', url], {
          env,
          encoding: 'utf8'
        }).trim()
      } catch {
        return ''
      }
    }
    expect(header('https://github.com/acme/repo')).toBe(authorizationHeader(token))
    expect(header('https://github.com/acme/repo.git/info/refs')).toBe(authorizationHeader(token))
    expect(header('https://github.com/acme-other/repo')).toBe('')
    expect(header('https://github.com/other/repo')).toBe('')
    expect(header('https://gitlab.com/acme/repo')).toBe('')
    expect(header('http://github.com/acme/repo')).toBe('')
  }

  it('warns when the token has nowhere to go', () => {
    expect(downloadEnv({}, [], token).warnings).toEqual([expect.stringMatching(/token input is not used/)])
    const { env, warnings } = downloadEnv({}, ['*/acme'], token)
    expect(warnings).toEqual([expect.stringMatching(/not sent for the private-modules pattern \*\/acme/)])
    expect(env.GIT_CONFIG_COUNT).toBeUndefined()
  })
})

describe('withGoConfig', () => {
  it("takes the privacy and checksum database settings of go's configuration file where the environment leaves them empty", () => {
    const goEnv = {
      GOPRIVATE: 'corp.test/*',
      GONOPROXY: 'corp.test/*',
      GONOSUMDB: 'corp.test/*',
      GOSUMDB: 'off'
    }
    expect(withGoConfig({ GOPRIVATE: ' ', PATH: '/bin' }, goEnv)).toEqual({
      GOPRIVATE: 'corp.test/*',
      GONOPROXY: 'corp.test/*',
      GONOSUMDB: 'corp.test/*',
      GOSUMDB: 'off',
      PATH: '/bin'
    })
  })

  it('leaves a value the environment sets, which go reads over the file', () => {
    expect(withGoConfig({ GOPRIVATE: 'env.test' }, { GOPRIVATE: 'env.test', GONOPROXY: 'env.test' })).toEqual(
      {
        GOPRIVATE: 'env.test',
        GONOPROXY: 'env.test'
      }
    )
    expect(withGoConfig({ GOPRIVATE: 'env.test' }, { GOPRIVATE: 'file.test' }).GOPRIVATE).toBe('env.test')
  })

  it("keeps the file's paths private when private-modules adds its own", () => {
    const env = privateEnv(withGoConfig({}, { GOPRIVATE: 'corp.test/*', GONOPROXY: 'corp.test/*' }), [
      'acme.test'
    ])
    expect(env.GOPRIVATE).toBe('corp.test/*,acme.test')
    expect(env.GONOPROXY).toBe('corp.test/*,acme.test')
  })
})
