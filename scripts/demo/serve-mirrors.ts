// Serves the demo's two mirrors on 127.0.0.1 until Ctrl-C (scripts/demo/mirrors.ts): a flaky company
// mirror and a healthy public one, with the modules of example/. Usage: npm run mirrors
import { pathToFileURL } from 'node:url'
import { startDemoMirrors } from './mirrors.js'

async function main(): Promise<void> {
  const mirrors = await startDemoMirrors()
  const list = `${mirrors.companyUrl},${mirrors.publicUrl}`
  console.log(`Company mirror (flaky: a 503 for three zips, a 403 for a fourth): ${mirrors.companyUrl}
Public mirror (healthy): ${mirrors.publicUrl}

They serve the modules of example/, whose go.sum holds every hash: go never needs the checksum database,
and GOSUMDB below names a stand-in for it, so that nothing is asked of the internet.

The action on them, from the repository root:
  GOSUMDB='${mirrors.gosumdb}' npm run try -- example proxies='${list}'
go on its own, from example/:
  GOPROXY='${list}' GOSUMDB='${mirrors.gosumdb}' GOFLAGS=-modcacherw GOMODCACHE="$(mktemp -d)" go mod download

Ctrl-C stops them.`)
  await new Promise<void>(resolve => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  await mirrors.close()
  console.log('\nStopped.')
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error))
    process.exitCode = 1
  })
}
