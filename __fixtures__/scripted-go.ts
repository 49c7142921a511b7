import type { GoProcess, GoRunner } from '../src/go/command.js'

/** What one scripted `go mod download` does: print stderr lines, then exit (or hang until killed). */
export interface ScriptedRun {
  stderr?: string[]
  stdout?: string
  exitCode?: number
  hang?: boolean
}

/**
 * A GoRunner that plays scripted runs, chosen by the GOPROXY each attempt sets, in order. It records
 * every call so tests can see which mirrors were asked, and in what order.
 */
export function scriptedGo(
  script: Record<string, ScriptedRun[]>
): GoRunner & { calls: string[]; killed: number } {
  const calls: string[] = []
  const runner = {
    calls,
    killed: 0,
    download({ env, onStderrLine }: Parameters<GoRunner['download']>[0]): GoProcess {
      const proxy = env.GOPROXY ?? ''
      calls.push(proxy)
      const queue = script[proxy]
      const run = (queue && queue.length > 1 ? queue.shift() : queue?.[0]) ?? {
        exitCode: 1,
        stderr: ['go: no script']
      }
      let release: (code: number | null) => void = () => undefined
      const done = new Promise<{ exitCode: number | null; stdout: string }>(resolve => {
        release = code => resolve({ exitCode: code, stdout: code === null ? '' : (run.stdout ?? '') })
      })
      setImmediate(() => {
        for (const line of run.stderr ?? []) onStderrLine(line)
        if (!run.hang) release(run.exitCode ?? 0)
      })
      return {
        done,
        kill: () => {
          runner.killed++
          release(null)
        }
      }
    }
  }
  return runner
}

/** The JSON go prints for one module. */
export function moduleJson(path: string, version: string, error?: string): string {
  return (
    JSON.stringify({ Path: path, Version: version, ...(error ? { Error: error } : {}) }, null, '\t') + '\n'
  )
}
