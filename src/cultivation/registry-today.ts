// What the registry says as of a day, in SQL: the one definition of a designation's status today
// and of an enterprise's verified level, used by every reader and rule (eligibility for referrals,
// registrations, policies and pilots; counts). A designation's stored status is what its last
// change wrote; the dates decide the rest, so that nobody reads ACTIVE after validUntil even
// before the job queue has written EXPIRED.

/** Today's date in Beijing, as PostgreSQL computes it (the registry's days are Beijing days). */
export const BEIJING_TODAY_SQL = `(now() AT TIME ZONE 'Asia/Shanghai')::date`;

/** How many days before validUntil a designation's review (复核) opens. */
export const REVIEW_OPENS_DAYS_BEFORE = 90;

/**
 * The status of the designation aliased `d` on `day` (a date expression): EXPIRED once past its
 * validUntil, UNDER_REVIEW from 90 days before it, else as stored.
 */
export const designationStatusOn = (d: string, day = BEIJING_TODAY_SQL) =>
  `(CASE WHEN ${d}.status IN ('ACTIVE', 'UNDER_REVIEW') AND ${d}.valid_until < ${day} THEN 'EXPIRED'::designation_status
         WHEN ${d}.status = 'ACTIVE' AND ${d}.valid_until - ${REVIEW_OPENS_DAYS_BEFORE} <= ${day} THEN 'UNDER_REVIEW'::designation_status
         ELSE ${d}.status END)`;

/** Whether the designation aliased `d` is valid on `day`: live status, within its dates. */
export const designationValidOn = (d: string, day = BEIJING_TODAY_SQL) =>
  `(${d}.status IN ('ACTIVE', 'UNDER_REVIEW') AND ${d}.valid_from <= ${day} AND ${d}.valid_until >= ${day})`;

/**
 * The verified specialization level (specialization_level) of the enterprise whose id is
 * `enterpriseId` on `day`: LITTLE_GIANT or SPECIALIZED while such a designation is valid, else
 * NONE. Every eligibility rule reads this, never a level a partner declared.
 */
export const verifiedSpecializationOn = (enterpriseId: string, day = BEIJING_TODAY_SQL) =>
  `(SELECT CASE WHEN bool_or(v.kind = 'LITTLE_GIANT') THEN 'LITTLE_GIANT'::specialization_level
                WHEN bool_or(v.kind = 'SPECIALIZED_SME') THEN 'SPECIALIZED'::specialization_level
                ELSE 'NONE'::specialization_level END
      FROM designation v
     WHERE v.enterprise_id = ${enterpriseId} AND ${designationValidOn('v', day)})`;
