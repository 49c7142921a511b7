import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { firstLine, type GoCommand } from './command.js'
import { parseGoSum, type ModuleSums } from './gosum.js'
import { readText } from './modcache.js'
import { snapshotUserFiles } from './user-files.js'
import { requiredModules, workspaceModules } from './workspace.js'

/** A hash go needs to load the packages of a working directory that none of its go.sum files records. */
export interface MissingSum {
  /** Empty when go named only the package and no module of the build list could be matched to it. */
  module: string
  version: string
  /** The line go.sum lacks: the module's own hash (`zip`), or its go.mod file's. */
  line: 'zip' | 'go.mod'
  /** The package whose loading needed it, when go named one. */
  package?: string
  /** What go said about it (for a workspace, the line it would have added to go.work.sum). */
  message: string
}

/**
 * What go build does when a line is missing: `stops` (-mod=readonly, go's default outside a workspace)
 * or `adds` it (the job's GOFLAGS=-mod=mod, or a go.work workspace, whose go.work.sum go extends itself).
 */
export type MissingLineHandling = 'stops' | 'adds'

export interface GoSumCheck {
  handling: MissingLineHandling
  /** The go.work file, when go works in a workspace there. */
  workFile?: string
  missing: MissingSum[]
  /** Why go list was not run: the directory builds from vendor/, which needs no go.sum line. */
  skipped?: string
  /** Why go list was not needed to know that nothing is missing. */
  complete?: string
  /** go list ended without an answer the check can read: what it said. Nothing is reported missing then. */
  inconclusive?: string
  durationMs: number
}

export interface GoSumCheckOptions {
  /** The working directory, absolute. */
  dir: string
  /** The download's environment (GOPRIVATE, GONOSUMDB, GOSUMDB, GOWORK, GOOS... as it ran with them). */
  env: NodeJS.ProcessEnv
  /** GOFLAGS as the job's go reads it (`go env GOFLAGS`). */
  goflags: string
  modCache: string
  timeoutMs?: number
  /**
   * go.sum came out of the download as it went in: go found no line missing that the module graph needed.
   * With that, a go.mod at go 1.17 or later whose every requirement has both its lines needs no go list.
   */
  unchangedByDownload?: boolean
}

/**
 * Whether go.sum has both lines of every module a go.mod requires. Since go 1.17, go.mod lists every
 * module that provides a package to the main module's packages and tests, so then go build finds every
 * line it needs. False (go list must decide) for an older go line, a replace, or a workspace.
 */
export function requirementsHaveSums(dir: string): boolean {
  const goMod = readText(path.join(dir, 'go.mod'))
  const goSum = readText(path.join(dir, 'go.sum'))
  if (goMod === undefined || goSum === undefined || existsSync(path.join(dir, 'go.work'))) return false
  const go = /^go\s+(\d+)\.(\d+)/m.exec(goMod)
  if (!go || Number(go[1]) < 1 || (Number(go[1]) === 1 && Number(go[2]) < 17)) return false
  if (/^replace\b/m.test(goMod)) return false
  const sums = parseGoSum(goSum)
  return [...requiredModules(goMod)].every(id => {
    const entry = sums.get(id)
    return entry?.zip !== undefined && entry.mod !== undefined
  })
}

/**
 * Decides, as go build will, whether the go.sum files of a working directory hold every line its packages
 * and tests need: `go list -deps -test` with -mod=readonly, offline, against the module cache the download
 * filled. go.mod, go.sum, go.work.sum and vendor/ are put back as they were, whatever go list does.
 */
export async function checkGoSum(go: GoCommand, opts: GoSumCheckOptions): Promise<GoSumCheck> {
  const started = Date.now()
  const jobMod = modFlag(opts.goflags)
  const workFile = findWorkFile(opts.dir, opts.env.GOWORK)
  const root = workFile ? path.dirname(workFile) : opts.dir
  const uses = workFile
    ? workspaceModules(readFileSync(workFile, 'utf8')).map(u => path.resolve(root, u))
    : []
  const handling: MissingLineHandling = jobMod === 'mod' || workFile ? 'adds' : 'stops'
  const result = (fields: Partial<GoSumCheck>): GoSumCheck => ({
    handling,
    ...(workFile ? { workFile } : {}),
    missing: [],
    ...fields,
    durationMs: Date.now() - started
  })
  if (jobMod === 'vendor' || (jobMod === undefined && existsSync(path.join(root, 'vendor', 'modules.txt')))) {
    return result({ skipped: 'it builds from vendor/, which needs no go.sum line' })
  }
  if (!workFile && opts.unchangedByDownload && requirementsHaveSums(opts.dir)) {
    return result({ complete: 'every module go.mod requires has both its lines' })
  }

  const env = probeEnv(opts, workFile !== undefined)
  const patterns = workFile ? uses.map(dir => directoryPattern(root, dir)) : ['./...']
  const workSum = workFile ? `${workFile}.sum` : undefined
  const workSumBefore = workSum ? readText(workSum) : undefined
  const owned = [root, ...uses].map(snapshotUserFiles)
  let listed: Awaited<ReturnType<GoCommand>>
  let workSumAfter: string | undefined
  try {
    listed = await go(
      ['list', '-mod=readonly', '-e', '-deps', '-test', '-json=ImportPath,Error', ...patterns],
      {
        cwd: root,
        env,
        timeoutMs: opts.timeoutMs
      }
    )
    workSumAfter = workSum ? readText(workSum) : undefined
  } finally {
    for (const files of owned) files.restoreIfChanged()
  }

  const errors = [...packageErrors(listed.stdout), ...(listed.code === 0 ? [] : [listed.stderr])]
  const found = errors.flatMap(missingSumsIn)
  if (workSum) found.push(...addedLines(workSumBefore ?? '', workSumAfter ?? ''))
  if (found.length === 0 && listed.code !== 0 && listed.stdout.trim() === '') {
    return result({ inconclusive: firstLine(listed.stderr.replace(/^go: /gm, '')) || `exit ${listed.code}` })
  }
  const sums = parseGoSum(
    workFile
      ? [workSumBefore ?? '', ...uses.map(dir => readText(path.join(dir, 'go.sum')) ?? '')].join('\n')
      : (readText(path.join(opts.dir, 'go.sum')) ?? '')
  )
  const missing = await namedModules(found, sums, providers(go, root, env, opts.timeoutMs))
  return result({ missing: distinctMissing(missing) })
}

/** The -mod value the GOFLAGS set, the last one winning as in go; undefined when none is set. */
export function modFlag(goflags: string): string | undefined {
  let mod: string | undefined
  for (const flag of goflags.split(/\s+/)) {
    const match = /^--?mod=(.*)$/.exec(flag)
    if (match) mod = match[1]
  }
  return mod
}

/** GOFLAGS for the probe: the job's, with -mod=readonly in place of any -mod. */
export function readonlyGoflags(goflags: string): string {
  const kept = goflags.split(/\s+/).filter(flag => flag !== '' && !/^--?mod=/.test(flag))
  return [...kept, '-mod=readonly'].join(' ')
}

/**
 * The download's environment with every variable that decides where go may look set explicitly: nothing
 * leaves the machine (GOPROXY=off, and GONOPROXY=none so that no private path goes direct either).
 */
function probeEnv(opts: GoSumCheckOptions, workspace: boolean): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...opts.env,
    GOPROXY: 'off',
    GONOPROXY: 'none',
    GOFLAGS: readonlyGoflags(opts.goflags),
    GOMODCACHE: opts.modCache,
    GOPRIVATE: opts.env.GOPRIVATE ?? '',
    GONOSUMDB: opts.env.GONOSUMDB ?? '',
    GOINSECURE: opts.env.GOINSECURE ?? '',
    GOSUMDB: opts.env.GOSUMDB ?? '',
    GOWORK: opts.env.GOWORK ?? ''
  }
  // In a workspace go looks up a missing hash in the checksum database, even with GOPROXY=off: the probe
  // only reads which lines go would add to go.work.sum, and puts the file back, so it asks no one.
  if (workspace) env.GOSUMDB = 'off'
  return env
}

/** The go.work go uses for a directory: GOWORK's file, else the first go.work up from the directory. */
export function findWorkFile(dir: string, gowork: string | undefined): string | undefined {
  const setting = (gowork ?? '').trim()
  if (setting === 'off') return undefined
  if (setting !== '' && setting !== 'auto')
    return existsSync(setting) ? path.resolve(dir, setting) : undefined
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const candidate = path.join(current, 'go.work')
    if (existsSync(candidate)) return candidate
    if (path.dirname(current) === current) return undefined
  }
}

/** `./<dir>/...` relative to the workspace root: `./...` matches nothing in a root that is no module. */
function directoryPattern(root: string, dir: string): string {
  const relative = path.relative(root, dir).split(path.sep).join('/')
  return relative === '' ? './...' : relative.startsWith('..') ? `${relative}/...` : `./${relative}/...`
}

/** The `Err` of each package go list -json printed with an error. */
export function packageErrors(stdout: string): string[] {
  const errors: string[] = []
  // go prints each package as an indented object: a line holding only `}` closes one.
  for (const chunk of stdout.split(/^\}\r?$/m)) {
    const text = chunk.trim()
    if (!text.startsWith('{')) continue
    try {
      const pkg = JSON.parse(`${text}}`) as { Error?: { Err?: unknown } }
      if (typeof pkg.Error?.Err === 'string') errors.push(pkg.Error.Err)
    } catch {
      // A torn object says nothing reliable.
    }
  }
  return errors
}

/** A finding before the module that provides its package is known. */
type Finding = Omit<MissingSum, 'module' | 'version'> & Partial<Pick<MissingSum, 'module' | 'version'>>

/**
 * The missing go.sum entries one go message reports, in cmd/go's wordings: `m@v: missing go.sum entry for
 * go.mod file`, `missing go.sum entry for module providing package p`, `missing go.sum entry needed to
 * verify package p ... is provided by exactly one module`, and `m@v: missing go.sum entry`.
 */
export function missingSumsIn(message: string): Finding[] {
  const found: Finding[] = []
  const text = message.replace(/\r/g, '')
  for (const match of text.matchAll(
    /(?<![^\s])([^\s@]+)@([^\s:@]+): missing go\.sum entry( for go\.mod file)?/g
  )) {
    found.push({
      module: match[1] as string,
      version: match[2] as string,
      line: match[3] ? 'go.mod' : 'zip',
      message: messageAround(text, match.index)
    })
  }
  const forPackage =
    /missing go\.sum entry (?:for module providing package|needed to verify package) (\S+?)(?=[\s;]|$)/g
  for (const match of text.matchAll(forPackage)) {
    found.push({ line: 'zip', package: match[1] as string, message: messageAround(text, match.index) })
  }
  return found
}

/** The message a match sits in: from the start of its line to the end of go's hint that follows it. */
function messageAround(text: string, index: number): string {
  const start = text.lastIndexOf('\n', index) + 1
  const lines = text.slice(start).split('\n')
  const kept = [(lines[0] as string).replace(/^go: /, '')]
  for (const line of lines.slice(1)) {
    if (!/^\s/.test(line)) break
    kept.push(line)
  }
  return kept.join('\n').trim()
}

/** The lines go wrote into go.work.sum during the probe: each one go build would have added. */
export function addedLines(before: string, after: string): Finding[] {
  const had = new Set(before.split('\n').map(line => line.trim()))
  const found: Finding[] = []
  for (const raw of after.split('\n')) {
    const line = raw.trim()
    const fields = line.split(/\s+/)
    if (had.has(line) || fields.length !== 3 || !fields[2]?.startsWith('h1:')) continue
    const [module, rawVersion] = fields as [string, string]
    const goMod = rawVersion.endsWith('/go.mod')
    found.push({
      module,
      version: goMod ? rawVersion.slice(0, -'/go.mod'.length) : rawVersion,
      line: goMod ? 'go.mod' : 'zip',
      message: `go.work.sum lacks the line go adds for it: ${line}`
    })
  }
  return found
}

/** What go list -m says of module paths: the version selected and its replacement, for those in the build list. */
export interface Provider {
  path: string
  version: string
  replace?: { path: string; version?: string }
}

type Providers = (paths: string[]) => Promise<Provider[]>

function providers(go: GoCommand, cwd: string, env: NodeJS.ProcessEnv, timeoutMs?: number): Providers {
  return async paths => {
    const listed = await go(['list', '-m', '-e', '-json', ...paths], { cwd, env, timeoutMs })
    const found: Provider[] = []
    for (const chunk of listed.stdout.split(/^\}\r?$/m)) {
      const text = chunk.trim()
      if (!text.startsWith('{')) continue
      try {
        const m = JSON.parse(`${text}}`) as {
          Path?: string
          Version?: string
          Error?: unknown
          Replace?: { Path?: string; Version?: string }
        }
        if (!m.Path || !m.Version || m.Error) continue
        found.push({
          path: m.Path,
          version: m.Version,
          ...(m.Replace?.Path ? { replace: { path: m.Replace.Path, version: m.Replace.Version } } : {})
        })
      } catch {
        // A torn object says nothing reliable.
      }
    }
    return found
  }
}

/**
 * Names the module versions go.sum lacks for findings that name only a package: of the modules of the
 * build list whose path is a prefix of the package's (go asks each of them), those whose zip line is
 * missing. A module replaced by a directory needs no line.
 */
export async function namedModules(
  found: readonly Finding[],
  sums: ReadonlyMap<string, ModuleSums>,
  lookUp: Providers
): Promise<MissingSum[]> {
  const packages = [...new Set(found.filter(f => f.module === undefined).map(f => f.package ?? ''))]
  const prefixes = [...new Set(packages.flatMap(modulePrefixes))]
  const selected = prefixes.length === 0 ? [] : await lookUp(prefixes).catch(() => [])
  const missing: MissingSum[] = []
  for (const finding of found) {
    if (finding.module !== undefined) {
      missing.push({ ...finding, module: finding.module, version: finding.version ?? '' })
      continue
    }
    const lacking = selected
      .filter(p => modulePrefixes(finding.package ?? '').includes(p.path))
      .flatMap(p => {
        if (p.replace && !p.replace.version) return []
        const fetched = p.replace?.version ? { path: p.replace.path, version: p.replace.version } : p
        return sums.get(`${fetched.path}@${fetched.version}`)?.zip ? [] : [fetched]
      })
    if (lacking.length === 0) missing.push({ ...finding, module: '', version: '' })
    for (const m of lacking) missing.push({ ...finding, module: m.path, version: m.version })
  }
  return missing
}

/** The paths a package could be provided from: the package's own and each parent's. */
function modulePrefixes(pkg: string): string[] {
  const parts = pkg.split('/')
  return parts.map((_, i) => parts.slice(0, parts.length - i).join('/')).filter(p => p !== '')
}

/** Each module version and line once, with the first message go gave for it. */
function distinctMissing(missing: MissingSum[]): MissingSum[] {
  const seen = new Set<string>()
  return missing.filter(m => {
    const key = m.module === '' ? `package ${m.package}` : `${m.module}@${m.version} ${m.line}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
