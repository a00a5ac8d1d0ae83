import type { Config } from 'jest';

// The fast unit tests of the pure domain rules, without the database of the main config
// (jest.config.ts): what `npm run test:mutation` (StrykerJS, stryker.config.json) runs for every
// mutant. They run in `npm test` too, with everything else.
const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: [
    '<rootDir>/test/unit/**/*.test.ts',
    '<rootDir>/test/referrals/credit-code.test.ts',
    '<rootDir>/test/one-stop/escalation-chain.test.ts',
    '<rootDir>/test/institutions/tree-rules.test.ts',
    '<rootDir>/test/events/registration-rules.test.ts',
  ],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
  },
  setupFiles: ['reflect-metadata'],
};

export default config;
