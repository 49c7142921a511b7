import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { appendFile, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Journal, journalFile, readJournal } from '../../src/relay/journal.js'
import type { FileRecord } from '../../src/relay/types.js'
import { removeTree } from '../../testkit/action.js'

let root: string

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'journal-'))
})

afterAll(() => removeTree(root))

describe('Journal', () => {
  it('stops at its size limit with one truncated line, but always takes the final totals', async () => {
    const file = path.join(root, 'journal.jsonl')
    await writeFile(file, '')
    const journal = new Journal(file, 400)
    for (let i = 0; i < 50; i++) {
      void journal.write({ t: 'file', name: `m${i}`, outcome: 'ok', tries: 1, retried: false, hedged: false })
    }
    await journal.write({ t: 'stats', mirrors: [], requests: 50 }, true)
    const lines = await readJournal(file)
    expect(lines.filter(l => l.t === 'truncated')).toHaveLength(1)
    expect(lines.at(-1)).toMatchObject({ t: 'stats', requests: 50 })
    expect((await readFile(file, 'utf8')).length).toBeLessThan(600)
  })
})

describe('readJournal', () => {
  it('skips a line a kill cut off and lines that are not journal lines', async () => {
    const file = path.join(root, 'torn.jsonl')
    await writeFile(file, '')
    await new Journal(file, 10_000).write({ t: 'stopped', reason: 'idle', at: '2026-01-01T00:00:00Z' })
    await appendFile(file, '{"t":"file","name":"m@v1.0.0 .zip","outc\n[1,2]\n"text"\n')
    expect(await readJournal(file)).toEqual([{ t: 'stopped', reason: 'idle', at: '2026-01-01T00:00:00Z' }])
  })

  it('reads a journal that is not there as empty', async () => {
    expect(await readJournal(path.join(root, 'missing.jsonl'))).toEqual([])
  })
})

describe('journalFile', () => {
  it('keeps a file short: counts, whether it was retried or hedged, and what went wrong, in order', () => {
    const record: FileRecord = {
      name: 'example.test/m@v1.0.0 .zip',
      module: 'example.test/m',
      version: 'v1.0.0',
      file: 'zip',
      requestedBy: 'go',
      servedToGo: true,
      outcome: 'ok',
      servedBy: 'https://b.example',
      tries: [
        {
          mirror: 'https://a.example',
          hedge: false,
          startMs: 0,
          durationMs: 5,
          bytes: 0,
          outcome: 'failed',
          detail: '503 Service Unavailable'
        },
        { mirror: 'https://a.example', hedge: false, startMs: 9, durationMs: 5, bytes: 0, outcome: 'lost' },
        { mirror: 'https://b.example', hedge: true, startMs: 12, durationMs: 5, bytes: 10, outcome: 'ok' }
      ]
    }
    expect(journalFile(record)).toEqual({
      name: 'example.test/m@v1.0.0 .zip',
      module: 'example.test/m',
      version: 'v1.0.0',
      outcome: 'ok',
      servedBy: 'https://b.example',
      tries: 3,
      retried: true,
      hedged: true,
      trouble: ['https://a.example: 503 Service Unavailable'],
      failure: undefined
    })
  })
})
