import { existsSync } from 'node:fs'
import path from 'node:path'
import { firstLine, type GoCommand } from './command.js'

export interface VendorCheck {
  usable: boolean
  /** Why vendor/ cannot be used, in go's words when go said it. */
  reason?: string
}

/**
 * Whether a working directory can build from its committed vendor/: it must exist and be consistent
 * with go.mod. Checked offline (GOPROXY=off), so it proves nothing needs the network.
 */
export async function checkVendor(go: GoCommand, dir: string, env: NodeJS.ProcessEnv): Promise<VendorCheck> {
  if (!existsSync(path.join(dir, 'vendor', 'modules.txt'))) {
    return { usable: false, reason: 'no committed vendor/modules.txt' }
  }
  const result = await go(['list', '-mod=vendor', '-deps', './...'], {
    cwd: dir,
    env: { ...env, GOPROXY: 'off', GOFLAGS: '-mod=vendor', GOWORK: 'off' },
    timeoutMs: 120_000
  })
  if (result.code === 0) return { usable: true }
  const inconsistent = result.stderr.includes('inconsistent vendoring')
  return {
    usable: false,
    reason: inconsistent
      ? 'vendor/ is inconsistent with go.mod (run go mod vendor and commit the result)'
      : firstLine(result.stderr.replace(/^go: /gm, '')) || `go list exited with code ${result.code}`
  }
}

/** GOFLAGS for later steps with -mod=vendor merged in (any other -mod flag replaced). */
export function withVendorFlag(goflags: string | undefined): string {
  const kept = (goflags ?? '').split(/\s+/).filter(flag => flag !== '' && !/^-mod(=|$)/.test(flag))
  return [...kept, '-mod=vendor'].join(' ')
}
