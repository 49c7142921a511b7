// Stands in for a bundled action step: writes the runner's file commands with plain appends.
import { appendFileSync } from 'node:fs'

const env = process.env
const heredoc = (name, value, delim) => `${name}<<${delim}\n${value}\n${delim}\n`

if (env.STATE_phase) {
  appendFileSync(env.GITHUB_OUTPUT, `seen-state=${env.STATE_phase}\n`)
  appendFileSync(env.GITHUB_OUTPUT, `seen-env=${env.FAKE_EXPORTED ?? ''}\n`)
  appendFileSync(env.GITHUB_OUTPUT, `first-path=${(env.PATH ?? '').split(':')[0]}\n`)
  appendFileSync(env.GITHUB_STEP_SUMMARY, 'post ran\n')
  console.log('post step')
} else {
  appendFileSync(env.GITHUB_OUTPUT, `greeting=hello ${env['INPUT_WHO-NAME'] ?? ''}\n`)
  appendFileSync(env.GITHUB_OUTPUT, heredoc('lines', 'first=1\nsecond', 'ghadelimiter_5b2f0c1e'))
  appendFileSync(env.GITHUB_OUTPUT, `workspace=${env.GITHUB_WORKSPACE}\ncwd=${process.cwd()}\n`)
  appendFileSync(env.GITHUB_OUTPUT, `runner-temp=${env.RUNNER_TEMP}\nhome=${env.HOME ?? ''}\n`)
  appendFileSync(env.GITHUB_ENV, heredoc('FAKE_EXPORTED', 'exported value', 'ghadelimiter_9d1e'))
  appendFileSync(env.GITHUB_ENV, 'PLAIN=1\n')
  appendFileSync(env.GITHUB_STATE, heredoc('phase', 'main-done', 'ghadelimiter_77aa'))
  appendFileSync(env.GITHUB_PATH, '/opt/fake-tool/bin\n')
  appendFileSync(env.GITHUB_STEP_SUMMARY, '### Fake step\n')
  console.log('main step')
  console.error('to stderr')
}
process.exitCode = Number(env['INPUT_EXIT-CODE'] ?? '0')
