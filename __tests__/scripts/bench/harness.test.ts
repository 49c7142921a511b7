import { existsSync } from 'node:fs'
import { chmod, mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { commandLine, median, positiveInteger, RunsFolder } from '../../../scripts/bench/harness.js'

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2)
    expect(median([4, 1, 3, 2])).toBe(2.5)
  })

  it('lets failures (Infinity) win once they are half the runs', () => {
    expect(median([1, Infinity, 2])).toBe(2)
    expect(median([1, Infinity, Infinity])).toBe(Infinity)
    expect(median([1, Infinity])).toBe(Infinity)
  })

  it('is NaN for no runs', () => {
    expect(median([])).toBeNaN()
  })
})

describe('commandLine', () => {
  const options = { quick: { type: 'boolean' }, reps: { type: 'string' } } as const

  it('reads flags and values, in both spellings of a value', () => {
    expect(commandLine(['--quick', '--reps', '2'], options, '').values).toEqual({ quick: true, reps: '2' })
    expect(commandLine(['--reps=3'], options, '').values).toEqual({ reps: '3' })
  })

  it('refuses an unknown option, a missing value and a stray argument, listing the options', () => {
    expect(() => commandLine(['--sizes', '1'], options, '--quick, --reps N')).toThrow(
      /Unknown option '--sizes'.*; options: --quick, --reps N$/
    )
    expect(() => commandLine(['--reps'], options, '--quick, --reps N')).toThrow(/--reps.*options: --quick/)
    expect(() => commandLine(['file'], options, '--quick')).toThrow(/file.*options: --quick/)
  })

  it('takes positional arguments when asked to', () => {
    const parsed = commandLine(['a.cpuprofile', '--reps', '4', 'b.cpuprofile'], options, '', {
      positionals: true
    })
    expect(parsed.positionals).toEqual(['a.cpuprofile', 'b.cpuprofile'])
    expect(parsed.values.reps).toBe('4')
  })
})

describe('positiveInteger', () => {
  it('takes 1 and up, and names the option otherwise', () => {
    expect(positiveInteger('3', '--seeds')).toBe(3)
    for (const text of ['0', '-1', '1.5', 'x', '']) {
      expect(() => positiveInteger(text, '--seeds')).toThrow(`--seeds takes a positive integer, not ${text}`)
    }
  })
})

describe('RunsFolder', () => {
  it('makes a folder per run, and removes a finished one, read-only module folders and all', async () => {
    const runs = await RunsFolder.open('gmd-test-runs-')
    try {
      const first = await runs.make()
      const second = await runs.make()
      expect(path.dirname(first)).toBe(runs.dir)
      expect(second).not.toBe(first)
      const module = path.join(first, 'gomodcache', 'example.test', 'm@v1.0.0')
      await mkdir(module, { recursive: true })
      await writeFile(path.join(module, 'go.mod'), 'module example.test/m\n')
      await chmod(module, 0o555)
      await runs.done(first)
      expect(existsSync(first)).toBe(false)
      // A run still going is left alone.
      expect(existsSync(second)).toBe(true)
      expect(runs.placement).toMatch(/^in .+, (each run in a block group ext4 picks|placed as|as )/)
    } finally {
      await runs.close()
    }
    expect(existsSync(runs.dir)).toBe(false)
  })
})
