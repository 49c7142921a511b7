// Global setup of the e2e tests, which run the bundle in dist/: rebuilds it when it was not built from
// the current sources, so a test never passes or fails on yesterday's code.
import { fileURLToPath } from 'node:url'
import { ensureFreshBundle } from '../build/bundle-sources.mjs'

const root = fileURLToPath(new URL('../..', import.meta.url))

export default function rebuildStaleBundle() {
  ensureFreshBundle(root)
}
