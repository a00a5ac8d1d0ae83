// SQL for lists of regions, in code order: all of a level or under a parent, and (batched)
// the children of many regions at once.
import { entityPage, entityPagesByKey, type KeysetPage } from '../db/entity-pages';
import type { KeysetWindow, PageSource } from '../db/page-query';
import type { SqlParameters } from '../db/rows';
import type { Sql } from '../db/sql';
import { Region } from './region.entity';
import type { RegionLevel } from './region-level';

const BY_CODE: PageSource['sort'] = [{ sql: 't.code', type: 'bpchar' }];

export interface RegionListFilter {
  level?: RegionLevel | null;
  /** Six-digit code of the parent. */
  parentCode?: string | null;
}

function regionSource(filter: RegionListFilter, params: SqlParameters): PageSource {
  const where: string[] = [];
  if (filter.level) where.push(`t.level = ${params.add(filter.level)}::region_level`);
  if (filter.parentCode) where.push(`t.parent_code = ${params.add(filter.parentCode)}`);
  return { from: 'region t', where, sort: BY_CODE };
}

export function listRegions(
  sql: Sql,
  filter: RegionListFilter,
  window: KeysetWindow,
): Promise<KeysetPage<Region>> {
  return entityPage({ sql }, Region, (params) => regionSource(filter, params), window);
}

export function childRegionPages(
  sql: Sql,
  parentCodes: readonly string[],
  window: KeysetWindow,
  withTotals: boolean,
): Promise<KeysetPage<Region>[]> {
  return entityPagesByKey(
    { sql },
    Region,
    parentCodes,
    // Region codes are char(6): compare as such so that the indexes serve.
    'bpchar',
    () => ({ source: { from: 'region t', where: [], sort: BY_CODE }, partition: 't.parent_code' }),
    window,
    withTotals,
  );
}
