// SQL reads of referrals as a viewer may see them: lists newest first, the referrals of many
// enterprises at once, and which enterprises a viewer sees through their referrals.
import type { Viewer } from '../auth/viewer';
import { entityPage, entityPagesByKey, type KeysetPage } from '../db/entity-pages';
import { anyOf, type KeysetWindow, type PageSource, type SortColumn } from '../db/page-query';
import { SqlParameters } from '../db/rows';
import type { Sql } from '../db/sql';
import type { CursorShape } from '../schema/pagination';
import { parseCreditCode } from './credit-code';
import type { ReferralContext } from './referral.context';
import { Referral } from './referral.entity';
import type { ReferralFilter } from './referral.types';
import { visibleReferrals } from './visibility';

/** Newest first: the insertion sequence, negated since sort keys ascend. */
const NEWEST_FIRST: SortColumn[] = [{ sql: '-t.seq', type: 'int' }];
export const REFERRAL_CURSOR: CursorShape = ['int'];

function referralSource(
  viewer: Viewer,
  filter: ReferralFilter | null | undefined,
  params: SqlParameters,
): PageSource {
  const where = [
    ...visibleReferrals(viewer, params),
    ...anyOf('t.status', filter?.status, 'referral_status', params),
  ];
  if (filter?.institutionCode) {
    where.push(
      `t.institution_id = (SELECT id FROM institution WHERE code = ${params.add(filter.institutionCode.trim())})`,
    );
  }
  if (filter?.creditCode) {
    const code = parseCreditCode(filter.creditCode, 'filter.creditCode');
    where.push(
      `t.enterprise_id = (SELECT id FROM enterprise WHERE credit_code = ${params.add(code)})`,
    );
  }
  return { from: 'referral t', where, sort: NEWEST_FIRST };
}

export function listReferrals(
  { sql, viewer, referrals }: ReferralContext,
  filter: ReferralFilter | null,
  window: KeysetWindow,
): Promise<KeysetPage<Referral>> {
  return entityPage(
    { sql, prime: referrals.prime },
    Referral,
    (params) => referralSource(viewer, filter, params),
    window,
  );
}

export function referralPagesByEnterprise(
  { sql, viewer, referrals }: ReferralContext,
  enterpriseKeys: readonly number[],
  window: KeysetWindow,
  withTotals: boolean,
): Promise<KeysetPage<Referral>[]> {
  return entityPagesByKey(
    { sql, prime: referrals.prime },
    Referral,
    enterpriseKeys,
    'int',
    (params) => ({ source: referralSource(viewer, null, params), partition: 't.enterprise_id' }),
    window,
    withTotals,
  );
}

/**
 * Of the given enterprises, those with a referral the viewer sees: an enterprise is visible to
 * whoever sees one of its referrals. One statement for all enterprises of a request.
 */
export async function enterprisesWithVisibleReferrals(
  sql: Sql,
  viewer: Viewer,
  enterpriseKeys: readonly number[],
): Promise<Set<number>> {
  const params = new SqlParameters();
  const rows = await sql.rows<{ enterprise_id: number }>(
    `SELECT DISTINCT t.enterprise_id FROM referral t
      WHERE t.enterprise_id = ANY(${params.add(enterpriseKeys)}::int[]) AND ${['true', ...visibleReferrals(viewer, params)].join(' AND ')}`,
    params.values,
  );
  return new Set(rows.map((row) => row.enterprise_id));
}
