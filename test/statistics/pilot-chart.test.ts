// The pilots' chart (npm run report -- --pilots): each city's enterprises as a bar split by the
// stage they stand at, cities grouped by batch, names escaped; drawn from a database of the
// test's own through pilotCities, so that the picture is what the API answers.
// The chart in docs/ (and the README) is the seeded network's at full scale: the full seed's test
// compares it, and `UPDATE_REPORT=1 npx jest --config jest.full-seed.config.ts` draws it again.
import { createNetworkDataSource } from '../../src/app/data-source';
import { pilotProgressByCity } from '../../src/app/pilot-report';
import { createReferenceData } from '../../src/app/reference-data';
import { runPendingMigrations } from '../../src/db/migrations';
import { Sql } from '../../src/db/sql';
import { renderPilotChart } from '../../src/statistics/pilot-chart';
import { createScratchDatabase } from '../support/scratch-database';

const progress = (counts: Partial<Record<string, number>>) => ({
  enrolled: 0,
  diagnosed: 0,
  inTransformation: 0,
  accepted: 0,
  withdrawn: 0,
  subsidyPaidYuan: 0,
  ...counts,
});

describe('the pilots chart', () => {
  it('splits each city’s bar by the stage its enterprises stand at, batch by batch', () => {
    const svg = renderPilotChart([
      {
        code: '440300',
        name: '深圳市',
        nameEn: 'Shenzhen <&>',
        batch: 2,
        targetEnterprises: 100,
        progress: progress({
          enrolled: 80,
          diagnosed: 60,
          inTransformation: 40,
          accepted: 20,
          withdrawn: 20,
          subsidyPaidYuan: 6e6,
        }),
      },
      {
        code: '110112',
        name: '通州区',
        nameEn: 'Tongzhou',
        batch: 1,
        targetEnterprises: 50,
        progress: progress({}),
      },
    ]);
    expect(svg).toContain('Shenzhen &lt;&amp;&gt;');
    // A track of 480 pixels for the longest of 100 (enrolled and withdrawn, or the target).
    for (const [width, stage] of [
      ['96.0', '20 accepted'],
      ['96.0', '20 in transformation'],
      ['96.0', '20 diagnosed'],
      ['96.0', '20 enrolled'],
      ['96.0', '20 withdrawn'],
    ]) {
      expect(svg).toMatch(
        new RegExp(`width="${width}" height="10" fill="[^"]+"><title>深圳市: ${stage}`),
      );
    }
    expect(svg.indexOf('Batch 1 · 1 cities')).toBeLessThan(svg.indexOf('Batch 2 · 1 cities'));
    expect(svg).toContain('20/100 accepted · ¥6.0M');
  });

  it('is drawn from pilotCities of a database of its own', async () => {
    const scratch = await createScratchDatabase('pilot_chart');
    const db = createNetworkDataSource({ url: scratch.url, applicationName: 'jest-pilot-chart' });
    await db.initialize();
    try {
      await runPendingMigrations(db);
      const sql = new Sql(db);
      await sql.run(
        `INSERT INTO region (code, name, name_en, level, parent_code) VALUES
           ('440000', '广东省', 'Guangdong', 'PROVINCE', NULL),
           ('440300', '深圳市', 'Shenzhen', 'PREFECTURE', '440000'),
           ('440305', '南山区', 'Nanshan', 'COUNTY', '440300')`,
      );
      await sql.run(
        `INSERT INTO pilot_city (region_code, batch, starts_on, ends_on, target_enterprises, funds_allocated_yuan, subsidy_rule)
         VALUES ('440300', 1, '2024-01-01', '2026-01-01', 10, 1000000, '{}')`,
      );
      await sql.run(
        `INSERT INTO enterprise (credit_code, name, scale, region_code)
         SELECT 'T' || lpad(n::text, 17, '0'), 'E' || n, 'SMALL', '440305' FROM generate_series(1, 8) n`,
      );
      await sql.run(
        `INSERT INTO pilot_enterprise (city_id, enterprise_id, sub_industry, stage)
         SELECT (SELECT id FROM pilot_city), e.id, '汽车零部件',
                (CASE WHEN e.name IN ('E1', 'E2') THEN 'WITHDRAWN' ELSE 'ENROLLED' END)::pilot_stage
           FROM enterprise e`,
      );
      const cities = await pilotProgressByCity(sql, createReferenceData(sql));
      expect(cities).toEqual([
        {
          code: '440300',
          name: '深圳市',
          nameEn: 'Shenzhen',
          batch: 1,
          targetEnterprises: 10,
          progress: progress({ enrolled: 6, withdrawn: 2 }),
        },
      ]);
      const svg = renderPilotChart(cities);
      // 6 enrolled and 2 withdrawn of a target of 10: 288 and 96 pixels of 480.
      expect(svg).toContain('width="288.0" height="10" fill="#d9d9d9"><title>深圳市: 6 enrolled');
      expect(svg).toContain('width="96.0" height="10" fill="#e8a0a0"><title>深圳市: 2 withdrawn');
    } finally {
      await db.destroy();
      await scratch.drop();
    }
  });
});
