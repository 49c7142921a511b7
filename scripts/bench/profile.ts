// Summarises V8 CPU profiles (`npx tsx scripts/bench/download/main.ts --cpu-prof DIR ...` writes one per action run):
// where the action's main thread spent its time, by function and by source file.
// Usage: npx tsx scripts/bench/profile.ts FILE.cpuprofile... [--top N]
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { commandLine, positiveInteger } from './harness.js'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}

interface Profile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
  startTime: number
  endTime: number
}

function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame
  const file = url ? path.basename(url.replace(/^file:\/\//, '')) : ''
  return `${functionName || '(anonymous)'}${file ? ` ${file}:${lineNumber + 1}` : ''}`
}

/** Self time (ms) per frame name, and per source file. */
export function selfTimes(profile: Profile): { byFrame: Map<string, number>; byFile: Map<string, number> } {
  const nodes = new Map(profile.nodes.map(n => [n.id, n]))
  const byFrame = new Map<string, number>()
  const byFile = new Map<string, number>()
  profile.samples.forEach((id, i) => {
    const node = nodes.get(id)
    if (!node) return
    const ms = (profile.timeDeltas[i] ?? 0) / 1000
    const name = frameName(node)
    byFrame.set(name, (byFrame.get(name) ?? 0) + ms)
    const file = node.callFrame.url ? path.basename(node.callFrame.url) : node.callFrame.functionName
    byFile.set(file, (byFile.get(file) ?? 0) + ms)
  })
  return { byFrame, byFile }
}

/** Time (ms) with each frame anywhere on the stack, counted once per sample. */
export function inclusiveTimes(profile: Profile): Map<string, number> {
  const nodes = new Map(profile.nodes.map(n => [n.id, n]))
  const parent = new Map<number, number>()
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id)
  const times = new Map<string, number>()
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000
    const seen = new Set<string>()
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const node = nodes.get(at)
      if (!node || node.callFrame.functionName === '(root)') continue
      const name = frameName(node)
      if (seen.has(name)) continue
      seen.add(name)
      times.set(name, (times.get(name) ?? 0) + ms)
    }
  })
  return times
}

function top(map: Map<string, number>, n: number, total: number): string[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(
      ([name, ms]) =>
        `${ms.toFixed(0).padStart(8)} ms ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${name}`
    )
}

async function main(): Promise<void> {
  const usage = 'FILE.cpuprofile... [--top N]'
  const { values, positionals: files } = commandLine(
    process.argv.slice(2),
    { top: { type: 'string' } },
    usage,
    {
      positionals: true
    }
  )
  const n = values.top === undefined ? 25 : positiveInteger(values.top, '--top')
  if (files.length === 0) throw new Error(`usage: profile.ts ${usage}`)
  for (const file of files) {
    const profile = JSON.parse(await readFile(file, 'utf8')) as Profile
    const { byFrame, byFile } = selfTimes(profile)
    const wall = (profile.endTime - profile.startTime) / 1000
    const idle = byFrame.get('(idle)') ?? 0
    console.log(
      `${file}: ${wall.toFixed(0)} ms profiled, ${(wall - idle).toFixed(0)} ms busy on the main thread`
    )
    console.log('Self time by function:')
    for (const line of top(byFrame, n, wall)) console.log(line)
    console.log("Total time by function, the action's own (the bundle):")
    const own = new Map([...inclusiveTimes(profile)].filter(([name]) => /index\.js:/.test(name)))
    for (const line of top(own, n, wall)) console.log(line)
    console.log('Self time by file:')
    for (const line of top(byFile, 10, wall)) console.log(line)
    console.log('')
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error))
  process.exitCode = 1
})
