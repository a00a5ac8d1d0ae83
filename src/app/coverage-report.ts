// The coverage report (npm run report): asks networkStatistics for the country and its provinces
// through the API's own schema, in process and as a PUBLIC reader, and draws the chart. So the
// picture shows exactly what any client of the API would read.
import { graphql } from 'graphql';
import type { Sql } from '../db/sql';
import {
  renderCoverageChart,
  type CoverageChartData,
  type ProvinceCoverage,
} from '../statistics/coverage-chart';
import { createRequestContext } from './context';
import type { ReferenceData } from './reference-data';
import { buildApiSchema } from './schema';

const COVERAGE = `{
  networkStatistics {
    coverage { tier regions covered }
    breakdown {
      region { code name nameEn }
      coverage { tier regions covered }
    }
  }
}`;

interface Coverage {
  tier: string;
  regions: number;
  covered: number;
}

const tierOf = (coverage: Coverage[], tier: string) => {
  const found = coverage.find((row) => row.tier === tier);
  return { regions: found?.regions ?? 0, covered: found?.covered ?? 0 };
};

export async function coverageByProvince(
  sql: Sql,
  reference: ReferenceData,
): Promise<CoverageChartData> {
  const result = await graphql({
    schema: buildApiSchema(),
    source: COVERAGE,
    contextValue: createRequestContext({ sql, reference }),
  });
  if (result.errors?.length) throw new Error(result.errors.map((e) => e.message).join('; '));
  const statistics = result.data!.networkStatistics as {
    coverage: Coverage[];
    breakdown: {
      region: { code: string; name: string; nameEn: string };
      coverage: Coverage[];
    }[];
  };
  const provinces: ProvinceCoverage[] = statistics.breakdown.map(({ region, coverage }) => ({
    ...region,
    prefectures: tierOf(coverage, 'MUNICIPAL'),
    counties: tierOf(coverage, 'COUNTY'),
  }));
  return {
    country: {
      prefectures: tierOf(statistics.coverage, 'MUNICIPAL'),
      counties: tierOf(statistics.coverage, 'COUNTY'),
    },
    provinces,
  };
}

export async function coverageChart(sql: Sql, reference: ReferenceData): Promise<string> {
  return renderCoverageChart(await coverageByProvince(sql, reference));
}
