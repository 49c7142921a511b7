// Bundles each entry of the action into dist/<entry>/index.js with ncc. Builds into a scratch
// directory first and renames the files into place, so a step running from dist/ meanwhile never
// finds it half written; files a fresh build no longer makes are removed.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { SOURCES_HASH_FILE, sourcesHash } from './bundle-sources.mjs'

const entries = { main: 'src/main.ts', post: 'src/post.ts', relay: 'src/job-relay.ts' }
const scratch = `.dist-build-${process.pid}`
// Hashed before the build, so a source edited while ncc runs leaves the bundle marked stale.
const hash = sourcesHash()
try {
  for (const [name, source] of Object.entries(entries)) {
    execFileSync(
      process.execPath,
      [
        'node_modules/@vercel/ncc/dist/ncc/cli.js',
        'build',
        source,
        '-o',
        path.join(scratch, name),
        '--license',
        'licenses.txt',
        '--transpile-only',
        '--quiet'
      ],
      { stdio: 'inherit' }
    )
  }
  for (const name of listDir('dist')) {
    if (!(name in entries)) rmSync(path.join('dist', name), { recursive: true, force: true })
  }
  for (const name of Object.keys(entries)) {
    const built = path.join(scratch, name)
    const target = path.join('dist', name)
    mkdirSync(target, { recursive: true })
    const fresh = new Set(readdirSync(built))
    for (const file of fresh) renameSync(path.join(built, file), path.join(target, file))
    for (const file of readdirSync(target)) {
      if (!fresh.has(file)) rmSync(path.join(target, file), { recursive: true, force: true })
    }
  }
  writeFileSync(SOURCES_HASH_FILE, `${hash}\n`)
} finally {
  rmSync(scratch, { recursive: true, force: true })
}

function listDir(dir) {
  try {
    return readdirSync(dir)
  } catch {
    return []
  }
}
