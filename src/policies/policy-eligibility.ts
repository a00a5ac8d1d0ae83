// Which enterprise a policy covers, in SQL, written once: matching (policyMatches), applying
// (applyForPolicy), entitling (publishing, a grant, the opening day) and ending entitlements (a
// revocation) all read these expressions, so that "eligible" means one thing. The registry is
// read through registry-today.ts (a designation valid today), never a declared level.
import { BEIJING_TODAY_SQL, designationValidOn } from '../cultivation/registry-today';
import { pilotEnrolledSql } from './pilot-enrolment';

/**
 * What the conditions read of the enterprise `e`, joined once per enterprise (not per policy):
 * `r` its own region and `rp` the one above — county → real prefecture → province, the same
 * parent links as one-stop's chain (regions/region-chain.ts): a county under a pseudo-prefecture
 * has its province as parent, a prefecture without counties (东莞 441900) is its enterprises' own
 * region; three steps at most — and `held`, its highest designation valid today (kind, valid_from).
 */
export const ENTERPRISE_JOINS = `JOIN region r ON r.code = e.region_code
  LEFT JOIN region rp ON rp.code = r.parent_code
  LEFT JOIN LATERAL (
    SELECT d.kind, d.valid_from FROM designation d
     WHERE d.enterprise_id = e.id AND ${designationValidOn('d')}
     ORDER BY d.kind DESC, d.valid_from LIMIT 1) held ON true`;

/** Whether policy `p` applies where `e` is: issued for its region chain, or national. */
export const APPLIES_IN_CHAIN = `(p.region_code IS NULL OR p.region_code IN (r.code, r.parent_code, rp.parent_code))`;

/** How far up the chain `p` was issued: 0 the enterprise's own region … 3 the nation. */
export const CHAIN_DISTANCE = `(CASE p.region_code WHEN r.code THEN 0 WHEN r.parent_code THEN 1
  WHEN rp.parent_code THEN 2 ELSE 3 END)`;

/** Published and open today (Beijing). */
export const OPEN_TODAY = `(p.status = 'PUBLISHED' AND p.opens_on <= ${BEIJING_TODAY_SQL}
  AND (p.closes_on IS NULL OR p.closes_on >= ${BEIJING_TODAY_SQL}))`;

/** Each condition of `p` that `e` must meet, by the name PolicyCondition.condition gives it. */
export const CONDITION_MET = {
  scale: `(cardinality(p.eligible_scales) = 0 OR e.scale = ANY(p.eligible_scales))`,
  // Designation kinds are declared lowest first: a higher rung compares greater and qualifies.
  designation: `(p.min_designation IS NULL OR coalesce(held.kind >= p.min_designation, false))`,
  industry: `(cardinality(p.industry_codes) = 0 OR EXISTS (
    SELECT 1 FROM unnest(p.industry_codes) AS prefix(code) WHERE starts_with(e.industry_code, prefix.code)))`,
  pilot: `(NOT p.pilot_only OR ${pilotEnrolledSql('e.id')})`,
} as const;

/** Every condition met: the enterprise `e` may have policy `p` (chain and window apart). */
export const MEETS_CONDITIONS = `(${Object.values(CONDITION_MET).join(' AND ')})`;
