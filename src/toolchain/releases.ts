/** Go's releases as the download site's index lists them: version names, their order, and the choice a version spec makes. */
import { goArch, goOs } from '../go/platform.js'

/** One release in the download site's JSON index (newest first, as go.dev serves it). */
export interface GoRelease {
  version: string
  stable: boolean
  files: GoReleaseFile[]
}

export interface GoReleaseFile {
  filename: string
  os: string
  arch: string
  version: string
  sha256: string
  size: number
  kind: string
}

/**
 * The os and arch names of go's release files for Node's platform and architecture: GOOS and GOARCH,
 * except that go.dev names its one 32-bit ARM archive (built for GOARM=6, so it runs on v6 and v7) armv6l.
 */
export function goPlatform(platform: NodeJS.Platform, arch: string): { os: string; arch: string } {
  const goarch = goArch(arch, platform)
  return { os: goOs(platform), arch: goarch === 'arm' ? 'armv6l' : goarch }
}

interface ParsedVersion {
  numbers: [number, number, number]
  /** beta sorts before rc, which sorts before the release. */
  stage: number
  pre: number
}

function parseGoVersion(version: string): ParsedVersion | undefined {
  const match = /^(?:go)?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:(beta|rc)(\d+))?$/.exec(version)
  if (!match) return undefined
  return {
    numbers: [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)],
    stage: match[4] === 'beta' ? 0 : match[4] === 'rc' ? 1 : 2,
    pre: Number(match[5] ?? 0)
  }
}

/** Orders go versions newest first; names that are not versions go last. */
export function compareGoVersionsDesc(a: string, b: string): number {
  const pa = parseGoVersion(a)
  const pb = parseGoVersion(b)
  if (!pa || !pb) return pa ? -1 : pb ? 1 : 0
  const ka = [...pa.numbers, pa.stage, pa.pre]
  const kb = [...pb.numbers, pb.stage, pb.pre]
  for (let i = 0; i < ka.length; i++) {
    if (ka[i] !== kb[i]) return (kb[i] as number) - (ka[i] as number)
  }
  return 0
}

/** The tool cache's name for a go version, as actions/setup-go stores it: go1.21rc2 is 1.21.0-rc.2. */
export function toolCacheVersion(goVersion: string): string {
  const parsed = parseGoVersion(goVersion)
  if (!parsed) return goVersion.replace(/^go/, '')
  const base = parsed.numbers.join('.')
  return parsed.stage === 2 ? base : `${base}-${parsed.stage === 0 ? 'beta' : 'rc'}.${parsed.pre}`
}

/** stable and oldstable name whichever release the index says, so the tool cache cannot answer for them. */
export const isAlias = (spec: string): boolean => spec === 'stable' || spec === 'oldstable'

/** Whether the spec names one release (1.23.4, go1.23rc1) rather than a line of them (1.23, 1). */
function isExactSpec(spec: string): boolean {
  return /^(?:go)?\d+\.\d+(?:\.\d+|(?:beta|rc)\d+)$/.test(spec)
}

/** What to ask the tool cache for: an exact version, or a range (1.23 matches 1.23.x) it resolves itself. */
export function toolCacheSpec(spec: string): string {
  return isExactSpec(spec) ? toolCacheVersion(spec) : spec.replace(/^go/, '')
}

/**
 * The release a version spec names among those with an archive for the platform: stable is the newest
 * stable release, oldstable the newest of the minor line before it, 1.23 the newest stable 1.23.x
 * (go1.23 itself before Go 1.21 named its .0), 1.23.4 exactly that release.
 */
export function selectRelease(
  releases: readonly GoRelease[],
  spec: string,
  platform: { os: string; arch: string }
): { release: GoRelease; file: GoReleaseFile } | undefined {
  const candidates = releases
    .map(release => ({ release, file: archiveFor(release, platform) }))
    .filter((c): c is { release: GoRelease; file: GoReleaseFile } => c.file !== undefined)
    .sort((a, b) => compareGoVersionsDesc(a.release.version, b.release.version))
  const stable = candidates.filter(c => c.release.stable)
  if (spec === 'stable') return stable[0]
  if (spec === 'oldstable') {
    const newest = stable[0] && minorLine(stable[0].release.version)
    return stable.find(c => minorLine(c.release.version) !== newest)
  }
  const wanted = spec.replace(/^go/, '')
  if (isExactSpec(spec)) {
    return candidates.find(c => c.release.version === `go${wanted}`)
  }
  return stable.find(c => c.release.version === `go${wanted}` || c.release.version.startsWith(`go${wanted}.`))
}

function minorLine(version: string): string {
  return parseGoVersion(version)?.numbers.slice(0, 2).join('.') ?? version
}

function archiveFor(release: GoRelease, platform: { os: string; arch: string }): GoReleaseFile | undefined {
  const files = Array.isArray(release.files) ? release.files : []
  return files.find(
    f =>
      f.kind === 'archive' &&
      f.os === platform.os &&
      f.arch === platform.arch &&
      /\.(tar\.gz|zip)$/.test(f.filename)
  )
}
