// Renders the job summary of the demo run (scripts/demo.ts) as docs/summary.png, framed and styled like
// GitHub's job summary, with headless Chromium. Needs a fresh bundle (`npm run package`) and a Chromium
// on PATH (`chromium`, or set CHROMIUM to its path). Usage: npx tsx scripts/screenshot.ts
import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { repoRoot } from '../testkit/action.js'
import { runDemo } from './demo.js'

const run = promisify(execFile)
const WIDTH = 1280
const output = path.join(repoRoot, 'docs', 'summary.png')
const chromium = process.env.CHROMIUM ?? 'chromium'

// GitHub's light theme, approximated: system font, bordered tables with striped rows, ruled headings.
const CSS = `
* { box-sizing: border-box; }
body { margin: 0; padding: 24px; background: #f6f8fa; color: #1f2328;
  font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif;
  font-size: 14px; line-height: 1.5; }
.box { background: #fff; border: 1px solid #d1d9e0; border-radius: 6px; }
.box-header { padding: 12px 16px; border-bottom: 1px solid #d1d9e0; font-weight: 600; font-size: 14px; }
.box-header span { color: #59636e; font-weight: 400; }
.markdown { padding: 16px 24px 8px; }
h2 { font-size: 1.5em; font-weight: 600; margin: 8px 0 16px; padding-bottom: .3em; border-bottom: 1px solid #d1d9e0; }
h3 { font-size: 1.25em; font-weight: 600; margin: 24px 0 16px; }
p, ul, table, details { margin: 0 0 16px; }
ul { padding-left: 2em; }
li + li { margin-top: .5em; }
table { border-collapse: collapse; display: block; width: max-content; max-width: 100%; overflow: auto; }
th, td { padding: 6px 13px; border: 1px solid #d1d9e0; vertical-align: top; text-align: left; }
th { font-weight: 600; }
tr:nth-child(2n) { background: #f6f8fa; }
code { font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace;
  font-size: 85%; padding: .2em .4em; border-radius: 6px; background: rgba(129, 139, 152, .12); }
summary { cursor: pointer; }
sub { color: #59636e; }
`

function page(summaryHtml: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Job summary</title><style>${CSS}</style></head>
<body><div class="box"><div class="box-header">build summary <span>· go-mod-download-action demo</span></div>
<div class="markdown">${summaryHtml}</div></div>
<script>document.body.dataset.height = String(document.documentElement.scrollHeight)</script>
</body></html>`
}

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
  await writeFile(html, page(step.summary))
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
