// The e2e tests run go and the bundled action against local servers: they get longer than unit tests.
import { jest } from '@jest/globals'

jest.setTimeout(120_000)
