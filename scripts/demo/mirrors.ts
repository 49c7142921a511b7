// The demo's two module mirrors on 127.0.0.1, each on a port of its own (the summary hides the path of a
// loopback mirror, where a secret may sit, so the port is what tells them apart): a flaky company mirror
// (a 503 for three zips, a 403 for a fourth) and a healthy public one, both serving the module set of
// example/. A third server stands in for the checksum database, so that go keeps its checksum checks on
// (GOSUMDB is not off) without asking the internet: go.sum holds every hash the example needs, so go
// never looks one up. `npm run demo`, `npm run try -- example --mirrors demo` and
// `npm run mirrors` use them.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { generateModuleSet, type ModuleSet } from '../../testkit/modset.js'
import { startProxy } from '../../testkit/proxy.js'

export interface DemoMirrors {
  set: ModuleSet
  companyUrl: string
  publicUrl: string
  /** The GOSUMDB value that names the stand-in: the real database's name and key, a loopback URL. */
  gosumdb: string
  close(): Promise<void>
}

/** The module set example/ is generated from. */
export function demoModuleSet(): ModuleSet {
  return generateModuleSet({ count: 40, seed: 2026 })
}

export async function startDemoMirrors(): Promise<DemoMirrors> {
  const set = demoModuleSet()
  const refused = set.modules[5]?.path as string
  const flakyModules = new Set([1, 9, 17].map(i => set.modules[i]?.path))
  const company = await startProxy({
    files: set.files,
    name: 'company-mirror',
    faults: [
      {
        kind: 'status',
        status: 503,
        times: 1,
        match: req => flakyModules.has(req.module) && req.file === 'zip'
      },
      { kind: 'status', status: 403, match: { module: refused, file: 'zip' } }
    ]
  })
  const healthy = await startProxy({ files: set.files, name: 'public-mirror' })
  const sumdb = await startChecksumDatabase()
  return {
    set,
    companyUrl: company.url,
    publicUrl: healthy.url,
    gosumdb: `sum.golang.org ${sumdb.url}`,
    async close() {
      const closed = new Promise<void>(resolve => sumdb.server.close(() => resolve()))
      sumdb.server.closeAllConnections()
      await closed
      await company.close()
      await healthy.close()
    }
  }
}

/** A checksum database that knows no module: go.sum has every hash the demo needs, so go never asks it. */
async function startChecksumDatabase(): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('the demo checksum database knows no module\n')
  })
  server.keepAliveTimeout = 1000
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', () => resolve()))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}`, server }
}
