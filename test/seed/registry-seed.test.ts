// The seeded registry: the full plan's figures (MIIT's published scale, checked without writing it:
// the tests' database holds 2 % of it, see test/support/global-setup.ts), and that the database
// holds exactly what the plan at the tests' scale says, with history, written once.
import type { DataSource } from 'typeorm';
import { Sql } from '../../src/db/sql';
import { loadDivisions } from '../../src/seed/divisions';
import { planRegistry, type RegistryPlan } from '../../src/seed/registry-plan';
import { insertClusters, insertDesignatedEnterprises } from '../../src/seed/seed-registry';
import { gb32100CheckCharacter } from '../support/credit-codes';
import { SEED_SCALE } from '../support/seed-scale';
import { connectTestDatabase } from '../support/test-database';
import { allIndustries } from '../../src/cultivation/industry-classification';

const regions = loadDivisions();
const seedDay = '2026-12-06';
let full: RegistryPlan;

/** Today's status of a planned designation, worked out here from its dates (not the seed's rule). */
function statusOn(d: RegistryPlan['designations'][number], day: string): string {
  if (d.status === 'REVOKED') return 'REVOKED';
  if (d.validUntil < day) return 'EXPIRED';
  const reviewOpens = new Date(Date.parse(`${d.validUntil}T00:00:00Z`) - 90 * 86_400_000)
    .toISOString()
    .slice(0, 10);
  return reviewOpens <= day ? 'UNDER_REVIEW' : 'ACTIVE';
}

function tally(plan: RegistryPlan, day: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const d of plan.designations) {
    const key = `${d.kind}:${statusOn(d, day)}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

const live = (counts: Record<string, number>, kind: string) =>
  (counts[`${kind}:ACTIVE`] ?? 0) + (counts[`${kind}:UNDER_REVIEW`] ?? 0);

beforeAll(() => {
  full = planRegistry(regions, seedDay, 1);
});

describe('the registry seed at its published scale', () => {
  it('holds about 140,000 live specialized SMEs, 12,000 little giants and over 50,000 innovative SMEs', () => {
    const counts = tally(full, seedDay);
    expect(live(counts, 'SPECIALIZED_SME')).toBeGreaterThan(135_000);
    expect(live(counts, 'SPECIALIZED_SME')).toBeLessThan(145_000);
    expect(live(counts, 'LITTLE_GIANT')).toBeGreaterThan(11_000);
    expect(live(counts, 'LITTLE_GIANT')).toBeLessThan(13_000);
    expect(live(counts, 'INNOVATIVE_SME')).toBeGreaterThanOrEqual(50_000);
    console.log('registry seed at scale 1, by kind and status today:', counts);
  });

  it('has designations under review today, expired ones and a few revoked, in yearly batches', () => {
    const counts = tally(full, seedDay);
    expect(counts['SPECIALIZED_SME:UNDER_REVIEW']).toBeGreaterThan(1000);
    expect(counts['SPECIALIZED_SME:EXPIRED']).toBeGreaterThan(1000);
    const revoked = counts['SPECIALIZED_SME:REVOKED'] + counts['INNOVATIVE_SME:REVOKED'];
    expect(revoked).toBeGreaterThan(10);
    expect(revoked).toBeLessThan(0.01 * full.designations.length);
    const years = new Set(full.designations.map((d) => d.batch.slice(0, 4)));
    expect(years.size).toBeGreaterThanOrEqual(4);
  });

  it('puts the most specialized SMEs in Guangdong, Zhejiang, Jiangsu and Shandong', () => {
    const byProvince = new Map<string, number>();
    for (const d of full.designations) {
      if (d.kind !== 'SPECIALIZED_SME') continue;
      byProvince.set(d.grantedByCode!, (byProvince.get(d.grantedByCode!) ?? 0) + 1);
    }
    const top = [...byProvince].sort((a, b) => b[1] - a[1]).slice(0, 4);
    expect(top.map(([code]) => code).sort()).toEqual(['320000', '330000', '370000', '440000']);
    expect(byProvince.size).toBe(31);
  });

  it('grants a little giant only to an enterprise holding a live specialized designation on its validFrom', () => {
    const specialized = new Map(
      full.designations.filter((d) => d.kind === 'SPECIALIZED_SME').map((d) => [d.creditCode, d]),
    );
    const wrong = full.designations.filter((giant) => {
      if (giant.kind !== 'LITTLE_GIANT') return false;
      const base = specialized.get(giant.creditCode);
      return (
        giant.grantedByCode !== null ||
        !base ||
        !['ACTIVE', 'UNDER_REVIEW'].includes(base.status) ||
        !(base.validFrom <= giant.validFrom && giant.validFrom <= base.validUntil)
      );
    });
    expect(wrong).toEqual([]);
  });

  it('gives every enterprise a credit code with right check characters, unique, in its region', () => {
    const counties = new Set(regions.filter((r) => r.level === 'COUNTY').map((r) => r.code));
    const wrong = full.enterprises.filter(
      (enterprise) =>
        gb32100CheckCharacter(enterprise.creditCode.slice(0, 17)) !== enterprise.creditCode[17] ||
        enterprise.creditCode.slice(2, 8) !== enterprise.regionCode ||
        !counties.has(enterprise.regionCode),
    );
    expect(wrong).toEqual([]);
    expect(new Set(full.enterprises.map((e) => e.creditCode)).size).toBe(full.enterprises.length);
  });

  it('uses GB/T 4754-2017 classes that exist, mostly manufacturing', () => {
    const classes = new Set(
      allIndustries()
        .filter((i) => i.level === 'class')
        .map((i) => i.code),
    );
    expect(full.enterprises.every((e) => classes.has(e.industryCode))).toBe(true);
    const manufacturing = full.enterprises.filter((e) => e.industryCode.startsWith('C')).length;
    expect(manufacturing / full.enterprises.length).toBeGreaterThan(0.8);
  });

  it('recognises 300 national clusters in three yearly batches and provincial ones in every province, with members', () => {
    const national = full.clusters.filter((c) => c.level === 'NATIONAL');
    expect(national).toHaveLength(300);
    expect(new Set(national.map((c) => c.validFrom.slice(0, 4))).size).toBe(3);
    const provincial = full.clusters.filter((c) => c.level === 'PROVINCIAL');
    expect(new Set(provincial.map((c) => c.regionCodes[0].slice(0, 2))).size).toBe(31);
    const counties = new Map(regions.map((r) => [r.code, r]));
    for (const cluster of full.clusters) {
      expect(cluster.regionCodes.every((code) => counties.get(code)?.level === 'COUNTY')).toBe(
        true,
      );
    }
    // Members: located in a cluster region, industry under its codes.
    const members = (cluster: RegistryPlan['clusters'][number]) =>
      full.enterprises.filter(
        (e) =>
          cluster.regionCodes.includes(e.regionCode) &&
          cluster.industryCodes.some((prefix) => e.industryCode.startsWith(prefix)),
      ).length;
    const sample = national.filter((_, i) => i % 25 === 0);
    expect(sample.every((cluster) => members(cluster) > 0)).toBe(true);
  });
});

describe('the registry in the tests’ database', () => {
  let db: DataSource;
  let seededOn: string;

  beforeAll(async () => {
    db = await connectTestDatabase();
    [{ seeded_on: seededOn }] = await db.query(
      `SELECT seeded_on::text AS seeded_on FROM seed_info WHERE id = 1`,
    );
  });
  afterAll(() => db.destroy());

  it('holds exactly the plan at the tests’ scale, by kind and status as of today', async () => {
    const plan = planRegistry(regions, seededOn, SEED_SCALE);
    const [{ today }] = await db.query(
      `SELECT ((now() AT TIME ZONE 'Asia/Shanghai')::date)::text AS today`,
    );
    const rows: { kind: string; status: string; n: number }[] = await db.query(
      `SELECT d.kind, CASE WHEN d.status IN ('ACTIVE', 'UNDER_REVIEW') AND d.valid_until < $1::date THEN 'EXPIRED'
                           WHEN d.status = 'ACTIVE' AND d.valid_until - 90 <= $1::date THEN 'UNDER_REVIEW'
                           ELSE d.status::text END AS status, count(*)::int AS n
         FROM designation d JOIN enterprise e ON e.id = d.enterprise_id
        WHERE e.credit_code = ANY($2::bpchar[])
        GROUP BY 1, 2`,
      [today, plan.enterprises.map((e) => e.creditCode)],
    );
    expect(Object.fromEntries(rows.map((r) => [`${r.kind}:${r.status}`, r.n]))).toEqual(
      tally(plan, today),
    );
    const [{ clusters }] = await db.query(
      `SELECT count(*)::int AS clusters FROM cluster WHERE code = ANY($1::text[])`,
      [plan.clusters.map((c) => c.code)],
    );
    expect(clusters).toBe(plan.clusters.length);
  });

  it('writes each designation’s history: granted, review opened, expired, revoked with a reason', async () => {
    const plan = planRegistry(regions, seededOn, SEED_SCALE);
    const rows: { status: string; steps: string; reasons: number }[] = await db.query(
      `SELECT d.status::text, string_agg(c.status::text, ',' ORDER BY c.at, c.id) AS steps,
              count(c.reason)::int AS reasons
         FROM designation d JOIN designation_change c ON c.designation_id = d.id
         JOIN enterprise e ON e.id = d.enterprise_id
        WHERE e.credit_code = ANY($1::bpchar[])
        GROUP BY d.id, d.status`,
      [plan.enterprises.map((e) => e.creditCode)],
    );
    const shapes = new Set(rows.map((r) => `${r.status}<${r.steps}>${r.reasons}`));
    const allowed = [
      'ACTIVE<ACTIVE>0',
      'UNDER_REVIEW<ACTIVE,UNDER_REVIEW>0',
      'EXPIRED<ACTIVE,UNDER_REVIEW,EXPIRED>0',
      'REVOKED<ACTIVE,REVOKED>1',
    ];
    expect([...shapes].filter((shape) => !allowed.includes(shape))).toEqual([]);
    expect([...shapes].sort()).toEqual([...allowed].sort());
  });

  it('writes nothing a second time, leaving enterprises that hold a designation of the kind as they are', async () => {
    const plan = planRegistry(regions, seededOn, SEED_SCALE);
    const sql = new Sql(db);
    const again = await sql
      .transaction(async (transaction) => {
        const result = {
          clusters: await insertClusters(transaction, plan.clusters),
          ...(await insertDesignatedEnterprises(transaction, plan)),
        };
        throw Object.assign(new Error('roll back'), { result });
      })
      .catch((error: { result?: unknown }) => error.result);
    expect(again).toEqual({ clusters: 0, enterprises: 0, designations: 0 });
  });
});
