// What dist/ is built from, hashed: package.mjs records the hash next to the bundle, and the e2e tests'
// global setup rebuilds dist/ when the sources no longer hash to it.
import { createHash } from 'node:crypto'
import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'

export const SOURCES_HASH_FILE = path.join('dist', 'sources.sha256')

const INPUTS = ['package-lock.json', 'tsconfig.json', 'scripts/package.mjs']

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
