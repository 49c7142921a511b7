import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { goCommand, type CommandRunner, type GoCommand } from '../../src/go/command.js'
import { parseGoSum } from '../../src/go/gosum.js'
import {
  addedLines,
  checkGoSum,
  findWorkFile,
  missingSumsIn,
  modFlag,
  namedModules,
  packageErrors,
  readonlyGoflags,
  requirementsHaveSums,
  type Provider
} from '../../src/go/gosum-check.js'
import { goEnv, removeTree, runGo } from '../../testkit/action.js'
import { generateModuleSet, type GeneratedModule, type ModuleSet } from '../../testkit/modset.js'
import { statusServer } from '../../testkit/loopback.js'
import { startProxy } from '../../testkit/proxy.js'

// go's own words, as go 1.26 prints them (cmd/go/internal/modload).
const PROVIDING =
  'missing go.sum entry for module providing package example.test/lib/m001 (imported by example.test/consumer); to add:\n\tgo get example.test/consumer'
const VERIFY =
  'missing go.sum entry needed to verify package example.test/a/b (imported by example.test/consumer) is provided by exactly one module; to add:\n\tgo get example.test/consumer'
const GO_MOD_FILE =
  'go: example.test/lib/m003@v1.4.4: missing go.sum entry for go.mod file; to add it:\n\tgo mod download example.test/lib/m003\n'
const REQUIRES_CHAIN =
  'go: example.test/lib/m000@v1.0.1 requires\n\texample.test/lib/m003@v1.4.4: missing go.sum entry for go.mod file; to add it:\n\tgo mod download example.test/lib/m003\n'

describe('missingSumsIn', () => {
  it('reads the package form, which names no module', () => {
    expect(missingSumsIn(PROVIDING)).toEqual([
      { line: 'zip', package: 'example.test/lib/m001', message: PROVIDING }
    ])
    expect(missingSumsIn(VERIFY)).toEqual([{ line: 'zip', package: 'example.test/a/b', message: VERIFY }])
  })

  it('reads the go.mod file form, on its own line or at the end of a requires chain', () => {
    const expected = {
      module: 'example.test/lib/m003',
      version: 'v1.4.4',
      line: 'go.mod',
      message: expect.stringMatching(
        /^example\.test\/lib\/m003@v1\.4\.4: missing go\.sum entry for go\.mod file/
      )
    }
    expect(missingSumsIn(GO_MOD_FILE)).toEqual([expected])
    expect(missingSumsIn(REQUIRES_CHAIN)).toEqual([expected])
  })

  it("reads a module's missing zip line, and nothing from other errors", () => {
    expect(
      missingSumsIn(
        'example.test/x@v1.0.0: missing go.sum entry; to add it:\n\tgo mod download example.test/x'
      )
    ).toEqual([expect.objectContaining({ module: 'example.test/x', version: 'v1.0.0', line: 'zip' })])
    expect(
      missingSumsIn('no required module provides package example.test/y; to add it:\n\tgo get example.test/y')
    ).toEqual([])
    expect(missingSumsIn('example.test/x@v1.0.0: module lookup disabled by GOPROXY=off')).toEqual([])
  })
})

describe('packageErrors', () => {
  it('takes the Err of every package go list -json printed, and skips torn objects', () => {
    const stdout =
      '{\n\t"ImportPath": "fmt"\n}\n' +
      `{\n\t"ImportPath": "example.test/lib/m001",\n\t"Error": {\n\t\t"ImportStack": [\n\t\t\t"example.test/consumer"\n\t\t],\n\t\t"Err": ${JSON.stringify(PROVIDING)}\n\t}\n}\n` +
      '{\n\t"ImportPath": "torn'
    expect(packageErrors(stdout)).toEqual([PROVIDING])
  })
})

describe('GOFLAGS', () => {
  it('takes the last -mod, and puts -mod=readonly in place of any', () => {
    expect(modFlag('')).toBeUndefined()
    expect(modFlag('-trimpath -mod=vendor --mod=mod')).toBe('mod')
    expect(readonlyGoflags('-trimpath -mod=mod -tags=a,b')).toBe('-trimpath -tags=a,b -mod=readonly')
    expect(readonlyGoflags('')).toBe('-mod=readonly')
  })
})

describe('addedLines', () => {
  it('names each line go added to go.work.sum', () => {
    const before = 'a.test/x v1.0.0/go.mod h1:m=\n'
    const after = `${before}a.test/x v1.0.0 h1:z=\na.test/y v2.0.0/go.mod h1:y=\n`
    expect(addedLines(before, after)).toEqual([
      expect.objectContaining({ module: 'a.test/x', version: 'v1.0.0', line: 'zip' }),
      expect.objectContaining({ module: 'a.test/y', version: 'v2.0.0', line: 'go.mod' })
    ])
  })
})

describe('namedModules', () => {
  const lookUp =
    (providers: Provider[]) =>
    async (paths: string[]): Promise<Provider[]> =>
      providers.filter(p => paths.includes(p.path))

  it('names the module of the build list that provides the package and has no zip line', async () => {
    // Both a.test/m and the nested a.test/m/sub could provide the package: only the one without a line is named.
    const sums = parseGoSum('a.test/m v1.0.0 h1:z=\n')
    const named = await namedModules(
      [{ line: 'zip', package: 'a.test/m/sub/pkg', message: 'm' }],
      sums,
      lookUp([
        { path: 'a.test/m', version: 'v1.0.0' },
        { path: 'a.test/m/sub', version: 'v0.3.0' }
      ])
    )
    expect(named).toEqual([
      { line: 'zip', package: 'a.test/m/sub/pkg', message: 'm', module: 'a.test/m/sub', version: 'v0.3.0' }
    ])
  })

  it('names the replacement go fetches, and nothing for a module replaced by a directory', async () => {
    const named = await namedModules(
      [
        { line: 'zip', package: 'a.test/forked', message: 'm' },
        { line: 'zip', package: 'a.test/local/pkg', message: 'm' }
      ],
      new Map(),
      lookUp([
        { path: 'a.test/forked', version: 'v1.0.0', replace: { path: 'b.test/fork', version: 'v1.0.1' } },
        { path: 'a.test/local', version: 'v1.0.0', replace: { path: '../local' } }
      ])
    )
    expect(named.map(m => `${m.module}@${m.version}`)).toEqual(['b.test/fork@v1.0.1', '@'])
  })
})

describe('findWorkFile', () => {
  it('follows GOWORK, else the first go.work up from the directory', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'gosum-work-'))
    try {
      await mkdir(path.join(root, 'a', 'b'), { recursive: true })
      await writeFile(path.join(root, 'go.work'), 'go 1.21\n')
      expect(findWorkFile(path.join(root, 'a', 'b'), '')).toBe(path.join(root, 'go.work'))
      expect(findWorkFile(path.join(root, 'a'), 'off')).toBeUndefined()
      expect(findWorkFile(path.join(root, 'a'), path.join(root, 'missing.work'))).toBeUndefined()
    } finally {
      await removeTree(root)
    }
  })
})

describe('requirementsHaveSums', () => {
  const goSum =
    'a.test/x v1.0.0 h1:x=\na.test/x v1.0.0/go.mod h1:xm=\nb.test/y v1.2.0 h1:y=\nb.test/y v1.2.0/go.mod h1:ym=\n'
  const goMod = (go: string, extra = '') =>
    `module c.test/app\n\ngo ${go}\n\nrequire (\n\ta.test/x v1.0.0\n\tb.test/y v1.2.0 // indirect\n)\n${extra}`

  it.each([
    ['both lines of every requirement, go 1.21', goMod('1.21'), goSum, true],
    ['a zip line missing', goMod('1.21'), goSum.replace('b.test/y v1.2.0 h1:y=\n', ''), false],
    ['a /go.mod line missing', goMod('1.21'), goSum.replace('a.test/x v1.0.0/go.mod h1:xm=\n', ''), false],
    ['a go line before 1.17, whose go.mod need not list every module', goMod('1.16'), goSum, false],
    ['a replace', goMod('1.21', 'replace a.test/x => a.test/fork v1.0.1\n'), goSum, false]
  ])('%s', async (_name, mod, sum, expected) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'gosum-requirements-'))
    try {
      await writeFile(path.join(dir, 'go.mod'), mod)
      await writeFile(path.join(dir, 'go.sum'), sum)
      expect(requirementsHaveSums(dir)).toBe(expected)
    } finally {
      await removeTree(dir)
    }
  })
})

// The real go, offline, against a module cache a download filled from a loopback mirror.
describe('checkGoSum with the real go', () => {
  let set: ModuleSet
  let root: string
  let env: Record<string, string>
  let go: GoCommand
  let imported: GeneratedModule
  let requiredOnly: GeneratedModule[]

  const run: CommandRunner = (file, args, opts) =>
    new Promise(resolve => {
      execFile(
        file,
        args,
        { cwd: opts.cwd, env: opts.env, timeout: opts.timeoutMs },
        (error, stdout, stderr) => {
          const code = (error as { code?: unknown } | null)?.code
          resolve({ code: typeof code === 'number' ? code : error ? 1 : 0, stdout, stderr })
        }
      )
    })

  beforeAll(async () => {
    set = generateModuleSet({ count: 8, seed: 11 })
    root = await mkdtemp(path.join(tmpdir(), 'gosum-check-'))
    env = goEnv(root)
    go = goCommand('go', run)
    imported = set.modules.find(m => m.direct) as GeneratedModule
    requiredOnly = set.modules.filter(m => !m.direct)
    const mirror = await startProxy({ files: set.files })
    try {
      await set.writeConsumer(path.join(root, 'seed'))
      const download = await runGo(['mod', 'download'], {
        cwd: path.join(root, 'seed'),
        env: { ...env, GOPROXY: mirror.url }
      })
      if (download.code !== 0) throw new Error(`go mod download for the seed failed: ${download.stderr}`)
    } finally {
      await mirror.close()
    }
  })

  afterAll(async () => {
    await removeTree(root)
  })

  function dropLines(goSum: string, lines: string[]): string {
    return goSum
      .split('\n')
      .filter(line => !lines.some(prefix => line.startsWith(prefix)))
      .join('\n')
  }
  const zipLine = (m: GeneratedModule): string => `${m.path} ${m.version} h1:`
  const goModLine = (m: GeneratedModule): string => `${m.path} ${m.version}/go.mod h1:`

  async function consumer(name: string, goSum: string, goMod = set.consumer.goMod): Promise<string> {
    const dir = path.join(root, name)
    await set.writeConsumer(dir)
    await writeFile(path.join(dir, 'go.sum'), goSum)
    await writeFile(path.join(dir, 'go.mod'), goMod)
    return dir
  }

  const check = (dir: string, goflags = '', extra: Record<string, string> = {}) =>
    checkGoSum(go, { dir, env: { ...env, ...extra }, goflags, modCache: env.GOMODCACHE as string })

  it('names the module whose zip line an imported package needs, and changes no file', async () => {
    const goSum = dropLines(set.consumer.goSum, [zipLine(imported)])
    const dir = await consumer('untidy', goSum)
    const result = await check(dir)
    expect(result).toMatchObject({
      handling: 'stops',
      missing: [{ module: imported.path, version: imported.version, line: 'zip', package: imported.path }]
    })
    expect(await readFile(path.join(dir, 'go.sum'), 'utf8')).toBe(goSum)
  })

  it('finds nothing missing when only modules no package is taken from lack their zip line', async () => {
    const dir = await consumer('required-only', dropLines(set.consumer.goSum, requiredOnly.map(zipLine)))
    expect((await check(dir)).missing).toEqual([])
  })

  it('names a missing go.mod line, reported as a fatal error when the graph is not pruned', async () => {
    const goSum = dropLines(set.consumer.goSum, [goModLine(requiredOnly[0] as GeneratedModule)])
    const dir = await consumer('go116', goSum, set.consumer.goMod.replace('\ngo 1.21\n', '\ngo 1.16\n'))
    expect((await check(dir)).missing).toEqual([
      expect.objectContaining({
        module: requiredOnly[0]?.path,
        version: requiredOnly[0]?.version,
        line: 'go.mod'
      })
    ])
  })

  it('says that lines are added, not missing, where the job has chosen -mod=mod', async () => {
    const dir = await consumer('mod-mod', dropLines(set.consumer.goSum, [zipLine(imported)]))
    const result = await check(dir, '-trimpath -mod=mod')
    expect(result.handling).toBe('adds')
    expect(result.missing.map(m => m.module)).toEqual([imported.path])
  })

  it('skips a directory that builds from vendor/', async () => {
    const dir = await consumer('vendored', dropLines(set.consumer.goSum, [zipLine(imported)]))
    await mkdir(path.join(dir, 'vendor'))
    await writeFile(path.join(dir, 'vendor', 'modules.txt'), '')
    expect(await check(dir)).toMatchObject({ skipped: expect.stringContaining('vendor/'), missing: [] })
    // A job that asks for -mod=readonly builds from the module cache all the same.
    const readonly = await check(dir, '-mod=readonly')
    expect(readonly.skipped).toBeUndefined()
    expect(readonly.missing.map(m => m.module)).toEqual([imported.path])
  })

  describe('in a go.work workspace', () => {
    async function workspace(name: string, goSum: string, workSum?: string): Promise<string> {
      const dir = path.join(root, name)
      await consumer(path.join(name, 'app'), goSum)
      await writeFile(path.join(dir, 'go.work'), 'go 1.21\n\nuse ./app\n')
      if (workSum !== undefined) await writeFile(path.join(dir, 'go.work.sum'), workSum)
      return dir
    }

    it('counts the lines of go.work.sum', async () => {
      const dir = await workspace(
        'ws-complete',
        dropLines(set.consumer.goSum, [zipLine(imported)]),
        set.consumer.goSum
          .split('\n')
          .filter(line => line.startsWith(zipLine(imported)))
          .join('\n') + '\n'
      )
      expect(await check(dir, '', { GOWORK: '' })).toMatchObject({ handling: 'adds', missing: [] })
    })

    it('names the lines go would add to go.work.sum, asking no checksum database, and leaves the files as they were', async () => {
      const goSum = dropLines(set.consumer.goSum, [zipLine(imported)])
      const dir = await workspace('ws-missing', goSum)
      // In a workspace go looks a missing hash up even with GOPROXY=off: the job's database is one that records.
      const database = await statusServer(404)
      let result: Awaited<ReturnType<typeof check>>
      try {
        result = await check(dir, '', { GOWORK: '', GOSUMDB: `sum.golang.org ${database.url}` })
      } finally {
        database.close()
      }
      expect(database.requests).toEqual([])
      expect(result).toMatchObject({
        handling: 'adds',
        workFile: path.join(dir, 'go.work'),
        missing: [{ module: imported.path, version: imported.version, line: 'zip' }]
      })
      expect(existsSync(path.join(dir, 'go.work.sum'))).toBe(false)
      expect(await readFile(path.join(dir, 'app', 'go.sum'), 'utf8')).toBe(goSum)
    })
  })
})
