// The seed at the published scale (test/seed/full-seed.test.ts) on its own, after the suite: its
// 80 s of bulk loading would share the two cores with tests that bound how long a request may
// wait (statement, pool and request deadlines), and make them fail for the machine's sake.
// `npm test` runs it second; `npx jest --config jest.full-seed.config.ts` alone.
import type { Config } from 'jest';
import suite, { FULL_SEED_TEST } from './jest.config';

const config: Config = {
  ...suite,
  testMatch: [FULL_SEED_TEST],
  testPathIgnorePatterns: [],
  // The server only: the test seeds a database of its own.
  globalSetup: '<rootDir>/test/support/server-setup.ts',
};

export default config;
