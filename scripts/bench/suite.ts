// `npm run bench`: the download benchmark with every option given, then the module cache benchmark
// with the options the two share (--quick, --render), then the whole-job benchmark with those and the real
// graph's --seed-dir. npm would hand the options to the last command only.
import { spawnSync } from 'node:child_process'

const args = process.argv.slice(2)
const shared = args.filter(arg => arg === '--quick' || arg === '--render')
const seedDir = args.flatMap((arg, i) =>
  arg === '--seed-dir' ? [arg, args[i + 1] ?? ''] : arg.startsWith('--seed-dir=') ? [arg] : []
)
for (const [script, scriptArgs] of [
  ['scripts/bench/download/main.ts', args],
  ['scripts/bench/cache/main.ts', shared],
  ['scripts/bench/job/main.ts', [...shared, ...seedDir]]
] as const) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', script, ...scriptArgs], { stdio: 'inherit' })
  if (run.status !== 0) process.exit(run.status ?? 1)
}
