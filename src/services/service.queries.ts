// SQL for lists of services: the whole catalogue, and (batched) the services of many institutions.
import { entityPage, entityPagesByKey, type KeysetPage } from '../db/entity-pages';
import type { KeysetWindow, ListReading } from '../db/page-query';
import { filterCategoryKeys } from '../institutions/institution.queries';
import type { ServiceContext } from './service.context';
import { Service } from './service.entity';
import { serviceConditions, type ServiceFilter } from './service-filter';

export async function listServices(
  context: ServiceContext,
  filter: ServiceFilter | null | undefined,
  window: KeysetWindow,
  { columns }: ListReading,
): Promise<KeysetPage<Service>> {
  const categoryKeys = await filterCategoryKeys(context, filter);
  return entityPage(
    { sql: context.sql, prime: (rows) => context.services.prime(rows, columns) },
    Service,
    (params) => ({
      from: 'service t',
      columns,
      ...serviceConditions(filter, params, categoryKeys),
    }),
    window,
  );
}

/** The same page of services of each institution (by row id). */
export async function servicePagesByInstitution(
  context: ServiceContext,
  institutionKeys: readonly number[],
  filter: ServiceFilter | null | undefined,
  window: KeysetWindow,
  { columns, withTotals }: ListReading,
): Promise<KeysetPage<Service>[]> {
  const categoryKeys = await filterCategoryKeys(context, filter);
  return entityPagesByKey(
    { sql: context.sql, prime: (rows) => context.services.prime(rows, columns) },
    Service,
    institutionKeys,
    'int',
    (params) => ({
      source: { from: 'service t', columns, ...serviceConditions(filter, params, categoryKeys) },
      partition: 't.institution_id',
    }),
    window,
    withTotals,
  );
}
