import { afterAll, describe, expect, it } from '@jest/globals'
import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import {
  killCommand,
  moduleOfMessage,
  parseDownloadJson,
  parseGetLine,
  realGoRunner,
  stderrErrors
} from '../../src/go/command.js'

describe('parseDownloadJson', () => {
  it('splits the concatenated objects go prints, braces inside strings included', () => {
    const stdout =
      '{\n\t"Path": "example.test/a",\n\t"Version": "v1.0.0",\n\t"Error": "x {y} \\"z\\""\n}\n' +
      '{\n\t"Path": "example.test/b",\n\t"Version": "v1.2.0",\n\t"Zip": "/m/b.zip"\n}\n'
    expect(parseDownloadJson(stdout)).toEqual([
      { Path: 'example.test/a', Version: 'v1.0.0', Error: 'x {y} "z"' },
      { Path: 'example.test/b', Version: 'v1.2.0', Zip: '/m/b.zip' }
    ])
  })

  it('drops an object torn by a killed process', () => {
    expect(parseDownloadJson('{"Path": "a", "Version": "v1"}\n{"Path": "b", "Ver')).toHaveLength(1)
  })
})

describe('parseGetLine', () => {
  it('reads request starts, statuses with timings, and transport errors', () => {
    expect(parseGetLine('# get https://p.example/m/@v/list')).toEqual({
      kind: 'start',
      url: 'https://p.example/m/@v/list'
    })
    expect(parseGetLine('# get https://p.example/m/@v/v1.0.0.zip: 200 OK (0.012s)')).toEqual({
      kind: 'status',
      url: 'https://p.example/m/@v/v1.0.0.zip',
      status: 200,
      ms: 12
    })
    expect(
      parseGetLine('# get http://127.0.0.1:9/m/@v/v1.info: 503 Service Unavailable (1.500s)')
    ).toMatchObject({
      status: 503,
      ms: 1500
    })
    expect(
      parseGetLine('# get http://127.0.0.1:9/m/@v/v1.info: dial tcp 127.0.0.1:9: connect: connection refused')
    ).toEqual({
      kind: 'error',
      url: 'http://127.0.0.1:9/m/@v/v1.info',
      error: 'dial tcp 127.0.0.1:9: connect: connection refused'
    })
    expect(parseGetLine('go: downloading x')).toBeUndefined()
  })
})

describe('stderrErrors', () => {
  it('collects go: messages with their continuation lines and skips the -x trace', () => {
    const lines = [
      '# get http://p/m/@v/v1.0.0.zip',
      '# get http://p/m/@v/v1.0.0.zip: 200 OK (0.001s)',
      'go: verifying example.test/m@v1.0.0: checksum mismatch',
      '\tdownloaded: h1:AAA=',
      '\tgo.sum:     h1:BBB=',
      '',
      'SECURITY ERROR',
      'This download does NOT match an earlier download recorded in go.sum.',
      '# get http://p/n/@v/v1.0.0.mod',
      'go: example.test/n@v1.0.0: reading http://p/n/@v/v1.0.0.mod: 502 Bad Gateway'
    ]
    const errors = stderrErrors(lines)
    expect(errors).toHaveLength(2)
    expect(errors[0]).toMatch(/^verifying example\.test\/m@v1\.0\.0: checksum mismatch\n\tdownloaded/)
    expect(errors[0]).toContain('SECURITY ERROR')
    expect(errors[1]).toBe('example.test/n@v1.0.0: reading http://p/n/@v/v1.0.0.mod: 502 Bad Gateway')
  })
})

describe('moduleOfMessage', () => {
  it.each([
    ['example.test/m@v1.0.0: reading x: 404 Not Found', 'example.test/m', 'v1.0.0'],
    ['verifying example.test/m@v1.2.3: checksum mismatch', 'example.test/m', 'v1.2.3'],
    ['verifying example.test/m@v1.2.3/go.mod: checksum mismatch', 'example.test/m', 'v1.2.3'],
    [
      'github.com/Azure/x@v0.0.0-20240101000000-abcdef123456: invalid version',
      'github.com/Azure/x',
      'v0.0.0-20240101000000-abcdef123456'
    ]
  ])('finds the module in %j', (message, module, version) => {
    expect(moduleOfMessage(message)).toEqual({ module, version })
  })

  it('returns undefined when no module is named', () => {
    expect(moduleOfMessage('zip: not a valid zip file')).toBeUndefined()
  })
})

describe('killCommand', () => {
  it('ends a whole tree with taskkill on Windows', () => {
    expect(killCommand(42, 'win32')).toEqual({ file: 'taskkill', args: ['/pid', '42', '/T', '/F'] })
  })
})

/** Whether a process is still running (a zombie waiting to be reaped is not). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  try {
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))
  } catch {
    return process.platform !== 'linux'
  }
}

const fakeGoDirs: string[] = []
afterAll(() => {
  for (const dir of fakeGoDirs) rmSync(dir, { recursive: true, force: true })
})

/** An executable stand-in for go: a node script, in a directory removed after the file's tests. */
function fakeGoBinary(script: string): { dir: string; bin: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'fake-go-'))
  fakeGoDirs.push(dir)
  const bin = path.join(dir, 'go')
  writeFileSync(bin, `#!${process.execPath}\n${script}`)
  chmodSync(bin, 0o755)
  return { dir, bin }
}

describe('realGoRunner', () => {
  const unix = process.platform === 'win32' ? it.skip : it

  unix("hands over go's stderr line by line, whatever the chunks and line endings", async () => {
    const { dir, bin } = fakeGoBinary(
      "process.stderr.write('# get a\\r\\n# get b')\n" +
        'process.stderr.write(Buffer.from([0xc3]))\n' +
        "setTimeout(() => { process.stderr.write(Buffer.from([0xa9, 0x0a])); process.stderr.write('last'); process.stdout.write('{}') }, 20)\n"
    )
    const lines: string[] = []
    const go = realGoRunner(bin).download({
      cwd: dir,
      env: process.env,
      onStderrLine: line => lines.push(line)
    })
    expect(await go.done).toEqual({ exitCode: 0, stdout: '{}' })
    expect(lines).toEqual(['# get a', '# get bé', 'last'])
  })

  unix('stops the whole process group, the processes go started included', async () => {
    // Stands in for go running git: a child that outlives a kill of its parent alone.
    const { dir, bin } = fakeGoBinary(
      "const { spawn } = require('node:child_process')\n" +
        "const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' })\n" +
        'process.stderr.write(`child ${child.pid}\\n`)\n' +
        'setInterval(() => {}, 1000)\n'
    )
    let reportPid: (pid: number) => void = () => undefined
    const childPid = new Promise<number>(resolve => (reportPid = resolve))
    const go = realGoRunner(bin).download({
      cwd: dir,
      env: process.env,
      onStderrLine: line => {
        const match = /^child (\d+)$/.exec(line)
        if (match) reportPid(Number(match[1]))
      }
    })
    const pid = await childPid
    expect(running(pid)).toBe(true)
    go.kill()
    expect((await go.done).exitCode).toBeNull()
    for (let waited = 0; running(pid) && waited < 5000; waited += 50) {
      await new Promise(resolve => setTimeout(resolve, 50))
    }
    expect(running(pid)).toBe(false)
  })
})

describe('stderrErrors on captured go output', () => {
  const dir = new URL('../../__fixtures__/go-output/', import.meta.url)
  const aborted = readdirSync(dir)
    .filter(name => name.endsWith('.stdout.json'))
    .map(name => name.replace(/\.stdout\.json$/, ''))
    .filter(name => readFileSync(new URL(`${name}.stdout.json`, dir), 'utf8').trim() === '')
    .filter(name => readFileSync(new URL(`${name}.exit`, dir), 'utf8').trim() !== '0')

  it('finds captures where go aborted without JSON', () => {
    expect(aborted).toEqual(expect.arrayContaining(['checksum-mismatch', 'mod-503', 'refused']))
  })

  it.each(aborted)('reads exactly one message from %s', name => {
    const lines = readFileSync(new URL(`${name}.stderr.txt`, dir), 'utf8').split('\n')
    const errors = stderrErrors(lines)
    expect(errors).toHaveLength(1)
    expect(errors[0]).not.toMatch(/^# get/m)
  })

  it('keeps the whole checksum mismatch block as one message with its module', () => {
    const lines = readFileSync(new URL('checksum-mismatch.stderr.txt', dir), 'utf8').split('\n')
    const [message] = stderrErrors(lines)
    expect(message).toMatch(/^verifying example\.com\/tiny@v1\.0\.0: checksum mismatch/)
    expect(message).toContain('SECURITY ERROR')
    expect(moduleOfMessage(message as string)).toEqual({ module: 'example.com/tiny', version: 'v1.0.0' })
  })
})
