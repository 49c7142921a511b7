/** What a cache entry keeps of the module cache: only what the go.sum files name. */
import type { ModuleSums } from '../go/gosum.js'
import { versionFile } from './snapshot.js'

/**
 * The files of one `@v` directory an entry keeps: .mod and .info of every version go.sum lists, zip and
 * .ziphash of those it has a zip hash for (so a restore can verify them), and `list` when anything is kept.
 */
export function keptFiles(
  names: readonly string[],
  modulePath: string,
  sums: ReadonlyMap<string, ModuleSums>
): string[] {
  const kept = names.filter(name => {
    const file = versionFile(name)
    const recorded = file ? sums.get(`${modulePath}@${file.version}`) : undefined
    if (!file || !recorded) return false
    if (file.ext === 'zip' || file.ext === 'ziphash') return recorded.zip !== undefined
    return file.ext === 'mod' || file.ext === 'info'
  })
  return kept.length > 0 && names.includes('list') ? [...kept, 'list'] : kept
}
