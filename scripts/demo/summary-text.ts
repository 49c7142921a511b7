// The job summary's HTML as text for a terminal: headings, paragraphs, lists, aligned tables (a row per
// block when they are too wide), and folded sections opened with a mark saying GitHub folds them.
// `npm run demo` and `npm run try` print summaries with it.

interface Element {
  tag: string
  children: Node[]
}
type Node = Element | string

const VOID = new Set(['br', 'hr', 'img'])
const BLOCKS = new Set(['h1', 'h2', 'h3', 'h4', 'p', 'ul', 'ol', 'table', 'details', 'pre', 'div'])

/** The summary as text lines no wider than `width` where the content allows. */
export function summaryText(html: string, width = 120): string {
  const lines = renderBlocks(parse(html).children, width)
  return lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

function parse(html: string): Element {
  const root: Element = { tag: 'root', children: [] }
  const stack: Element[] = [root]
  const top = (): Element => stack[stack.length - 1] as Element
  const pattern = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(\/?)>|([^<]+)|(<)/g
  for (const match of html.matchAll(pattern)) {
    const [, closing, name, selfClosing, text, stray] = match
    if (text !== undefined || stray !== undefined) {
      top().children.push(decode(text ?? '<'))
      continue
    }
    const tag = (name as string).toLowerCase()
    if (closing) {
      const at = stack.map(e => e.tag).lastIndexOf(tag)
      if (at > 0) stack.length = at
    } else {
      const element: Element = { tag, children: [] }
      top().children.push(element)
      if (!VOID.has(tag) && !selfClosing) stack.push(element)
    }
  }
  return root
}

function decode(text: string): string {
  return text
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&')
}

/** Block content: text outside elements is Markdown the post step writes, kept line by line. */
function renderBlocks(nodes: Node[], width: number): string[] {
  const out: string[] = []
  let inline: Node[] = []
  const flush = (): void => {
    const text = inlineText(inline).trim()
    if (text !== '') out.push(...text.split('\n').map(markdownLine))
    inline = []
  }
  for (const node of nodes) {
    if (typeof node !== 'string' && BLOCKS.has(node.tag)) {
      flush()
      out.push(...renderBlock(node, width))
    } else inline.push(node)
  }
  flush()
  return out
}

function markdownLine(line: string): string {
  const heading = /^(#{1,6}) (.*)$/.exec(line.trim())
  return heading ? `\n${heading[1]} ${heading[2]}\n` : line.replace(/`([^`]+)`/g, '$1')
}

function renderBlock(element: Element, width: number): string[] {
  switch (element.tag) {
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
      return ['', `${'#'.repeat(Number(element.tag[1]))} ${inlineText(element.children).trim()}`, '']
    case 'p':
    case 'div':
    case 'pre':
      return [...inlineText(element.children).trim().split('\n'), '']
    case 'ul':
    case 'ol':
      return [
        ...element.children
          .filter((c): c is Element => typeof c !== 'string' && c.tag === 'li')
          .flatMap(li => {
            const [first = '', ...rest] = inlineText(li.children).trim().split('\n')
            return [`  • ${first}`, ...rest.map(line => `    ${line}`)]
          }),
        ''
      ]
    case 'table':
      return [...renderTable(element, width), '']
    case 'details': {
      const label = element.children.find((c): c is Element => typeof c !== 'string' && c.tag === 'summary')
      const body = element.children.filter(c => c !== label)
      const title = label ? inlineText(label.children).trim() : ''
      return [
        `▸ ${title} (folded on GitHub)`,
        ...renderBlocks(body, width - 2).map(l => (l ? `  ${l}` : l)),
        ''
      ]
    }
    default:
      return renderBlocks(element.children, width)
  }
}

/** Inline content as text: a line break is a newline, a folded message shows its one-line summary. */
function inlineText(nodes: Node[]): string {
  return nodes
    .map(node => {
      if (typeof node === 'string') return node.replace(/[^\S\n]+/g, ' ')
      if (node.tag === 'br') return '\n'
      if (node.tag === 'details') {
        const label = node.children.find((c): c is Element => typeof c !== 'string' && c.tag === 'summary')
        return label ? inlineText(label.children) : ''
      }
      if (node.tag === 'sub') return ` (${inlineText(node.children).trim()})`
      return inlineText(node.children)
    })
    .join('')
}

/** One cell on one line: the lines of a cell joined, a note in brackets kept next to its value. */
function cellText(cell: Element): string {
  return inlineText(cell.children)
    .split('\n')
    .map(part => part.trim())
    .filter(part => part !== '')
    .join(', ')
    .replace(/, \(/g, ' (')
}

function renderTable(table: Element, width: number): string[] {
  const rows = collect(table, 'tr').map(tr =>
    tr.children
      .filter((c): c is Element => typeof c !== 'string' && (c.tag === 'td' || c.tag === 'th'))
      .map(cellText)
  )
  const [header, ...body] = rows
  if (!header) return []
  const columns = header.length
  const widths = header.map((_, i) => Math.max(...rows.map(r => (r[i] ?? '').length)))
  const total = widths.reduce((sum, w) => sum + w, 0) + 3 * (columns - 1)
  if (total <= width) {
    const line = (cells: string[]) =>
      cells
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join(' │ ')
        .trimEnd()
    return [line(header), widths.map(w => '─'.repeat(w)).join('─┼─'), ...body.map(line)]
  }
  // Too wide for a table: each row as a block, one `column: value` line each, empty values left out.
  return body.flatMap((row, r) => [
    ...(r > 0 ? [''] : []),
    ...row.flatMap((cell, i) =>
      cell === '' || cell === '—' ? [] : [`${i === 0 ? '▪' : ' '} ${header[i]}: ${cell}`]
    )
  ])
}

function collect(element: Element, tag: string): Element[] {
  return element.children.flatMap(child =>
    typeof child === 'string' ? [] : child.tag === tag ? [child] : collect(child, tag)
  )
}
