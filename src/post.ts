import * as core from '@actions/core'
import { runPost } from './steps/post-step.js'

async function post(): Promise<void> {
  try {
    await runPost(name => core.getState(name))
  } catch (error) {
    core.warning(`Module cache post step: ${error instanceof Error ? error.message : String(error)}`)
  }
}

// An abandoned cache request may still hold a socket open; the step's work is done either way.
void post().finally(() => setTimeout(() => process.exit(0), 100).unref())
