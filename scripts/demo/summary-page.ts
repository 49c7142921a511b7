// A job summary's HTML in a page styled like GitHub's job summary: scripts/docs/screenshot.ts photographs it,
// `npm run try` and `npm run demo` write it next to the JSON report.
import escapeHtml from 'escape-html'

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

/** A page showing a job summary's HTML the way GitHub frames it, under `title`. */
export function summaryPage(summaryHtml: string, title: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Job summary</title><style>${CSS}</style></head>
<body><div class="box"><div class="box-header">build summary <span>· ${escapeHtml(title)}</span></div>
<div class="markdown">${withMarkdown(summaryHtml)}</div></div>
<script>document.body.dataset.height = String(document.documentElement.scrollHeight)</script>
</body></html>`
}

/**
 * The summary file is Markdown that holds HTML: the action writes HTML lines, and the post step a
 * heading and a line of Markdown, which become HTML here the way GitHub renders them.
 */
function withMarkdown(summary: string): string {
  return summary
    .split('\n')
    .map(line => {
      if (line.trim() === '' || line.trimStart().startsWith('<')) return line
      const heading = /^(#{1,6}) (.*)$/.exec(line)
      const text = escapeHtml(heading ? (heading[2] as string) : line).replace(
        /`([^`]+)`/g,
        '<code>$1</code>'
      )
      return heading ? `<h${heading[1]?.length}>${text}</h${heading[1]?.length}>` : `<p>${text}</p>`
    })
    .join('\n')
}
