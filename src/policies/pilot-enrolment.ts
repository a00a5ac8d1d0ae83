// The "pilot enterprises only" condition, in one place. Enrolment lives in the pilots programme
// (pilot_enterprise: a pilot enterprise has a row whose stage is not WITHDRAWN); until that table
// is part of this branch, no enterprise counts as enrolled, and the detail says why. Wiring it is
// a change of this file only: both matching and entitlement read the condition from here.

/** SQL: whether the enterprise whose id is `enterpriseId` is enrolled in a pilot now. */
export const pilotEnrolledSql = (_enterpriseId: string): string => 'false';

/** The detail of an unmet pilot condition. */
export const NOT_ENROLLED_DETAIL =
  'only enterprises enrolled in a digital-transformation pilot qualify; pilot enrolment is not recorded yet';
