import { describe, expect, it } from '@jest/globals'
import { checksumDatabase } from '../../src/network/sumdb.js'

describe('checksumDatabase', () => {
  it.each([
    ['sum.golang.org', { name: 'sum.golang.org', url: 'https://sum.golang.org' }],
    [
      'sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8',
      { name: 'sum.golang.org', url: 'https://sum.golang.org' }
    ],
    ['sum.golang.google.cn', { name: 'sum.golang.google.cn', url: 'https://sum.golang.google.cn' }],
    [
      'sum.golang.org https://goproxy.cn/sumdb/sum.golang.org',
      { name: 'sum.golang.org', url: 'https://goproxy.cn/sumdb/sum.golang.org' }
    ],
    ['off', undefined]
  ])('%s', (value, expected) => {
    expect(checksumDatabase(value)).toEqual(expected)
  })
})
