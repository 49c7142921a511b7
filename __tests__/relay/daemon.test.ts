import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp } from 'node:fs/promises'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { newControlSecret } from '../../src/relay/control.js'
import {
  daemonEnvironment,
  daemonSpawnOptions,
  isAlive,
  nearHeapLimit,
  stillRunning,
  stopDaemon,
  watchedProcess
} from '../../src/relay/daemon.js'
import { removeTree } from '../../testkit/action.js'
import { listenLoopback } from '../../testkit/loopback.js'

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
  })
})

/** A process that only waits: what a reused pid would belong to. */
function bystander(): ChildProcess {
  return spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' })
}

describe('stopDaemon', () => {
  it.each([
    ['answers 200 to any POST', () => ({ status: 200, body: 'ok\n' })],
    [
      'answers with the pid and a proof it made up',
      (pid: number) => ({ status: 200, body: JSON.stringify({ pid, proof: 'ab'.repeat(32) }) })
    ]
  ])('signals nothing when what holds the port %s', async (_name, answer) => {
    const child = bystander()
    const pid = child.pid as number
    const posts: string[] = []
    const server = createServer((req, res) => {
      posts.push(`${req.method} ${req.url}`)
      const { status, body } = answer(pid)
      res.writeHead(status).end(body)
    })
    const standIn = await listenLoopback(server)
    const dir = await mkdtemp(path.join(root, 'gone-'))
    try {
      const controlSecret = newControlSecret()
      const result = await stopDaemon({ pid, port: standIn.port, controlSecret, dir }, { waitMs: 200 })
      expect(posts).toEqual([`POST /${controlSecret}/shutdown`])
      expect(result.how).toBe('unproven')
      await new Promise(resolve => setTimeout(resolve, 100))
      expect(isAlive(pid)).toBe(true)
    } finally {
      standIn.close()
      child.kill('SIGKILL')
    }
  })

  it('says gone, and signals nothing, when nothing answers and the pid is free', async () => {
    const child = bystander()
    const pid = child.pid as number
    child.kill('SIGKILL')
    await new Promise(resolve => child.once('exit', resolve))
    const dir = await mkdtemp(path.join(root, 'gone-'))
    const result = await stopDaemon({ pid, port: 1, controlSecret: newControlSecret(), dir })
    expect(result.how).toBe('gone')
  })
})

describe('the worker watch', () => {
  it('follows a live process, and sees it end', async () => {
    const child = bystander()
    const watched = watchedProcess(child.pid as number)
    expect(watched).toBeDefined()
    expect(stillRunning(watched!)).toBe(true)
    child.kill('SIGKILL')
    await new Promise(resolve => child.once('exit', resolve))
    expect(stillRunning(watched!)).toBe(false)
  })

  it('watches no pid 0 or 1, and on Linux takes a reused pid for another process', () => {
    expect(watchedProcess(0)).toBeUndefined()
    expect(watchedProcess(1)).toBeUndefined()
    if (process.platform === 'linux') {
      expect(watchedProcess(process.pid, 'linux')?.startedAt).toMatch(/^\d+$/)
      expect(stillRunning({ pid: process.pid, startedAt: '1' }, 'linux')).toBe(false)
    }
    expect(stillRunning({ pid: process.pid }, 'darwin')).toBe(true)
  })

  it('stops before the heap is exhausted', () => {
    expect(nearHeapLimit({ used_heap_size: 60, heap_size_limit: 64 })).toBe(true)
    expect(nearHeapLimit({ used_heap_size: 30, heap_size_limit: 64 })).toBe(false)
  })
})
