// What dist/ is built from, hashed: package.mjs records the hash next to the bundle, and the e2e tests'
// global setup (and `npm run try`) rebuild dist/ when the sources no longer hash to it.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

export const SOURCES_HASH_FILE = path.join('dist', 'sources.sha256')

const INPUTS = ['package-lock.json', 'tsconfig.json', 'scripts/build/package.mjs']

/** sha256 over the path and contents of every file under src/ and of the build's own inputs, in path order. */
export function sourcesHash(root = process.cwd()) {
  const files = [
    ...readdirSync(path.join(root, 'src'), { recursive: true, withFileTypes: true })
      .filter(entry => entry.isFile())
      .map(entry => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')),
    ...INPUTS
  ].sort()
  const hash = createHash('sha256')
  for (const file of files) {
    hash.update(`${file}\0`)
    hash.update(readFileSync(path.join(root, file)))
    hash.update('\0')
  }
  return hash.digest('hex')
}

/** Whether dist/ records the hash the sources have now. */
export function bundleIsFresh(root = process.cwd()) {
  try {
    return readFileSync(path.join(root, SOURCES_HASH_FILE), 'utf8').trim() === sourcesHash(root)
  } catch {
    return false
  }
}

/** Runs `npm run package` when dist/ was not built from the current sources; throws if it stays stale. */
export function ensureFreshBundle(root = process.cwd()) {
  if (bundleIsFresh(root)) return
  process.stdout.write('\ndist/ was not built from the current sources; running npm run package first\n')
  execFileSync(process.execPath, ['scripts/build/package.mjs'], { cwd: root, stdio: 'inherit' })
  if (!bundleIsFresh(root))
    throw new Error('dist/ is still stale after npm run package: a source changed meanwhile')
}

// `node scripts/build/bundle-sources.mjs` (npm run try) rebuilds dist/ only when it is stale.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  ensureFreshBundle(fileURLToPath(new URL('../..', import.meta.url)))
}
