/**
 * Module zips hashed in worker threads: inflating thousands of entries is CPU work that would otherwise
 * stop the event loop, so that no socket is read and every clock looks like a silent mirror.
 */
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import {
  localZipHashing,
  UNZIP_OVER_LIMIT,
  ZIP_HASHING_SOURCE,
  type ZipDigest,
  type ZipMemory
} from './zip-hash.js'

export interface ZipPoolOptions {
  /** Worker threads at most; they start as work arrives. */
  threads?: number
  /** A thread with nothing to do for this long ends. */
  idleMs?: number
  /**
   * With a thread running, another starts only once zips have waited this long for one: starting one
   * (an isolate, the hashing code compiled, its buffers) costs more than a few small zips take.
   */
  growAfterMs?: number
  memory?: ZipMemory
}

interface Job {
  id: number
  file: string
  resolve: (digest: ZipDigest) => void
  reject: (error: Error) => void
}

interface Thread {
  worker: Worker
  job?: Job
  idle?: NodeJS.Timeout
  /** Its code loaded and running: until then, zips that wait are waiting for it to start. */
  online?: boolean
}

/** Most module zips are this small, and are hashed where they are asked for (see ZipPool.hash). */
export const HASH_HERE_ZIP_BYTES = 64 * 1024
export const HASH_HERE_UNZIPPED_BYTES = 1024 * 1024

/** About what starting a thread costs the process, in time: zips waiting less are left to the running ones. */
const GROW_AFTER_MS = 50

/** Heap limits of one thread: zips are read into buffers outside the heap, so the heap stays small. */
const RESOURCE_LIMITS = { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 4, stackSizeMb: 4 }

// Source text from a function: a transpiler that keeps function names wraps them in __name, so the
// thread has one that does nothing.
const WORKER_SOURCE = `
const __name = f => f
const { parentPort } = require('node:worker_threads')
const hashing = ${ZIP_HASHING_SOURCE}
parentPort.on('message', ({ id, file, memory }) => {
  hashing.hashZipFile(file, memory).then(
    digest => parentPort.postMessage({ id, digest }),
    error => parentPort.postMessage({ id, error: String((error && error.message) || error) })
  )
})
`

/** The worker threads that hash module zips, a zip per thread at a time; never keeps the process alive. */
export class ZipPool {
  private readonly threads: Thread[] = []
  private readonly queue: Job[] = []
  private readonly limit: number
  private readonly idleMs: number
  private readonly growAfterMs: number
  private growing: NodeJS.Timeout | undefined
  private readonly memory: ZipMemory | undefined
  private nextId = 1
  private closed = false
  /** Zips hashed in threads, and how many threads ran at most. */
  readonly stats = { zips: 0, peakThreads: 0 }

  constructor(opts: ZipPoolOptions = {}) {
    this.limit = Math.max(1, opts.threads ?? defaultThreads())
    this.idleMs = opts.idleMs ?? 2000
    this.growAfterMs = opts.growAfterMs ?? GROW_AFTER_MS
    this.memory = opts.memory
  }

  /** Threads running now. */
  get running(): number {
    return this.threads.length
  }

  /**
   * The h1 of a zip file; rejects with the reason when it cannot be read as a zip. A zip of `size` bytes
   * at most HASH_HERE_ZIP_BYTES is hashed on the calling thread, unless it unpacks to more than
   * HASH_HERE_UNZIPPED_BYTES (known before anything is inflated): handing it to a thread costs more.
   */
  async hash(file: string, size?: number): Promise<ZipDigest> {
    if (this.closed) return localZipHashing.hashZipFile(file, this.memory)
    if (size !== undefined && size <= HASH_HERE_ZIP_BYTES) {
      try {
        return await localZipHashing.hashZipFile(file, {
          ...this.memory,
          unzippedBytes: HASH_HERE_UNZIPPED_BYTES
        })
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== UNZIP_OVER_LIMIT) throw error
      }
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, file, resolve, reject })
      this.dispatch()
    })
  }

  /**
   * A zip of `size` bytes is on its way (its answer's headers are in): when it is one for a thread and
   * none runs, the first starts now, so that it is up by the time the body is. Starting one takes about as
   * long as a few MiB take to arrive. A thread that gets no zip ends once idle, like any other.
   */
  anticipate(size: number): void {
    if (this.closed || this.threads.length > 0 || !(size > HASH_HERE_ZIP_BYTES)) return
    this.rest(this.start())
  }

  /** Ends every thread; zips queued or under way are hashed on this thread instead. */
  async close(): Promise<void> {
    this.closed = true
    clearTimeout(this.growing)
    const threads = this.threads.splice(0)
    const pending = [...threads.flatMap(t => (t.job ? [t.job] : [])), ...this.queue.splice(0)]
    for (const t of threads) t.job = undefined
    await Promise.all(threads.map(t => this.end(t)))
    for (const job of pending)
      localZipHashing.hashZipFile(job.file, this.memory).then(job.resolve, job.reject)
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let thread = this.threads.find(t => !t.job)
      if (!thread) {
        if (this.threads.length > 0) return this.growLater()
        thread = this.start()
      }
      const job = this.queue.shift() as Job
      clearTimeout(thread.idle)
      thread.job = job
      // Held while it hashes, so that a caller awaiting nothing else is not cut short by the process ending.
      thread.worker.ref()
      thread.worker.postMessage({ id: job.id, file: job.file, memory: this.memory })
    }
  }

  /** Another thread, if zips are still waiting after growAfterMs for the threads that run. */
  private growLater(): void {
    if (this.growing !== undefined || this.threads.length >= this.limit) return
    // Counted from when the threads can work: one that is starting calls this again once it runs.
    if (this.threads.some(t => !t.online)) return
    this.growing = setTimeout(() => {
      this.growing = undefined
      if (this.closed || this.queue.length === 0 || this.threads.length >= this.limit) return
      this.start()
      this.dispatch()
    }, this.growAfterMs)
    // The busy threads hold the process open while zips wait.
    this.growing.unref()
  }

  private start(): Thread {
    const worker = new Worker(WORKER_SOURCE, { eval: true, resourceLimits: RESOURCE_LIMITS })
    const thread: Thread = { worker }
    worker.once('online', () => {
      thread.online = true
      if (this.queue.length > 0) this.growLater()
    })
    worker.on('message', (message: { id: number; digest?: ZipDigest; error?: string }) => {
      const job = thread.job
      if (!job || job.id !== message.id) return
      thread.job = undefined
      this.stats.zips++
      if (message.digest !== undefined) job.resolve(message.digest)
      else job.reject(new Error(message.error ?? 'unreadable'))
      this.rest(thread)
      this.dispatch()
    })
    // A thread that dies (out of its heap, say) fails its zip, not the process; the next zip gets a new one.
    const lost = (error: Error): void => {
      const index = this.threads.indexOf(thread)
      if (index >= 0) this.threads.splice(index, 1)
      clearTimeout(thread.idle)
      thread.job?.reject(new Error(`the hashing thread failed: ${error.message}`))
      thread.job = undefined
      this.dispatch()
    }
    worker.on('error', lost)
    worker.on('exit', code => {
      if (this.threads.includes(thread)) lost(new Error(`it exited with code ${code}`))
    })
    this.threads.push(thread)
    this.stats.peakThreads = Math.max(this.stats.peakThreads, this.threads.length)
    return thread
  }

  private rest(thread: Thread): void {
    thread.worker.unref()
    clearTimeout(thread.idle)
    thread.idle = setTimeout(() => {
      if (thread.job) return
      const index = this.threads.indexOf(thread)
      if (index >= 0) this.threads.splice(index, 1)
      void this.end(thread)
    }, this.idleMs)
    thread.idle.unref()
  }

  private async end(thread: Thread): Promise<void> {
    clearTimeout(thread.idle)
    await thread.worker.terminate().catch(() => undefined)
  }
}

/**
 * One thread per CPU, at most four: go waits for the zips it fetches to be hashed, so the hashing has
 * the CPUs to itself while it matters most; each thread holds its own buffers.
 */
function defaultThreads(): number {
  return Math.max(1, Math.min(4, availableParallelism()))
}

let shared: ZipPool | undefined

/** The process's one pool, made on first use. */
export function zipPool(): ZipPool {
  shared ??= new ZipPool()
  return shared
}
