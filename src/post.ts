import { errorMessage } from './failures/errors.js'
import { actionsRunner } from './runner/actions.js'
import { runPost } from './steps/post-step.js'

const runner = actionsRunner()
try {
  await runPost(runner)
} catch (error) {
  runner.warning(`Post step: ${errorMessage(error)}`)
}
// An abandoned cache request may still hold a socket open; the step's work is done either way.
setTimeout(() => process.exit(0), 100).unref()
