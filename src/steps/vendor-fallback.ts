import type { DownloadReport } from '../download/types.js'
import type { GoCommand } from '../go/command.js'
import { checkVendor, withVendorFlag } from '../go/vendor.js'
import type { Runner } from '../runner/port.js'
import type { Workdir } from './setup.js'

/**
 * When every mirror failed: the working directories that failed build from their committed vendor/
 * if each one is consistent with go.mod, and later steps get GOFLAGS=-mod=vendor. Returns them, or
 * undefined when any cannot; why a vendor/ could not be used is a warning, added to `warnings`.
 */
export async function vendorFallback(
  runner: Runner,
  go: GoCommand,
  workdirs: Workdir[],
  download: DownloadReport,
  env: NodeJS.ProcessEnv,
  warnings: string[]
): Promise<string[] | undefined> {
  const failedDirs = workdirs.filter(w => !download.workdirs.find(r => r.workdir === w.label)?.ok)
  const checks = await Promise.all(failedDirs.map(w => checkVendor(go, w.dir, env)))
  checks.forEach((check, i) => {
    if (!check.usable && check.reason && !check.reason.startsWith('no committed')) {
      const warning = `${failedDirs[i]?.label}: vendor/ was not used: ${check.reason}`
      runner.warning(warning)
      warnings.push(warning)
    }
  })
  if (failedDirs.length === 0 || !checks.every(c => c.usable)) return undefined
  runner.exportVariable('GOFLAGS', withVendorFlag(env.GOFLAGS))
  runner.warning(
    `The download failed, but ${failedDirs.map(w => w.label).join(', ')} can build from the committed vendor/: ` +
      'GOFLAGS=-mod=vendor is set for later steps'
  )
  return failedDirs.map(w => w.label)
}
