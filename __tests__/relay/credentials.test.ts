import { describe, expect, it } from '@jest/globals'
import { credentialForms, mirrorEndpoint, parseNetrc } from '../../src/relay/credentials.js'

describe('mirrorEndpoint', () => {
  it('turns userinfo into a Basic header and keeps it out of the URL and the label', () => {
    const endpoint = mirrorEndpoint('https://bot:p%40ss%2Cword@art.example/api/go/virtual', [])
    expect(endpoint.base.href).toBe('https://art.example/api/go/virtual/')
    expect(endpoint.label).toBe('https://***@art.example/api/go/virtual')
    expect(endpoint.authorization).toBe(`Basic ${Buffer.from('bot:p@ss,word').toString('base64')}`)
    expect(credentialForms(endpoint)).toEqual(
      expect.arrayContaining(['p@ss,word', 'p%40ss%2Cword', endpoint.authorization])
    )
  })

  it('takes credentials from the netrc for https mirrors only', () => {
    const netrc = parseNetrc(
      'machine art.example login bot password s3cret\nmachine other login x password y'
    )
    expect(mirrorEndpoint('https://art.example/go', netrc).authorization).toBe(
      `Basic ${Buffer.from('bot:s3cret').toString('base64')}`
    )
    expect(mirrorEndpoint('http://art.example/go', netrc).authorization).toBeUndefined()
  })

  it('reads file mirrors as directories', () => {
    const endpoint = mirrorEndpoint('file:///srv/goproxy', [])
    expect(endpoint.kind).toBe('file')
    expect(endpoint.base.href).toBe('file:///srv/goproxy/')
  })
})

describe('parseNetrc', () => {
  it('stops at default and skips entries without a login', () => {
    expect(
      parseNetrc(
        'machine a login u password p\nmachine b password q\ndefault login d password e\nmachine c login v password w'
      )
    ).toEqual([{ machine: 'a', login: 'u', password: 'p' }])
  })
})
