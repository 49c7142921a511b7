/**
 * The build cache's key: what makes entries worth restoring (platform, Go, output settings, the variant, go.sum),
 * then the run, so that every run that saves writes a key of its own and the newest entry is found by prefix.
 */
import { createHash } from 'node:crypto'
import { goArch, goOs } from '../go/platform.js'
import type { BuildEnv } from '../go/build-env.js'

export interface BuildKeyParts {
  env: BuildEnv
  /** The build-cache-variant input, or the job's id. */
  variant: string
  /** The hex digest the module cache key ends with: go.sum and go.work.sum (or cache-dependency-path). */
  goSumDigest: string
  runId: string
  runAttempt: string
  platform?: NodeJS.Platform
  arch?: string
}

export interface BuildKey {
  key: string
  /** The key without the run, then without go.sum's digest too. */
  restoreKeys: string[]
}

// Go versions such as `devel go1.27-abc Tue Jan 2` hold spaces; keys may hold no commas.
function keyPart(text: string): string {
  return text.replace(/[^A-Za-z0-9._+-]/g, '_').slice(0, 64) || 'unknown'
}

/** `go-build-<os>-<arch>-<go>-<settings>-<go.sum>-<run id>-<attempt>`, with 16-hex-digit digests. */
export function buildCacheKey(parts: BuildKeyParts): BuildKey {
  const settings = createHash('sha256')
  for (const [name, value] of Object.entries(parts.env.settings).sort(([a], [b]) => a.localeCompare(b))) {
    settings.update(`${name}=${value}\n`)
  }
  settings.update(`variant=${parts.variant}\n`)
  const platform = parts.platform ?? process.platform
  const base = [
    'go-build',
    goOs(platform),
    goArch(parts.arch ?? process.arch, platform),
    keyPart(parts.env.goVersion),
    settings.digest('hex').slice(0, 16)
  ].join('-')
  const withSums = `${base}-${parts.goSumDigest.slice(0, 16)}`
  return {
    key: `${withSums}-${keyPart(parts.runId)}-${keyPart(parts.runAttempt)}`,
    restoreKeys: [`${withSums}-`, `${base}-`]
  }
}
