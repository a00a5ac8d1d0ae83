// The batched reads of pilot cities, pilot enterprises, their history, progress and providers'
// records a request shares.
import { newLoader, rowsByUniqueKey, type LoaderSettings } from '../db/loaders';
import type { Sql } from '../db/sql';
import { PilotCity } from './pilot-city.entity';
import { PilotEnterprise } from './pilot-enterprise.entity';
import { PilotStageChange } from './pilot-stage-change.entity';
import { pilotProgressByArea, pilotRecords } from './pilot-progress.queries';

export function createPilotLoaders(sql: Sql, settings: LoaderSettings) {
  const cityByKey = rowsByUniqueKey(sql, PilotCity, 'id', 'int', (row) => row.key, settings);
  const cityByRegion = rowsByUniqueKey(
    sql,
    PilotCity,
    'region_code',
    'bpchar',
    (row) => row.regionCode,
    settings,
  );
  const enterpriseByKey = rowsByUniqueKey(
    sql,
    PilotEnterprise,
    'id',
    'int',
    (row) => row.key,
    settings,
  );
  const hydrateChange = sql.hydrator(PilotStageChange);
  return {
    cityByKey,
    cityByRegion,
    /** Remembers cities a list already read, so that their fields cost no statement. */
    primeCities(cities: PilotCity[]) {
      for (const city of cities) {
        cityByKey.prime(city.key, city);
        cityByRegion.prime(city.regionCode, city);
      }
    },
    enterpriseByKey,
    primeEnterprises(enterprises: PilotEnterprise[]) {
      for (const enterprise of enterprises) enterpriseByKey.prime(enterprise.key, enterprise);
    },
    /** Each area's (or city's region's) progress. */
    progressByArea: newLoader(settings, async (areas: readonly string[]) => {
      const found = await pilotProgressByArea(sql, areas);
      return areas.map((area) => found.get(area)!);
    }),
    /** Every stage change of each pilot enterprise, oldest first. */
    history: newLoader<number, PilotStageChange[]>(settings, async (keys) => {
      const rows = (
        await sql.rows(
          'SELECT * FROM pilot_stage_change WHERE pilot_enterprise_id = ANY($1::int[]) ORDER BY pilot_enterprise_id, id',
          [keys],
        )
      ).map(hydrateChange);
      return keys.map((key) => rows.filter((row) => row.pilotEnterpriseId === key));
    }),
    /** What each institution delivered as a pilot provider. */
    recordByInstitution: newLoader(settings, (ids: readonly number[]) => pilotRecords(sql, ids)),
  };
}

export type PilotLoaders = ReturnType<typeof createPilotLoaders>;
