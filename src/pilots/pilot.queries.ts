// SQL reads of pilots: the list of pilot cities, and the same page of enterprises of many cities
// in one statement.
import { entityPage, entityPagesByKey, type KeysetPage } from '../db/entity-pages';
import { BY_ROW_ID_SORT, anyOf, type KeysetWindow } from '../db/page-query';
import type { SqlTransaction } from '../db/sql';
import { regionCodeRange } from '../regions/region-code';
import type { PilotContext } from './pilot.context';
import { PilotCity } from './pilot-city.entity';
import { PilotEnterprise } from './pilot-enterprise.entity';
import type { PilotStage } from './pilot-enums';

/** Pilot cities of a batch and of a region and everything below it, in the order made. */
export function listPilotCities(
  { sql, pilots }: PilotContext,
  batch: number | null,
  regionCode: string | null,
  window: KeysetWindow,
): Promise<KeysetPage<PilotCity>> {
  return entityPage(
    { sql, prime: pilots.primeCities },
    PilotCity,
    (params) => {
      const where: string[] = [];
      if (batch !== null) where.push(`t.batch = ${params.add(batch)}::int`);
      if (regionCode !== null) {
        const [lo, hi] = regionCodeRange(regionCode);
        where.push(`t.region_code BETWEEN ${params.add(lo)}::bpchar AND ${params.add(hi)}::bpchar`);
      }
      return { from: 'pilot_city t', where, sort: BY_ROW_ID_SORT };
    },
    window,
  );
}

/** The same page of enterprises of each of many cities (row ids), in enrolment order. */
export function enterprisePagesByCity(
  { sql, pilots }: PilotContext,
  cityKeys: readonly number[],
  stages: readonly PilotStage[] | null | undefined,
  window: KeysetWindow,
  withTotals: boolean,
): Promise<KeysetPage<PilotEnterprise>[]> {
  return entityPagesByKey(
    { sql, prime: pilots.primeEnterprises },
    PilotEnterprise,
    cityKeys,
    'int',
    (params) => ({
      source: {
        from: 'pilot_enterprise t',
        where: anyOf('t.stage', stages, 'pilot_stage', params),
        sort: BY_ROW_ID_SORT,
      },
      partition: 't.city_id',
    }),
    window,
    withTotals,
  );
}

/** The city of that region, locked for this transaction's changes of its money and enrolments. */
export async function lockedCityByRegion(
  transaction: SqlTransaction,
  regionCode: string,
): Promise<PilotCity | undefined> {
  return (
    await transaction.rows('SELECT * FROM pilot_city WHERE region_code = $1 FOR UPDATE', [
      regionCode,
    ])
  ).map(transaction.hydrator(PilotCity))[0];
}

/** The city (row id), locked: acceptances pay out of its pool one at a time. */
export async function lockedCity(transaction: SqlTransaction, key: number): Promise<PilotCity> {
  return (await transaction.rows('SELECT * FROM pilot_city WHERE id = $1 FOR UPDATE', [key])).map(
    transaction.hydrator(PilotCity),
  )[0];
}

/** The pilot enterprise (row id), locked against concurrent moves; undefined if none. */
export async function lockedPilotEnterprise(
  transaction: SqlTransaction,
  key: number,
): Promise<PilotEnterprise | undefined> {
  return (
    await transaction.rows('SELECT * FROM pilot_enterprise WHERE id = $1 FOR UPDATE', [key])
  ).map(transaction.hydrator(PilotEnterprise))[0];
}
