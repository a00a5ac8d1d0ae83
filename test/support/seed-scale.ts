// The share of the programmes' published scale this run's seed wrote (SEED_SCALE, set by
// global-setup.ts before the seed and inherited by every test process). Figures the published
// scale promises are checked at full size by test/seed/full-seed.test.ts; tests of the run's
// database expect this share of them.
export const SEED_SCALE = Number(process.env.SEED_SCALE);
