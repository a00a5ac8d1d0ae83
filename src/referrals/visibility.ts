// Who sees which referral: a PARTNER those its key made, INSTITUTION_STAFF those to its
// institution, ADMIN all, PUBLIC none. Others' referrals are answered as if they did not exist.
import { Role } from '../auth/role';
import type { Viewer } from '../auth/viewer';
import type { SqlParameters } from '../db/rows';
import { forbidden } from '../schema/errors';
import type { ReferralParties } from './referral-lifecycle';

export function canSee(viewer: Viewer, referral: ReferralParties): boolean {
  switch (viewer.role) {
    case Role.ADMIN:
      return true;
    case Role.PARTNER:
      return referral.apiKeyId === viewer.apiKeyId;
    case Role.INSTITUTION_STAFF:
      return referral.institutionId === viewer.institutionId;
    case Role.PUBLIC:
      return false;
  }
}

/** Anonymous callers get a clear refusal rather than an empty list that looks like "no referrals". */
export function requireReferralAccess(viewer: Viewer): void {
  if (viewer.role === Role.PUBLIC) {
    throw forbidden('referrals are visible with an API key only: send Authorization: Bearer <key>');
  }
}

/** SQL restricting referrals (alias `t`) to those the viewer sees; none for an admin. */
export function visibleReferrals(viewer: Viewer, params: SqlParameters): string[] {
  switch (viewer.role) {
    case Role.ADMIN:
      return [];
    case Role.PARTNER:
      return [`t.api_key_id = ${params.add(viewer.apiKeyId)}`];
    case Role.INSTITUTION_STAFF:
      return [`t.institution_id = ${params.add(viewer.institutionId)}`];
    case Role.PUBLIC:
      return ['false'];
  }
}
