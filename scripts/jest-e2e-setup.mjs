// Global setup of the e2e tests, which run the bundle in dist/: rebuilds it when it was not built from
// the current sources, so a test never passes or fails on yesterday's code.
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { bundleIsFresh } from './bundle-sources.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))

export default function rebuildStaleBundle() {
  if (bundleIsFresh(root)) return
  process.stdout.write('\ndist/ was not built from the current sources; running npm run package first\n')
  execFileSync(process.execPath, ['scripts/package.mjs'], { cwd: root, stdio: 'inherit' })
  if (!bundleIsFresh(root))
    throw new Error('dist/ is still stale after npm run package: a source changed meanwhile')
}
