import { findCell, formatMs } from './stats.js'
import { CONTENDER_LABELS, SET_LABELS, type Cell, type ContenderId, type SetId } from './types.js'

export interface ChartOptions {
  sets: SetId[]
  scenarios: string[]
  contenders: ContenderId[]
  capMs: number
  title: string
}

export const CONTENDER_COLORS: Record<ContenderId, string> = {
  plain: '#8d8d8d',
  wrapper: '#e39a2d',
  action: '#2a9457',
  actionBuild: '#8cc56f',
  pipe: '#4f7fd9',
  action2: '#7a4fb8'
}

const BAR = 15
const BAR_GAP = 3
const GROUP_GAP = 26
const LEFT = 64
const RIGHT = 24
const PLOT_HEIGHT = 250
const PANEL_TOP = 34
const PANEL_BOTTOM = 46
const FLOOR_MS = 100

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/** Log-scale ticks from 0.1 s up to the cap: 1, 2 and 5 per decade. */
export function ticks(maxMs: number): number[] {
  const out: number[] = []
  for (let decade = FLOOR_MS; decade <= maxMs; decade *= 10) {
    for (const m of [1, 2, 5]) if (decade * m <= maxMs) out.push(decade * m)
  }
  return out
}

function seconds(ms: number): string {
  const s = ms / 1000
  return s < 10 ? s.toFixed(s < 1 ? 2 : 1) : String(Math.round(s))
}

/**
 * Grouped bars of the median time to a verified cache, one panel per module set, one group per scenario
 * run on it, one bar per contender, on a log scale. A contender that was not green in most runs gets a
 * hatched bar to the median time it gave up (or the cap) and a red cross.
 */
export function renderChart(cells: readonly Cell[], opts: ChartOptions): string {
  const sets = opts.sets.filter(set => cells.some(c => c.set === set))
  const scenariosOf = (set: SetId) =>
    opts.scenarios.filter(s => cells.some(c => c.set === set && c.scenario === s))
  const groupWidth = opts.contenders.length * (BAR + BAR_GAP) - BAR_GAP
  const groups = Math.max(1, ...sets.map(set => scenariosOf(set).length))
  const width = LEFT + groups * (groupWidth + GROUP_GAP) - GROUP_GAP + RIGHT + 10
  const legendHeight = 62
  const panelHeight = PANEL_TOP + PLOT_HEIGHT + PANEL_BOTTOM
  const height = legendHeight + sets.length * panelHeight + 10
  // Headroom above the cap for the labels of bars that hit it.
  const top = Math.max(opts.capMs * 1.6, FLOOR_MS * 10)
  const y = (ms: number) =>
    PLOT_HEIGHT * (1 - Math.log(Math.max(ms, FLOOR_MS) / FLOOR_MS) / Math.log(top / FLOOR_MS))

  const out: string[] = []
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="11">`,
    '<defs><pattern id="failed" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">' +
      '<rect width="6" height="6" fill="#fbe3e3"/><rect width="2.5" height="6" fill="#e07070"/></pattern></defs>',
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${LEFT}" y="20" font-size="15" font-weight="bold">${escapeXml(opts.title)}</text>`
  )

  let lx = LEFT
  for (const c of opts.contenders) {
    out.push(
      `<rect x="${lx}" y="32" width="12" height="12" fill="${CONTENDER_COLORS[c]}"/>`,
      `<text x="${lx + 16}" y="42">${escapeXml(CONTENDER_LABELS[c])}</text>`
    )
    lx += 28 + CONTENDER_LABELS[c].length * 5.6
  }
  out.push(
    `<rect x="${LEFT}" y="48" width="12" height="12" fill="url(#failed)" stroke="#b03030"/>`,
    `<text x="${LEFT + 16}" y="58">no verified cache in most runs: bar to the median time it gave up (or the ${seconds(opts.capMs)} s cap), ✗ on top; n/m = green runs when not all</text>`
  )

  sets.forEach((set, panel) => {
    const py = legendHeight + panel * panelHeight + PANEL_TOP
    out.push(`<g class="panel" data-set="${set}" transform="translate(0 ${py})">`)
    out.push(
      `<text x="${LEFT}" y="-12" font-size="13" font-weight="bold">${escapeXml(SET_LABELS[set])}: median time to a verified module cache (seconds, log scale)</text>`
    )
    for (const t of ticks(top)) {
      const ty = y(t).toFixed(1)
      out.push(
        `<line x1="${LEFT - 4}" x2="${width - RIGHT}" y1="${ty}" y2="${ty}" stroke="#e6e6e6"/>`,
        `<text x="${LEFT - 8}" y="${ty}" dy="3.5" text-anchor="end" fill="#555">${seconds(t)}</text>`
      )
    }
    const capY = y(opts.capMs).toFixed(1)
    out.push(
      `<line x1="${LEFT - 4}" x2="${width - RIGHT}" y1="${capY}" y2="${capY}" stroke="#b03030" stroke-dasharray="5 4"/>`,
      `<text x="${width - RIGHT}" y="${capY}" dy="-4" text-anchor="end" fill="#b03030">cap</text>`,
      `<line x1="${LEFT}" x2="${width - RIGHT}" y1="${PLOT_HEIGHT}" y2="${PLOT_HEIGHT}" stroke="#333"/>`
    )

    scenariosOf(set).forEach((scenario, g) => {
      const gx = LEFT + 6 + g * (groupWidth + GROUP_GAP)
      out.push(`<g class="scenario" data-scenario="${escapeXml(scenario)}">`)
      opts.contenders.forEach((contender, i) => {
        const cell = findCell(cells, set, scenario, contender)
        if (cell) out.push(bar(cell, gx + i * (BAR + BAR_GAP), y))
      })
      out.push(
        `<text x="${gx + groupWidth / 2}" y="${PLOT_HEIGHT + 16}" text-anchor="middle" font-size="10">${escapeXml(scenario)}</text>`,
        '</g>'
      )
    })
    out.push('</g>')
  })
  out.push('</svg>')
  return out.join('\n') + '\n'
}

function bar(cell: Cell, x: number, y: (ms: number) => number): string {
  const green = cell.medianMs !== null
  const value = green ? cell.medianMs! : (cell.redMs ?? 0)
  const top = y(value)
  const h = Math.max(1, PLOT_HEIGHT - top)
  const label = CONTENDER_LABELS[cell.contender]
  const tip = green
    ? `${label}, ${cell.scenario}: ${cell.green}/${cell.runs} green, median ${formatMs(value)}`
    : `${label}, ${cell.scenario}: ${cell.green}/${cell.runs} green; gave up after ${formatMs(value)} (median)`
  const cx = x + BAR / 2
  const parts = [
    `<g class="bar" data-contender="${cell.contender}"><title>${escapeXml(tip)}</title>`,
    green
      ? `<rect x="${x}" y="${top.toFixed(1)}" width="${BAR}" height="${h.toFixed(1)}" fill="${CONTENDER_COLORS[cell.contender]}"/>`
      : `<rect x="${x}" y="${top.toFixed(1)}" width="${BAR}" height="${h.toFixed(1)}" fill="url(#failed)" stroke="${CONTENDER_COLORS[cell.contender]}" stroke-width="1.5"/>`
  ]
  let ly = top - 4
  if (cell.green < cell.runs) {
    parts.push(
      `<text x="${cx}" y="${ly.toFixed(1)}" text-anchor="middle" font-size="9" fill="#b03030">${cell.green}/${cell.runs}</text>`
    )
    ly -= 11
  }
  parts.push(
    green
      ? `<text x="${cx}" y="${ly.toFixed(1)}" text-anchor="middle" font-size="9.5">${seconds(value)}</text>`
      : `<text class="failed" x="${cx}" y="${ly.toFixed(1)}" text-anchor="middle" font-size="13" font-weight="bold" fill="#c62828">✗</text>`
  )
  parts.push('</g>')
  return parts.join('')
}
