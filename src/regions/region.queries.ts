// SQL for lists of regions, in code order: all of a level or under a parent, and (batched)
// the children of many regions at once.
import type { DataSource } from 'typeorm';
import {
  countRows,
  fetchPage,
  fetchPagesByKey,
  type PageRow,
  type PageSource,
} from '../db/page-query';
import { SqlParameters, hydrator } from '../db/rows';
import { toConnection, type PageWindow } from '../schema/pagination';
import type { RegionConnection } from './region.connection';
import { Region } from './region.entity';
import type { RegionLevel } from './region-level';

const BY_CODE: PageSource['sort'] = [{ sql: 't.code', type: 'bpchar' }];

export interface RegionListFilter {
  level?: RegionLevel | null;
  /** Six-digit code of the parent. */
  parentCode?: string | null;
}

function nodesOf(dataSource: DataSource, rows: PageRow[]) {
  const hydrate = hydrator(dataSource, Region);
  return rows.map(({ row, sortValues }) => ({ node: hydrate(row), sortValues }));
}

function regionSource(filter: RegionListFilter, params: SqlParameters): PageSource {
  const where: string[] = [];
  if (filter.level) where.push(`t.level = ${params.add(filter.level)}::region_level`);
  if (filter.parentCode) where.push(`t.parent_code = ${params.add(filter.parentCode)}`);
  return { from: 'region t', where, sort: BY_CODE };
}

export async function listRegions(
  dataSource: DataSource,
  filter: RegionListFilter,
  window: PageWindow,
): Promise<RegionConnection> {
  const params = new SqlParameters();
  const rows = await fetchPage(dataSource, regionSource(filter, params), window, params);
  const countParams = new SqlParameters();
  const countSource = regionSource(filter, countParams);
  return toConnection(nodesOf(dataSource, rows), window, () =>
    countRows(dataSource, countSource, countParams),
  );
}

export async function childRegionPages(
  dataSource: DataSource,
  parentCodes: readonly string[],
  window: PageWindow,
): Promise<RegionConnection[]> {
  const pages = await fetchPagesByKey(
    dataSource,
    parentCodes,
    // Region codes are char(6): compare as such so that the indexes serve.
    'bpchar',
    (keysParam) => ({
      source: { from: 'region t', where: [`t.parent_code = ANY(${keysParam})`], sort: BY_CODE },
      partition: 't.parent_code',
    }),
    window,
  );
  return parentCodes.map((code) => {
    const page = pages.get(code);
    return toConnection(nodesOf(dataSource, page?.rows ?? []), window, () => page?.total ?? 0);
  });
}
