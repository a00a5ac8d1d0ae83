// SQL reads of the registry: a page of designations, one statement whatever the page.
import type { KeysetPage } from '../db/entity-pages';
import { entityPage } from '../db/entity-pages';
import { BY_ROW_ID_SORT, type KeysetWindow } from '../db/page-query';
import type { CultivationContext } from './cultivation.context';
import { designationsOn } from './designation-reads';
import { designationConditions } from './designation-filter';
import { Designation } from './designation.entity';
import type { DesignationFilter } from './designation.inputs';

export function listDesignations(
  context: CultivationContext,
  filter: DesignationFilter | null | undefined,
  window: KeysetWindow,
): Promise<KeysetPage<Designation>> {
  return entityPage(
    { sql: context.sql, prime: context.designations.prime },
    Designation,
    (params) => {
      const { where, byRegion } = designationConditions(filter, params);
      return {
        from: `${designationsOn()} t${byRegion ? ' JOIN enterprise e ON e.id = t.enterprise_id' : ''}`,
        where,
        sort: BY_ROW_ID_SORT,
      };
    },
    window,
  );
}
