// Who sees which referral: a PARTNER those its key made, INSTITUTION_STAFF those to its
// institution, ADMIN all, PUBLIC none. Others' referrals are answered as if they did not exist.
import {
  ANY_KEY,
  isAdmin,
  isPartner,
  isPartnerOwning,
  isStaff,
  isStaffOf,
  requireRole,
} from '../auth/permissions';
import type { Viewer } from '../auth/viewer';
import type { SqlParameters } from '../db/rows';
import type { ReferralParties } from './referral-lifecycle';

export function canSee(viewer: Viewer, referral: ReferralParties): boolean {
  return (
    isAdmin(viewer) ||
    isPartnerOwning(viewer, referral.apiKeyId) ||
    isStaffOf(viewer, referral.institutionId)
  );
}

/** Anonymous callers get a clear refusal rather than an empty list that looks like "no referrals". */
export function requireReferralAccess(viewer: Viewer): void {
  requireRole(viewer, ANY_KEY, 'see referrals');
}

/** SQL restricting referrals (alias `t`) to those the viewer sees; none for an admin. */
export function visibleReferrals(viewer: Viewer, params: SqlParameters): string[] {
  if (isAdmin(viewer)) return [];
  if (isPartner(viewer)) return [`t.api_key_id = ${params.add(viewer.apiKeyId)}`];
  if (isStaff(viewer)) return [`t.institution_id = ${params.add(viewer.institutionId)}`];
  return ['false'];
}
