import { describe, expect, it } from '@jest/globals'
import { hashGoMod, hashModuleZip, parseGoSum } from '../../src/go/gosum.js'
import { escapeModulePath } from '../../src/go/modcache.js'
import { decodeCase } from '../../src/go/proxy-path.js'
import { buildModuleZip, generateModuleSet } from '../../testkit/modset.js'
import { tamperZip } from '../../testkit/proxy.js'

describe('go.sum parsing and h1 hashing', () => {
  it('escapes upper case as go does on disk, both ways', () => {
    expect(escapeModulePath('github.com/Azure/Go-SDK')).toBe('github.com/!azure/!go-!s!d!k')
    expect(decodeCase('github.com/!azure/!go-!s!d!k')).toBe('github.com/Azure/Go-SDK')
  })

  it('reads zip and go.mod lines into one entry per module version', () => {
    const sums = parseGoSum('a.test/x v1.0.0 h1:zip=\na.test/x v1.0.0/go.mod h1:mod=\n\nbad line\n')
    expect([...sums.values()]).toEqual([
      { path: 'a.test/x', version: 'v1.0.0', zip: 'h1:zip=', mod: 'h1:mod=' }
    ])
  })

  it('hashes zips and go.mod files to what go.sum records, and notices a changed file', () => {
    const set = generateModuleSet({ count: 3, seed: 2 })
    for (const m of set.modules) {
      const esc = escapeModulePath(m.path)
      const zip = set.files.get(`${esc}/@v/${m.version}.zip`)!
      expect(hashModuleZip(zip)).toBe(set.sums.get(`${m.path}@${m.version}`))
      expect(hashGoMod(set.files.get(`${esc}/@v/${m.version}.mod`)!)).toBe(
        set.sums.get(`${m.path}@${m.version}/go.mod`)
      )
      expect(hashModuleZip(tamperZip(zip))).not.toBe(set.sums.get(`${m.path}@${m.version}`))
    }
  })

  it('throws on a zip it cannot read', () => {
    const zip = buildModuleZip(
      { path: 'a.test/x', version: 'v1.0.0' },
      { 'go.mod': Buffer.from('module a.test/x\n') }
    )
    expect(() => hashModuleZip(zip.subarray(0, zip.length - 30))).toThrow()
  })
})
