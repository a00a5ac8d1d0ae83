// The seeded activity of the network: a history of referrals whose every step keeps the
// lifecycle, with feedback on completed ones only; statistics with real shapes (MIIT's ~84 %
// prefecture-level coverage, a referral funnel with median hours); scorecards where the busiest
// centres meet every demonstration-platform criterion and most centres do not; written once.
import type { DataSource } from 'typeorm';
import { createNetworkDataSource } from '../../src/app/data-source';
import { runPendingMigrations } from '../../src/db/migrations';
import { Sql } from '../../src/db/sql';
import { referralLifecycle } from '../../src/referrals/referral-lifecycle';
import { ReferralStatus } from '../../src/referrals/referral-status';
import { DEMONSTRATION_CENTRES } from '../../src/seed/activity';
import { planReferralHistory } from '../../src/seed/referral-history';
import { planFromDivisions, seedNetwork } from '../../src/seed/seed';
import { provincePlan } from '../support/province-plan';
import { createScratchDatabase } from '../support/scratch-database';
import { startTestApi, type TestApi } from '../support/test-api';
import { connectTestDatabase } from '../support/test-database';

const plan = planFromDivisions();

describe('the activity of the run’s seeded database', () => {
  let db: DataSource;
  let api: TestApi;
  let seedYear: number;
  beforeAll(async () => {
    db = await connectTestDatabase();
    api = await startTestApi();
    const [{ day }] = await db.query(`SELECT seeded_on::text AS day FROM seed_info`);
    seedYear = Number(day.slice(0, 4));
  });
  afterAll(async () => {
    await api?.close();
    await db?.destroy();
  });

  it('covers about 84 % of the real prefectures with a municipal centre', async () => {
    const { data, errors } = await api.graphql<any>(
      `{ networkStatistics { coverage { tier regions covered ratio } } }`,
    );
    expect(errors).toBeUndefined();
    const municipal = data.networkStatistics.coverage.find((c: any) => c.tier === 'MUNICIPAL');
    expect(municipal.regions).toBeGreaterThan(320);
    expect(municipal.ratio).toBeGreaterThanOrEqual(0.82);
    expect(municipal.ratio).toBeLessThanOrEqual(0.86);
  });

  it('has referrals in every state, with median hours to accept and to complete, and satisfaction', async () => {
    const { data } = await api.graphql<any>(`{ networkStatistics { referrals {
      submitted accepted inProgress completed declined cancelled
      medianHoursToAccept medianHoursToComplete completionRate satisfaction } } }`);
    const funnel = data.networkStatistics.referrals;
    for (const status of ['submitted', 'inProgress', 'completed', 'declined', 'cancelled'])
      expect([status, funnel[status] > 0]).toEqual([status, true]);
    expect(funnel.completed).toBeGreaterThan(10_000);
    expect(funnel.medianHoursToAccept).toBeGreaterThan(8);
    expect(funnel.medianHoursToAccept).toBeLessThan(72);
    // Completion takes weeks: 3 to 40 days after the work starts.
    expect(funnel.medianHoursToComplete).toBeGreaterThan(3 * 24);
    expect(funnel.medianHoursToComplete).toBeLessThan(45 * 24);
    expect(funnel.completionRate).toBeGreaterThan(0.8);
    expect(funnel.satisfaction).toBeGreaterThan(0.6);
    expect(funnel.satisfaction).toBeLessThan(0.95);
  });

  it('gives every referral a history of allowed steps, in time order, ending in its status, before the seed', async () => {
    const rows: { status: ReferralStatus; steps: ReferralStatus[]; ordered: boolean }[] =
      await db.query(`
        SELECT r.status, array_agg(e.status::text ORDER BY e.at, e.id) AS steps,
               bool_and(e.at >= r.created_at AND e.at <= r.updated_at) AS ordered
          FROM referral r JOIN api_key k ON k.id = r.api_key_id AND k.public_id = 'seed-history'
          JOIN referral_event e ON e.referral_uuid = r.uuid
         GROUP BY r.uuid, r.status`);
    expect(rows.length).toBeGreaterThan(10_000);
    const wrong = rows.filter(
      ({ status, steps, ordered }) =>
        !ordered ||
        steps[0] !== ReferralStatus.SUBMITTED ||
        steps.at(-1) !== status ||
        steps.some(
          (step, i) => i > 0 && !referralLifecycle.allowedNext(steps[i - 1]).includes(step),
        ),
    );
    expect(wrong).toEqual([]);
    // The seeded history only: other test files make referrals in this database as it runs.
    const [late] = await db.query(`
      SELECT count(*)::int AS n FROM referral r JOIN seed_info s ON true
        JOIN api_key k ON k.id = r.api_key_id AND k.public_id = 'seed-history'
       WHERE r.updated_at > (s.seeded_on + time '12:00') AT TIME ZONE 'Asia/Shanghai'`);
    expect(late.n).toBe(0);
  });

  it('has feedback on completed referrals only, after completion, and the history key cannot be used', async () => {
    const [figures] = await db.query(`
      SELECT count(*)::int AS feedback,
             count(*) FILTER (WHERE r.status <> 'COMPLETED' OR f.at < r.updated_at)::int AS wrong
        FROM referral_feedback f JOIN referral r ON r.uuid = f.referral_uuid`);
    expect(figures.feedback).toBeGreaterThan(5_000);
    expect(figures.wrong).toBe(0);
    const [key] = await db.query(
      `SELECT role, revoked_at IS NOT NULL AS revoked FROM api_key WHERE public_id = 'seed-history'`,
    );
    expect(key).toEqual({ role: 'PARTNER', revoked: true });
  });

  it('has demonstration-level centres meeting every criterion last year, and most centres not', async () => {
    const year = seedYear - 1;
    const seeded = DEMONSTRATION_CENTRES.filter((code) =>
      plan.institutions.some((row) => row.code === code),
    );
    expect(seeded.length).toBeGreaterThanOrEqual(6);
    for (const code of seeded) {
      const { data } = await api.graphql<any>(
        `query ($code: String!, $year: Int!) { institution(code: $code) {
           scorecard(year: $year) { enterprisesServed satisfaction eventsHeld meetsCriteria shortfalls } } }`,
        { code, year },
      );
      expect([code, data.institution.scorecard.shortfalls]).toEqual([code, []]);
      expect(data.institution.scorecard.meetsCriteria).toBe(true);
    }
    const { data } = await api.graphql<any>(
      `query ($year: Int!) { institutions(first: 100, filter: { tier: [MUNICIPAL], kind: [PUBLIC] }) {
         nodes { code scorecard(year: $year) { meetsCriteria shortfalls } } } }`,
      { year },
    );
    const cards = data.institutions.nodes;
    expect(cards).toHaveLength(100);
    const meeting = cards.filter((node: any) => node.scorecard.meetsCriteria);
    expect(meeting.length).toBeLessThan(10);
    // Each criterion is somebody's shortfall.
    const shortfalls = cards.flatMap((node: any) => node.scorecard.shortfalls).join('\n');
    for (const word of ['enterprises', 'events']) expect(shortfalls).toContain(word);
  });
});

describe('seeding the referral history again', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let db: DataSource;
  const zhejiang = provincePlan('33');
  const snapshot = async () =>
    (
      await db.query(`
        SELECT (SELECT string_agg(seq || ':' || status || ':' || updated_at::text, ',' ORDER BY seq) FROM referral) AS referrals,
               (SELECT count(*)::int FROM referral_event) AS events,
               (SELECT count(*)::int FROM referral_feedback) AS feedback,
               (SELECT count(*)::int FROM enterprise) AS enterprises,
               (SELECT count(*)::int FROM api_key) AS keys`)
    )[0];

  beforeAll(async () => {
    scratch = await createScratchDatabase('seed_activity');
    db = createNetworkDataSource({ url: scratch.url, applicationName: 'jest-seed-activity' });
    await db.initialize();
    await runPendingMigrations(db);
  });
  afterAll(async () => {
    await db?.destroy();
    await scratch?.drop();
  });

  it('writes the planned history once, and nothing the second time', async () => {
    const sql = new Sql(db);
    await seedNetwork(sql, zhejiang, { today: '2025-03-01' });
    const first = await snapshot();
    const planned = planReferralHistory(
      zhejiang.regions,
      zhejiang.institutions,
      zhejiang.services,
      '2025-03-01',
    );
    expect(first.referrals.split(',')).toHaveLength(planned.referrals.length);
    expect(first.events).toBe(planned.referrals.reduce((n, r) => n + r.history.length, 0));
    expect(first.feedback).toBe(planned.referrals.filter((r) => r.feedback).length);
    expect(first.keys).toBe(1);

    await seedNetwork(sql, zhejiang, { today: '2025-09-01' });
    expect(await snapshot()).toEqual(first);
  });
});
