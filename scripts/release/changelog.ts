// Reads one version's section of CHANGELOG.md: the release workflow publishes it as the release's notes.
// Usage: npx tsx scripts/release/changelog.ts 0.1.0 > notes.md
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { repoRoot } from '../../testkit/action.js'

export interface ChangelogSection {
  /** The heading line as written, `## [0.1.0] - 2026-03-01`. */
  heading: string
  /** The release date of the heading, when it has one in YYYY-MM-DD form. */
  date?: string
  /** Everything under the heading up to the next version or the link definitions, trimmed. */
  body: string
}

/** The section of `version` (without a leading v), or undefined when the changelog has no heading for it. */
export function changelogSection(changelog: string, version: string): ChangelogSection | undefined {
  const lines = changelog.replace(/\r\n/g, '\n').split('\n')
  const start = lines.findIndex(line => line.startsWith(`## [${version}]`))
  if (start < 0) return undefined
  const heading = lines[start] as string
  const rest = lines.slice(start + 1)
  // The next version's heading ends the section, and so do the link definitions at the bottom.
  const end = rest.findIndex(line => /^## /.test(line) || /^\[[^\]]+\]: \S/.test(line))
  const body = (end < 0 ? rest : rest.slice(0, end)).join('\n').trim()
  const date = new RegExp(`^## \\[${escapeRegExp(version)}\\] - (\\d{4}-\\d{2}-\\d{2})\\s*$`).exec(
    heading
  )?.[1]
  return date === undefined ? { heading, body } : { heading, date, body }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function main(): void {
  const version = (process.argv[2] ?? '').replace(/^v/, '')
  if (version === '') throw new Error('usage: npx tsx scripts/release/changelog.ts <version>')
  const section = changelogSection(readFileSync(path.join(repoRoot, 'CHANGELOG.md'), 'utf8'), version)
  if (section === undefined || section.body === '') {
    throw new Error(`CHANGELOG.md has no entries under a "## [${version}]" heading`)
  }
  process.stdout.write(`${section.body}\n`)
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    main()
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error))
    process.exitCode = 1
  }
}
