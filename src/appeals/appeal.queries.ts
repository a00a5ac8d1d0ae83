// Reads of appeals as a viewer may see them: the list newest first, filtered, in one statement.
import { entityPage, type KeysetPage } from '../db/entity-pages';
import { anyOf, type KeysetWindow, type PageSource, type SortColumn } from '../db/page-query';
import { SqlParameters } from '../db/rows';
import { parseCreditCode } from '../referrals/credit-code';
import { normalizeRegionCode, regionCodeRange } from '../regions/region-code';
import type { CursorShape } from '../schema/pagination';
import type { AppealContext } from './appeal.context';
import { overdueAt } from './appeal-deadlines';
import { Appeal } from './appeal.entity';
import type { AppealFilter } from './appeal.types';
import { visibleAppeals } from './appeal-visibility';

/** Newest first: the insertion sequence, negated since sort keys ascend. */
const NEWEST_FIRST: SortColumn[] = [{ sql: '-t.seq', type: 'int' }];
export const APPEAL_CURSOR: CursorShape = ['int'];

function appealSource(
  context: AppealContext,
  filter: AppealFilter | null | undefined,
  params: SqlParameters,
): PageSource {
  const where = [
    ...visibleAppeals(context.viewer, params),
    ...anyOf('t.status', filter?.status, 'appeal_status', params),
    ...anyOf('t.category', filter?.category, 'appeal_category', params),
  ];
  if (filter?.regionCode) {
    const [lo, hi] = regionCodeRange(normalizeRegionCode(filter.regionCode, 'filter.regionCode'));
    where.push(`t.region_code BETWEEN ${params.add(lo)} AND ${params.add(hi)}`);
  }
  if (filter?.handlerCode) {
    where.push(
      `t.handler_id = (SELECT id FROM institution WHERE code = ${params.add(filter.handlerCode.trim())})`,
    );
  }
  if (filter?.creditCode) {
    const code = parseCreditCode(filter.creditCode, 'filter.creditCode');
    where.push(
      `t.enterprise_id = (SELECT id FROM enterprise WHERE credit_code = ${params.add(code)})`,
    );
  }
  if (filter?.overdue === true || filter?.overdue === false) {
    const overdue = overdueAt('t', `${params.add(context.clock())}::timestamptz`);
    where.push(filter.overdue ? overdue : `NOT ${overdue}`);
  }
  return { from: 'appeal t', where, sort: NEWEST_FIRST };
}

export function listAppeals(
  context: AppealContext,
  filter: AppealFilter | null,
  window: KeysetWindow,
): Promise<KeysetPage<Appeal>> {
  return entityPage(
    { sql: context.sql, prime: context.appeals.prime },
    Appeal,
    (params) => appealSource(context, filter, params),
    window,
  );
}
