// policyMatches: every published policy open today that applies along the enterprise's region
// chain, each condition judged against the registry — in ONE statement whatever the chain: the
// enterprise, its chain, its highest valid designation, the policies with their condition flags,
// and its application to each. Applying (applyForPolicy) reads the same statement for one policy.
import type { Viewer } from '../auth/viewer';
import type { DesignationKind } from '../cultivation/designation-enums';
import { prefixedColumns } from '../db/prefixed-columns';
import type { Sql, SqlRunner } from '../db/sql';
import { parseCreditCode } from '../referrals/credit-code';
import type { RegionDirectory } from '../regions/region-directory';
import { notFound, quote } from '../schema/errors';
import type { EnterpriseScale } from '../services/eligibility';
import { canSeeApplication } from './application-visibility';
import { describeConditions, type ConditionsMet } from './policy-conditions';
import {
  APPLIES_IN_CHAIN,
  CHAIN_DISTANCE,
  CONDITION_MET,
  MEETS_CONDITIONS,
  OPEN_TODAY,
  ENTERPRISE_JOINS,
} from './policy-eligibility';
import { PolicyApplication } from './policy-application.entity';
import { Policy } from './policy.entity';
import type { PolicyMatch } from './policy.types';

export interface MatchOptions {
  includeIneligible: boolean;
  /** Only this policy (row id): applying checks one. */
  policyId?: number;
}

/** What matching needs of a request. */
export interface MatchingContext {
  sql: Sql;
  regions: RegionDirectory;
  viewer: Viewer;
}

export interface MatchedEnterprise {
  id: number;
  regionCode: string;
}

/**
 * The enterprise's matches, nearest tier first, then the largest amount; NOT_FOUND when the
 * registry holds no enterprise with that credit code (BAD_USER_INPUT when it is malformed).
 */
export async function matchPolicies(
  { sql, regions, viewer }: MatchingContext,
  creditCodeInput: string,
  options: MatchOptions,
  /** A transaction to read in (applying); the request's session by default. */
  runner: SqlRunner = sql,
): Promise<{ enterprise: MatchedEnterprise; matches: PolicyMatch[] }> {
  const creditCode = parseCreditCode(creditCodeInput, 'creditCode');
  const policy = prefixedColumns(sql, Policy, 'p', 'p_');
  const application = prefixedColumns(sql, PolicyApplication, 'a', 'a_');
  const rows = await runner.rows<Record<string, unknown>>(
    `SELECT e.id AS enterprise_id, e.region_code AS enterprise_region, e.scale AS enterprise_scale,
            e.industry_code AS enterprise_industry, held.kind AS held_kind, held.valid_from::text AS held_since,
            m.*
       FROM enterprise e
       ${ENTERPRISE_JOINS}
       LEFT JOIN LATERAL (
         SELECT ${policy.select}, ${application.select}, ${CHAIN_DISTANCE} AS distance,
                ${CONDITION_MET.scale} AS scale_met, ${CONDITION_MET.designation} AS designation_met,
                ${CONDITION_MET.industry} AS industry_met, ${CONDITION_MET.pilot} AS pilot_met
           FROM policy p
           LEFT JOIN policy_application a ON a.policy_id = p.id AND a.enterprise_id = e.id
          WHERE ${OPEN_TODAY} AND ${APPLIES_IN_CHAIN}
            AND ($2::int IS NULL OR p.id = $2::int)
            AND ($3::boolean OR ${MEETS_CONDITIONS})) m ON true
      WHERE e.credit_code = $1
      ORDER BY m.distance, m.p_max_amount_yuan DESC NULLS LAST, m.p_code`,
    [creditCode, options.policyId ?? null, options.includeIneligible],
  );
  if (rows.length === 0)
    throw notFound(
      `creditCode ${quote(creditCode)} names no enterprise the registry holds`,
      'creditCode',
    );
  const [first] = rows;
  const enterprise = {
    id: Number(first.enterprise_id),
    regionCode: String(first.enterprise_region),
  };
  const chainNames = (await regions.chain(enterprise.regionCode)).map((region) => region.name);
  const facts = {
    scale: first.enterprise_scale as EnterpriseScale,
    industryCode: (first.enterprise_industry as string | null) ?? null,
    held: first.held_kind
      ? { kind: first.held_kind as DesignationKind, since: String(first.held_since) }
      : null,
    chainNames,
  };
  const matches = rows.flatMap((row): PolicyMatch[] => {
    const matched = policy.hydrate(row);
    if (!matched) return [];
    const met: ConditionsMet = {
      scale: row.scale_met === true,
      designation: row.designation_met === true,
      industry: row.industry_met === true,
      pilot: row.pilot_met === true,
    };
    const applied = application.hydrate(row);
    return [
      {
        policy: matched,
        eligible: Object.values(met).every(Boolean),
        conditions: describeConditions(matched, Number(row.distance), facts, met),
        application: applied && canSeeApplication(viewer, applied, matched) ? applied : null,
      },
    ];
  });
  return { enterprise, matches };
}
