import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { parse } from 'yaml'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { INPUT_NAMES, InputError, readEnvInput, readInputs, splitGoproxy } from '../../src/config/inputs.js'
import { formatDuration, parseDuration } from '../../src/config/duration.js'
import { escapeControls } from '../../src/security/log-text.js'

let root = ''

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'inputs-'))
  writeFileSync(path.join(root, 'go.mod'), 'module example.test/app\n\ngo 1.22\n')
  mkdirSync(path.join(root, 'svc'))
  writeFileSync(path.join(root, 'svc', 'go.work'), 'go 1.22\n')
  mkdirSync(path.join(root, 'empty'))
})

afterAll(() => rmSync(root, { recursive: true, force: true }))

/** A workspace with a go.mod at its root, a go.work in svc/ and an empty directory. */
const workspace = (): string => root

function read(values: Record<string, string>) {
  return (name: string) => values[name] ?? ''
}

describe('readInputs', () => {
  it('applies the documented defaults', () => {
    const inputs = readInputs(read({}), workspace())
    expect(inputs).toEqual({
      workingDirectories: ['.'],
      proxies: [],
      maxAttempts: 3,
      retryDelayMs: 100,
      retryMaxDelayMs: 30_000,
      stallTimeoutMs: 60_000,
      timeoutMs: 600_000,
      onChecksumMismatch: 'fallback',
      privateModules: [],
      token: '',
      vendorFallback: true,
      cache: true,
      cacheDependencyPath: [],
      summary: 'always',
      exportProxy: true,
      goVersion: '',
      probe: true,
      concurrency: 16,
      modules: 'go.sum',
      jobProxy: false,
      buildCache: 'on',
      buildCacheVariant: ''
    })
  })

  it('reads an empty input exactly as the default action.yml gives it', () => {
    const action = parse(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as {
      inputs: Record<string, { default?: string }>
    }
    const fromActionYml = Object.fromEntries(
      Object.entries(action.inputs).map(([name, i]) => [name, i.default ?? ''])
    )
    expect(readInputs(read(fromActionYml), workspace())).toEqual(readInputs(read({}), workspace()))
  })

  it('reads lists, durations and booleans in every accepted form', () => {
    const inputs = readInputs(
      read({
        'working-directory': '.\nsvc\n',
        proxies: 'https://goproxy.io, https://proxy.golang.org|direct\nfile:///tmp/mirror',
        'max-attempts': '5',
        'retry-delay': '250ms',
        'retry-max-delay': '1m30s',
        'stall-timeout': '1.5s',
        timeout: '2h',
        'on-checksum-mismatch': 'fail',
        'private-modules': 'github.com/acme/*,\ngitlab.example.com/team',
        cache: 'FALSE',
        'export-proxy': 'False',
        summary: 'on-failure',
        'go-version': '1.23.4',
        probe: 'false'
      }),
      workspace()
    )
    expect(inputs.workingDirectories).toEqual(['.', 'svc'])
    expect(inputs.proxies).toEqual([
      'https://goproxy.io',
      'https://proxy.golang.org',
      'direct',
      'file:///tmp/mirror'
    ])
    expect(inputs.maxAttempts).toBe(5)
    expect(inputs.retryDelayMs).toBe(250)
    expect(inputs.retryMaxDelayMs).toBe(90_000)
    expect(inputs.stallTimeoutMs).toBe(1500)
    expect(inputs.timeoutMs).toBe(7_200_000)
    expect(inputs.onChecksumMismatch).toBe('fail')
    expect(inputs.privateModules).toEqual(['github.com/acme/*', 'gitlab.example.com/team'])
    expect(inputs.cache).toBe(false)
    expect(inputs.exportProxy).toBe(false)
    expect(inputs.summary).toBe('on-failure')
    expect(inputs.probe).toBe(false)
  })

  it.each([
    ['missing', 'does not exist'],
    ['empty', 'holds neither a go.mod nor a go.work'],
    ['go.mod', 'is a file, not a directory']
  ])('rejects working-directory %j saying where it looked and why it cannot be used', (value, problem) => {
    expect(() => readInputs(read({ 'working-directory': `.\n${value}` }), workspace())).toThrow(
      `Input 'working-directory' has the value '${value}', but it accepts directories, one per line and relative to the workspace (${root}), that hold a go.mod or a go.work: ${path.join(root, value)} ${problem}.`
    )
  })

  it.each([
    ['true', 'on'],
    ['TRUE', 'on'],
    ['False', 'off'],
    ['always', 'always'],
    ['Always', 'always']
  ])('reads build-cache %j as %s, and build-cache-variant as given', (value, mode) => {
    const inputs = readInputs(
      read({ 'build-cache': value, 'build-cache-variant': 'race tags=x' }),
      workspace()
    )
    expect(inputs.buildCache).toBe(mode)
    expect(inputs.buildCacheVariant).toBe('race tags=x')
  })

  const bad: Array<[string, string, RegExp]> = [
    ['proxies', 'ftp://mirror.example', /https:\/\/, http:\/\/ or file:\/\//],
    ['proxies', 'not a url', /https:\/\//],
    ['proxies', 'off\nhttps://proxy.golang.org', /'off' only as the last entry/],
    ['max-attempts', '0', /whole number from 1 to 100/],
    ['max-attempts', 'three', /whole number/],
    ['max-attempts', '2.5', /whole number/],
    ['retry-delay', 'soon', /duration such as/],
    ['retry-delay', '5', /duration such as/],
    ['retry-max-delay', '10ms', /no shorter than retry-delay/],
    ['stall-timeout', '0s', /greater than zero/],
    ['timeout', '-1m', /duration/],
    ['on-checksum-mismatch', 'ignore', /'fallback' or 'fail'/],
    ['private-modules', 'github.com/a b', /GOPRIVATE patterns/],
    ['vendor-fallback', 'yes', /'true' or 'false'/],
    ['cache', 'on', /'true' or 'false'/],
    ['export-proxy', '1', /'true' or 'false'/],
    ['probe', 'off', /'true' or 'false'/],
    ['build-cache', 'restore', /'true', 'false' or 'always'/],
    ['build-cache', 'yes', /'true', 'false' or 'always'/],
    ['summary', 'sometimes', /'always', 'on-failure' or 'never'/],
    ['go-version', 'latest-ish', /Go version/]
  ]
  it.each(bad)(
    'rejects %s=%j with one line naming the input, the value and what is accepted',
    (input, value, accepted) => {
      let error: unknown
      try {
        readInputs(read({ [input]: value }), workspace())
      } catch (e) {
        error = e
      }
      expect(error).toBeInstanceOf(InputError)
      const message = (error as Error).message
      expect(message).toContain(`'${input}'`)
      expect(message).toContain(`'${value.split('\n')[0]}`)
      expect(message).toMatch(accepted)
      expect(message).not.toContain('\n')
    }
  )

  it('never echoes credentials from a bad proxy URL', () => {
    expect(() => readInputs(read({ proxies: 'ftp://user:hunter2@mirror.example' }), workspace())).toThrow(
      /ftp:\/\/\*\*\*@mirror\.example/
    )
    expect(() => readInputs(read({ proxies: 'ftp://user:hunter2@mirror.example' }), workspace())).not.toThrow(
      /hunter2/
    )
  })

  it.each([',', '|'])(
    'refuses credentials holding a raw %j without echoing any part of them, and says to percent-encode it',
    separator => {
      const proxies = `https://ci-user:S3cr3t${separator}P4ss@mirror.example/go\ndirect`
      expect(() => readInputs(read({ proxies }), workspace())).toThrow(
        "Input 'proxies' has the value 'https://***@mirror.example/go', but it accepts https://, http:// or file:// URLs, 'direct' or 'off', one per line; credentials need ',' and '|' percent-encoded (%2C, %7C), since go's GOPROXY splits on them too."
      )
    }
  )

  it('never echoes the credentials of an entry without a scheme', () => {
    expect(() => readInputs(read({ proxies: 'ci-user:hunter2@mirror.example' }), workspace())).toThrow(
      "Input 'proxies' has the value '***@mirror.example'"
    )
  })

  it('takes credentials with their separators percent-encoded', () => {
    const proxies = 'https://ci-user:S3cr3t%2CP4%7Css@mirror.example/go|direct'
    expect(readInputs(read({ proxies }), workspace()).proxies).toEqual([
      'https://ci-user:S3cr3t%2CP4%7Css@mirror.example/go',
      'direct'
    ])
  })

  it('knows every input action.yml declares', () => {
    const action = parse(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as {
      inputs: Record<string, unknown>
    }
    expect([...INPUT_NAMES].sort()).toEqual(Object.keys(action.inputs).sort())
  })

  const controls: Array<[string, string]> = [
    ['\r', '\\r'],
    ['\u001b', '\\u001b'],
    ['\u0000', '\\u0000'],
    ['\u0085', '\\u0085']
  ]
  describe.each(controls)('a control character (%j) in any input', (control, shown) => {
    it.each([...INPUT_NAMES])('is refused in %s, named, and never echoed raw', name => {
      const value = `x${control}::error::forged`
      let error: unknown
      try {
        readInputs(read({ [name]: value }), workspace())
      } catch (e) {
        error = e
      }
      expect(error).toBeInstanceOf(InputError)
      const message = (error as Error).message
      expect(message).toContain(`Input '${name}'`)
      expect(message).toContain(`found ${shown}`)
      expect(escapeControls(message)).toBe(message)
      if (name === 'token') expect(message).not.toContain('forged')
      else expect(message).toContain(`'x${shown}::error::forged'`)
    })
  })

  it('refuses a line break in a single-line input, and takes it between the items of a list', () => {
    expect(() => readInputs(read({ 'go-version': '1.22\n::error::forged' }), workspace())).toThrow(
      "Input 'go-version' has the value '1.22\\n::error::forged', but it accepts no control characters (found \\n)."
    )
    expect(() => readInputs(read({ token: 'abc\ndef' }), workspace())).toThrow(
      /Input 'token' has the value '\*\*\*'/
    )
    expect(readInputs(read({ proxies: 'direct\noff' }), workspace()).proxies).toEqual(['direct', 'off'])
  })

  it('never echoes the credentials of a proxies line holding a control character', () => {
    expect(() =>
      readInputs(read({ proxies: 'direct\nhttps://user:hunter2@mirror.example/\r' }), workspace())
    ).toThrow("Input 'proxies' has the value 'https://***@mirror.example/\\r'")
  })

  it('reads INPUT_ variables the way the runner sets them', () => {
    const reader = readEnvInput({ 'INPUT_MAX-ATTEMPTS': ' 7 ', INPUT_PROXIES: 'direct' })
    expect(reader('max-attempts')).toBe('7')
    expect(reader('proxies')).toBe('direct')
    expect(reader('timeout')).toBe('')
  })
})

describe('splitGoproxy', () => {
  it('treats commas, pipes and newlines alike', () => {
    expect(splitGoproxy('a,b|c\n d ,, ')).toEqual(['a', 'b', 'c', 'd'])
  })
})

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['2s', 2000],
    ['1m', 60_000],
    ['1m30s', 90_000],
    ['1.5h', 5_400_000],
    ['0', 0]
  ])('parses %s', (text, ms) => expect(parseDuration(text)).toBe(ms))

  it.each(['', '5', 's', '1d', '1m 30s', '-1s', '1s2', 'ms'])('rejects %j', text =>
    expect(parseDuration(text)).toBeUndefined()
  )
})

describe('formatDuration', () => {
  it.each([
    [850, '850 ms'],
    [12_400, '12.4 s'],
    [59_960, '1 min'],
    [119_800, '2 min'],
    [185_000, '3 min 5 s']
  ])('formats %d ms as %s', (ms, text) => expect(formatDuration(ms)).toBe(text))
})
