// The seeded calendar: national, provincial, municipal and county events around the day the seed
// first ran, past and upcoming, some full, with registrations whose counters, waitlists, history,
// attendance and outcomes keep every rule a live registration keeps; laid out around the stored
// day however much later the seed runs again, and never written twice.
import type { DataSource } from 'typeorm';
import { createNetworkDataSource } from '../../src/app/data-source';
import { runPendingMigrations } from '../../src/db/migrations';
import { Sql } from '../../src/db/sql';
import { planCalendar } from '../../src/seed/calendar-plan';
import { beijingToday, planFromDivisions, seedNetwork } from '../../src/seed/seed';
import { isWellFormedCreditCode } from '../support/credit-codes';
import { createScratchDatabase } from '../support/scratch-database';
import { connectTestDatabase } from '../support/test-database';

const SEEDED = `e.code ~ '^EV-[0-9]{6}-[0-9]{2}$'`;
const plan = planFromDivisions();

describe('the calendar of the run’s seeded database', () => {
  let db: DataSource;
  beforeAll(async () => (db = await connectTestDatabase()));
  afterAll(() => db.destroy());

  it('is laid out around the stored seed day, today when the run began', async () => {
    const rows = await db.query(`SELECT seeded_on::text AS day FROM seed_info`);
    expect(rows).toHaveLength(1);
    const day = Date.parse(rows[0].day);
    expect(Math.abs(day - Date.parse(beijingToday()))).toBeLessThanOrEqual(86_400_000);
  });

  it('has events of every tier and kind, past and upcoming, some full, one called off', async () => {
    const [figures] = await db.query(`
      SELECT count(*)::int AS events,
             count(*) FILTER (WHERE i.tier = 'NATIONAL')::int AS national,
             count(*) FILTER (WHERE i.tier = 'PROVINCIAL')::int AS provincial,
             count(*) FILTER (WHERE i.tier = 'MUNICIPAL')::int AS municipal,
             count(*) FILTER (WHERE i.tier = 'COUNTY')::int AS county,
             count(DISTINCT e.kind)::int AS kinds,
             count(*) FILTER (WHERE e.ends_at < now())::int AS past,
             count(*) FILTER (WHERE e.starts_at > now() AND e.cancelled_at IS NULL)::int AS upcoming,
             count(*) FILTER (WHERE e.starts_at > now() AND e.confirmed_count = e.capacity AND e.waitlist_count > 0)::int AS full_with_waitlist,
             count(*) FILTER (WHERE e.cancelled_at IS NOT NULL)::int AS cancelled,
             count(*) FILTER (WHERE e.title LIKE '“百场万企”%')::int AS tour
        FROM event e JOIN institution i ON i.id = e.organizer_id WHERE ${SEEDED}`);
    expect(figures).toMatchObject({
      national: 8,
      provincial: expect.any(Number),
      tour: 6,
      kinds: 4,
    });
    expect(figures.provincial).toBeGreaterThanOrEqual(31);
    expect(figures.municipal).toBe(280);
    expect(figures.county).toBeGreaterThan(100);
    for (const key of ['past', 'upcoming', 'full_with_waitlist', 'cancelled'])
      expect([key, figures[key] > 0]).toEqual([key, true]);
  });

  it('keeps every event’s counters equal to its registrations, never over capacity, waitlists 1..n', async () => {
    const wrong = await db.query(`
      SELECT e.code FROM event e
        LEFT JOIN LATERAL (
          SELECT count(*) FILTER (WHERE r.status IN ('CONFIRMED', 'ATTENDED'))::int AS seats,
                 count(*) FILTER (WHERE r.status = 'WAITLISTED')::int AS waiting,
                 coalesce(array_agg(r.waitlist_position ORDER BY r.waitlist_position) FILTER (WHERE r.status = 'WAITLISTED'), '{}') AS positions
            FROM event_registration r WHERE r.event_id = e.id) c ON true
       WHERE ${SEEDED} AND (c.seats <> e.confirmed_count OR c.waiting <> e.waitlist_count OR c.seats > e.capacity
             OR c.positions <> ARRAY(SELECT generate_series(1, c.waiting)))`);
    expect(wrong).toEqual([]);
  });

  it('has attendance recorded for past events only, and outcomes only for those who came', async () => {
    const [rows] = await db.query(`
      SELECT count(*) FILTER (WHERE e.starts_at < s.at AND r.status = 'CONFIRMED')::int AS unrecorded,
             count(*) FILTER (WHERE e.starts_at > s.at AND r.status IN ('ATTENDED', 'NO_SHOW'))::int AS early,
             count(*) FILTER (WHERE r.status = 'ATTENDED')::int AS attended,
             count(*) FILTER (WHERE r.status = 'NO_SHOW')::int AS no_show
        FROM event e JOIN event_registration r ON r.event_id = e.id
        CROSS JOIN (SELECT (seeded_on + time '12:00') AT TIME ZONE 'Asia/Shanghai' AS at FROM seed_info) s
       WHERE ${SEEDED}`);
    expect(rows).toMatchObject({ unrecorded: 0, early: 0 });
    expect(rows.attended).toBeGreaterThan(rows.no_show);
    const [outcomes] = await db.query(`
      SELECT count(*)::int AS outcomes,
             count(*) FILTER (WHERE r.status <> 'ATTENDED' OR r.event_id <> o.event_id OR r.enterprise_id <> o.enterprise_id)::int AS wrong,
             count(*) FILTER (WHERE e.kind NOT IN ('FINANCING_MATCHMAKING', 'SUPPLY_DEMAND_MATCHMAKING'))::int AS other_kinds
        FROM matchmaking_outcome o JOIN event_registration r ON r.id = o.registration_id JOIN event e ON e.id = o.event_id
       WHERE ${SEEDED}`);
    expect(outcomes).toMatchObject({ wrong: 0, other_kinds: 0 });
    expect(outcomes.outcomes).toBeGreaterThan(100);
  });

  it('gives every registration a history that ends in its status, and valid credit codes', async () => {
    const wrong = await db.query(`
      SELECT r.id FROM event_registration r JOIN event e ON e.id = r.event_id
        JOIN LATERAL (SELECT c.status FROM event_registration_change c WHERE c.registration_id = r.id ORDER BY c.id DESC LIMIT 1) last ON true
       WHERE ${SEEDED} AND last.status <> r.status`);
    expect(wrong).toEqual([]);
    const codes: { credit_code: string }[] = await db.query(`
      SELECT DISTINCT en.credit_code FROM enterprise en JOIN event_registration r ON r.enterprise_id = en.id
        JOIN event e ON e.id = r.event_id WHERE ${SEEDED}`);
    expect(codes.length).toBeGreaterThan(3000);
    expect(codes.filter((row) => !isWellFormedCreditCode(row.credit_code))).toEqual([]);
  });
});

describe('the calendar plan', () => {
  // A centre's yearly series (EV-<region>-S<year>-NN) keeps to the calendar year before the seed's.
  const series = (event: { code: string }) => /-S\d{4}-\d{2}$/.test(event.code);

  it('is the same for the same day, and moves whole days with the day', () => {
    const once = planCalendar(plan.regions, plan.institutions, '2026-03-01');
    const again = planCalendar(plan.regions, plan.institutions, '2026-03-01');
    expect(again).toEqual(once);
    const later = planCalendar(plan.regions, plan.institutions, '2026-03-11');
    expect(later.events.map((event) => event.code)).toEqual(once.events.map((event) => event.code));
    later.events.forEach((event, index) =>
      expect(event.startsAt.getTime() - once.events[index].startsAt.getTime()).toBe(
        series(event) ? 0 : 10 * 86_400_000,
      ),
    );
  });

  it('holds each yearly series in the year before the seed’s, spread over its months', () => {
    const { events } = planCalendar(plan.regions, plan.institutions, '2026-03-01');
    const held = events.filter(series);
    expect(held.length).toBeGreaterThan(50);
    const beijingYear = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).getUTCFullYear();
    expect(held.filter((event) => beijingYear(event.startsAt) !== 2025)).toEqual([]);
    const months = new Set(held.map((event) => event.startsAt.getUTCMonth()));
    expect(months.size).toBe(12);
  });
});

describe('seeding again, months later', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let db: DataSource;
  let sql: Sql;
  // Guangdong and the national centre: quick to seed, the same rules.
  const guangdong = (() => {
    const inGuangdong = (code: string | null) => code === null || code.startsWith('44');
    const institutions = plan.institutions.filter((row) => inGuangdong(row.regionCode));
    const codes = new Set(institutions.map((row) => row.code));
    return {
      regions: plan.regions.filter((row) => inGuangdong(row.code)),
      categories: plan.categories,
      institutions,
      services: plan.services.filter((row) => codes.has(row.institutionCode)),
    };
  })();
  const snapshot = async () =>
    (
      await db.query(`
        SELECT (SELECT string_agg(id || ':' || code || ':' || starts_at::text || ':' || confirmed_count, ',' ORDER BY id) FROM event) AS events,
               (SELECT count(*)::int FROM event_registration) AS registrations,
               (SELECT count(*)::int FROM event_registration_change) AS changes,
               (SELECT count(*)::int FROM matchmaking_outcome) AS outcomes,
               (SELECT count(*)::int FROM enterprise) AS enterprises,
               (SELECT seeded_on::text FROM seed_info) AS seeded_on`)
    )[0];

  beforeAll(async () => {
    scratch = await createScratchDatabase('seed_calendar');
    db = createNetworkDataSource({ url: scratch.url, applicationName: 'jest-seed-calendar' });
    await db.initialize();
    sql = new Sql(db);
    await runPendingMigrations(db);
  });
  afterAll(async () => {
    await db?.destroy();
    await scratch?.drop();
  });

  it('keeps the calendar of the first day and writes nothing twice', async () => {
    const started = Date.now();
    await seedNetwork(sql, guangdong, { today: '2025-03-01' });
    console.log(`seeding Guangdong with its calendar took ${Date.now() - started} ms`);
    const first = await snapshot();
    expect(first.seeded_on).toBe('2025-03-01');
    const [tour] = await db.query(`SELECT starts_at FROM event WHERE code = 'EV-000000-01'`);
    // The national tour's first stop: 150 days before the seed day, at 09:00 in Beijing.
    expect(tour.starts_at.toISOString()).toBe('2024-10-02T01:00:00.000Z');
    expect(first.registrations).toBeGreaterThan(500);

    await seedNetwork(sql, guangdong, { today: '2025-09-01' });
    expect(await snapshot()).toEqual(first);
  });

  it('writes back a deleted event with its registrations, and only it', async () => {
    const before = await snapshot();
    const [event] = await db.query(
      `SELECT id, code FROM event WHERE code LIKE 'EV-4419%' ORDER BY code LIMIT 1`,
    );
    const [{ registrations }] = await db.query(
      `SELECT count(*)::int AS registrations FROM event_registration WHERE event_id = $1`,
      [event.id],
    );
    await db.query(`DELETE FROM matchmaking_outcome WHERE event_id = $1`, [event.id]);
    await db.query(`DELETE FROM event_registration WHERE event_id = $1`, [event.id]);
    await db.query(`DELETE FROM event WHERE id = $1`, [event.id]);
    await seedNetwork(sql, guangdong);
    const after = await snapshot();
    expect(after.registrations).toBe(before.registrations);
    expect(after.seeded_on).toBe('2025-03-01');
    const [back] = await db.query(
      `SELECT count(*)::int AS registrations FROM event_registration r JOIN event e ON e.id = r.event_id WHERE e.code = $1`,
      [event.code],
    );
    expect(back.registrations).toBe(registrations);
  });
});
