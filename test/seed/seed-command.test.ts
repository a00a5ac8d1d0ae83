// `npm run seed` (src/app/cli/seed.ts) on a database of this test's own: the network it makes has
// the README's figures, rows deleted since come back, rows changed since are kept as they are,
// and a run with nothing missing adds nothing.
import { execFile } from 'node:child_process';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { createNetworkDataSource } from '../../src/app/data-source';
import { runPendingMigrations } from '../../src/db/migrations';
import { Sql } from '../../src/db/sql';
import { seedNetwork } from '../../src/seed/seed';
import { createScratchDatabase } from '../support/scratch-database';

let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let db: DataSource;

beforeAll(async () => {
  scratch = await createScratchDatabase('seed_command');
  db = createNetworkDataSource({ url: scratch.url, applicationName: 'jest-seed-command' });
  await db.initialize();
  await runPendingMigrations(db);
  await seedNetwork(new Sql(db));
}, 120_000); // the network, its calendar and history and the tests' share of the registry
afterAll(async () => {
  await db?.destroy();
  await scratch?.drop();
});

/** Runs `npm run seed` against the scratch database; asynchronous, so that the test keeps going. */
function npmRunSeed(): Promise<{ status: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', 'src/app/cli/seed.ts'],
      {
        cwd: path.resolve(__dirname, '../..'),
        env: { ...process.env, DATABASE_URL: scratch.url, LOG_LEVEL: 'info' },
      },
      (error, stdout, stderr) =>
        resolve({ status: error ? Number(error.code ?? 1) : 0, output: stdout + stderr }),
    );
  });
}

/** How many rows of each kind the seed reported adding (whatever the log line format). */
function added(output: string): Record<string, number> {
  const line = output.split('\n').find((text) => /\bseeded\b/.test(text));
  if (!line) throw new Error(`no 'seeded' line in:\n${output}`);
  return Object.fromEntries(
    ['regions', 'categories', 'institutions', 'services'].map((table) => [
      table,
      Number(new RegExp(`"?${table}"?[=:](\\d+)`).exec(line)![1]),
    ]),
  );
}

/** The README's table, counted in the database. */
async function figures() {
  const [row] = await db.query(`
    SELECT
      (SELECT count(*) FROM region WHERE level = 'PROVINCE')::int AS provinces,
      (SELECT count(*) FROM region WHERE level = 'PREFECTURE')::int AS prefectures,
      (SELECT count(*) FROM region WHERE level = 'COUNTY')::int AS counties,
      (SELECT json_object_agg(tier, n) FROM (SELECT tier, count(*)::int AS n FROM institution WHERE kind = 'PUBLIC' GROUP BY tier) t) AS public,
      (SELECT json_object_agg(tier, n) FROM (SELECT tier, count(*)::int AS n FROM institution WHERE kind = 'MARKET' GROUP BY tier) t) AS market,
      (SELECT count(*) FROM service_category WHERE parent_id IS NULL)::int AS top_categories,
      (SELECT count(*) FROM service_category WHERE parent_id IS NOT NULL)::int AS sub_categories,
      (SELECT count(*) FROM service)::int AS services`);
  return row;
}

const README = {
  provinces: 31,
  prefectures: 333,
  counties: 2974,
  public: { NATIONAL: 1, PROVINCIAL: 31, MUNICIPAL: 280, COUNTY: 1487 },
  market: { PROVINCIAL: 93, MUNICIPAL: 287, COUNTY: 494 },
  top_categories: 12,
  sub_categories: 36,
  services: 11_620,
};

/** Every row the seed writes, by code, with its id and the columns a re-run must not touch. */
const snapshot = async (): Promise<Record<string, string>> =>
  (
    await db.query(`
    SELECT (SELECT string_agg(code || ':' || name, ',' ORDER BY code) FROM region) AS regions,
           (SELECT string_agg(id || ':' || code || ':' || name, ',' ORDER BY id) FROM service_category) AS categories,
           (SELECT string_agg(id || ':' || code || ':' || name || ':' || coalesce(parent_id, 0), ',' ORDER BY id) FROM institution) AS institutions,
           (SELECT string_agg(id || ':' || code || ':' || name || ':' || fee, ',' ORDER BY id) FROM service) AS services`)
  )[0];

describe('npm run seed', () => {
  it('makes the network of the README: regions, centres, market agencies, categories, services', async () => {
    expect(await figures()).toEqual(README);
    const [{ sum }] = await db.query(
      `SELECT count(*)::int AS sum FROM institution WHERE kind = 'PUBLIC'`,
    );
    expect(sum).toBe(1799);
  });

  it('adds back what was deleted, keeps what was changed, and a second run adds nothing', async () => {
    // Deleted: a county without any institution, registry enterprise or cluster, a market agency
    // no pilot names (a pilot keeps the agency that diagnosed or served it) with its services,
    // three services of a centre. Changed: the name and fee of another
    // service of that centre.
    const [{ county }] = await db.query(`
      SELECT r.code AS county FROM region r WHERE r.level = 'COUNTY'
         AND NOT EXISTS (SELECT 1 FROM institution i WHERE i.region_code = r.code)
         AND NOT EXISTS (SELECT 1 FROM enterprise e WHERE e.region_code = r.code)
         AND NOT EXISTS (SELECT 1 FROM cluster_region c WHERE c.region_code = r.code)
       ORDER BY r.code LIMIT 1`);
    const centreServices: { code: string }[] = await db.query(`
      SELECT s.code FROM service s JOIN institution i ON i.id = s.institution_id
       WHERE i.code = 'C-441900' ORDER BY s.code LIMIT 4`);
    const [deletedService1, deletedService2, deletedService3, changedService] = centreServices.map(
      (row) => row.code,
    );
    const [{ agency, agencyServices }] = await db.query(`
      SELECT i.code AS agency, count(*)::int AS "agencyServices"
        FROM institution i JOIN service s ON s.institution_id = i.id
       WHERE i.kind = 'MARKET'
         AND NOT EXISTS (SELECT 1 FROM pilot_enterprise p WHERE i.id IN (p.diagnosed_by_id, p.provider_id))
       GROUP BY i.code ORDER BY i.code LIMIT 1`);
    expect(agencyServices).toBeGreaterThan(0);
    const complete = await snapshot();

    // The seeded referral history of the rows to delete goes first (referrals keep their
    // service and institution); the seed writes it back with them.
    await db.query(
      `WITH doomed AS (
         SELECT r.uuid FROM referral r JOIN service s ON s.id = r.service_id
          WHERE s.code = ANY($1) OR s.institution_id = (SELECT id FROM institution WHERE code = $2)),
       feedback AS (DELETE FROM referral_feedback WHERE referral_uuid IN (SELECT uuid FROM doomed)),
       history AS (DELETE FROM referral_event WHERE referral_uuid IN (SELECT uuid FROM doomed))
       DELETE FROM referral WHERE uuid IN (SELECT uuid FROM doomed)`,
      [[deletedService1, deletedService2, deletedService3], agency],
    );
    await db.query(`DELETE FROM region WHERE code = $1`, [county]);
    await db.query(
      `DELETE FROM service WHERE institution_id = (SELECT id FROM institution WHERE code = $1)`,
      [agency],
    );
    await db.query(`DELETE FROM institution WHERE code = $1`, [agency]);
    await db.query(`DELETE FROM service WHERE code = ANY($1)`, [
      [deletedService1, deletedService2, deletedService3],
    ]);
    await db.query(`UPDATE service SET name = '改过的名称', fee = 'PAID' WHERE code = $1`, [
      changedService,
    ]);

    const restore = await npmRunSeed();
    expect([restore.status, restore.output]).toEqual([0, expect.any(String)]);
    expect(added(restore.output)).toEqual({
      regions: 1,
      categories: 0,
      institutions: 1,
      services: agencyServices + 3,
    });
    expect(await figures()).toEqual(README);
    const [kept] = await db.query(`SELECT name, fee FROM service WHERE code = $1`, [
      changedService,
    ]);
    expect(kept).toEqual({ name: '改过的名称', fee: 'PAID' });
    const back: { code: string }[] = await db.query(
      `SELECT code FROM region WHERE code = $1 UNION ALL SELECT code FROM institution WHERE code = $3
       UNION ALL SELECT code FROM service WHERE code = ANY($2)`,
      [county, [deletedService1, deletedService2, deletedService3], agency],
    );
    expect(back.map((row) => row.code).sort()).toEqual(
      [county, agency, deletedService1, deletedService2, deletedService3].sort(),
    );
    // The rest is as it was, row ids included; only the rows added back are new.
    const restored = await snapshot();
    expect(restored.regions).toBe(complete.regions);
    expect(restored.categories).toBe(complete.categories);
    const touched = [agency, deletedService1, deletedService2, deletedService3, changedService];
    // Rows other than those deleted or changed (an agency's services carry its code as prefix).
    const untouched = (rows: string) =>
      rows.split(',').filter((row) => {
        const code = row.split(':')[1];
        return !touched.some((gone) => code === gone || code.startsWith(`${gone}-`));
      });
    expect(untouched(restored.institutions)).toEqual(untouched(complete.institutions));
    expect(untouched(restored.services)).toEqual(untouched(complete.services));

    const again = await npmRunSeed();
    expect(again.status).toBe(0);
    expect(added(again.output)).toEqual({
      regions: 0,
      categories: 0,
      institutions: 0,
      services: 0,
    });
    expect(await snapshot()).toEqual(restored);
  });
});
