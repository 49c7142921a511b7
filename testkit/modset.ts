import { createHash } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { zipSync, type Zippable } from 'fflate'

export interface ModuleRef {
  path: string
  version: string
}

export interface GeneratedModule extends ModuleRef {
  requires: ModuleRef[]
  /** Whether the consumer imports this module's package (a direct requirement). */
  direct: boolean
}

export interface Consumer {
  path: string
  goMod: string
  goSum: string
  mainGo: string
}

export interface ModuleSet {
  modules: GeneratedModule[]
  /** Proxy URL paths without the leading slash, in GOPROXY layout. */
  files: Map<string, Buffer>
  consumer: Consumer
  /** go.sum lines' hashes by `path@version` (zip) and `path@version/go.mod`. */
  sums: Map<string, string>
  writeConsumer(dir: string): Promise<void>
}

export interface ModuleSetOptions {
  count: number
  seed?: number
  /** Size of an incompressible data file carried by every `bigEvery`th module. */
  bigZipBytes?: number
  bigEvery?: number
  /** Host part of every module path; must stay under the reserved `.test` domain. */
  prefix?: string
  /** Every fifth module (from the fourth on) gets a pre-release version with upper case: `v1.2.3-RC1`. */
  upperCaseVersions?: boolean
}

// Fixed so that zips, and therefore their hashes, are byte-for-byte reproducible.
const FIXED_TIME = new Date('2024-01-02T03:04:05Z')

/** A small seeded PRNG (mulberry32): reproducible, not for anything secret. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Escapes a module path or version the way the GOPROXY protocol does: `A` becomes `!a`. */
export function escapeModulePath(path: string): string {
  return path.replace(/[A-Z]/g, c => '!' + c.toLowerCase())
}

export function unescapeModulePath(escaped: string): string {
  return escaped.replace(/!([a-z])/g, (_, c: string) => c.toUpperCase())
}

function sha256hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex')
}

/** The `h1:` dirhash over named files, as go.sum records it. */
export function hashH1(files: Array<{ name: string; data: Uint8Array | string }>): string {
  const lines = files
    .map(f => `${sha256hex(f.data)}  ${f.name}\n`)
    .sort((a, b) => {
      const na = a.slice(66)
      const nb = b.slice(66)
      return na < nb ? -1 : na > nb ? 1 : 0
    })
  return 'h1:' + createHash('sha256').update(lines.join('')).digest('base64')
}

/** Incompressible bytes from a seed, fast enough for tens of megabytes. */
function noise(size: number, seed: number): Buffer {
  const buf = Buffer.allocUnsafe(size)
  let x = seed >>> 0 || 1
  let i = 0
  for (; i + 4 <= size; i += 4) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    buf.writeUInt32LE(x >>> 0, i)
  }
  for (; i < size; i++) buf[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24
  return buf
}

function requireBlock(mods: Array<ModuleRef & { indirect?: boolean }>): string {
  if (mods.length === 0) return ''
  const lines = mods.map(m => `\t${m.path} ${m.version}${m.indirect ? ' // indirect' : ''}\n`)
  return `\nrequire (\n${lines.join('')})\n`
}

function packageName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).toLowerCase()
}

/** Builds the module zip from its files (names relative to the module root). */
export function buildModuleZip(
  mod: ModuleRef,
  files: Record<string, Uint8Array>,
  storeOnly: string[] = []
): Buffer {
  const root = `${mod.path}@${mod.version}/`
  const entries: Zippable = {}
  for (const [name, data] of Object.entries(files)) {
    entries[root + name] = [data, { level: storeOnly.includes(name) ? 0 : 6, mtime: FIXED_TIME }]
  }
  return Buffer.from(zipSync(entries, { mtime: FIXED_TIME }))
}

/**
 * Generates `count` modules, each requiring a few modules of higher index, and a consumer module that
 * requires them all (go 1.21, so the graph is pruned) with a complete go.sum. Deterministic from the seed.
 */
export function generateModuleSet(opts: ModuleSetOptions): ModuleSet {
  const { count, seed = 1, bigZipBytes = 0, bigEvery = 0 } = opts
  const prefix = opts.prefix ?? 'example.test'
  const rand = prng(seed)
  const width = Math.max(3, String(count - 1).length)

  const modules: GeneratedModule[] = []
  for (let i = 0; i < count; i++) {
    const name = 'm' + String(i).padStart(width, '0')
    // Every fifth module has upper case in its path, to exercise `!` escaping.
    const path = i % 5 === 2 ? `${prefix}/Acme/${name}` : `${prefix}/lib/${name}`
    const release = `v1.${Math.floor(rand() * 10)}.${Math.floor(rand() * 20)}`
    const version = opts.upperCaseVersions && i % 5 === 3 ? `${release}-RC1` : release
    modules.push({ path, version, requires: [], direct: false })
  }
  const incoming = new Array<number>(count).fill(0)
  for (let i = 0; i < count; i++) {
    const later = count - i - 1
    const n = Math.min(later, Math.floor(rand() * 4))
    const picked = new Set<number>()
    while (picked.size < n) picked.add(i + 1 + Math.floor(rand() * later))
    const mod = modules[i]!
    for (const j of [...picked].sort((a, b) => a - b)) {
      const dep = modules[j]!
      mod.requires.push({ path: dep.path, version: dep.version })
      incoming[j]!++
    }
  }
  // Modules nobody requires are imported by the consumer, so every module is reachable from it.
  modules.forEach((m, i) => (m.direct = incoming[i] === 0 || i === 0))

  const files = new Map<string, Buffer>()
  const sums = new Map<string, string>()
  modules.forEach((mod, i) => {
    const esc = escapeModulePath(mod.path)
    const pkg = packageName(mod.path)
    const goMod = `module ${mod.path}\n\ngo 1.21\n${requireBlock(mod.requires)}`
    const source =
      `// Package ${pkg} is generated test data.\npackage ${pkg}\n\n` +
      `// Value identifies this module in tests.\nfunc Value() int { return ${i} }\n`
    const content: Record<string, Uint8Array> = {
      'go.mod': Buffer.from(goMod),
      [`${pkg}.go`]: Buffer.from(source),
      LICENSE: Buffer.from('Test data, no rights reserved.\n')
    }
    const storeOnly: string[] = []
    if (bigZipBytes > 0 && bigEvery > 0 && i % bigEvery === 0) {
      content['testdata/blob.bin'] = noise(bigZipBytes, seed * 7919 + i + 1)
      storeOnly.push('testdata/blob.bin')
    }
    const zip = buildModuleZip(mod, content, storeOnly)
    const root = `${mod.path}@${mod.version}/`
    sums.set(
      `${mod.path}@${mod.version}`,
      hashH1(Object.entries(content).map(([name, data]) => ({ name: root + name, data })))
    )
    // cmd/go hashes a lone go.mod under the bare name "go.mod", not under the module prefix.
    sums.set(`${mod.path}@${mod.version}/go.mod`, hashH1([{ name: 'go.mod', data: goMod }]))
    const escVersion = escapeModulePath(mod.version)
    files.set(`${esc}/@v/list`, Buffer.from(mod.version + '\n'))
    files.set(
      `${esc}/@v/${escVersion}.info`,
      Buffer.from(JSON.stringify({ Version: mod.version, Time: FIXED_TIME.toISOString() }) + '\n')
    )
    files.set(`${esc}/@v/${escVersion}.mod`, Buffer.from(goMod))
    files.set(`${esc}/@v/${escVersion}.zip`, zip)
  })

  const consumerPath = `${prefix}/consumer`
  const consumerGoMod =
    `module ${consumerPath}\n\ngo 1.21\n` +
    requireBlock(modules.filter(m => m.direct)) +
    requireBlock(modules.filter(m => !m.direct).map(m => ({ ...m, indirect: true })))
  const sumLines: string[] = []
  for (const m of modules) {
    sumLines.push(`${m.path} ${m.version} ${sums.get(`${m.path}@${m.version}`)}`)
    sumLines.push(`${m.path} ${m.version}/go.mod ${sums.get(`${m.path}@${m.version}/go.mod`)}`)
  }
  sumLines.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  const direct = modules.filter(m => m.direct)
  const mainGo =
    `package main\n\nimport (\n\t"fmt"\n\n` +
    direct.map(m => `\t${packageName(m.path)} "${m.path}"\n`).join('') +
    `)\n\nfunc main() {\n` +
    direct.map(m => `\tfmt.Println(${packageName(m.path)}.Value())\n`).join('') +
    `}\n`
  const consumer: Consumer = {
    path: consumerPath,
    goMod: consumerGoMod,
    goSum: sumLines.join('\n') + '\n',
    mainGo
  }

  return {
    modules,
    files,
    consumer,
    sums,
    async writeConsumer(dir: string) {
      await mkdir(dir, { recursive: true })
      await writeFile(join(dir, 'go.mod'), consumer.goMod)
      await writeFile(join(dir, 'go.sum'), consumer.goSum)
      await writeFile(join(dir, 'main.go'), consumer.mainGo)
    }
  }
}
