import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { runGo } from '../../testkit/action.js'
import { escapeModulePath, type ModuleSet } from '../../testkit/modset.js'

export interface CacheCheck {
  complete: boolean
  verified: boolean
  verifyMs?: number
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
export async function firstIncomplete(set: ModuleSet, modCache: string): Promise<string | undefined> {
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

/** Whether the run left a complete cache that `go mod verify` accepts offline; only timed on its own. */
export async function checkCache(
  set: ModuleSet,
  dir: string,
  env: Record<string, string>,
  runVerify: boolean
): Promise<CacheCheck> {
  const missing = await firstIncomplete(set, env.GOMODCACHE!)
  if (missing) return { complete: false, verified: false, detail: `cache incomplete: ${missing} missing` }
  if (!runVerify) return { complete: true, verified: false }
  const started = performance.now()
  const result = await runGo(['mod', 'verify'], {
    cwd: dir,
    env: { ...env, GOPROXY: 'off', GOFLAGS: '-mod=mod' },
    timeoutMs: 300_000
  })
  const verifyMs = performance.now() - started
  const verified = result.code === 0 && /all modules verified/.test(result.stdout)
  return {
    complete: true,
    verified,
    verifyMs,
    detail: verified ? undefined : `go mod verify: ${(result.stdout + result.stderr).trim().split('\n')[0]}`
  }
}
