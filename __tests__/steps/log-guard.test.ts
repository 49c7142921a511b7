import { describe, expect, it } from '@jest/globals'
import { fakeRunner } from '../../__fixtures__/runner.js'
import { guardedRunner } from '../../src/steps/log-guard.js'

describe('guardedRunner', () => {
  it('writes a bare CR from a mirror or an input as an escape, so that it cannot start a line', () => {
    const job = fakeRunner()
    const runner = guardedRunner(job)
    runner.info('Probe: http://mirror.example/\r::error::forged: HTTP 200')
    runner.warning('GONOSUMDB=\r::error::forged is set')
    runner.startGroup('Attempt 1: . via http://mirror.example/\u001b[8m')
    expect(job.log.map(l => l.message)).toEqual([
      'Probe: http://mirror.example/\\r::error::forged: HTTP 200',
      'GONOSUMDB=\\r::error::forged is set',
      'Attempt 1: . via http://mirror.example/\\u001b[8m'
    ])
  })

  it("keeps the line breaks and tabs of go's output as they are", () => {
    const job = fakeRunner()
    guardedRunner(job).info('# get https://mirror.example/m/@v/list\r\n\tserver response: gone\n# get done')
    expect(job.lines('info')).toEqual([
      '# get https://mirror.example/m/@v/list\n\tserver response: gone\n# get done'
    ])
  })

  it('masks a registered secret once, and hides it and every userinfo in each line it writes', async () => {
    const job = fakeRunner()
    const runner = guardedRunner(job)
    runner.setSecret('S3cr3t/pw')
    runner.setSecret('S3cr3t/pw')
    runner.info('# get https://ci-user:xxxxx@mirror.example/m/@v/list: 200 OK')
    runner.error('reading S3cr3t/pw failed')
    runner.summary.addRaw('<p>S3cr3t/pw</p>')
    await runner.summary.write()
    expect(job.secrets).toEqual(['S3cr3t/pw'])
    expect(job.log.map(l => l.message)).toEqual([
      '# get https://***@mirror.example/m/@v/list: 200 OK',
      'reading *** failed'
    ])
    expect(job.writtenSummary).toBe('<p>***</p>')
  })
})
