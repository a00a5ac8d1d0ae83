// SQL for lists of services: the whole catalogue, and (batched) the services of many institutions.
import type { DataSource } from 'typeorm';
import { countRows, fetchPage, fetchPagesByKey, type PageRow } from '../db/page-query';
import { SqlParameters, hydrator } from '../db/rows';
import { toConnection, type PageWindow } from '../schema/pagination';
import type { ServiceConnection } from './service.connection';
import { Service } from './service.entity';
import { serviceConditions, type ServiceFilter } from './service-filter';
import { categoryFilterKeys, type Taxonomy } from './taxonomy';

export interface ServiceQueryContext {
  dataSource: DataSource;
  /** Read only when a filter names a category. */
  taxonomy: () => Promise<Taxonomy>;
  prime(services: Service[]): void;
}

function nodesOf(context: ServiceQueryContext, rows: PageRow[]) {
  const hydrate = hydrator(context.dataSource, Service);
  const items = rows.map(({ row, sortValues }) => ({ node: hydrate(row), sortValues }));
  context.prime(items.map((item) => item.node));
  return items;
}

export async function listServices(
  context: ServiceQueryContext,
  filter: ServiceFilter | null | undefined,
  window: PageWindow,
): Promise<ServiceConnection> {
  const categoryKeys = await categoryFilterKeys(
    filter?.categoryCode,
    'filter.categoryCode',
    context.taxonomy,
  );
  const params = new SqlParameters();
  const source = { from: 'service t', ...serviceConditions(filter, params, categoryKeys) };
  const countParams = new SqlParameters();
  const countSource = {
    from: 'service t',
    ...serviceConditions(filter, countParams, categoryKeys),
  };
  const rows = await fetchPage(context.dataSource, source, window, params);
  return toConnection(nodesOf(context, rows), window, () =>
    countRows(context.dataSource, countSource, countParams),
  );
}

/** The same page of services of each institution (by row id). */
export async function servicePagesByInstitution(
  context: ServiceQueryContext,
  institutionKeys: readonly number[],
  filter: ServiceFilter | null | undefined,
  window: PageWindow,
): Promise<ServiceConnection[]> {
  const categoryKeys = await categoryFilterKeys(
    filter?.categoryCode,
    'filter.categoryCode',
    context.taxonomy,
  );
  const pages = await fetchPagesByKey(
    context.dataSource,
    institutionKeys,
    'int',
    (keysParam, params) => {
      const conditions = serviceConditions(filter, params, categoryKeys);
      return {
        source: {
          from: 'service t',
          where: [`t.institution_id = ANY(${keysParam})`, ...conditions.where],
          sort: conditions.sort,
        },
        partition: 't.institution_id',
      };
    },
    window,
  );
  return institutionKeys.map((key) => {
    const page = pages.get(key);
    return toConnection(nodesOf(context, page?.rows ?? []), window, () => page?.total ?? 0);
  });
}
