// The coverage chart: one row per province with bars as long as its coverage, municipalities
// without real prefectures said in words, names escaped; and the chart shipped in docs/ (and the
// README) is the one npm run report draws from the seeded network's networkStatistics.
// UPDATE_REPORT=1 npx jest test/statistics/coverage-chart.test.ts draws it again.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createReferenceData } from '../../src/app/reference-data';
import { coverageByProvince, coverageChart } from '../../src/app/coverage-report';
import { Sql } from '../../src/db/sql';
import { renderCoverageChart } from '../../src/statistics/coverage-chart';
import { connectTestDatabase } from '../support/test-database';

const SHIPPED = path.resolve(__dirname, '../../docs/coverage-by-province.svg');

describe('the coverage chart', () => {
  it('draws a bar as long as each province’s share, and says when a province has no prefectures', () => {
    const svg = renderCoverageChart({
      country: { prefectures: { regions: 4, covered: 3 }, counties: { regions: 10, covered: 5 } },
      provinces: [
        {
          code: '440000',
          name: '广东省',
          nameEn: 'Guangdong <&>',
          prefectures: { regions: 4, covered: 3 },
          counties: { regions: 8, covered: 2 },
        },
        {
          code: '110000',
          name: '北京市',
          nameEn: 'Beijing',
          prefectures: { regions: 0, covered: 0 },
          counties: { regions: 2, covered: 2 },
        },
      ],
    });
    expect(svg).toContain('Guangdong &lt;&amp;&gt;');
    // 75 % of the 420-pixel track; counties 25 % and 100 %.
    expect(svg).toContain('width="315.0" height="11"');
    expect(svg).toContain('width="105.0" height="6"');
    expect(svg).toContain('width="420.0" height="6"');
    expect(svg).toContain('3/4 · 75 %');
    expect(svg).toContain('no real prefectures');
    expect(svg.match(/height="11"/g)).toHaveLength(1);
  });
});

describe('the chart of the seeded network', () => {
  it('covers 31 provinces, about 84 % of real prefectures, and is the one in docs/', async () => {
    const db = await connectTestDatabase();
    try {
      const sql = new Sql(db);
      const reference = createReferenceData(sql);
      const data = await coverageByProvince(sql, reference);
      expect(data.provinces).toHaveLength(31);
      const { covered, regions } = data.country.prefectures;
      expect(covered / regions).toBeGreaterThan(0.82);
      expect(covered / regions).toBeLessThan(0.86);
      const svg = await coverageChart(sql, reference);
      if (process.env.UPDATE_REPORT) writeFileSync(SHIPPED, svg);
      expect(svg).toBe(readFileSync(SHIPPED, 'utf8'));
    } finally {
      await db.destroy();
    }
  });
});
