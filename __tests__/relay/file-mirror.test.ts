import { describe, expect, it } from '@jest/globals'
import path from 'node:path'
import { fileBelowFolder } from '../../src/relay/file-mirror.js'

describe('fileBelowFolder', () => {
  it('joins the segments of a rebuilt path onto the folder', () => {
    expect(fileBelowFolder('/srv/mirror', 'github.com/%21azure/x/@v/v1.0.0.info', path.posix)).toBe(
      '/srv/mirror/github.com/!azure/x/@v/v1.0.0.info'
    )
    expect(fileBelowFolder('C:\\mirror', 'example.test/x/@v/list', path.win32)).toBe(
      'C:\\mirror\\example.test\\x\\@v\\list'
    )
  })

  it.each([
    ['..\\..\\secret', 'a/..\\..\\secret/@v/list'],
    ['%5C', 'a/..%5C..%5Csecret/@v/list'],
    ['a dot segment', '../secret/@v/list'],
    ['an encoded dot segment', '%2e%2e/secret/@v/list'],
    ['an encoded slash', 'a/..%2F..%2Fsecret/@v/list'],
    ['a drive', 'C:%5Csecret/@v/list'],
    ['a drive-relative segment', 'D:secret/@v/list'],
    ['a UNC host', '%5C%5Chost%5Cshare/@v/list'],
    ['an empty segment', 'a//b/@v/list'],
    ['a NUL', 'a%00/@v/list'],
    ['a bad escape', 'a%zz/@v/list']
  ])('never leaves the folder on Windows or elsewhere: %s', (_name, text) => {
    expect(fileBelowFolder('C:\\mirror', text, path.win32)).toBeUndefined()
    expect(fileBelowFolder('/srv/mirror', text, path.posix)).toBeUndefined()
  })
})
