import { createHash } from 'node:crypto'
import { describe, expect, it } from '@jest/globals'
import { hashGoMod, hashGoModDigest, parseGoSum } from '../../src/go/gosum.js'
import { escapeModulePath } from '../../src/go/modcache.js'
import { decodeCase } from '../../src/go/proxy-path.js'
import { generateModuleSet } from '../../testkit/modset.js'

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

  it('hashes go.mod files to what go.sum records, and notices a changed file', () => {
    const set = generateModuleSet({ count: 3, seed: 2 })
    for (const m of set.modules) {
      const mod = set.files.get(`${escapeModulePath(m.path)}/@v/${m.version}.mod`)!
      expect(hashGoMod(mod)).toBe(set.sums.get(`${m.path}@${m.version}/go.mod`))
      const digest = createHash('sha256').update(mod).digest('hex')
      expect(hashGoModDigest(digest)).toBe(set.sums.get(`${m.path}@${m.version}/go.mod`))
      expect(hashGoMod(Buffer.concat([mod, Buffer.from('\n')]))).not.toBe(
        set.sums.get(`${m.path}@${m.version}/go.mod`)
      )
    }
  })
})
