import { describe, expect, it } from '@jest/globals'
import {
  canonicalVersion,
  escapeCase,
  filePathProblem,
  importPathProblem,
  isCanonicalVersion,
  isSemver,
  modulePathProblem,
  splitPathVersion,
  unescapeCase,
  versionProblem
} from '../../src/go/module-path.js'

// [path, valid module path, valid import path, valid file path]
const paths: Array<[string, boolean, boolean, boolean]> = [
  ['example.test/lib', true, true, true],
  ['example.test', true, true, true],
  ['go.example-corp.test/a.b/c_d/e~f/G-H', true, true, true],
  ['example.test/lib/v3', true, true, true],
  ['example.test/lib/v10', true, true, true],
  ['example.test/a..b', true, true, true],
  ['example.test/tools/v', true, true, true],
  ['example.test/lib/vendor2', true, true, true],
  ['example.test/aux2', true, true, true],
  ['example.test/comet', true, true, true],
  ['example.test/nul-device', true, true, true],
  ['example.test/x~', true, true, true],
  ['example.test/x7~', true, true, true],
  ['example.test/x~7y', true, true, true],
  ['', false, false, false],
  ['/example.test/lib', false, false, false],
  ['example.test/lib/', false, false, false],
  ['example.test//lib', false, false, false],
  ['example.test/./lib', false, false, false],
  ['example.test/../admin', false, false, false],
  ['example.test/...', false, false, false],
  ['example.test/lib./x', false, false, false],
  ['example.test/.hidden', false, true, true],
  ['.well-known/x', false, true, true],
  ['-flag.test/x', false, false, true],
  ['example/lib', false, true, true],
  ['Example.test/lib', false, true, true],
  ['exam_ple.test/lib', false, true, true],
  ['example.test/lib/v1', false, true, true],
  ['example.test/lib/v0', false, true, true],
  ['example.test/lib/v02', false, true, true],
  ['example.test/lib/v2.1', false, true, true],
  ['example.test/c++', false, true, true],
  ['example.test/a+b', false, true, true],
  ['example.test/a b', false, false, true],
  ['example.test/a!b', false, false, true],
  ['example.test/a@b', false, false, true],
  ['example.test/a%41', false, false, true],
  ['example.test/a,b', false, false, true],
  ['example.test/[x]', false, false, true],
  ['example.test/a\\b', false, false, false],
  ['example.test/a:b', false, false, false],
  ['example.test/a*b', false, false, false],
  ['example.test/a?b', false, false, false],
  ['example.test/a"b', false, false, false],
  ['example.test/a<b', false, false, false],
  ['example.test/a|b', false, false, false],
  ['example.test/a`b', false, false, false],
  ["example.test/a'b", false, false, false],
  ['example.test/a;b', false, false, false],
  ['example.test/Ünïcode', false, false, true],
  ['example.test/☃', false, false, false],
  ['example.test/CON', false, false, false],
  ['example.test/aux.go', false, false, false],
  ['example.test/Lpt9', false, false, false],
  ['example.test/x~1', false, false, true],
  ['example.test/abc~12.d', false, false, true],
  ['127.0.0.1:8080/x', false, false, false],
  ['\\\\127.0.0.1/x', false, false, false]
]

describe('module, import and file paths', () => {
  it.each(paths)('%s', (path, module, importPath, file) => {
    expect(modulePathProblem(path) === undefined).toBe(module)
    expect(importPathProblem(path) === undefined).toBe(importPath)
    expect(filePathProblem(path) === undefined).toBe(file)
  })

  it('refuses a path that is not valid UTF-16 text', () => {
    expect(modulePathProblem('example.test/\uD800x')).toBe('invalid UTF-8')
  })

  it('splits off the major version suffix, gopkg.in spelling included', () => {
    expect(splitPathVersion('example.test/lib/v3')).toEqual({ prefix: 'example.test/lib', major: '/v3' })
    expect(splitPathVersion('example.test/lib')).toEqual({ prefix: 'example.test/lib', major: '' })
    expect(splitPathVersion('example.test/lib/v1')).toBeUndefined()
    expect(splitPathVersion('gopkg.in/yaml.v3')).toEqual({ prefix: 'gopkg.in/yaml', major: '.v3' })
    expect(splitPathVersion('gopkg.in/yaml.v0')).toEqual({ prefix: 'gopkg.in/yaml', major: '.v0' })
    expect(splitPathVersion('gopkg.in/check.v1-unstable')).toMatchObject({ major: '.v1-unstable' })
    expect(splitPathVersion('gopkg.in/yaml')).toBeUndefined()
    expect(splitPathVersion('gopkg.in/yaml.v03')).toBeUndefined()
    expect(modulePathProblem('gopkg.in/yaml')).toBe('invalid version suffix')
  })
})

describe('versions', () => {
  // [version, valid semver, canonical form]
  const versions: Array<[string, boolean, string]> = [
    ['v1.2.3', true, 'v1.2.3'],
    ['v0.0.0', true, 'v0.0.0'],
    ['v1', true, 'v1.0.0'],
    ['v1.4', true, 'v1.4.0'],
    ['v1.2.3-rc.1', true, 'v1.2.3-rc.1'],
    ['v1.2.3-RC1', true, 'v1.2.3-RC1'],
    ['v1.2.3-0.20240102030405-abcdef123456', true, 'v1.2.3-0.20240102030405-abcdef123456'],
    ['v0.0.0-20240102030405-abcdef123456', true, 'v0.0.0-20240102030405-abcdef123456'],
    ['v1.2.4-pre.0.20240102030405-abcdef123456', true, 'v1.2.4-pre.0.20240102030405-abcdef123456'],
    ['v2.0.0+incompatible', true, 'v2.0.0+incompatible'],
    ['v1.2.3+build.7', true, 'v1.2.3'],
    ['v1.2.3-x-y--z', true, 'v1.2.3-x-y--z'],
    ['v1.2.3-0a', true, 'v1.2.3-0a'],
    ['1.2.3', false, ''],
    ['V1.2.3', false, ''],
    ['v01.2.3', false, ''],
    ['v1.02.3', false, ''],
    ['v1.2.03', false, ''],
    ['v1.2.3-01', false, ''],
    ['v1.2.3-', false, ''],
    ['v1.2.3-a..b', false, ''],
    ['v1.2.3+', false, ''],
    ['v1.2.3+a_b', false, ''],
    ['v1-pre', false, ''],
    ['v1.2+meta', false, ''],
    ['v1.2.3.4', false, ''],
    ['v1.2.3/../x', false, ''],
    ['latest', false, '']
  ]

  it.each(versions)('%s', (version, valid, canonical) => {
    expect(isSemver(version)).toBe(valid)
    expect(canonicalVersion(version)).toBe(canonical)
    expect(isCanonicalVersion(version)).toBe(valid && canonical === version)
  })

  it('takes branch names and hashes as queries, but no path, no ! and no non-ASCII text', () => {
    for (const ok of ['master', 'v1.2.3', 'feature-x', '0123abcd', 'rel 1', 'a@b', 'Tag#1', '.hidden'])
      expect(versionProblem(ok)).toBeUndefined()
    for (const bad of ['', '.', '..', 'a/b', 'a\\b', 'a!b', 'ä', 'a:b', 'x.', 'com1', 'a?b', 'a*b'])
      expect(versionProblem(bad)).toBeDefined()
  })
})

describe('case-encoding', () => {
  it('round-trips, and refuses what go would never write', () => {
    expect(escapeCase('github.com/GoogleCloud/X')).toBe('github.com/!google!cloud/!x')
    expect(unescapeCase('github.com/!google!cloud/!x')).toBe('github.com/GoogleCloud/X')
    for (const bad of ['github.com/Google', 'a!', 'a!!b', 'a!0', 'a!_b', 'ä'])
      expect(unescapeCase(bad)).toBeUndefined()
  })
})
