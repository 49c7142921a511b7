import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { hashGoMod } from '../../src/go/gosum.js'
import { MemoryBudget, SpillSink, verifyModDigest } from '../../src/relay/memory.js'
import { verifyMod } from '../../src/relay/verify.js'
import { removeTree } from '../../testkit/action.js'

let dir: string

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'memory-'))
})

afterAll(() => removeTree(dir))

const chunk = (n: number, fill = 0x61): Buffer => Buffer.alloc(n, fill)

describe('MemoryBudget', () => {
  it('takes what fits, refuses the rest, and remembers its peak', () => {
    const budget = new MemoryBudget(100)
    expect(budget.take(60)).toBe(true)
    expect(budget.take(50)).toBe(false)
    budget.give(30)
    expect(budget.take(50)).toBe(true)
    expect(budget.usage()).toEqual({ heldBytes: 80, peakBytes: 80, limitBytes: 100 })
  })
})

describe('SpillSink', () => {
  it('keeps a small body in memory and hands it over with its cost', async () => {
    const budget = new MemoryBudget(1000)
    const sink = new SpillSink({ dir, budget, inMemoryBytes: Infinity })
    await sink.write(chunk(300))
    await sink.write(chunk(200, 0x62))
    expect(sink.spilled).toBe(false)
    expect(budget.usage().heldBytes).toBe(500)
    const body = await sink.take()
    expect(body).toEqual({ data: Buffer.concat([chunk(300), chunk(200, 0x62)]), charged: 500 })
  })

  it('moves the body to a file past its threshold, with its hash and head intact', async () => {
    const budget = new MemoryBudget(10_000)
    const sink = new SpillSink({ dir, budget, inMemoryBytes: 1000 })
    const parts = [chunk(600), chunk(600, 0x62), chunk(600, 0x63)]
    for (const part of parts) await sink.write(part)
    const whole = Buffer.concat(parts)
    expect(sink.spilled).toBe(true)
    expect(budget.usage().heldBytes).toBe(0)
    expect(sink.sha256()).toBe(createHash('sha256').update(whole).digest('hex'))
    expect(sink.head.equals(whole.subarray(0, 512))).toBe(true)
    expect((await sink.read()).equals(whole)).toBe(true)
    const body = await sink.take()
    expect('file' in body && (await readFile(body.file)).equals(whole)).toBe(true)
  })

  it('moves the body to a file when the budget is spent by others', async () => {
    const budget = new MemoryBudget(1000)
    expect(budget.take(900)).toBe(true)
    const sink = new SpillSink({ dir, budget, inMemoryBytes: Infinity })
    await sink.write(chunk(50))
    await sink.write(chunk(100))
    expect(sink.spilled).toBe(true)
    expect(budget.usage().heldBytes).toBe(900)
    const file = sink.file as string
    await sink.discard()
    expect(existsSync(file)).toBe(false)
  })

  it('starts again from nothing when reset, and gives back its memory', async () => {
    const budget = new MemoryBudget(1000)
    const sink = new SpillSink({ dir, budget, inMemoryBytes: Infinity })
    await sink.write(chunk(400))
    await sink.reset()
    expect(budget.usage().heldBytes).toBe(0)
    await sink.write(chunk(10, 0x7a))
    expect(sink.bytes).toBe(10)
    expect(sink.sha256()).toBe(createHash('sha256').update(chunk(10, 0x7a)).digest('hex'))
  })
})

describe('verifyModDigest', () => {
  it('agrees with the check of the whole go.mod', () => {
    const goMod = Buffer.from('module example.test/m\n\ngo 1.21\n')
    const sha = createHash('sha256').update(goMod).digest('hex')
    const want = hashGoMod(goMod)
    expect(verifyModDigest(goMod, sha, want)).toEqual(verifyMod(goMod, want))
    expect(verifyModDigest(goMod, sha, 'h1:other=')).toMatchObject({ ok: false, mismatch: true })
    const page = Buffer.from('<!DOCTYPE html><html></html>')
    expect(verifyModDigest(page, sha, want)).toEqual(verifyMod(page, want))
  })
})
