// Checks that a version is ready to release and publishes it: the release workflow runs it on a version
// tag; `npm run release:dry-run -- x.y.z` runs every check and prints what would be pushed and published.
//
// Checks: package.json and package-lock.json say the version; CHANGELOG.md has a dated section for it;
// the working tree is clean; the version tag, if it exists, is the checked-out commit; dist/ is exactly
// what `npm run package` builds from the sources. Then: move the major tag (v0, v1, ...; not for a
// pre-release) to the release and publish a GitHub release with the changelog section as its notes.
// Usage: npx tsx scripts/release/release.ts [--dry-run] <version>
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { repoRoot } from '../../testkit/action.js'
import { changelogSection } from './changelog.js'

export interface ReleaseOptions {
  /** `1.2.3` or `v1.2.3`; a pre-release such as `1.2.3-rc.1` moves no major tag. */
  version: string
  /** The checkout to release. */
  root: string
  /** Run every check and print the commands, but push and publish nothing. */
  dryRun: boolean
  /** Rebuilds dist/ from the sources: `npm run package`. */
  packageCommand: string[]
  log: (line: string) => void
}

export interface ReleasePlan {
  tag: string
  /** The major tag moved to the release; undefined for a pre-release. */
  majorTag?: string
  notes: string
  /** What is wrong; the release goes ahead only when this is empty. */
  problems: string[]
  /** The commands that tag, push and publish, in order. */
  commands: string[][]
}

/** Stands for the file the notes are written to when the commands run. */
const NOTES_FILE = '<notes>'
const VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?$/

/** Runs every check and, unless it is a dry run or a check failed, the commands that publish. */
export function release(opts: ReleaseOptions): ReleasePlan {
  const version = opts.version.replace(/^v/, '')
  const match = VERSION.exec(version)
  if (!match) throw new Error(`'${opts.version}' is not a version such as 1.2.3 or 1.2.3-rc.1`)
  const tag = `v${version}`
  const prerelease = match[4] !== undefined
  const majorTag = prerelease ? undefined : `v${match[1]}`
  const problems: string[] = []
  const git = (...args: string[]) => run(['git', ...args], opts.root)

  const read = (file: string): string => readFileSync(path.join(opts.root, file), 'utf8')
  const pkg = JSON.parse(read('package.json')) as { version?: string }
  if (pkg.version !== version) {
    problems.push(
      `package.json says version ${pkg.version ?? '(none)'}: run npm version ${version} --no-git-tag-version`
    )
  }
  const lock = JSON.parse(read('package-lock.json')) as {
    version?: string
    packages?: Record<string, { version?: string }>
  }
  if (lock.version !== version || (lock.packages?.[''] && lock.packages['']?.version !== version)) {
    problems.push(
      `package-lock.json does not say version ${version}: run npm version ${version} --no-git-tag-version`
    )
  }

  const section = changelogSection(read('CHANGELOG.md'), version)
  if (section === undefined) {
    problems.push(
      `CHANGELOG.md has no "## [${version}] - YYYY-MM-DD" section: move the [Unreleased] entries there`
    )
  } else if (section.date === undefined) {
    problems.push(
      `CHANGELOG.md's heading "${section.heading}" has no release date: write "## [${version}] - YYYY-MM-DD"`
    )
  }
  if (section !== undefined && section.body === '')
    problems.push(`CHANGELOG.md's [${version}] section is empty`)

  const dirty = git('status', '--porcelain', '--untracked-files=all').stdout.trimEnd()
  if (dirty !== '') problems.push(`the working tree has uncommitted changes: commit them first\n${dirty}`)

  const head = git('rev-parse', 'HEAD').stdout.trim()
  const tagged = git('rev-parse', '-q', '--verify', `refs/tags/${tag}^{commit}`)
  const tagExists = tagged.status === 0
  if (tagExists && tagged.stdout.trim() !== head) {
    problems.push(
      `${tag} already exists at ${tagged.stdout.trim().slice(0, 12)}, not at the checked-out commit`
    )
  }
  if (!tagExists && !opts.dryRun)
    problems.push(`there is no tag ${tag}: the release is made from a pushed tag`)

  opts.log(`Rebuilding dist/ with: ${opts.packageCommand.join(' ')}`)
  const built = run(opts.packageCommand, opts.root)
  if (built.status !== 0) {
    problems.push(`${opts.packageCommand.join(' ')} failed:\n${(built.stderr || built.stdout).trim()}`)
  } else {
    const stale = git('status', '--porcelain', '--untracked-files=all', '--', 'dist').stdout.trimEnd()
    if (stale !== '') {
      problems.push(`dist/ differs from a fresh bundle of the sources: commit the rebuilt dist/\n${stale}`)
    }
  }

  const notes = section?.body ?? ''
  const commands: string[][] = []
  // Pushing the tag is what starts the release workflow; it runs the rest.
  if (!tagExists) commands.push(['git', 'tag', '-a', tag, '-m', tag])
  if (opts.dryRun) commands.push(['git', 'push', 'origin', `refs/tags/${tag}`])
  if (majorTag !== undefined) {
    commands.push(
      ['git', 'tag', '-f', '-a', majorTag, '-m', `${majorTag} (${tag})`, `${tag}^{commit}`],
      ['git', 'push', '--force', 'origin', `refs/tags/${majorTag}`]
    )
  }
  commands.push([
    'gh',
    'release',
    'create',
    tag,
    '--verify-tag',
    '--title',
    tag,
    '--notes-file',
    NOTES_FILE,
    ...(prerelease ? ['--prerelease'] : [])
  ])
  const plan = { tag, majorTag, notes, problems, commands }
  if (problems.length > 0 || opts.dryRun) return plan

  const notesDir = mkdtempSync(path.join(tmpdir(), 'release-notes-'))
  try {
    const notesFile = path.join(notesDir, `${tag}.md`)
    writeFileSync(notesFile, `${notes}\n`)
    for (const command of commands) {
      opts.log(`$ ${command.join(' ')}`)
      const result = run(
        command.map(arg => (arg === NOTES_FILE ? notesFile : arg)),
        opts.root
      )
      if (result.status !== 0) {
        throw new Error(`${command.join(' ')} failed:\n${(result.stderr || result.stdout).trim()}`)
      }
    }
  } finally {
    rmSync(notesDir, { recursive: true, force: true })
  }
  return plan
}

function run(command: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const [file, ...args] = command as [string, ...string[]]
  const result = spawnSync(file, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  if (result.error) return { status: null, stdout: '', stderr: result.error.message }
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

function main(): void {
  const args = process.argv.slice(2)
  const dryRun = args.includes('--dry-run')
  const version = args.find(a => !a.startsWith('--'))
  if (version === undefined)
    throw new Error('usage: npx tsx scripts/release/release.ts [--dry-run] <version>')
  const plan = release({
    version,
    root: repoRoot,
    dryRun,
    packageCommand: [process.execPath, 'scripts/build/package.mjs'],
    log: line => console.log(line)
  })
  if (plan.problems.length > 0) {
    console.error(`${plan.tag} is not ready to release:`)
    for (const problem of plan.problems) console.error(`- ${problem}`)
    process.exitCode = 1
    return
  }
  if (!dryRun) {
    console.log(`Released ${plan.tag}${plan.majorTag ? `; ${plan.majorTag} points at it` : ''}.`)
    return
  }
  console.log(`\n${plan.tag} is ready to release. Its notes, from CHANGELOG.md:\n\n${plan.notes}\n`)
  console.log(
    'A release runs these commands; pushing the tag starts the release workflow, which runs the rest:'
  )
  for (const command of plan.commands) console.log(`  ${command.join(' ')}`)
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    main()
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error))
    process.exitCode = 1
  }
}
