// What PostgreSQL itself refuses, whatever the code above it does. Each attempt runs in a
// transaction that is rolled back, so the seeded network stays as it was.
import type { DataSource, QueryRunner } from 'typeorm';
import { connectTestDatabase } from '../support/test-database';

let db: DataSource;
let runner: QueryRunner;

beforeAll(async () => {
  db = await connectTestDatabase();
});
afterAll(() => db.destroy());

beforeEach(async () => {
  runner = db.createQueryRunner();
  await runner.startTransaction();
});
afterEach(async () => {
  await runner.rollbackTransaction();
  await runner.release();
});

const provincialCentreId = async () =>
  (await runner.query(`SELECT id FROM institution WHERE code = 'C-440000'`))[0].id as number;

function insertInstitution(values: {
  code: string;
  tier: string;
  kind: string;
  region: string | null;
  parent: number | null;
}) {
  return runner.query(
    `INSERT INTO institution (code, name, tier, kind, region_code, parent_id) VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      values.code,
      `测试机构 ${values.code}`,
      values.tier,
      values.kind,
      values.region,
      values.parent,
    ],
  );
}

describe('database constraints', () => {
  it('refuse a second PUBLIC institution in a region', async () => {
    await expect(
      insertInstitution({
        code: 'T-1',
        tier: 'MUNICIPAL',
        kind: 'PUBLIC',
        region: '441900',
        parent: await provincialCentreId(),
      }),
    ).rejects.toMatchObject({
      driverError: { code: '23505', constraint: 'institution_public_region_idx' },
    });
  });

  it('accept a second MARKET institution in the same region', async () => {
    const marketIn441900 = async () =>
      (
        await runner.query(
          `SELECT code FROM institution WHERE region_code = '441900' AND kind = 'MARKET'`,
        )
      )
        .map((row: { code: string }) => row.code)
        .sort();
    const before: string[] = await marketIn441900();
    expect(before.length).toBeGreaterThan(0); // the seed put MARKET agencies in Dongguan already
    await insertInstitution({
      code: 'T-2',
      tier: 'MUNICIPAL',
      kind: 'MARKET',
      region: '441900',
      parent: await provincialCentreId(),
    });
    expect(await marketIn441900()).toEqual([...before, 'T-2'].sort());
  });

  it('refuse a county institution without a parent', async () => {
    await expect(
      insertInstitution({
        code: 'T-3',
        tier: 'COUNTY',
        kind: 'MARKET',
        region: '110101',
        parent: null,
      }),
    ).rejects.toMatchObject({
      driverError: { code: '23514', constraint: 'institution_root_check' },
    });
  });

  it('refuse an institution without a region below the national tier', async () => {
    await expect(
      insertInstitution({
        code: 'T-4',
        tier: 'PROVINCIAL',
        kind: 'MARKET',
        region: null,
        parent: await provincialCentreId(),
      }),
    ).rejects.toMatchObject({
      driverError: { code: '23514', constraint: 'institution_national_check' },
    });
  });

  it('refuse a second national centre', async () => {
    await expect(
      insertInstitution({
        code: 'T-5',
        tier: 'NATIONAL',
        kind: 'PUBLIC',
        region: null,
        parent: null,
      }),
    ).rejects.toMatchObject({
      driverError: { code: '23505', constraint: 'institution_single_national_idx' },
    });
  });

  it('refuse a tier that is not one of the enum values', async () => {
    await expect(
      insertInstitution({
        code: 'T-6',
        tier: 'DISTRICT',
        kind: 'PUBLIC',
        region: '110101',
        parent: await provincialCentreId(),
      }),
    ).rejects.toMatchObject({ driverError: { code: '22P02' } });
  });

  it('refuse a duplicate institution code', async () => {
    await expect(
      insertInstitution({
        code: 'C-441900',
        tier: 'COUNTY',
        kind: 'MARKET',
        region: '110101',
        parent: await provincialCentreId(),
      }),
    ).rejects.toMatchObject({ driverError: { code: '23505', constraint: 'institution_code_key' } });
  });

  it('refuse a region that does not exist', async () => {
    await expect(
      insertInstitution({
        code: 'T-7',
        tier: 'COUNTY',
        kind: 'MARKET',
        region: '999999',
        parent: await provincialCentreId(),
      }),
    ).rejects.toMatchObject({
      driverError: { code: '23503', constraint: 'institution_region_code_fkey' },
    });
  });

  it('refuse a malformed region code', async () => {
    await expect(
      runner.query(
        `INSERT INTO region (code, name, name_en, level, parent_code) VALUES ('44190', 'x', 'x', 'COUNTY', '440000')`,
      ),
    ).rejects.toMatchObject({ driverError: { code: '23514', constraint: 'region_code_check' } });
  });

  it('refuse a province with a parent', async () => {
    await expect(
      runner.query(
        `INSERT INTO region (code, name, name_en, level, parent_code) VALUES ('990000', 'x', 'x', 'PROVINCE', '440000')`,
      ),
    ).rejects.toMatchObject({
      driverError: { code: '23514', constraint: 'region_level_parent_check' },
    });
  });

  it('refuse a service whose eligible scale is not an enterprise scale', async () => {
    await expect(
      runner.query(
        `INSERT INTO service (code, name, institution_id, category_id, delivery_mode, fee, eligible_scales)
         SELECT 'T-S', 'x', i.id, c.id, 'ONLINE', 'FREE', '{HUGE}' FROM institution i, service_category c
          WHERE i.code = 'C-441900' AND c.code = 'FIN-LOAN'`,
      ),
    ).rejects.toMatchObject({ driverError: { code: '22P02' } });
  });
});
