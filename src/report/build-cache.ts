/** A number of build cache entries (cached executables included) and their bytes. */
export interface EntryCount {
  entries: number
  bytes: number
}

/** What happened to the build cache over the job, as the post step found it. */
export interface BuildCacheReport {
  key: string
  /** The key of the entry restored, '' when nothing was. */
  matchedKey: string
  /** Why the job left the build cache alone; nothing else is set then. */
  skipped?: string
  restored: EntryCount
  restoreMs?: number
  /** Restored entries the job's go commands used. */
  used: EntryCount
  /** Entries the job's go commands wrote. */
  added: EntryCount
  /** What the saved entry holds, when one was saved. */
  saved?: EntryCount & { executables: number; archiveBytes?: number; saveMs: number }
  /** Why nothing was saved, in a sentence. */
  notSaved?: string
}
