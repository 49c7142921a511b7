import { afterAll, describe, expect, it } from '@jest/globals'
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { DownloadResult, GoRunner } from '../../src/go/command.js'
import { parseGoSum } from '../../src/go/gosum.js'
import { extractedDir } from '../../src/go/modcache.js'
import { UnpackAhead, unpackTargets } from '../../src/steps/unpack-ahead.js'
import { removeTree } from '../../testkit/action.js'

const roots: string[] = []
afterAll(async () => Promise.all(roots.map(r => removeTree(r))))

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'unpack-ahead-'))
  roots.push(dir)
  return dir
}

const goMod = [
  'module example.test/app',
  '',
  'go 1.22',
  '',
  'require (',
  '\texample.test/a v1.0.0',
  '\texample.test/b v1.1.0 // indirect',
  '\texample.test/replaced v1.0.0',
  '\tprivate.test/p v1.0.0',
  '\texample.test/half v1.0.0',
  '\texample.test/unpacked v1.0.0',
  ')',
  '',
  'replace example.test/replaced => ../local',
  ''
].join('\n')

const goSum = ['a v1.0.0', 'b v1.1.0', 'b v1.0.0', 'replaced v1.0.0', 'unpacked v1.0.0']
  .flatMap(m => {
    const [name, version] = m.split(' ')
    return [`example.test/${name} ${version} h1:x=`, `example.test/${name} ${version}/go.mod h1:y=`]
  })
  .concat([
    'private.test/p v1.0.0 h1:x=',
    'private.test/p v1.0.0/go.mod h1:y=',
    'example.test/half v1.0.0/go.mod h1:y='
  ])
  .join('\n')

describe('unpackTargets', () => {
  it('names the versions go.mod requires, less replaced and private paths, half-listed and unpacked modules', async () => {
    const dir = await tempDir()
    const modCache = await tempDir()
    await writeFile(path.join(dir, 'go.mod'), goMod)
    await mkdir(extractedDir(modCache, 'example.test/unpacked', 'v1.0.0'), { recursive: true })
    const targets = await unpackTargets([dir], parseGoSum(goSum), modCache, 'private.test')
    expect([...targets]).toEqual([
      ['example.test/a@v1.0.0', dir],
      ['example.test/b@v1.1.0', dir]
    ])
  })

  it('names no module go would take for a flag', async () => {
    const dir = await tempDir()
    await writeFile(
      path.join(dir, 'go.mod'),
      'module example.test/app\n\ngo 1.22\n\nrequire (\n\t-modfile=/tmp/x v1.0.0\n\texample.test/a v1.0.0\n)\n'
    )
    const lines = ['-modfile=/tmp/x v1.0.0 h1:x=', '-modfile=/tmp/x v1.0.0/go.mod h1:y=', goSum].join('\n')
    const targets = await unpackTargets([dir], parseGoSum(lines), await tempDir(), '')
    expect([...targets.keys()]).toEqual(['example.test/a@v1.0.0'])
  })

  it('names nothing in a workspace, or for a go.mod older than go 1.17 (go fetches all then)', async () => {
    const old = await tempDir()
    await writeFile(path.join(old, 'go.mod'), goMod.replace('go 1.22', 'go 1.16'))
    expect((await unpackTargets([old], parseGoSum(goSum), await tempDir(), '')).size).toBe(0)
    const workspace = await tempDir()
    await writeFile(path.join(workspace, 'go.mod'), goMod)
    await writeFile(path.join(workspace, 'go.work'), 'go 1.22\n\nuse .\n')
    expect((await unpackTargets([workspace], parseGoSum(goSum), await tempDir(), '')).size).toBe(0)
  })

  it('with several directories, asks each module of the directory whose own go.sum names it', async () => {
    const first = await tempDir()
    const second = await tempDir()
    await writeFile(path.join(first, 'go.mod'), 'module one\n\ngo 1.22\n\nrequire example.test/a v1.0.0\n')
    await writeFile(path.join(first, 'go.sum'), '')
    await writeFile(path.join(second, 'go.mod'), 'module two\n\ngo 1.22\n\nrequire example.test/a v1.0.0\n')
    await writeFile(path.join(second, 'go.sum'), goSum)
    const targets = await unpackTargets([first, second], parseGoSum(goSum), await tempDir(), '')
    expect([...targets]).toEqual([['example.test/a@v1.0.0', second]])
  })
})

/** A go that records each process's arguments and environment, and ends when the test says. */
function scriptedGo(): {
  runner: GoRunner
  runs: { modules: readonly string[]; env: NodeJS.ProcessEnv }[]
  finish(exitCode?: number): void
} {
  const runs: { modules: readonly string[]; env: NodeJS.ProcessEnv }[] = []
  const ends: ((exitCode: number) => void)[] = []
  return {
    runs,
    finish: (exitCode = 0) => ends.shift()?.(exitCode),
    runner: {
      download({ modules = [], env }) {
        runs.push({ modules, env })
        const done = new Promise<DownloadResult>(resolve =>
          ends.push(exitCode => resolve({ exitCode, stdout: '' }))
        )
        return { done, kill: () => undefined }
      }
    }
  }
}

describe('UnpackAhead', () => {
  it('starts go once a megabyte of zips is ready, with GOPROXY=off, one process at a time, and waits for it on close', async () => {
    const modules = ['example.test/a@v1.0.0', 'example.test/b@v1.0.0', 'example.test/c@v1.0.0']
    const go = scriptedGo()
    const targets = new Map([...modules, 'example.test/other@v1.0.0'].map(m => [m, '/work']))
    const unpacker = new UnpackAhead(targets, go.runner, {
      GOPROXY: 'https://proxy.test',
      GOFLAGS: '-x'
    })
    unpacker.ready('example.test/not-a-target@v1.0.0', 4 * 1024 * 1024)
    unpacker.ready(modules[0]!, 10)
    expect(go.runs).toEqual([])
    unpacker.ready(modules[1]!, 1024 * 1024)
    expect(go.runs.map(r => r.modules)).toEqual([modules.slice(0, 2)])
    expect(go.runs[0]?.env).toMatchObject({ GOPROXY: 'off', GOFLAGS: '-x' })
    // While one runs, what becomes ready waits for the next.
    unpacker.ready(modules[2]!, 4 * 1024 * 1024)
    for (let i = 0; i < 100; i++) unpacker.ready(`example.test/other@v1.0.${i}`, 10)
    expect(go.runs).toHaveLength(1)
    let closed = false
    const closing = unpacker.close().then(report => {
      closed = true
      return report
    })
    await new Promise(resolve => setTimeout(resolve, 10))
    expect(closed).toBe(false)
    go.finish()
    expect(await closing).toEqual({ modules: 2, processes: 1 })
    expect(go.runs).toHaveLength(1)
  })

  it('starts go for a hundred modules however small, and the next process takes every module ready by then', async () => {
    const go = scriptedGo()
    const modules = Array.from({ length: 250 }, (_, i) => `example.test/m${i}@v1.0.0`)
    const unpacker = new UnpackAhead(new Map(modules.map(m => [m, '/work'])), go.runner, {})
    for (const module of modules.slice(0, 99)) unpacker.ready(module, 0)
    expect(go.runs).toHaveLength(0)
    unpacker.ready(modules[99]!, 0)
    expect(go.runs.map(r => r.modules.length)).toEqual([100])
    for (const module of modules.slice(100)) unpacker.ready(module, 0)
    go.finish()
    await new Promise(resolve => setImmediate(resolve))
    expect(go.runs.map(r => r.modules.length)).toEqual([100, 150])
    go.finish()
    expect(await unpacker.close()).toEqual({ modules: 250, processes: 2 })
  })

  it('counts only the modules of go processes that succeeded: a failed one leaves them to the download', async () => {
    const go = scriptedGo()
    const modules = Array.from({ length: 200 }, (_, i) => `example.test/m${i}@v1.0.0`)
    const unpacker = new UnpackAhead(new Map(modules.map(m => [m, '/work'])), go.runner, {})
    for (const module of modules) unpacker.ready(module, 0)
    go.finish(1)
    await new Promise(resolve => setImmediate(resolve))
    go.finish(0)
    expect(await unpacker.close()).toEqual({ modules: 100, processes: 2 })
  })
})
