import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { removeTree, runGo, runMainOnConsumer, type ConsumerRun } from '../../testkit/action.js'
import { generateModuleSet, type GeneratedModule, type ModuleSet } from '../../testkit/modset.js'
import { startProxy, type Proxy } from '../../testkit/proxy.js'
import type { RunReport } from '../../src/report/types.js'

// A go.sum that lacks a line go build needs fails here, not one step later; one that lacks only lines
// nothing builds from stays green.
let set: ModuleSet
let mirror: Proxy
const roots: string[] = []

beforeAll(async () => {
  set = generateModuleSet({ count: 12, seed: 11 })
  mirror = await startProxy({ files: set.files })
})

afterAll(async () => {
  await mirror.close()
  await Promise.all(roots.map(r => removeTree(r)))
})

type Run = ConsumerRun<RunReport>

/** The consumer's go.sum without the zip lines (`path version h1:`) of these modules; their go.mod lines stay. */
function withoutZipLines(modules: GeneratedModule[]): string {
  const dropped = new Set(modules.map(m => `${m.path} ${m.version}`))
  return set.consumer.goSum
    .split('\n')
    .filter(line => !dropped.has(line.split(' ').slice(0, 2).join(' ')) || line.includes('/go.mod '))
    .join('\n')
}

function runAction(goSum: string, env: Record<string, string> = {}): Promise<Run> {
  return runMainOnConsumer({
    writeConsumer: async dir => {
      await set.writeConsumer(dir)
      await writeFile(path.join(dir, 'go.sum'), goSum)
    },
    inputs: { proxies: mirror.url },
    env,
    roots
  })
}

/** A later step's build, offline and with go's default -mod=readonly, as a workflow would run it. */
function laterBuild(run: Run): ReturnType<typeof runGo> {
  return runGo(['build', './...'], { cwd: run.dir, env: { ...run.env, GOPROXY: 'off', GOFLAGS: '' } })
}

/** The log as the runner reads it: command data unescaped. */
function runnerLines(stdout: string): string[] {
  return stdout.split(/\r?\n/).map(line => line.replace(/%0A/g, '\n').replace(/%25/g, '%'))
}

/** The 1-based line of go.sum that holds the go.mod hash of a module. */
function goModLine(goSum: string, module: GeneratedModule): number {
  return goSum.split('\n').findIndex(l => l.startsWith(`${module.path} ${module.version}/go.mod `)) + 1
}

describe('a go.sum that lacks a line go build needs', () => {
  it('fails the step naming the module, and leaves go.sum byte for byte as it was', async () => {
    const imported = set.modules.find(m => m.direct) as GeneratedModule
    const untidy = withoutZipLines([imported])
    const run = await runAction(untidy)

    expect(run.step.exitCode).toBe(1)
    expect(run.step.outputs.outcome).toBe('failure')
    expect(JSON.parse(run.step.outputs['failed-modules'] ?? '[]')).toEqual([
      expect.objectContaining({ module: imported.path, version: imported.version, class: 'invalid-version' })
    ])
    const lines = runnerLines(run.step.stdout)
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^::error title=[^,]*,file=go\\.sum,line=${goModLine(untidy, imported)}::.*${imported.path} ${imported.version}`
        )
      )
    )
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^::error::.*${imported.path}@${imported.version}`))
    )
    expect(run.step.summary).toContain('<code>go mod tidy</code>')
    expect(await readFile(path.join(run.dir, 'go.sum'), 'utf8')).toBe(untidy)
    expect(await readFile(path.join(run.dir, 'go.mod'), 'utf8')).toBe(set.consumer.goMod)
    // What the step said is what the next step would have met.
    const build = await laterBuild(run)
    expect(build.code).not.toBe(0)
    expect(build.stderr).toContain(`missing go.sum entry for module providing package ${imported.path}`)
  })

  it('is a warning, not a failure, where the job has chosen GOFLAGS=-mod=mod', async () => {
    const imported = set.modules.find(m => m.direct) as GeneratedModule
    const untidy = withoutZipLines([imported])
    const run = await runAction(untidy, { GOFLAGS: '-mod=mod' })

    expect(run.step.exitCode).toBe(0)
    expect(run.step.outputs.outcome).toBe('success')
    expect(run.step.outputs['failed-modules']).toBe('[]')
    expect(runnerLines(run.step.stdout)).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^::warning title=[^,]*,file=go\\.sum,line=${goModLine(untidy, imported)}::.*${imported.path} ${imported.version}`
        )
      )
    )
    // The job's go adds the line itself later: with GOSUMDB=off (the test's), nothing vouched for the module.
    expect(run.step.summary).toMatch(/verified by nothing[^<]*<code>GOSUMDB=off<\/code>/)
    expect(await readFile(path.join(run.dir, 'go.sum'), 'utf8')).toBe(untidy)
  })
})

describe('a go.sum without the zip line of a module go.mod requires but no package imports', () => {
  it('stays green, after checking every package the build needs', async () => {
    const requiredOnly = set.modules.filter(m => !m.direct)
    expect(requiredOnly.length).toBeGreaterThan(0)
    const tidy = withoutZipLines(requiredOnly)
    const run = await runAction(tidy)

    expect(run.step.exitCode).toBe(0)
    expect(run.step.outputs.outcome).toBe('success')
    expect(run.step.outputs['failed-modules']).toBe('[]')
    expect(run.report.goSum?.dirs).toEqual([expect.objectContaining({ workdir: '.', missing: [] })])
    expect(run.step.stdout).toMatch(/^go\.sum: \. has a line for every module its packages and tests need/m)
    expect(await readFile(path.join(run.dir, 'go.sum'), 'utf8')).toBe(tidy)
    expect((await laterBuild(run)).code).toBe(0)
  })
})
