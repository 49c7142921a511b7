import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { runReport } from '../../__fixtures__/reports.js'
import { fakeRunner } from '../../__fixtures__/runner.js'
import { goCommand } from '../../src/go/command.js'
import { execCommand } from '../../src/runner/exec.js'
import { vendorFallback } from '../../src/steps/vendor-fallback.js'
import { goEnv, removeTree } from '../../testkit/action.js'

// The real go checks each vendor/ offline: one consistent with go.mod, one that is not, one missing.
let root: string
let env: NodeJS.ProcessEnv
const go = goCommand('go', execCommand)

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'vendor-fallback-'))
  env = { ...goEnv(root), GOFLAGS: '-trimpath -mod=mod' }
})

afterAll(async () => {
  await removeTree(root)
})

async function module(
  label: string,
  vendor: 'consistent' | 'inconsistent' | 'none'
): Promise<{ label: string; dir: string }> {
  const dir = path.join(root, label)
  await mkdir(dir, { recursive: true })
  const requires = vendor === 'inconsistent' ? '\nrequire example.test/dep v1.0.0\n' : ''
  await writeFile(path.join(dir, 'go.mod'), `module example.test/${label}\n\ngo 1.21\n${requires}`)
  await writeFile(path.join(dir, `${label}.go`), `package ${label}\n`)
  if (vendor !== 'none') {
    await mkdir(path.join(dir, 'vendor'))
    await writeFile(path.join(dir, 'vendor', 'modules.txt'), '')
  }
  return { label, dir }
}

const failed = (...labels: string[]) =>
  runReport({ outcome: 'failure', workdirs: labels.map(workdir => ({ workdir, ok: false })) }).download

describe('vendorFallback', () => {
  it('has later steps build the failed directories from vendor/, with the job GOFLAGS kept, when each one can', async () => {
    const workdirs = [
      await module('one', 'consistent'),
      await module('two', 'consistent'),
      await module('done', 'none')
    ]
    const download = failed('one', 'two')
    download.workdirs.push({ workdir: 'done', ok: true })
    const runner = fakeRunner()
    const warnings: string[] = []
    expect(await vendorFallback(runner, go, workdirs, download, env, warnings)).toEqual(['one', 'two'])
    expect(runner.exported).toEqual({ GOFLAGS: '-trimpath -mod=vendor' })
    expect(runner.lines('warning')).toEqual([
      'The download failed, but one, two can build from the committed vendor/: GOFLAGS=-mod=vendor is set for later steps'
    ])
    expect(warnings).toEqual([])
  })

  it('falls back to nothing when one failed directory has no vendor/, and says nothing of it', async () => {
    const workdirs = [await module('vendored', 'consistent'), await module('plain', 'none')]
    const runner = fakeRunner()
    const warnings: string[] = []
    expect(
      await vendorFallback(runner, go, workdirs, failed('vendored', 'plain'), env, warnings)
    ).toBeUndefined()
    expect(runner.exported).toEqual({})
    expect(runner.lines('warning')).toEqual([])
  })

  it('says why a vendor/ that does not match go.mod was not used, in the log and the report', async () => {
    const workdirs = [await module('stale', 'inconsistent')]
    const runner = fakeRunner()
    const warnings: string[] = []
    expect(await vendorFallback(runner, go, workdirs, failed('stale'), env, warnings)).toBeUndefined()
    const warning =
      'stale: vendor/ was not used: vendor/ is inconsistent with go.mod (run go mod vendor and commit the result)'
    expect(runner.lines('warning')).toEqual([warning])
    expect(warnings).toEqual([warning])
    expect(runner.exported).toEqual({})
  })

  it('changes nothing when no directory failed: the failure was not the download', async () => {
    const workdirs = [await module('fine', 'consistent')]
    const download = runReport({ outcome: 'failure', workdirs: [{ workdir: 'fine', ok: true }] }).download
    const runner = fakeRunner()
    expect(await vendorFallback(runner, go, workdirs, download, env, [])).toBeUndefined()
    expect(runner.exported).toEqual({})
    expect(runner.log).toEqual([])
  })
})
