import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdir, mkdtemp, readFile, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import {
  actionOutput,
  holdsEntries,
  keptEntries,
  listEntries,
  markUnused,
  writeTrimStamp
} from '../../src/cache/build-entries.js'

// A GOCACHE laid out as cmd/go writes it, by hand: the names, the action entry format and the executables' folders.
let gocache: string

beforeEach(async () => {
  gocache = await mkdtemp(path.join(tmpdir(), 'build-entries-'))
})

afterEach(async () => {
  await rm(gocache, { recursive: true, force: true })
})

function hex(seed: number): string {
  return seed.toString(16).padStart(2, '0').repeat(32)
}

/** The text cmd/go writes into `<action id>-a`. */
function actionText(action: string, output: string, size: number): string {
  return `v1 ${action} ${output} ${String(size).padStart(20)} ${'1700000000000000000'.padStart(20)}\n`
}

async function put(name: string, content: string | Buffer, mtimeMs?: number): Promise<string> {
  const file = path.join(gocache, ...name.split('/'))
  await mkdir(path.dirname(file), { recursive: true })
  await writeFile(file, content)
  if (mtimeMs !== undefined) await utimes(file, new Date(mtimeMs), new Date(mtimeMs))
  return file
}

/** An action entry and its output; the output `a`ge and the action's given separately. */
async function pair(action: number, output: number, times: { a: number; d: number }): Promise<void> {
  const out = Buffer.from(`output ${output}`)
  await put(
    `${hex(action).slice(0, 2)}/${hex(action)}-a`,
    actionText(hex(action), hex(output), out.length),
    times.a
  )
  await put(`${hex(output).slice(0, 2)}/${hex(output)}-d`, out, times.d)
}

describe('the build cache layout', () => {
  it('lists the entries of 00-ff and leaves out everything go would not read as one', async () => {
    await pair(1, 2, { a: 0, d: 0 })
    await put('README', 'This directory holds cached build artifacts.\n')
    await put('trim.txt', '1700000000')
    await put('fuzz/FuzzX/corpus', 'x')
    await put(`03/${hex(4)}-a`, 'wrong folder')
    await put(`05/${hex(5).slice(0, 10)}-d`, 'short id')
    await put(`06/${hex(6)}-x`, 'unknown kind')
    await put(`zz/${hex(7)}-d`, 'not a cache folder')
    await mkdir(path.join(gocache, '08'), { recursive: true })
    await symlink('/etc/hostname', path.join(gocache, '08', `${hex(8)}-d`))
    const executable = path.join(gocache, '09', `${hex(9)}-d`)
    await mkdir(executable, { recursive: true })
    await writeFile(path.join(executable, 'tool'), 'binary')
    const twoFiles = path.join(gocache, '0a', `${hex(10)}-d`)
    await mkdir(twoFiles, { recursive: true })
    await writeFile(path.join(twoFiles, 'one'), '1')
    await writeFile(path.join(twoFiles, 'two'), '2')

    const entries = await listEntries(gocache)
    expect(entries.map(e => [e.name, e.kind, e.executable, e.bytes])).toEqual([
      [`01/${hex(1)}-a`, 'a', false, 175],
      [`02/${hex(2)}-d`, 'd', false, 8],
      [`09/${hex(9)}-d`, 'd', true, 6]
    ])
    expect(await holdsEntries(gocache)).toBe(true)
  })

  it('tells an empty GOCACHE, or one go opened and never wrote to, from one with entries', async () => {
    expect(await holdsEntries(path.join(gocache, 'missing'))).toBe(false)
    for (let i = 0; i < 256; i++) await mkdir(path.join(gocache, i.toString(16).padStart(2, '0')))
    await put('README', 'x')
    await put('trim.txt', '1700000000')
    await put(`ff/${hex(255)}-x`, 'not an entry')
    expect(await holdsEntries(gocache)).toBe(false)
    await put(`ff/${hex(255)}-d`, 'an entry')
    expect(await holdsEntries(gocache)).toBe(true)
  })

  it('reads the output id of an action entry only from the exact text go writes', () => {
    const text = actionText(hex(1), hex(0xab), 1234)
    expect(text).toHaveLength(175)
    expect(actionOutput(text, hex(1))).toBe(hex(0xab))
    expect(actionOutput(text, hex(3))).toBeUndefined()
    expect(actionOutput(text.slice(0, -1), hex(1))).toBeUndefined()
    expect(actionOutput(text.replace('v1', 'v2'), hex(1))).toBeUndefined()
    expect(actionOutput(text.replace(hex(0xab), hex(0xab).toUpperCase()), hex(1))).toBeUndefined()
    expect(actionOutput(`${text}x`, hex(1))).toBeUndefined()
  })

  it('keeps what was used or added since the restore, an action only with its output, an output only with an action', async () => {
    const restoredAt = Date.now()
    const unused = restoredAt - 2 * 60 * 60_000
    const later = restoredAt + 1000
    await pair(0x10, 0x11, { a: later, d: later })
    await pair(0x20, 0x21, { a: later, d: unused })
    await pair(0x30, 0x31, { a: unused, d: later })
    await pair(0x40, 0x41, { a: unused, d: unused })
    await put(`50/${hex(0x50)}-a`, 'torn', later)
    const executable = path.join(gocache, '61', `${hex(0x61)}-d`)
    await mkdir(executable, { recursive: true })
    await writeFile(path.join(executable, 'tool'), 'binary')
    await utimes(executable, new Date(later), new Date(later))
    await put(`60/${hex(0x60)}-a`, actionText(hex(0x60), hex(0x61), 6), later)

    const kept = await keptEntries(gocache, await listEntries(gocache), restoredAt)
    expect(kept.map(e => e.name)).toEqual([
      `10/${hex(0x10)}-a`,
      `11/${hex(0x11)}-d`,
      `60/${hex(0x60)}-a`,
      `61/${hex(0x61)}-d`
    ])
  })

  it('marks entries unused, a cached executable by its folder, and writes the trim time as go does', async () => {
    await pair(1, 2, { a: Date.now(), d: Date.now() })
    const executable = path.join(gocache, '09', `${hex(9)}-d`)
    await mkdir(executable, { recursive: true })
    await writeFile(path.join(executable, 'tool'), 'binary')
    const at = Date.parse('2024-01-02T03:04:05Z')
    expect(await markUnused(gocache, await listEntries(gocache), at)).toEqual([])
    for (const entry of await listEntries(gocache)) expect(entry.mtimeMs).toBe(at)
    expect((await stat(executable)).mtimeMs).toBe(at)

    await writeTrimStamp(gocache, Date.parse('2024-01-02T05:04:05.900Z'))
    expect(await readFile(path.join(gocache, 'trim.txt'), 'utf8')).toBe('1704171845')
  })
})
