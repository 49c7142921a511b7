import { existsSync, readFileSync, writeFileSync, rmSync } from 'node:fs'
import path from 'node:path'

/** Files the user owns that a download must never change (go mod download with arguments writes go.sum). */
const OWNED = ['go.mod', 'go.sum', 'go.work', 'go.work.sum', path.join('vendor', 'modules.txt')]

export interface UserFiles {
  /** Puts back every owned file that changed (removes one go created); says which, and whether it was new. */
  restoreIfChanged(): { file: string; created: boolean }[]
}

export function snapshotUserFiles(dir: string): UserFiles {
  const before = new Map(OWNED.map(name => [path.join(dir, name), read(path.join(dir, name))]))
  return {
    restoreIfChanged() {
      const restored: { file: string; created: boolean }[] = []
      for (const [file, content] of before) {
        const now = read(file)
        if (content === undefined ? now === undefined : now !== undefined && content.equals(now)) continue
        if (content === undefined) rmSync(file, { force: true })
        else writeFileSync(file, content)
        restored.push({ file, created: content === undefined })
      }
      return restored
    }
  }
}

/** Whether go.mod in `dir` requires modules while no go.sum beside it records their hashes. */
export function lacksGoSum(dir: string): boolean {
  const goMod = read(path.join(dir, 'go.mod'))
  return (
    goMod !== undefined &&
    /^\s*require\b/m.test(goMod.toString('utf8')) &&
    !existsSync(path.join(dir, 'go.sum'))
  )
}

function read(file: string): Buffer | undefined {
  return existsSync(file) ? readFileSync(file) : undefined
}
