import type { Config } from 'jest';

// The fast unit tests of the pure domain rules, each beside its domain's other tests, without the
// database of the main config (jest.config.ts): what `npm run test:mutation` (StrykerJS,
// stryker.config.mjs) runs for every mutant. They run in `npm test` too, with everything else.
const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: [
    '<rootDir>/test/app/budget-batches.test.ts',
    '<rootDir>/test/db/page-query.test.ts',
    '<rootDir>/test/schema/lifecycle-machine.test.ts',
    '<rootDir>/test/schema/pagination.test.ts',
    '<rootDir>/test/schema/query-cost.test.ts',
    '<rootDir>/test/regions/region-chain.test.ts',
    '<rootDir>/test/regions/region-code.test.ts',
    '<rootDir>/test/institutions/tree-rules.test.ts',
    '<rootDir>/test/services/eligibility.test.ts',
    '<rootDir>/test/one-stop/escalation-chain.test.ts',
    '<rootDir>/test/referrals/credit-code.test.ts',
    '<rootDir>/test/referrals/referral-lifecycle.test.ts',
    '<rootDir>/test/events/event-rules.test.ts',
    '<rootDir>/test/events/registration-rules.test.ts',
    '<rootDir>/test/statistics/scorecard-criteria.test.ts',
    '<rootDir>/test/webhooks/webhook-rules.test.ts',
  ],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
  },
  setupFiles: ['reflect-metadata'],
};

export default config;
