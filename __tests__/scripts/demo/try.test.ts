import { describe, expect, it } from '@jest/globals'
import { INPUT_NAMES } from '../../../src/config/inputs.js'
import { actionInputs, parseTryArgs, tryEnv } from '../../../scripts/demo/try.js'

const names = actionInputs()

describe('actionInputs', () => {
  it('lists the inputs of action.yml, which the action reads', () => {
    expect([...names].sort()).toEqual([...INPUT_NAMES].sort())
  })
})

describe('parseTryArgs', () => {
  it('takes the workspace, inputs by their action.yml names and the mirrors, in any order', () => {
    expect(
      parseTryArgs(
        ['max-attempts=5', '../svc', 'private-modules=github.com/acme/*', '--mirrors', 'demo'],
        names
      )
    ).toEqual({
      workspace: '../svc',
      inputs: { 'max-attempts': '5', 'private-modules': 'github.com/acme/*' },
      mirrors: 'demo'
    })
    expect(parseTryArgs(['.', '--mirrors=https://a.example,direct'], names)).toEqual({
      workspace: '.',
      inputs: {},
      mirrors: 'https://a.example,direct'
    })
  })

  it('keeps a value as given: = signs, commas, spaces and an empty value', () => {
    expect(
      parseTryArgs(
        ['.', 'proxies=https://u:p=q@mirror.example/go,direct', 'go-version=', 'timeout= 2m'],
        names
      ).inputs
    ).toEqual({ proxies: 'https://u:p=q@mirror.example/go,direct', 'go-version': '', timeout: ' 2m' })
  })

  it('refuses a name action.yml does not have, suggesting the hyphenated one', () => {
    expect(() => parseTryArgs(['.', 'max_attempts=5'], names)).toThrow(
      "'max_attempts' is not an input of the action: did you mean max-attempts?"
    )
    expect(() => parseTryArgs(['.', 'MAX-ATTEMPTS=5'], names)).toThrow('did you mean max-attempts?')
    expect(() => parseTryArgs(['.', 'retries=5'], names)).toThrow(
      /^'retries' is not an input of the action; action\.yml has working-directory, proxies, /
    )
  })

  it('refuses what it cannot read: no workspace, two workspaces, an input twice, an unknown option', () => {
    expect(() => parseTryArgs(['cache=false'], names)).toThrow(/^no workspace given\nusage: npm run try -- /)
    expect(() => parseTryArgs(['a', 'b'], names)).toThrow(
      "'b' is neither an input=value nor an option, and the workspace is already a"
    )
    expect(() => parseTryArgs(['.', 'cache=false', 'cache=true'], names)).toThrow(
      'the input cache is given twice'
    )
    expect(() => parseTryArgs(['.', '--mirror', 'demo'], names)).toThrow(/^unknown option --mirror\n/)
    expect(() => parseTryArgs(['.', '--mirrors'], names)).toThrow(/^--mirrors needs a value/)
  })

  it('takes the mirrors once: by --mirrors or by proxies=, not both', () => {
    expect(() => parseTryArgs(['.', '--mirrors', 'demo', 'proxies=direct'], names)).toThrow(
      'give the mirrors either with --mirrors or with proxies=, not both'
    )
    expect(() => parseTryArgs(['.', '--mirrors', 'demo', '--mirrors', 'direct'], names)).toThrow(
      '--mirrors is given twice'
    )
  })
})

describe('tryEnv', () => {
  it("keeps the user's environment but a runner's own variables, and puts go's caches under the run's root", () => {
    const env = tryEnv(
      {
        PATH: '/usr/bin',
        GOPROXY: 'https://goproxy.example',
        GOMODCACHE: '/home/me/go/pkg/mod',
        GOCACHE: '/home/me/.cache/go-build',
        GITHUB_WORKSPACE: '/w',
        RUNNER_TEMP: '/rt',
        INPUT_CACHE: 'true',
        STATE_main: '{}',
        ACTIONS_RESULTS_URL: 'http://cache.example/'
      },
      '/tmp/run'
    )
    expect(env).toEqual({
      PATH: '/usr/bin',
      GOPROXY: 'https://goproxy.example',
      GOMODCACHE: '/tmp/run/gomodcache',
      GOCACHE: '/tmp/run/gocache'
    })
  })
})
