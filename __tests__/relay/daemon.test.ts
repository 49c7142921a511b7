import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import {
  Journal,
  daemonEnvironment,
  daemonSpawnOptions,
  isOurDaemon,
  readJournal
} from '../../src/relay/daemon.js'
import { removeTree } from '../../testkit/action.js'

let root: string

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'daemon-'))
})

afterAll(() => removeTree(root))

describe('daemonEnvironment', () => {
  it('passes on what reaching mirrors needs and no input, token or runner secret', () => {
    const env = daemonEnvironment(
      {
        PATH: '/bin',
        HOME: '/home/u',
        INPUT_TOKEN: 'secret',
        GITHUB_TOKEN: 'secret',
        ACTIONS_RUNTIME_TOKEN: 'secret',
        GIT_CONFIG_VALUE_0: 'Authorization: Basic x',
        RUNNER_TRACKING_ID: 'github_1'
      },
      'linux'
    )
    expect(env).toEqual({ PATH: '/bin', HOME: '/home/u', RUNNER_TRACKING_ID: 'github_1' })
    expect(daemonEnvironment({ SystemRoot: 'C:\\Windows', USERPROFILE: 'C:\\u' }, 'win32')).toEqual({
      SystemRoot: 'C:\\Windows',
      USERPROFILE: 'C:\\u'
    })
  })

  it('spawns detached everywhere, with no console window on Windows and no step pipes', () => {
    expect(daemonSpawnOptions('linux', 7)).toEqual({
      detached: true,
      windowsHide: false,
      stdio: ['ignore', 7, 7, 'pipe']
    })
    expect(daemonSpawnOptions('win32', 7).windowsHide).toBe(true)
    expect(isOurDaemon(process.pid, 'no-such-dir', 'darwin')).toBeUndefined()
  })
})

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
