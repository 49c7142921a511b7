import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { readBuildEnv } from '../../src/go/build-env.js'
import { execCommand } from '../../src/runner/exec.js'
import { goEnv, removeTree, runGo } from '../../testkit/action.js'

// The real go, in modules of its own, with a hermetic environment and no network.
let root: string
let env: Record<string, string>
let local: string

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'build-env-'))
  env = goEnv(root)
  local = (await runGo(['env', 'GOVERSION'], { cwd: root, env })).stdout.trim()
})

afterAll(async () => {
  await removeTree(root)
})

async function moduleWith(name: string, goMod: string): Promise<string> {
  const dir = path.join(root, name)
  await mkdir(dir, { recursive: true })
  await writeFile(path.join(dir, 'go.mod'), goMod)
  return dir
}

describe('readBuildEnv', () => {
  it('reads the Go, the cache and the settings that change outputs', async () => {
    const dir = await moduleWith('plain', 'module example.test/plain\n\ngo 1.21\n')
    const read = await readBuildEnv(execCommand, 'go', dir, {
      ...env,
      GOFLAGS: '-trimpath',
      CGO_ENABLED: '0',
      GOAMD64: 'v3',
      GOCACHEPROG: ''
    })
    expect(read.goVersion).toBe(local)
    expect(read.gocache).toBe(env.GOCACHE)
    expect(read.gocacheprog).toBe('')
    expect(read.settings).toMatchObject({ GOFLAGS: '-trimpath', CGO_ENABLED: '0', GOAMD64: 'v3' })
    expect(await readBuildEnv(execCommand, 'go', dir, { ...env, GOCACHE: 'off' })).toMatchObject({
      gocache: 'off'
    })
  })

  it('names the Go that go.mod switches to, without downloading it, and takes the settings from the local go', async () => {
    const dir = await moduleWith('newer', 'module example.test/newer\n\ngo 1.21\n\ntoolchain go1.99.2\n')
    const read = await readBuildEnv(execCommand, 'go', dir, { ...env, GOTOOLCHAIN: 'auto', GOFLAGS: '-race' })
    expect(read.goVersion).toBe('go1.99.2')
    expect(read.gocache).toBe(env.GOCACHE)
    expect(read.settings.GOFLAGS).toBe('-race')
  })

  it('says why when go env fails for another reason', async () => {
    const dir = await moduleWith('broken', 'module example.test/broken\n\ngo 1.21\n')
    await expect(readBuildEnv(execCommand, 'go', dir, { ...env, GOEXPERIMENT: 'nonsense' })).rejects.toThrow(
      /^go env failed in .*broken: go: unknown GOEXPERIMENT/
    )
  })
})
