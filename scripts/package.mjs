// Bundles each entry of the action into dist/<entry>/index.js with ncc, from a clean dist/.
import { execFileSync } from 'node:child_process'
import { rmSync } from 'node:fs'

const entries = { main: 'src/index.ts', post: 'src/post.ts' }
rmSync('dist', { recursive: true, force: true })
for (const [name, source] of Object.entries(entries)) {
  execFileSync(
    process.execPath,
    [
      'node_modules/@vercel/ncc/dist/ncc/cli.js',
      'build',
      source,
      '-o',
      `dist/${name}`,
      '--license',
      'licenses.txt',
      '--transpile-only',
      '--quiet'
    ],
    { stdio: 'inherit' }
  )
}
