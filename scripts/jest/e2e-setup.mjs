// Global setup of the e2e tests, which run the bundle in dist/: rebuilds it when it was not built from
// the current sources, so a test never passes or fails on yesterday's code, and says which node runs it.
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { ensureFreshBundle } from '../build/bundle-sources.mjs'

const root = fileURLToPath(new URL('../..', import.meta.url))

export default function rebuildStaleBundle() {
  ensureFreshBundle(root)
  const node = process.env.NODE_FOR_ACTION
  if (node) {
    // A node that cannot start would fail every test on its own; one line says why instead.
    const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()
    process.stdout.write(`\nThe e2e tests run the action with ${node} (${version}), from NODE_FOR_ACTION\n`)
  }
}
