// The whole-job benchmark's results, goals and page: restore, download, build, vet and save, as a user's job
// runs them, for setup-go's style of caching and for this action, over a miss, a hit and a go.sum change.
import { renderGoals } from '../download/markdown.js'
import { formatMs } from '../download/stats.js'
import type { GoalResult } from '../download/types.js'

export type JobContender = 'setup-go' | 'action'

export const JOB_CONTENDERS: JobContender[] = ['setup-go', 'action']

export const JOB_CONTENDER_LABELS: Record<JobContender, string> = {
  'setup-go': "setup-go's style",
  action: 'this action'
}

/** The three runs, in order, each on a fresh runner's directories. */
export type JobRunId = 'miss' | 'hit' | 'gosum'

export const JOB_RUNS: JobRunId[] = ['miss', 'hit', 'gosum']

export const JOB_RUN_LABELS: Record<JobRunId, string> = {
  miss: 'run 1: a miss (no entry yet)',
  hit: 'run 2: a hit (the same go.sum)',
  gosum: 'run 3: go.sum changed by one module'
}

/** One contender's whole job in one run. */
export interface JobRun {
  contender: JobContender
  run: JobRunId
  /** Restore + download + build + vet + save: for the action, main step + build + vet + post step. */
  totalMs: number
  /** setup-go's style: the one restore; the action: the module cache's restore and verification. */
  restoreMs: number
  /** The action: the build cache's restore, which runs beside the download. */
  buildCacheRestoreMs?: number
  /** `go mod download`; on the action's hit, go extracting the zips its module cache restored. */
  downloadMs: number
  /** The action's whole main step: node, go env, both restores, the download, the report. */
  mainStepMs?: number
  buildMs: number
  /** Packages `go build -v ./...` compiled. */
  compiled: number
  vetMs: number
  /** The vet's exit code: findings do not stop the job. */
  vetExit: number
  /** setup-go's style: the save (none on a hit); the action: the post step. */
  saveMs: number
  /** Entries the cache service found for this run's restore, by key. */
  restoredKeys: string[]
  /** Entries this run saved. */
  saved: Array<{ key: string; bytes: number }>
}

export interface JobBenchResult {
  set: string
  runs: JobRun[]
}

/** One contender's run of the three. */
export function findJobRun(
  runs: readonly JobRun[],
  contender: JobContender,
  run: JobRunId
): JobRun | undefined {
  return runs.find(r => r.contender === contender && r.run === run)
}

/** Bytes of every entry a contender saved over the three runs. */
export function savedBytes(runs: readonly JobRun[], contender: JobContender): number {
  return runs
    .filter(r => r.contender === contender)
    .flatMap(r => r.saved)
    .reduce((n, e) => n + e.bytes, 0)
}

export function mib(bytes: number): string {
  return `${(bytes / 1024 ** 2).toFixed(1)} MiB`
}

function ratioText(ratio: number): string {
  return `${ratio.toFixed(2)}×`
}

/** The three goals: on a hit no slower than setup-go's style, faster after a go.sum change, half the storage. */
export function evaluateJobGoals(runs: readonly JobRun[]): GoalResult[] {
  const pair = (run: JobRunId) => {
    const setupGo = findJobRun(runs, 'setup-go', run)
    const action = findJobRun(runs, 'action', run)
    return setupGo && action ? action.totalMs / setupGo.totalMs : undefined
  }
  const hit = pair('hit')
  const changed = pair('gosum')
  const hasAll = JOB_RUNS.every(run => JOB_CONTENDERS.every(c => findJobRun(runs, c, run)))
  const storage = hasAll ? savedBytes(runs, 'action') / savedBytes(runs, 'setup-go') : undefined
  return [
    {
      id: 'job-hit',
      title: 'whole job on a hit, against setup-go’s style',
      pass: hit === undefined ? null : hit <= 1.05,
      measured: hit === undefined ? 'not run' : ratioText(hit),
      target: '≤ 1.05×',
      shortfall: hit === undefined || hit <= 1.05 ? '' : `${((hit - 1.05) * 100).toFixed(1)} points`
    },
    {
      id: 'job-gosum',
      title: 'whole job after go.sum changed by one module, against setup-go’s style',
      pass: changed === undefined ? null : changed < 1,
      measured: changed === undefined ? 'not run' : ratioText(changed),
      target: '< 1×',
      shortfall: changed === undefined || changed < 1 ? '' : `${((changed - 1) * 100).toFixed(1)}% slower`
    },
    {
      id: 'job-storage',
      title: 'entries saved over the three runs, against setup-go’s style',
      pass: storage === undefined ? null : storage <= 0.5,
      measured:
        storage === undefined
          ? 'not run'
          : `${ratioText(storage)} (${mib(savedBytes(runs, 'action'))} against ${mib(savedBytes(runs, 'setup-go'))})`,
      target: '≤ 0.5×',
      shortfall: storage === undefined || storage <= 0.5 ? '' : `${((storage - 0.5) * 100).toFixed(1)} points`
    }
  ]
}

const line = (cols: string[]) => `| ${cols.join(' | ')} |`

/** A key with its hashes cut to their first 8 digits, so that a table stays readable. */
function shortKey(key: string): string {
  return `\`${key.replace(/[0-9a-f]{16,}/g, hash => `${hash.slice(0, 8)}…`)}\``
}

/** One table per run: a row per step, a column per contender and the ratio. */
export function renderRunTable(runs: readonly JobRun[], run: JobRunId): string {
  const s = findJobRun(runs, 'setup-go', run)
  const a = findJobRun(runs, 'action', run)
  const cell = (r: JobRun | undefined, text: (r: JobRun) => string) => (r ? text(r) : '–')
  const ratio = (value: (r: JobRun) => number) =>
    s && a && value(s) > 0 ? ratioText(value(a) / value(s)) : ''
  const rows: string[][] = [
    [
      '**whole job**',
      cell(s, r => `**${formatMs(r.totalMs)}**`),
      cell(a, r => `**${formatMs(r.totalMs)}**`),
      `**${ratio(r => r.totalMs)}**`
    ],
    [
      'restore',
      cell(s, r => formatMs(r.restoreMs)),
      cell(
        a,
        r =>
          `module cache ${formatMs(r.restoreMs)}` +
          (r.buildCacheRestoreMs !== undefined
            ? `; build cache ${formatMs(r.buildCacheRestoreMs)}, beside the download`
            : '')
      ),
      ''
    ],
    [
      '`go mod download` (the action on a hit: go extracting its zips)',
      cell(s, r => formatMs(r.downloadMs)),
      cell(a, r => formatMs(r.downloadMs)),
      ratio(r => r.downloadMs)
    ],
    ['the action’s whole main step, for reference', '–', cell(a, r => formatMs(r.mainStepMs ?? 0)), ''],
    [
      '`go build ./...` (packages compiled)',
      cell(s, r => `${formatMs(r.buildMs)} (${r.compiled})`),
      cell(a, r => `${formatMs(r.buildMs)} (${r.compiled})`),
      ratio(r => r.buildMs)
    ],
    [
      '`go vet ./...`',
      cell(s, r => formatMs(r.vetMs) + (r.vetExit !== 0 ? ` (exit ${r.vetExit})` : '')),
      cell(a, r => formatMs(r.vetMs) + (r.vetExit !== 0 ? ` (exit ${r.vetExit})` : '')),
      ratio(r => r.vetMs)
    ],
    [
      'save (the action: its post step)',
      cell(s, r => (r.saved.length === 0 && r.saveMs === 0 ? 'skipped (hit)' : formatMs(r.saveMs))),
      cell(a, r => formatMs(r.saveMs)),
      ''
    ],
    [
      'restored from',
      cell(s, r => r.restoredKeys.map(shortKey).join(', ') || 'nothing'),
      cell(a, r => r.restoredKeys.map(shortKey).join(', ') || 'nothing'),
      ''
    ],
    [
      'saved',
      cell(s, r => r.saved.map(e => `${shortKey(e.key)} ${mib(e.bytes)}`).join(', ') || 'nothing'),
      cell(a, r => r.saved.map(e => `${shortKey(e.key)} ${mib(e.bytes)}`).join(', ') || 'nothing'),
      ''
    ]
  ]
  const head = [
    JOB_RUN_LABELS[run],
    JOB_CONTENDER_LABELS['setup-go'],
    JOB_CONTENDER_LABELS.action,
    'action / setup-go'
  ]
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n')
}

export interface JobDocInput {
  generated: string
  command: string
  commit: string
  partial: boolean
  set: string
  setNote: string
  machine: Record<string, string>
  load: { start: number[]; end: number[] }
  durationMs: number
  runs: JobRun[]
}

export function renderJobDoc(doc: JobDocInput): string {
  const goals = evaluateJobGoals(doc.runs)
  const busy = Math.max(doc.load.start[0] ?? 0, doc.load.end[0] ?? 0) > Number(doc.machine.nproc ?? '1')
  return [
    '# Whole-job benchmark: this action against setup-go’s cache',
    '',
    '<!-- Generated by `npm run bench:job` (also part of `npm run bench`); edit scripts/bench/job/ instead. -->',
    '',
    'What a user’s job spends from the first restore to the last save, on one module graph, with the real',
    '`@actions/cache` against the cache service stand-in: restore, download, `go build ./...`, `go vet ./...`,',
    'save. Three runs in a row, each on a fresh runner’s directories (empty module cache and `GOCACHE`, at the',
    'same paths every run, as on a hosted runner): a miss, a hit, and one after go.sum changed by one module.',
    '',
    "- **setup-go's style**: one `@actions/cache` entry of `GOMODCACHE` and `GOCACHE` together, keyed as",
    '  setup-go keys it (OS, architecture, Go version, a hash of go.sum; no restore keys), restored first and',
    '  saved last unless the restore hit the key; plain `go mod download` in between.',
    '- **this action**: its bundled main step (module cache restore and verification, the download through its',
    '  relay, the build cache restore beside it), then the same build and vet, then its post step (both saves), on a',
    '  push to the default branch, every input at its default.',
    '',
    `Generated ${doc.generated} by \`${doc.command}\` at commit ${doc.commit}, on ${doc.set}. ${doc.setNote}`,
    '',
    ...(doc.partial
      ? ['> **Partial run**: not the real graph, so the goals are not judged on what they are set for.', '']
      : []),
    '## Goals',
    '',
    renderGoals(goals),
    '',
    '## Runs',
    '',
    ...JOB_RUNS.flatMap(run => [renderRunTable(doc.runs, run), '']),
    `Saved over the three runs: setup-go’s style ${mib(savedBytes(doc.runs, 'setup-go'))}, this action ${mib(savedBytes(doc.runs, 'action'))}.`,
    '',
    '## Setup',
    '',
    ...Object.entries(doc.machine).map(([k, v]) => `- ${k}: ${v}`),
    `- Load average at the start and the end: ${doc.load.start.map(n => n.toFixed(2)).join(', ')} and ${doc.load.end
      .map(n => n.toFixed(2))
      .join(
        ', '
      )}.${busy ? ' **The machine was busy with other work: absolute times are inflated; compare within a run.**' : ''}`,
    `- The whole benchmark took ${formatMs(doc.durationMs)}.`,
    '- setup-go’s style calls the library in the benchmark’s own process; the action runs as the runner runs it,',
    '  two node processes (main and post) with their start-up in its times.',
    ''
  ].join('\n')
}
