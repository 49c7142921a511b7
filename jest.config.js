const typescript = {
  // Node's environment, holding what tests print straight to stdout/stderr unless they fail.
  testEnvironment: '<rootDir>/scripts/jest/quiet-environment.mjs',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false }]
  }
}

export default {
  // Jest takes the timeout from here for every project; the e2e project raises it in its setup file.
  testTimeout: 30_000,
  verbose: false,
  // `npm run coverage` (the unit project): V8 counts what ran without rewriting the code, so the zip hashing
  // source sent to worker threads stays as written (istanbul's counters there would not be defined).
  coverageProvider: 'v8',
  collectCoverageFrom: ['<rootDir>/src/**/*.ts'],
  coverageReporters: ['text', 'lcov'],
  reporters: ['default', '<rootDir>/scripts/jest/tally-reporter.cjs'],
  projects: [
    {
      ...typescript,
      displayName: 'unit',
      testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/__tests__/e2e/']
    },
    {
      ...typescript,
      displayName: 'e2e',
      testMatch: ['<rootDir>/__tests__/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/scripts/jest/e2e-setup.mjs',
      setupFilesAfterEnv: ['<rootDir>/scripts/jest/e2e-timeout.mjs']
    }
  ]
}
