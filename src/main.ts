import { run } from './steps/main-step.js'

await run()
// A cache restore abandoned past its budget may still hold a socket; the step's work is done.
setTimeout(() => process.exit(), 100).unref()
