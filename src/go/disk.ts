/**
 * How the relay creates files and folders on the runner's disk. Creating one is the file system call
 * whose cost varies most between disks: about 15 µs on tmpfs, hundreds of µs of kernel time on some
 * virtual disks, where links, renames and removals stay cheap. Made synchronously, thousands of slow
 * creations would hold up the event loop for seconds; made on libuv's threads, each costs three
 * hand-offs, which on a fast disk is more than the creation. So creations are synchronous while they
 * are cheap, and move to libuv's threads for good once a run of them shows they are not.
 */
import { randomBytes } from 'node:crypto'
import { mkdir, mkdirSync, writeFile, writeFileSync } from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'

/** Creations timed before the disk is judged, and again after each judgement that it is fast. */
const WINDOW = 32
/**
 * A creation slower than this is a slow one; when most of a window are, creations move to libuv's
 * threads. Most, not the mean: a thread descheduled once on a busy runner is not a slow disk.
 */
const SLOW_MS = 0.1

export class Creator {
  private slowOnes = 0
  private timed = 0
  private slow = false

  constructor(private readonly opts: { now?: () => number; window?: number; slowMs?: number } = {}) {}

  /** Whether creations are made on libuv's threads now. */
  get offThread(): boolean {
    return this.slow
  }

  /** Creates `file` with `data` (`wx`: only where there is none, failing with EEXIST otherwise). */
  file(file: string, data: string | Uint8Array, flag: 'w' | 'wx' = 'w'): Promise<void> {
    if (this.slow) {
      return new Promise((resolve, reject) => {
        writeFile(file, data, { flag }, error => (error ? reject(error) : resolve()))
      })
    }
    return this.timedCall(() => writeFileSync(file, data, { flag }))
  }

  /** Creates a folder and its parents. */
  folder(dir: string): Promise<void> {
    if (this.slow) {
      return new Promise((resolve, reject) => {
        mkdir(dir, { recursive: true }, error => (error ? reject(error) : resolve()))
      })
    }
    return this.timedCall(() => void mkdirSync(dir, { recursive: true }))
  }

  private timedCall(call: () => void): Promise<void> {
    const now = this.opts.now ?? (() => performance.now())
    const started = now()
    try {
      call()
    } catch (error) {
      return Promise.reject(error)
    }
    if (now() - started > (this.opts.slowMs ?? SLOW_MS)) this.slowOnes++
    if (++this.timed >= (this.opts.window ?? WINDOW)) {
      this.slow = this.slowOnes > this.timed / 2
      this.slowOnes = 0
      this.timed = 0
    }
    return Promise.resolve()
  }
}

let shared: Creator | undefined

/** The process's one creator: every writer of the relay creates on the same disk. */
export function creator(): Creator {
  shared ??= new Creator()
  return shared
}

/**
 * The subfolders a scratch folder spreads its files over: the kernel creates the files of one folder
 * one at a time, which matters once creations run on several threads.
 */
const SCRATCH_SHARDS = '0123456789abcdef'

/** A scratch folder, with the subfolders `scratchName` picks from. */
export async function makeScratch(dir: string): Promise<void> {
  await creator().folder(dir)
  await Promise.all([...SCRATCH_SHARDS].map(shard => creator().folder(path.join(dir, shard))))
}

/**
 * A fresh file name in a folder made by `makeScratch`: a count kept by the process after a random
 * prefix drawn once, so that no two processes name a file alike, without a random draw per file.
 */
export function scratchName(dir: string): string {
  const n = scratchFiles++
  scratchPrefix ??= randomBytes(6).toString('hex')
  const shard = SCRATCH_SHARDS[n % SCRATCH_SHARDS.length] as string
  return `${dir}${path.sep}${shard}${path.sep}${scratchPrefix}-${n.toString(36)}`
}

let scratchFiles = 0
let scratchPrefix: string | undefined

/** Runs `work` over `items`, `limit` at a time: file work that libuv's threads can overlap. */
export async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>
): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T)
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}
