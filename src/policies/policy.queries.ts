// SQL reads of policies: the library (filtered, with "applies in this division" along the one-stop
// chain), the applications a viewer may see, and each policy's figures in one statement.
import { isAdmin, isAuthority, isPartner } from '../auth/permissions';
import type { Viewer } from '../auth/viewer';
import { entityPage, type KeysetPage } from '../db/entity-pages';
import { BY_ROW_ID_SORT, anyOf, type KeysetWindow } from '../db/page-query';
import type { SqlParameters } from '../db/rows';
import type { Sql } from '../db/sql';
import { textMatch } from '../db/text-search';
import { filterCategoryKeys } from '../institutions/institution.queries';
import { normalizeRegionCode, regionCodeRange } from '../regions/region-code';
import { notFound, quote } from '../schema/errors';
import { publicCode, searchText } from '../schema/input';
import { dayOf } from './policy-input';
import { PolicyApplication } from './policy-application.entity';
import type { PolicyApplicationStatus } from './policy-enums';
import type { PolicyFilter } from './policy.inputs';
import type { PolicyContext } from './policy.context';
import { Policy } from './policy.entity';
import type { PolicyFigures } from './policy.types';

/** SQL for "the policy (alias `t`) applies in one of `chain` (six-digit codes), or is national". */
const appliesIn = (chain: readonly string[], params: SqlParameters) =>
  `(t.region_code IS NULL OR t.region_code = ANY(${params.add(chain)}::bpchar[]))`;

export async function listPolicies(
  context: PolicyContext,
  filter: PolicyFilter | null | undefined,
  window: KeysetWindow,
): Promise<KeysetPage<Policy>> {
  const categoryKeys = await filterCategoryKeys(context, filter);
  let chain: string[] | null = null;
  if (filter?.regionCode) {
    const code = normalizeRegionCode(filter.regionCode, 'filter.regionCode');
    chain = (await context.regions.chain(code)).map((region) => region.code);
    if (chain.length === 0)
      throw notFound(
        `filter.regionCode ${quote(filter.regionCode)} names no GB/T 2260 division`,
        'filter.regionCode',
      );
  }
  const text = searchText(filter?.search, 'filter.search');
  return entityPage(
    { sql: context.sql, prime: context.policies.prime },
    Policy,
    (params) => {
      const where: string[] = [];
      if (chain) where.push(appliesIn(chain, params));
      if (categoryKeys) where.push(`t.category_id = ANY(${params.add(categoryKeys)}::int[])`);
      where.push(...anyOf('t.delivery', filter?.delivery, 'policy_delivery', params));
      where.push(...anyOf('t.benefit_kind', filter?.benefitKind, 'benefit_kind', params));
      if (filter?.openOn) {
        const day = `${params.add(dayOf(filter.openOn))}::date`;
        where.push(
          `(t.status = 'PUBLISHED' AND t.opens_on <= ${day} AND (t.closes_on IS NULL OR t.closes_on >= ${day}))`,
        );
      }
      if (text) where.push(textMatch(['t.title', 't.issuer'], text, params).condition);
      return { from: 'policy t', where, sort: BY_ROW_ID_SORT, heavy: text !== null };
    },
    window,
  );
}

/** SQL: the applications (alias `t`) the viewer sees; only keys reach here (the field's @Allow). */
function visibleApplications(viewer: Viewer, params: SqlParameters): string[] {
  if (isAdmin(viewer)) return [];
  if (isPartner(viewer)) return [`t.api_key_id = ${params.add(viewer.apiKeyId)}`];
  if (isAuthority(viewer) && viewer.regionCode) {
    const [low, high] = regionCodeRange(viewer.regionCode);
    return [
      `t.policy_id IN (SELECT id FROM policy WHERE region_code BETWEEN ${params.add(low)} AND ${params.add(high)})`,
    ];
  }
  return ['false'];
}

export async function listApplications(
  context: PolicyContext,
  policyCode: string | null | undefined,
  statuses: readonly PolicyApplicationStatus[] | null | undefined,
  window: KeysetWindow,
): Promise<KeysetPage<PolicyApplication>> {
  const code = policyCode ? publicCode(policyCode, 'policyCode') : null;
  return entityPage(
    { sql: context.sql, prime: context.policies.primeApplications },
    PolicyApplication,
    (params) => ({
      from: 'policy_application t',
      where: [
        ...visibleApplications(context.viewer, params),
        ...(code ? [`t.policy_id = (SELECT id FROM policy WHERE code = ${params.add(code)})`] : []),
        ...anyOf('t.status', statuses, 'policy_application_status', params),
      ],
      sort: BY_ROW_ID_SORT,
    }),
    window,
  );
}

/** Each policy's figures (row ids), in one statement; a policy without applications has zeros. */
export async function figuresByPolicy(sql: Sql, keys: readonly number[]): Promise<PolicyFigures[]> {
  const rows = await sql.rows<PolicyFigures & { policyId: number }>(
    `SELECT k.id AS "policyId",
            count(a.id) FILTER (WHERE a.status = 'ENTITLED')::int AS entitled,
            count(a.id) FILTER (WHERE a.status = 'SUBMITTED')::int AS submitted,
            count(a.id) FILTER (WHERE a.status = 'APPROVED')::int AS approved,
            count(a.id) FILTER (WHERE a.status = 'DECLINED')::int AS declined,
            count(a.id) FILTER (WHERE a.status = 'PAID')::int AS paid,
            count(a.id) FILTER (WHERE a.status IN ('ENTITLED', 'APPROVED')
                                  AND a.pay_by < (now() AT TIME ZONE 'Asia/Shanghai')::date)::int AS overdue,
            coalesce(sum(a.amount_approved_yuan) FILTER (WHERE a.status IN ('APPROVED', 'PAID')), 0)::float8 AS "amountApprovedYuan",
            coalesce(sum(a.amount_paid_yuan) FILTER (WHERE a.status = 'PAID'), 0)::float8 AS "amountPaidYuan"
       FROM unnest($1::int[]) AS k(id)
       LEFT JOIN policy_application a ON a.policy_id = k.id
      GROUP BY k.id`,
    [keys],
  );
  const byPolicy = new Map(rows.map(({ policyId, ...figures }) => [policyId, figures] as const));
  return keys.map((key) => byPolicy.get(key)!);
}
