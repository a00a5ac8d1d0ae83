// The "pilot enterprises only" condition, in one place: both matching and entitlement read it
// here. A pilot enterprise is one enrolled in a digital-transformation pilot city and not
// withdrawn (pilot_enterprise, the pilots programme's table), whatever its stage.

/** SQL: whether the enterprise whose id is `enterpriseId` is enrolled in a pilot now. */
export const pilotEnrolledSql = (enterpriseId: string): string =>
  `EXISTS (SELECT 1 FROM pilot_enterprise pe WHERE pe.enterprise_id = ${enterpriseId} AND pe.stage <> 'WITHDRAWN')`;

/** The detail of an unmet pilot condition. */
export const NOT_ENROLLED_DETAIL =
  'only enterprises enrolled in a digital-transformation pilot qualify; the enterprise is in none';
