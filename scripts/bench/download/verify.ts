import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { runGo } from '../../../testkit/action.js'
import { escapeModulePath } from '../../../testkit/modset.js'
import type { BenchSet } from './types.js'

export interface CacheCheck {
  complete: boolean
  verified: boolean
  verifyMs?: number
  tidyOffline?: boolean
  buildOffline?: boolean
  buildOfflineMs?: number
  detail?: string
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false
  )
}

/**
 * The first module whose zip, ziphash (equal to go.sum's hash), .mod or extracted tree is missing.
 * `go mod verify` alone would not notice: it passes for modules that were never downloaded.
 */
export async function firstIncomplete(set: BenchSet, modCache: string): Promise<string | undefined> {
  for (const mod of set.modules) {
    const esc = escapeModulePath(mod.path)
    const version = escapeModulePath(mod.version)
    const base = join(modCache, 'cache', 'download', esc, '@v', version)
    const ziphash = await readFile(base + '.ziphash', 'utf8').catch(() => '')
    const ok =
      ziphash.trim() === set.sums.get(`${mod.path}@${mod.version}`) &&
      (await exists(base + '.zip')) &&
      (await exists(base + '.mod')) &&
      (await exists(join(modCache, `${esc}@${version}`)))
    if (!ok) return `${mod.path}@${mod.version}`
  }
  return undefined
}

/**
 * Whether the run left a complete cache that `go mod verify` accepts offline, and, when asked, whether
 * the first `go build ./...` and `go mod tidy -diff` then need no network (the build timed: it unpacks
 * what go still has to). Timed on their own, never counted in the run's time.
 */
export async function checkCache(
  set: BenchSet,
  dir: string,
  env: Record<string, string>,
  opts: { verify: boolean; tidy: boolean }
): Promise<CacheCheck> {
  const missing = await firstIncomplete(set, env.GOMODCACHE!)
  if (missing) return { complete: false, verified: false, detail: `cache incomplete: ${missing} missing` }
  if (!opts.verify) return { complete: true, verified: false }
  const offline = { ...env, GOPROXY: 'off', GOFLAGS: '-mod=mod' }
  const started = performance.now()
  const result = await runGo(['mod', 'verify'], { cwd: dir, env: offline, timeoutMs: 300_000 })
  const verifyMs = performance.now() - started
  const verified = result.code === 0 && /all modules verified/.test(result.stdout)
  let tidyOffline: boolean | undefined
  let buildOffline: boolean | undefined
  let buildOfflineMs: number | undefined
  if (opts.tidy) {
    const buildStarted = performance.now()
    const build = await runGo(['build', './...'], {
      cwd: dir,
      env: { ...env, GOPROXY: 'off', GOFLAGS: '' },
      timeoutMs: 900_000
    })
    buildOfflineMs = performance.now() - buildStarted
    buildOffline = build.code === 0
    const tidy = await runGo(['mod', 'tidy', '-diff'], { cwd: dir, env: offline, timeoutMs: 300_000 })
    tidyOffline = tidy.code === 0
  }
  return {
    complete: true,
    verified,
    verifyMs,
    tidyOffline,
    buildOffline,
    buildOfflineMs,
    detail: verified ? undefined : `go mod verify: ${(result.stdout + result.stderr).trim().split('\n')[0]}`
  }
}
