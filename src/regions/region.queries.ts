// SQL for lists of regions, in code order: all of a level or under a parent, and (batched)
// the children of many regions at once.
import type { DataSource } from 'typeorm';
import { entityPage, entityPagesByKey } from '../db/entity-pages';
import type { PageSource } from '../db/page-query';
import type { ReferenceData } from '../db/reference-data';
import type { SqlParameters } from '../db/rows';
import type { PageWindow } from '../schema/pagination';
import type { RegionConnection } from './region.connection';
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
  dataSource: DataSource,
  filter: RegionListFilter,
  window: PageWindow,
): Promise<RegionConnection> {
  return entityPage({ dataSource }, Region, (params) => regionSource(filter, params), window);
}

export function childRegionPages(
  dataSource: DataSource,
  parentCodes: readonly string[],
  window: PageWindow,
): Promise<RegionConnection[]> {
  return entityPagesByKey(
    { dataSource },
    Region,
    parentCodes,
    // Region codes are char(6): compare as such so that the indexes serve.
    'bpchar',
    (keysParam) => ({
      source: { from: 'region t', where: [`t.parent_code = ANY(${keysParam})`], sort: BY_CODE },
      partition: 't.parent_code',
    }),
    window,
  );
}

/** A region and every region above it, nearest first; empty when the code names none. */
export async function regionWithAncestors(
  reference: ReferenceData,
  code: string,
): Promise<Region[]> {
  const regions = await reference.regions();
  const chain: Region[] = [];
  for (
    let region = regions.get(code);
    region;
    region = region.parentCode ? regions.get(region.parentCode) : undefined
  ) {
    chain.push(region);
  }
  return chain;
}
