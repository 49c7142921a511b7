import { actionsRunner } from './runner/actions.js'
import { run } from './steps/main-step.js'

await run(actionsRunner())
// A cache restore abandoned past its budget may still hold a socket; the step's work is done.
setTimeout(() => process.exit(), 100).unref()
