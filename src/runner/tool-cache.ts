import * as tc from '@actions/tool-cache'
import type { ToolCache } from '../toolchain/install.js'

/** The runner's tool cache under RUNNER_TOOL_CACHE, where actions/setup-go keeps Go too. */
export const actionsToolCache: ToolCache = {
  find: (version, arch) => (process.env.RUNNER_TOOL_CACHE ? tc.find('go', version, arch) : ''),
  extract: (archive, dest) =>
    archive.endsWith('.zip') ? tc.extractZip(archive, dest) : tc.extractTar(archive, dest),
  // Outside a runner there is no tool cache: the extracted tree is used where it is.
  save: async (goRoot, version, arch) =>
    process.env.RUNNER_TOOL_CACHE ? tc.cacheDir(goRoot, 'go', version, arch) : goRoot
}
