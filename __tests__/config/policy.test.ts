import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { readInputs } from '../../src/config/inputs.js'
import { retryPolicy } from '../../src/config/policy.js'

let workspace = ''

beforeAll(() => {
  workspace = mkdtempSync(path.join(tmpdir(), 'policy-'))
  writeFileSync(path.join(workspace, 'go.mod'), 'module example.test/app\n\ngo 1.22\n')
})

afterAll(() => rmSync(workspace, { recursive: true, force: true }))

const inputs = (values: Record<string, string>) => readInputs(name => values[name] ?? '', workspace)

describe('retryPolicy', () => {
  it('reads the documented defaults as the policy', () => {
    expect(retryPolicy(inputs({}))).toEqual({
      maxAttempts: 3,
      backoff: { baseMs: 100, maxMs: 30_000 },
      stallTimeoutMs: 60_000,
      concurrency: 16,
      onChecksumMismatch: 'fallback'
    })
  })

  it('takes each setting from its own input', () => {
    const policy = retryPolicy(
      inputs({
        'max-attempts': '5',
        'retry-delay': '2s',
        'retry-max-delay': '1m',
        'stall-timeout': '90s',
        concurrency: '4',
        'on-checksum-mismatch': 'fail'
      })
    )
    expect(policy).toEqual({
      maxAttempts: 5,
      backoff: { baseMs: 2000, maxMs: 60_000 },
      stallTimeoutMs: 90_000,
      concurrency: 4,
      onChecksumMismatch: 'fail'
    })
  })
})
