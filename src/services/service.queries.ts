// SQL for lists of services: the whole catalogue, and (batched) the services of many institutions.
import type { DataSource } from 'typeorm';
import { entityPage, entityPagesByKey } from '../db/entity-pages';
import type { PageWindow } from '../schema/pagination';
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
  return entityPage(
    context,
    Service,
    (params) => ({ from: 'service t', ...serviceConditions(filter, params, categoryKeys) }),
    window,
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
  return entityPagesByKey(
    context,
    Service,
    institutionKeys,
    'int',
    (keysParam, params) => {
      const { where, sort } = serviceConditions(filter, params, categoryKeys);
      return {
        source: {
          from: 'service t',
          where: [`t.institution_id = ANY(${keysParam})`, ...where],
          sort,
        },
        partition: 't.institution_id',
      };
    },
    window,
  );
}
