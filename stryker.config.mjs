// npm run test:mutation: mutation testing (StrykerJS) of the pure domain rules, against the fast
// unit tests of jest.mutation.config.ts (no database). Not part of `npm test`: it takes minutes on
// two cores. Reports: reports/mutation/index.html and mutation.json.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    configFile: 'jest.mutation.config.ts',
    // Each mutant runs only the test files that import its file (and, with perTest coverage,
    // only the tests that reached it).
    enableFindRelatedTests: true,
  },
  coverageAnalysis: 'perTest',
  concurrency: 2,
  mutate: [
    'src/schema/lifecycle-machine.ts',
    'src/referrals/referral-lifecycle.ts',
    'src/referrals/credit-code.ts',
    'src/one-stop/escalation-chain.ts',
    'src/regions/region-chain.ts',
    'src/regions/region-code.ts',
    'src/institutions/tree-rules.ts',
    'src/schema/pagination.ts',
    'src/db/page-query.ts',
    'src/schema/query-limits.ts',
    'src/services/eligibility.ts',
    'src/events/registration-rules.ts',
    'src/events/event-rules.ts',
    'src/statistics/scorecard-criteria.ts',
    'src/webhooks/webhook-signature.ts',
    'src/webhooks/webhook-backoff.ts',
  ],
  // Not copied into the sandbox: the PostgreSQL clusters and build output are large and unused.
  ignorePatterns: ['.data', 'dist', 'coverage', 'bench', 'docs'],
  thresholds: { high: 90, low: 80, break: 80 },
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
};
