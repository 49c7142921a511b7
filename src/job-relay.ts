import { serveDaemon } from './relay/daemon.js'

// The relay that serves later steps of the job (job-proxy: true), started detached by the main step.
serveDaemon(process.argv[2] ?? '').catch((error: unknown) => {
  console.error(`relay failed to start: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
