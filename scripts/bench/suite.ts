// `npm run bench`: the download benchmark with every option given, then the module cache benchmark
// with the options the two share (--quick, --render), then the whole-job benchmark with those and the real
// graph's --seed-dir. npm would hand the options to the last command only.
import { spawnSync } from 'node:child_process'
import { parseArgs } from 'node:util'

const args = process.argv.slice(2)
// Loosely: the download benchmark's own options pass through unread, and it checks them itself.
const { values } = parseArgs({
  args,
  options: { quick: { type: 'boolean' }, render: { type: 'boolean' }, 'seed-dir': { type: 'string' } },
  strict: false,
  allowPositionals: true
})
const shared = [
  ...(values.quick === true ? ['--quick'] : []),
  ...(values.render === true ? ['--render'] : [])
]
const seedDir = typeof values['seed-dir'] === 'string' ? ['--seed-dir', values['seed-dir']] : []
for (const [script, scriptArgs] of [
  ['scripts/bench/download/main.ts', args],
  ['scripts/bench/cache/main.ts', shared],
  ['scripts/bench/job/main.ts', [...shared, ...seedDir]]
] as const) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', script, ...scriptArgs], { stdio: 'inherit' })
  if (run.status !== 0) process.exit(run.status ?? 1)
}
