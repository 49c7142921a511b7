import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { buildCachePolicy, defaultBranch } from '../../src/cache/build-policy.js'

let dir: string
let event: string

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'build-policy-'))
  event = path.join(dir, 'event.json')
  await writeFile(event, JSON.stringify({ repository: { default_branch: 'main' } }))
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

function run(name: string, ref: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { GITHUB_EVENT_NAME: name, GITHUB_REF: ref, GITHUB_EVENT_PATH: event, ...extra }
}

describe('buildCachePolicy', () => {
  it('reads the default branch from the event payload, and nothing from a payload it cannot read', async () => {
    expect(defaultBranch(event)).toBe('main')
    expect(defaultBranch(undefined)).toBeUndefined()
    expect(defaultBranch(path.join(dir, 'missing.json'))).toBeUndefined()
    const bad = path.join(dir, 'bad.json')
    await writeFile(bad, '{"repository": {"default_branch": 7}}')
    expect(defaultBranch(bad)).toBeUndefined()
  })

  it.each(['push', 'schedule', 'workflow_dispatch'])(
    'restores and saves on a %s run on the default branch',
    name => {
      expect(buildCachePolicy('on', run(name, 'refs/heads/main'))).toEqual({})
    }
  )

  it.each([
    ['pull_request', 'refs/pull/7/merge'],
    ['pull_request_target', 'refs/heads/main'],
    ['workflow_run', 'refs/heads/main'],
    ['push', 'refs/heads/feature'],
    ['merge_group', 'refs/heads/gh-readonly-queue/main/pr-7']
  ])('only restores on a %s run on %s', (name, ref) => {
    const policy = buildCachePolicy('on', run(name, ref))
    expect(policy.noRestore).toBeUndefined()
    expect(policy.noSave).toBe(
      `only push, schedule and workflow_dispatch runs on main save it (build-cache: always lets every run save), and this is a ${name} run on ${ref}`
    )
    expect(policy.noSaveNotice).toBeUndefined()
  })

  it('only restores where it cannot tell the default branch', () => {
    expect(
      buildCachePolicy('on', { GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/main' }).noSave
    ).toMatch(
      /^only push, schedule and workflow_dispatch runs on the default branch save it .*, and the event does not name it$/
    )
    expect(buildCachePolicy('on', {}).noSave).toMatch(/and this is not a GitHub Actions run$/)
  })

  it.each([
    ['push', 'refs/tags/v1.2.3'],
    ['release', 'refs/tags/v1.2.3'],
    ['workflow_dispatch', 'refs/tags/v1.2.3']
  ])('neither restores nor saves on a %s run on %s unless build-cache is always', (name, ref) => {
    const why = 'tag and release runs build from scratch unless build-cache is always'
    expect(buildCachePolicy('on', run(name, ref))).toEqual({ noRestore: why, noSave: why })
    expect(buildCachePolicy('always', run(name, ref))).toEqual({})
  })

  it('restores and only says so, in a notice, where GitHub gives the run a read-only cache', () => {
    for (const mode of ['on', 'always'] as const) {
      expect(buildCachePolicy(mode, run('push', 'refs/heads/main', { ACTIONS_CACHE_MODE: 'read' }))).toEqual({
        noSave: 'GitHub gives this run a read-only cache (cache-mode: read)',
        noSaveNotice: true
      })
    }
  })

  it('follows the cache-mode GitHub gives the job: none, write-only', () => {
    const none = buildCachePolicy('always', run('push', 'refs/heads/main', { ACTIONS_CACHE_MODE: 'none' }))
    expect(none.noRestore).toMatch(/cache-mode: none/)
    expect(none.noSave).toMatch(/cache-mode: none/)
    const writeOnly = buildCachePolicy(
      'on',
      run('push', 'refs/heads/main', { ACTIONS_CACHE_MODE: 'write-only' })
    )
    expect(writeOnly).toEqual({ noRestore: 'this job may only write to the cache (cache-mode: write-only)' })
  })
})
