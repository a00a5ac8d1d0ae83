import type { Config } from 'jest';

/** Run on its own by jest.full-seed.config.ts, after the suite. */
export const FULL_SEED_TEST = '<rootDir>/test/seed/full-seed.test.ts';

const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', FULL_SEED_TEST],
  transform: {
    // Type errors are `npm run typecheck`'s job; here transpiling alone keeps the suite fast.
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
  },
  // One embedded PostgreSQL for the run, with a fresh database migrated and seeded once.
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  setupFiles: ['reflect-metadata'],
  maxWorkers: 2,
  testTimeout: 60_000,
};

export default config;
