// The pilots' report (npm run report -- --pilots): asks pilotCities for every city and its
// progress through the API's own schema, in process and as a PUBLIC reader, page by page, and
// draws the chart. So the picture shows exactly what any client of the API would read.
import { graphql } from 'graphql';
import type { Sql } from '../db/sql';
import { renderPilotChart, type PilotCityProgress } from '../statistics/pilot-chart';
import { createRequestContext } from './context';
import type { ReferenceData } from './reference-data';
import { buildApiSchema } from './schema';

const PILOT_CITIES = `query ($after: String) {
  pilotCities(first: 100, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes {
      batch targetEnterprises
      region { code name nameEn }
      progress { enrolled diagnosed inTransformation accepted withdrawn subsidyPaidYuan }
    }
  }
}`;

interface Page {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: (Omit<PilotCityProgress, 'code' | 'name' | 'nameEn'> & {
    region: { code: string; name: string; nameEn: string };
  })[];
}

export async function pilotProgressByCity(
  sql: Sql,
  reference: ReferenceData,
): Promise<PilotCityProgress[]> {
  const cities: PilotCityProgress[] = [];
  let after: string | null = null;
  do {
    const result = await graphql({
      schema: buildApiSchema(),
      source: PILOT_CITIES,
      variableValues: { after },
      contextValue: createRequestContext({ sql, reference }),
    });
    if (result.errors?.length) throw new Error(result.errors.map((e) => e.message).join('; '));
    const page = result.data!.pilotCities as Page;
    for (const { region, ...city } of page.nodes) cities.push({ ...region, ...city });
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after !== null);
  return cities;
}

export async function pilotChart(sql: Sql, reference: ReferenceData): Promise<string> {
  return renderPilotChart(await pilotProgressByCity(sql, reference));
}
