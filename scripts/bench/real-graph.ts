import { cp, mkdir, readFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import path from 'node:path'
import type { ModuleRef } from '../../testkit/modset.js'
import { loadFileTree } from '../../testkit/proxy.js'
import { SET_LABELS, type BenchSet } from './download/types.js'

/** The real module graph: a large open-source Go project, seeded once from proxy.golang.org. */
export const REAL_MODULE = 'github.com/caddyserver/caddy/v2'
export const REAL_VERSION = 'v2.11.9'
export const REAL_LABEL = SET_LABELS.real

/** Where `npm run bench:seed` keeps the seeded graph: outside the repository, never committed. */
export function defaultSeedDir(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache')
  return path.join(base, 'go-mod-download-action', 'bench-seed', `caddy-${REAL_VERSION}`)
}

/** What the seed step found, next to the files it stored. */
export interface SeedManifest {
  module: string
  version: string
  goLine: string
  seededAt: string
  goVersion: string
  /** The modules plain `go mod download` fetches: every contender must leave these in the cache. */
  build: ModuleRef[]
  /** go.sum entries: version lines with a zip hash, and `/go.mod` lines. */
  goSumZips: number
  goSumMods: number
  files: number
  bytes: number
}

/** The seed layout: the consumer's source tree, the mirror's files in GOPROXY layout and the manifest. */
export function seedPaths(seedDir: string): { consumer: string; mirror: string; manifest: string } {
  return {
    consumer: path.join(seedDir, 'consumer'),
    mirror: path.join(seedDir, 'mirror'),
    manifest: path.join(seedDir, 'manifest.json')
  }
}

/** go.sum's hashes by `path@version` (zip) and `path@version/go.mod`. */
export function parseGoSum(text: string): Map<string, string> {
  const sums = new Map<string, string>()
  for (const line of text.split('\n')) {
    const [mod, version, hash] = line.trim().split(/\s+/)
    if (mod && version && hash) sums.set(`${mod}@${version}`, hash)
  }
  return sums
}

/** Loads the seeded graph for the benchmark; undefined, with the reason, when it has not been seeded. */
export async function loadRealGraph(
  seedDir: string
): Promise<{ set: BenchSet; manifest: SeedManifest } | { missing: string }> {
  const paths = seedPaths(seedDir)
  const manifestText = await readFile(paths.manifest, 'utf8').catch(() => undefined)
  if (manifestText === undefined) return { missing: `no seed at ${seedDir}: run \`npm run bench:seed\`` }
  const manifest = JSON.parse(manifestText) as SeedManifest
  const files = await loadFileTree(paths.mirror)
  const sums = parseGoSum(await readFile(path.join(paths.consumer, 'go.sum'), 'utf8'))
  const set: BenchSet = {
    label: REAL_LABEL,
    modules: manifest.build,
    files,
    sums,
    async writeConsumer(dir: string) {
      await mkdir(path.dirname(dir), { recursive: true })
      await cp(paths.consumer, dir, { recursive: true })
    }
  }
  return { set, manifest }
}
