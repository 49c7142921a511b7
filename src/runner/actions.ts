import * as core from '@actions/core'
import type { JobSummary, Runner } from './port.js'
import { MAIN_STATE_KEY, parseMainState, serializeMainState } from './state.js'

/** The runner as @actions/core reaches it: inputs, workflow commands, file commands and the summary. */
export function actionsRunner(): Runner {
  const summary: JobSummary = {
    addHeading: (text, level) => void core.summary.addHeading(text, level),
    addRaw: (text, addEOL) => void core.summary.addRaw(text, addEOL),
    addList: (items, ordered) => void core.summary.addList(items, ordered),
    addDetails: (label, content) => void core.summary.addDetails(label, content),
    async write() {
      // Outside a runner (a local run) there is no summary file to write to.
      if (!process.env.GITHUB_STEP_SUMMARY) return
      await core.summary.write()
    }
  }
  return {
    input: name => core.getInput(name),
    debug: message => core.debug(message),
    info: message => core.info(message),
    warning: (message, where) => core.warning(message, where),
    error: (message, where) => core.error(message, where),
    notice: (message, where) => core.notice(message, where),
    group: (title, work) => core.group(title, work),
    startGroup: title => core.startGroup(title),
    endGroup: () => core.endGroup(),
    setOutput: (name, value) => core.setOutput(name, value),
    exportVariable: (name, value) => core.exportVariable(name, value),
    addPath: dir => core.addPath(dir),
    setSecret: value => core.setSecret(value),
    setFailed: message => core.setFailed(message),
    saveMainState: state => core.saveState(MAIN_STATE_KEY, serializeMainState(state)),
    mainState: () => parseMainState(core.getState(MAIN_STATE_KEY)),
    summary
  }
}
