/** What go env says about the builds of later steps: the Go they run, where they cache, what changes their outputs. */
import { firstLine, type CommandRunner } from './command.js'

/** Settings that change what a build writes into GOCACHE, as go env prints them. */
export const OUTPUT_SETTINGS = [
  'GOOS',
  'GOARCH',
  'GOFLAGS',
  'CGO_ENABLED',
  'GOEXPERIMENT',
  'GO386',
  'GOAMD64',
  'GOARM',
  'GOARM64',
  'GOMIPS',
  'GOMIPS64',
  'GOPPC64',
  'GORISCV64',
  'GOWASM'
] as const

export interface BuildEnv {
  /** The Go later steps run: after the toolchain switch go.mod asks for, when it asks for one. */
  goVersion: string
  /** Absolute GOCACHE, or `off`. */
  gocache: string
  gocacheprog: string
  /** OUTPUT_SETTINGS by name, '' for those this go does not know. */
  settings: Record<string, string>
}

const SWITCH = /^go: downloading (go\S+) \(/m

/**
 * Reads go env in `dir` as later steps' go sees it, toolchain switch included, without any download: with
 * GOPROXY=off a go that must switch to a toolchain it does not have names it and stops, and the settings
 * then come from the local go (GOTOOLCHAIN=local). Throws when go env fails otherwise.
 */
export async function readBuildEnv(
  run: CommandRunner,
  goBin: string,
  dir: string,
  env: NodeJS.ProcessEnv
): Promise<BuildEnv> {
  const args = ['env', '-json', 'GOVERSION', 'GOCACHE', 'GOCACHEPROG', ...OUTPUT_SETTINGS]
  const offline = { ...env, GOPROXY: 'off' }
  let result = await run(goBin, args, { cwd: dir, env: offline, timeoutMs: 60_000 })
  let switchedTo: string | undefined
  if (result.code !== 0) {
    switchedTo = SWITCH.exec(result.stderr)?.[1]
    if (switchedTo === undefined) {
      throw new Error(`go env failed in ${dir}: ${firstLine(result.stderr) || `exit ${result.code}`}`)
    }
    result = await run(goBin, args, {
      cwd: dir,
      env: { ...offline, GOTOOLCHAIN: 'local' },
      timeoutMs: 60_000
    })
    if (result.code !== 0) {
      throw new Error(`go env failed in ${dir}: ${firstLine(result.stderr) || `exit ${result.code}`}`)
    }
  }
  const values = JSON.parse(result.stdout) as Record<string, string | undefined>
  return {
    goVersion: switchedTo ?? values.GOVERSION ?? '',
    gocache: values.GOCACHE ?? '',
    gocacheprog: values.GOCACHEPROG ?? '',
    settings: Object.fromEntries(OUTPUT_SETTINGS.map(name => [name, values[name] ?? '']))
  }
}
