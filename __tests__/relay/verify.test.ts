import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { zipPool } from '../../src/go/zip-pool.js'
import { verifyInfo, verifyMod, verifyText, verifyZip } from '../../src/relay/verify.js'
import { removeTree } from '../../testkit/action.js'
import { generateModuleSet, type ModuleSet } from '../../testkit/modset.js'
import { tamperZip } from '../../testkit/proxy.js'

let set: ModuleSet
let dir: string

beforeAll(async () => {
  set = generateModuleSet({ count: 6, seed: 5, bigZipBytes: 48 * 1024 * 1024, bigEvery: 5 })
  dir = await mkdtemp(path.join(tmpdir(), 'verify-'))
})

afterAll(async () => {
  await zipPool().close()
  await removeTree(dir)
})

async function zipFile(module: { path: string; version: string }, data?: Buffer): Promise<string> {
  const esc = module.path.replace(/[A-Z]/g, c => '!' + c.toLowerCase())
  const file = path.join(dir, `${module.version}-${Math.random()}.zip`)
  await writeFile(file, data ?? (set.files.get(`${esc}/@v/${module.version}.zip`) as Buffer))
  return file
}

describe('verifyZip', () => {
  it('passes a zip that hashes to the h1 go.sum records, with the hash', async () => {
    for (const m of set.modules) {
      const file = await zipFile(m)
      expect(await verifyZip(file, set.sums.get(`${m.path}@${m.version}`))).toEqual({
        ok: true,
        hash: set.sums.get(`${m.path}@${m.version}`)
      })
    }
  })

  it('says a tampered zip does not match, and that a web page is no zip', async () => {
    const m = set.modules[1]!
    const esc = m.path.replace(/[A-Z]/g, c => '!' + c.toLowerCase())
    const tampered = await zipFile(m, tamperZip(set.files.get(`${esc}/@v/${m.version}.zip`) as Buffer))
    expect(await verifyZip(tampered, set.sums.get(`${m.path}@${m.version}`))).toMatchObject({
      ok: false,
      mismatch: true
    })
    const page = await zipFile(m, Buffer.from('<!DOCTYPE html><html>login</html>'))
    expect(await verifyZip(page, undefined)).toMatchObject({ ok: false, mismatch: false })
  })

  it('keeps the event loop free while it verifies a large zip', async () => {
    const big = set.modules[0]!
    const file = await zipFile(big)
    const delay = monitorEventLoopDelay({ resolution: 10 })
    delay.enable()
    expect(await verifyZip(file, set.sums.get(`${big.path}@${big.version}`))).toMatchObject({ ok: true })
    delay.disable()
    // A generous bound: one blocking pass over 48 MiB would take far longer.
    expect(delay.max / 1e6).toBeLessThan(250)
  })
})

describe('verifyMod and verifyInfo', () => {
  it('checks a go.mod against go.sum and refuses web pages', () => {
    const m = set.modules[2]!
    const esc = m.path.replace(/[A-Z]/g, c => '!' + c.toLowerCase())
    const goMod = set.files.get(`${esc}/@v/${m.version}.mod`) as Buffer
    const want = set.sums.get(`${m.path}@${m.version}/go.mod`)
    expect(verifyMod(goMod, want)).toMatchObject({ ok: true })
    expect(verifyMod(Buffer.concat([goMod, Buffer.from('\n')]), want)).toMatchObject({
      ok: false,
      mismatch: true
    })
    expect(verifyMod(Buffer.from('<html><body>Sign in</body></html>'), undefined)).toMatchObject({
      ok: false
    })
  })

  it('wants JSON naming the version asked for', () => {
    expect(verifyInfo(Buffer.from('{"Version":"v1.2.3","Time":"2024-01-01T00:00:00Z"}'), 'v1.2.3').ok).toBe(
      true
    )
    expect(verifyInfo(Buffer.from('{"Version":"v1.2.4"}'), 'v1.2.3').ok).toBe(false)
    expect(verifyInfo(Buffer.from('{"Version":"v0.0.0-2024"}'), 'master').ok).toBe(true)
    expect(verifyInfo(Buffer.from('<html></html>'), 'v1.2.3').ok).toBe(false)
  })

  it('tells a web page behind white space of any kind from a module file', () => {
    for (const page of [
      '\t\r\n <HTML><body>',
      '\uFEFF<!DOCTYPE html>',
      '\u00A0\u2003<html>',
      '<?xml version="1.0"?>'
    ]) {
      expect(verifyText(Buffer.from(page))).toMatchObject({ ok: false, reason: 'an HTML page' })
    }
    expect(verifyMod(Buffer.from('\uFEFF<html>Sign in</html>'), undefined)).toMatchObject({
      ok: false,
      reason: 'an HTML page instead of a go.mod'
    })
    for (const text of [
      '',
      'v1.0.0\nv1.1.0\n',
      '  module example.com/m\n',
      '<not a page>',
      '\u00A0v1.0.0\n'
    ]) {
      expect(verifyText(Buffer.from(text))).toEqual({ ok: true })
    }
  })
})
