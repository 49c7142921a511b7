// Prints, after the run, each project's time and its five slowest test files, then the plain tally line CI
// reads: "jest: N passed, N failed, N skipped".
const path = require('node:path')

const SLOWEST = 5

function seconds(ms) {
  return ms < 60_000
    ? `${(ms / 1000).toFixed(1)} s`
    : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`
}

/**
 * Per project (its displayName), in the order the projects first appear: how many files ran, the wall time
 * from its first file's start to its last file's end, the files' summed time, and the slowest files.
 */
function projectLines(testResults, rootDir) {
  const projects = new Map()
  for (const result of testResults) {
    const name = result.displayName?.name ?? 'tests'
    if (!projects.has(name)) projects.set(name, [])
    projects.get(name).push(result)
  }
  const lines = []
  for (const [name, results] of projects) {
    const timed = results.filter(r => r.perfStats && r.perfStats.end > 0)
    const wall =
      timed.length > 0
        ? Math.max(...timed.map(r => r.perfStats.end)) - Math.min(...timed.map(r => r.perfStats.start))
        : 0
    const summed = timed.reduce((sum, r) => sum + r.perfStats.runtime, 0)
    const files = results.length === 1 ? 'file' : 'files'
    lines.push(
      `${name}: ${results.length} ${files} in ${seconds(wall)}, ${seconds(summed)} summed over the files; slowest:`
    )
    const slowest = [...timed].sort((a, b) => b.perfStats.runtime - a.perfStats.runtime).slice(0, SLOWEST)
    for (const r of slowest) {
      lines.push(`  ${seconds(r.perfStats.runtime).padStart(12)}  ${path.relative(rootDir, r.testFilePath)}`)
    }
  }
  return lines
}

function tallyLine(results) {
  const skipped = results.numPendingTests + results.numTodoTests
  return `jest: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped`
}

class TallyReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir
  }

  onRunComplete(_contexts, results) {
    const lines = [...projectLines(results.testResults, this.rootDir), tallyLine(results)]
    process.stdout.write(`\n${lines.join('\n')}\n`)
  }
}

module.exports = TallyReporter
module.exports.projectLines = projectLines
module.exports.tallyLine = tallyLine
