import { afterEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { changelogSection } from '../../../scripts/release/changelog.js'
import { release } from '../../../scripts/release/release.js'

const CHANGELOG = `# Changelog

Intro text.

## [Unreleased]

### Added

- Something not released yet.

## [1.2.0] - 2026-02-03

### Added

- A feature.

### Fixed

- A bug.

## [1.1.0] - 2026-01-02

- The first one.

[Unreleased]: https://example.test/compare/v1.2.0...HEAD
[1.2.0]: https://example.test/releases/tag/v1.2.0
[1.1.0]: https://example.test/releases/tag/v1.1.0
`

describe('changelogSection', () => {
  it('returns the body of a version up to the next version, with its date', () => {
    expect(changelogSection(CHANGELOG, '1.2.0')).toEqual({
      heading: '## [1.2.0] - 2026-02-03',
      date: '2026-02-03',
      body: '### Added\n\n- A feature.\n\n### Fixed\n\n- A bug.'
    })
  })

  it('stops the last section at the link definitions', () => {
    expect(changelogSection(CHANGELOG, '1.1.0')?.body).toBe('- The first one.')
  })

  it('has no date for a heading without one, and nothing for a version not listed', () => {
    expect(changelogSection(CHANGELOG, 'Unreleased')).toEqual({
      heading: '## [Unreleased]',
      body: '### Added\n\n- Something not released yet.'
    })
    expect(changelogSection(CHANGELOG, '1.2')).toBeUndefined()
    expect(changelogSection(CHANGELOG, '9.9.9')).toBeUndefined()
  })

  it('reads a file with CRLF line ends', () => {
    expect(changelogSection(CHANGELOG.replace(/\n/g, '\r\n'), '1.1.0')?.body).toBe('- The first one.')
  })

  it('finds the section of the version in package.json in the real changelog', () => {
    const root = fileURLToPath(new URL('../../..', import.meta.url))
    const version = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string })
      .version
    const section = changelogSection(readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8'), version)
    expect(section?.body).toContain('### Added\n')
  })
})

describe('release', () => {
  const roots: string[] = []
  afterEach(() => {
    for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true })
  })

  /** A repository with a version, a changelog, sources and the dist/ "bundled" from them, committed. */
  function repository(version = '1.2.0', changelog = CHANGELOG): string {
    const root = mkdtempSync(path.join(tmpdir(), 'release-test-'))
    roots.push(root)
    writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'x', version }))
    writeFileSync(
      path.join(root, 'package-lock.json'),
      JSON.stringify({ name: 'x', version, packages: { '': { name: 'x', version } } })
    )
    writeFileSync(path.join(root, 'CHANGELOG.md'), changelog)
    writeFileSync(path.join(root, 'source.txt'), 'sources v1\n')
    mkdirSync(path.join(root, 'dist'))
    writeFileSync(path.join(root, 'dist', 'bundle.txt'), 'sources v1\n')
    git(root, 'init', '-q', '-b', 'main')
    commitAll(root, 'first')
    return root
  }

  function git(root: string, ...args: string[]): string {
    return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.test', ...args], {
      cwd: root,
      encoding: 'utf8'
    })
  }

  function commitAll(root: string, message: string): void {
    git(root, 'add', '-A')
    git(root, 'commit', '-q', '-m', message)
  }

  /** The "bundler" of the test repository: dist/bundle.txt is a copy of source.txt. */
  const packageCommand = [
    process.execPath,
    '-e',
    "require('fs').copyFileSync('source.txt', require('path').join('dist', 'bundle.txt'))"
  ]

  function dryRun(root: string, version = '1.2.0') {
    const log: string[] = []
    const plan = release({ version, root, dryRun: true, packageCommand, log: line => log.push(line) })
    return { plan, log }
  }

  it('passes a ready version and plans the tag, the major tag and the release, touching nothing', () => {
    const root = repository()
    const { plan } = dryRun(root, 'v1.2.0')
    expect(plan.problems).toEqual([])
    expect(plan.tag).toBe('v1.2.0')
    expect(plan.majorTag).toBe('v1')
    expect(plan.notes).toBe('### Added\n\n- A feature.\n\n### Fixed\n\n- A bug.')
    expect(plan.commands).toEqual([
      ['git', 'tag', '-a', 'v1.2.0', '-m', 'v1.2.0'],
      ['git', 'push', 'origin', 'refs/tags/v1.2.0'],
      ['git', 'tag', '-f', '-a', 'v1', '-m', 'v1 (v1.2.0)', 'v1.2.0^{commit}'],
      ['git', 'push', '--force', 'origin', 'refs/tags/v1'],
      ['gh', 'release', 'create', 'v1.2.0', '--verify-tag', '--title', 'v1.2.0', '--notes-file', '<notes>']
    ])
    expect(git(root, 'tag')).toBe('')
    expect(git(root, 'status', '--porcelain')).toBe('')
  })

  it('fails when dist/ is not what the sources bundle to', () => {
    const root = repository()
    writeFileSync(path.join(root, 'source.txt'), 'sources v2\n')
    commitAll(root, 'sources changed, dist not rebuilt')
    const { plan } = dryRun(root)
    expect(plan.problems).toEqual([
      expect.stringMatching(/^dist\/ differs from a fresh bundle.*\n M dist\/bundle.txt$/)
    ])
  })

  it('fails when the bundler fails', () => {
    const root = repository()
    const plan = release({
      version: '1.2.0',
      root,
      dryRun: true,
      packageCommand: [process.execPath, '-e', "console.error('ncc broke'); process.exit(2)"],
      log: () => undefined
    })
    expect(plan.problems).toEqual([expect.stringContaining('ncc broke')])
  })

  it('fails when package.json or the lock file say another version', () => {
    const root = repository('1.1.0')
    const { plan } = dryRun(root)
    expect(plan.problems).toEqual([
      'package.json says version 1.1.0: run npm version 1.2.0 --no-git-tag-version',
      'package-lock.json does not say version 1.2.0: run npm version 1.2.0 --no-git-tag-version'
    ])
  })

  it('fails when the changelog has no section for the version, or one without a date', () => {
    const missing = dryRun(repository('1.3.0'), '1.3.0').plan
    expect(missing.problems).toEqual([
      expect.stringContaining('CHANGELOG.md has no "## [1.3.0] - YYYY-MM-DD" section')
    ])
    const undated = CHANGELOG.replace('## [1.2.0] - 2026-02-03', '## [1.2.0] - not released yet')
    const plan = dryRun(repository('1.2.0', undated)).plan
    expect(plan.problems).toEqual([
      'CHANGELOG.md\'s heading "## [1.2.0] - not released yet" has no release date: write "## [1.2.0] - YYYY-MM-DD"'
    ])
  })

  it('fails on uncommitted changes', () => {
    const root = repository()
    writeFileSync(path.join(root, 'notes.txt'), 'draft\n')
    expect(dryRun(root).plan.problems).toEqual([
      expect.stringMatching(/^the working tree has uncommitted changes.*\n\?\? notes.txt$/s)
    ])
  })

  it('accepts its tag on the checked-out commit and refuses one elsewhere', () => {
    const root = repository()
    git(root, 'tag', '-a', 'v1.2.0', '-m', 'v1.2.0')
    const onHead = dryRun(root).plan
    expect(onHead.problems).toEqual([])
    expect(onHead.commands[0]).toEqual(['git', 'push', 'origin', 'refs/tags/v1.2.0'])

    writeFileSync(path.join(root, 'source.txt'), 'later\n')
    writeFileSync(path.join(root, 'dist', 'bundle.txt'), 'later\n')
    commitAll(root, 'later')
    expect(dryRun(root).plan.problems).toEqual([
      expect.stringMatching(/^v1.2.0 already exists at [0-9a-f]{12}, not at the checked-out commit$/)
    ])
  })

  it('makes a release only from an existing tag', () => {
    const root = repository()
    const plan = release({ version: '1.2.0', root, dryRun: false, packageCommand, log: () => undefined })
    expect(plan.problems).toEqual(['there is no tag v1.2.0: the release is made from a pushed tag'])
    expect(git(root, 'tag')).toBe('')
  })

  it('moves no major tag for a pre-release and marks the release as one', () => {
    const changelog = CHANGELOG.replace('## [1.2.0] - 2026-02-03', '## [2.0.0-rc.1] - 2026-02-03')
    const { plan } = dryRun(repository('2.0.0-rc.1', changelog), '2.0.0-rc.1')
    expect(plan.problems).toEqual([])
    expect(plan.majorTag).toBeUndefined()
    expect(plan.commands.map(c => c.slice(0, 3))).toEqual([
      ['git', 'tag', '-a'],
      ['git', 'push', 'origin'],
      ['gh', 'release', 'create']
    ])
    expect(plan.commands.at(-1)?.at(-1)).toBe('--prerelease')
  })

  it('refuses what is not a version', () => {
    const root = repository()
    expect(() => dryRun(root, '1.2')).toThrow("'1.2' is not a version such as 1.2.3 or 1.2.3-rc.1")
    expect(() => dryRun(root, 'v01.2.3')).toThrow('is not a version')
  })
})
