// Renders the job summary of the demo run (scripts/demo/demo.ts) as docs/summary.png, framed and styled like
// GitHub's job summary, with headless Chromium. Needs a fresh bundle (`npm run package`) and a Chromium
// on PATH (`chromium`, or set CHROMIUM to its path). Usage: npx tsx scripts/docs/screenshot.ts
import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { repoRoot } from '../../testkit/action.js'
import { runDemo } from '../demo/demo.js'
import { summaryPage } from '../demo/summary-page.js'

const run = promisify(execFile)
const WIDTH = 1280
const output = path.join(repoRoot, 'docs', 'summary.png')
const chromium = process.env.CHROMIUM ?? 'chromium'

/** Chromium's flags for a throwaway headless run: no sandbox (root in CI), no network chatter. */
function chromiumArgs(profile: string, height: number): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--hide-scrollbars',
    `--user-data-dir=${profile}`,
    `--window-size=${WIDTH},${height}`
  ]
}

const work = await mkdtemp(path.join(tmpdir(), 'go-mod-download-screenshot-'))
try {
  const { step } = await runDemo()
  if (step.exitCode !== 0) throw new Error(`the demo step failed (exit ${step.exitCode}):\n${step.stdout}`)
  const html = path.join(work, 'summary.html')
  await writeFile(html, summaryPage(step.summary, 'go-mod-download-action demo'))
  const url = pathToFileURL(html).href

  // First pass: lay the page out at the final width and read its height back from the DOM.
  const dom = await run(chromium, [...chromiumArgs(path.join(work, 'profile-1'), 800), '--dump-dom', url], {
    maxBuffer: 16 * 1024 * 1024
  })
  const height = Number(/data-height="(\d+)"/.exec(dom.stdout)?.[1])
  if (!Number.isFinite(height) || height <= 0) throw new Error('could not measure the page height')

  await run(chromium, [...chromiumArgs(path.join(work, 'profile-2'), height), `--screenshot=${output}`, url])
  console.log(`Wrote ${path.relative(repoRoot, output)} (${WIDTH}×${height})`)
} finally {
  await rm(work, { recursive: true, force: true })
}
