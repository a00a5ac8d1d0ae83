// The seed at the published scale (SEED_SCALE 1), once, in a database of its own: what a first
// `npm start` holds. The other tests seed 0.02 of the programmes (test/support/global-setup.ts)
// and expect that share; the figures the programmes promise are checked here, at full size:
// about 140,000 specialized SMEs and 12,000 little giants live, at least 50,000 innovative SMEs,
// some 300 national clusters, about 40,000 pilot enterprises in three batches of cities, 500 to
// 1,000 policies at every tier with a paid and an overdue past, and a year of 50,000 appeals;
// and the pilots' chart in docs/ is this seed's (UPDATE_REPORT=1 draws it again). It runs on
// its own, after the suite (jest.full-seed.config.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pilotProgressByCity } from '../../src/app/pilot-report';
import { createReferenceData } from '../../src/app/reference-data';
import { createNetworkDataSource } from '../../src/app/data-source';
import { clusterMember } from '../../src/cultivation/cluster-membership';
import { designationValidOn } from '../../src/cultivation/registry-today';
import { installJobQueue } from '../../src/db/job-queue';
import { runPendingMigrations } from '../../src/db/migrations';
import { Sql } from '../../src/db/sql';
import { createLogger } from '../../src/logger';
import { seedNetwork } from '../../src/seed/seed';
import { renderPilotChart } from '../../src/statistics/pilot-chart';
import { createScratchDatabase } from '../support/scratch-database';

let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let dataSource: ReturnType<typeof createNetworkDataSource>;
let sql: Sql;

beforeAll(async () => {
  scratch = await createScratchDatabase('full_seed');
  dataSource = createNetworkDataSource({ url: scratch.url, applicationName: 'jest-full-seed' });
  await dataSource.initialize();
  sql = new Sql(dataSource);
  await runPendingMigrations(dataSource);
  await installJobQueue(scratch.url, createLogger('warn'));
  const startedAt = performance.now();
  await seedNetwork(sql, undefined, { scale: 1 });
  const ms = Math.round(performance.now() - startedAt);
  // The figures the README quotes.
  const [figures] = await sql.rows(
    `SELECT (SELECT count(*) FROM enterprise) AS enterprises,
            (SELECT count(*) FROM pilot_enterprise) AS pilot_enterprises,
            (SELECT count(*) FROM designation d WHERE d.kind = 'SPECIALIZED_SME' AND ${designationValidOn('d')}) AS specialized,
            (SELECT count(*) FROM designation_change WHERE actor = 'seed') AS seed_grants,
            (SELECT count(*) FROM policy) AS policies,
            (SELECT count(*) FROM policy_application WHERE delivery = 'APPLICATION') AS applications,
            (SELECT count(*) FROM policy_application WHERE delivery = 'AUTOMATIC') AS entitlements,
            (SELECT count(*) FROM appeal) AS appeals, (SELECT count(*) FROM appeal_change) AS appeal_history`,
  );
  console.log(`the full seed took ${ms} ms`, figures);
}, 600_000);

afterAll(async () => {
  await dataSource?.destroy();
  await scratch?.drop();
});

const one = async <T>(text: string): Promise<T> => (await sql.rows<T & object>(text))[0];

describe('the seed at the published scale', () => {
  it('holds the registry: 140,000 specialized SMEs and 12,000 little giants live, 50,000 innovative SMEs', async () => {
    const live = await sql.rows<{ kind: string; live: number }>(
      `SELECT kind, count(*)::int AS live FROM designation d WHERE ${designationValidOn('d')}
        GROUP BY kind ORDER BY kind`,
    );
    const byKind = Object.fromEntries(live.map((row) => [row.kind, row.live]));
    // The registry's own, and the few the pilots granted where a city's registry had too few.
    expect(byKind.SPECIALIZED_SME).toBeGreaterThan(130_000);
    expect(byKind.SPECIALIZED_SME).toBeLessThan(150_000);
    expect(byKind.LITTLE_GIANT).toBeGreaterThan(11_000);
    expect(byKind.LITTLE_GIANT).toBeLessThan(13_000);
    expect(byKind.INNOVATIVE_SME).toBeGreaterThanOrEqual(50_000);
    // In yearly batches: some under review today, some expired, a few revoked.
    const statuses = await sql.rows<{ status: string }>(
      `SELECT DISTINCT status::text FROM designation ORDER BY 1`,
    );
    expect(statuses.map((row) => row.status)).toEqual([
      'ACTIVE',
      'EXPIRED',
      'REVOKED',
      'UNDER_REVIEW',
    ]);
    // More in Guangdong, Zhejiang, Jiangsu and Shandong than anywhere else.
    const largest = await sql.rows<{ province: string }>(
      `SELECT left(e.region_code, 2) AS province FROM designation d JOIN enterprise e ON e.id = d.enterprise_id
        WHERE d.kind = 'SPECIALIZED_SME' AND ${designationValidOn('d')}
        GROUP BY 1 ORDER BY count(*) DESC LIMIT 4`,
    );
    expect(largest.map((row) => row.province).sort()).toEqual(['32', '33', '37', '44']);
  });

  it('holds some 300 national clusters in three yearly batches, and provincial ones, with enterprises', async () => {
    const clusters = await one<{ national: number; batches: number; provincial: number }>(
      `SELECT count(*) FILTER (WHERE level = 'NATIONAL')::int AS national,
              count(DISTINCT batch) FILTER (WHERE level = 'NATIONAL')::int AS batches,
              count(*) FILTER (WHERE level = 'PROVINCIAL')::int AS provincial
         FROM cluster`,
    );
    expect(clusters.national).toBeGreaterThanOrEqual(270);
    expect(clusters.national).toBeLessThanOrEqual(330);
    expect(clusters.batches).toBe(3);
    expect(clusters.provincial).toBeGreaterThan(0);
    const empty = await one<{ empty: number }>(
      `SELECT count(*)::int AS empty FROM cluster c
        WHERE NOT EXISTS (SELECT 1 FROM cluster_region r JOIN enterprise e ON ${clusterMember('c', 'r', 'e')}
                           WHERE r.cluster_id = c.id)`,
    );
    expect(empty.empty).toBe(0);
  });

  it('holds about 40,000 pilot enterprises in three batches of 30 to 35 cities, 10,000 of them specialized', async () => {
    const batches = await sql.rows<{ batch: number; cities: number }>(
      `SELECT batch, count(*)::int AS cities FROM pilot_city GROUP BY batch ORDER BY batch`,
    );
    expect(batches.map((row) => row.batch)).toEqual([1, 2, 3]);
    expect(batches.every((row) => row.cities >= 30 && row.cities <= 35)).toBe(true);
    const pilots = await one<{ enrolled: number; specialized: number }>(
      `SELECT count(*)::int AS enrolled,
              count(*) FILTER (WHERE EXISTS (
                SELECT 1 FROM designation d WHERE d.enterprise_id = p.enterprise_id
                   AND d.kind IN ('SPECIALIZED_SME', 'LITTLE_GIANT') AND ${designationValidOn('d')}))::int AS specialized
         FROM pilot_enterprise p`,
    );
    expect(pilots.enrolled).toBeGreaterThan(36_000);
    expect(pilots.enrolled).toBeLessThan(44_000);
    expect(pilots.specialized).toBeGreaterThanOrEqual(10_000);
  });

  it('draws the pilots’ chart in docs/', async () => {
    const shipped = path.resolve(__dirname, '../../docs/pilot-progress.svg');
    const cities = await pilotProgressByCity(sql, createReferenceData(sql));
    expect(cities).toHaveLength(100);
    const svg = renderPilotChart(cities);
    if (process.env.UPDATE_REPORT) writeFileSync(shipped, svg);
    expect(svg).toBe(readFileSync(shipped, 'utf8'));
  });

  it('holds 500 to 1,000 policies at every tier, both deliveries, with payouts and some overdue', async () => {
    const policies = await one<Record<string, number>>(
      `SELECT count(*)::int AS total,
              count(*) FILTER (WHERE region_code IS NULL)::int AS national,
              count(DISTINCT r.code) FILTER (WHERE r.level = 'PROVINCE')::int AS provinces,
              count(*) FILTER (WHERE r.level = 'PREFECTURE')::int AS prefectures,
              count(*) FILTER (WHERE r.level = 'COUNTY')::int AS counties,
              count(DISTINCT delivery)::int AS deliveries
         FROM policy p LEFT JOIN region r ON r.code = p.region_code`,
    );
    expect(policies.total).toBeGreaterThanOrEqual(500);
    expect(policies.total).toBeLessThanOrEqual(1_000);
    expect(policies).toMatchObject({ provinces: 31, deliveries: 2 });
    for (const tier of ['national', 'prefectures', 'counties'])
      expect([tier, policies[tier] > 0]).toEqual([tier, true]);
    const past = await one<{ paid: number; overdue: number; entitled: number }>(
      `SELECT count(*) FILTER (WHERE status = 'PAID')::int AS paid,
              count(*) FILTER (WHERE status = 'APPROVED' AND pay_by < (now() AT TIME ZONE 'Asia/Shanghai')::date)::int AS overdue,
              count(*) FILTER (WHERE status = 'ENTITLED')::int AS entitled
         FROM policy_application`,
    );
    expect(past.paid).toBeGreaterThan(1_000);
    expect(past.overdue).toBeGreaterThan(0);
    expect(past.entitled).toBeGreaterThan(0);
  });

  it('holds a year of about 50,000 appeals, some escalated, extended or reopened', async () => {
    const appeals = await one<Record<string, number>>(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE escalations > 0)::int AS escalated,
              count(*) FILTER (WHERE extension_approved)::int AS extended,
              count(*) FILTER (WHERE reopened)::int AS reopened,
              count(*) FILTER (WHERE satisfaction IS NOT NULL)::int AS rated
         FROM appeal`,
    );
    expect(appeals.total).toBe(50_000);
    for (const path of ['escalated', 'extended', 'reopened', 'rated'])
      expect([path, appeals[path] > 100]).toEqual([path, true]);
  });
});
