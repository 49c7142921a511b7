/**
 * Which runs may restore and save the build cache. Nothing checks a build cache entry the way go.sum checks a
 * module zip, so an entry is only as trustworthy as the run that saved it: by default only runs on the default
 * branch save, other runs restore what those saved, and tag and release builds start from nothing.
 */
import { readFileSync } from 'node:fs'
import type { BuildCacheMode } from '../config/inputs.js'

export interface BuildCachePolicy {
  /** Why this run restores nothing, when it does not. */
  noRestore?: string
  /** Why this run saves nothing, when it does not. */
  noSave?: string
  /** The reason not to save is GitHub's read-only cache: a notice, not a plain line. */
  noSaveNotice?: boolean
}

/** The events whose runs on the default branch save by default: none of them can be started from a fork. */
const SAVING_EVENTS = new Set(['push', 'schedule', 'workflow_dispatch'])

/** The repository's default branch from the event payload, or undefined when it cannot be read. */
export function defaultBranch(eventPath: string | undefined): string | undefined {
  if (!eventPath) return undefined
  try {
    const payload = JSON.parse(readFileSync(eventPath, 'utf8')) as {
      repository?: { default_branch?: unknown }
    }
    const branch = payload.repository?.default_branch
    return typeof branch === 'string' && branch !== '' ? branch : undefined
  } catch {
    return undefined
  }
}

/**
 * What this run may do with the build cache, from the input, the event (GITHUB_EVENT_NAME, GITHUB_REF, the
 * payload's default branch) and the cache access GitHub gives the job (ACTIONS_CACHE_MODE). `off` is decided
 * before this is asked.
 */
export function buildCachePolicy(
  mode: Exclude<BuildCacheMode, 'off'>,
  env: NodeJS.ProcessEnv,
  branchOf: (eventPath: string | undefined) => string | undefined = defaultBranch
): BuildCachePolicy {
  const cacheMode = (env.ACTIONS_CACHE_MODE ?? '').trim().toLowerCase()
  if (cacheMode === 'none') {
    const why = 'this job has no access to the GitHub cache (cache-mode: none)'
    return { noRestore: why, noSave: why }
  }
  const policy: BuildCachePolicy = {}
  if (cacheMode === 'write-only')
    policy.noRestore = 'this job may only write to the cache (cache-mode: write-only)'
  const event = env.GITHUB_EVENT_NAME ?? ''
  const ref = env.GITHUB_REF ?? ''
  if (mode === 'on' && (event === 'release' || ref.startsWith('refs/tags/'))) {
    const why = 'tag and release runs build from scratch unless build-cache is always'
    return { noRestore: why, noSave: why }
  }
  if (cacheMode === 'read') {
    return {
      ...policy,
      noSave: 'GitHub gives this run a read-only cache (cache-mode: read)',
      noSaveNotice: true
    }
  }
  if (mode === 'always') return policy
  const branch = branchOf(env.GITHUB_EVENT_PATH)
  const onDefault = branch !== undefined && ref === `refs/heads/${branch}`
  if (!SAVING_EVENTS.has(event) || !onDefault) {
    const why =
      event === ''
        ? 'this is not a GitHub Actions run'
        : branch === undefined
          ? 'the event does not name it'
          : `this is a ${event} run on ${ref || 'no ref'}`
    return {
      ...policy,
      noSave: `only push, schedule and workflow_dispatch runs on ${branch ?? 'the default branch'} save it (build-cache: always lets every run save), and ${why}`
    }
  }
  return policy
}
