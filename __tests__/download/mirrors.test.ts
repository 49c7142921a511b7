import { describe, expect, it } from '@jest/globals'
import { distinctMirrors } from '../../src/download/mirrors.js'

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
