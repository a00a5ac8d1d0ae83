// SQL for lists of services: the whole catalogue, and (batched) the services of many institutions.
import { entityPage, entityPagesByKey, type KeysetPage } from '../db/entity-pages';
import type { KeysetWindow } from '../db/page-query';
import { filterCategoryKeys } from '../institutions/institution.queries';
import type { ServiceContext } from './service.context';
import { Service } from './service.entity';
import { serviceConditions, type ServiceFilter } from './service-filter';

export async function listServices(
  context: ServiceContext,
  filter: ServiceFilter | null | undefined,
  window: KeysetWindow,
): Promise<KeysetPage<Service>> {
  const categoryKeys = await filterCategoryKeys(context, filter);
  return entityPage(
    { sql: context.sql, prime: context.services.prime },
    Service,
    (params) => ({ from: 'service t', ...serviceConditions(filter, params, categoryKeys) }),
    window,
  );
}

/** The same page of services of each institution (by row id). */
export async function servicePagesByInstitution(
  context: ServiceContext,
  institutionKeys: readonly number[],
  filter: ServiceFilter | null | undefined,
  window: KeysetWindow,
): Promise<KeysetPage<Service>[]> {
  const categoryKeys = await filterCategoryKeys(context, filter);
  return entityPagesByKey(
    { sql: context.sql, prime: context.services.prime },
    Service,
    institutionKeys,
    'int',
    (keysParam, params) => {
      const { where, sort, heavy } = serviceConditions(filter, params, categoryKeys);
      return {
        source: {
          from: 'service t',
          where: [`t.institution_id = ANY(${keysParam})`, ...where],
          sort,
          heavy,
        },
        partition: 't.institution_id',
      };
    },
    window,
  );
}
