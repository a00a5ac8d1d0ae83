// Who sees a policy application: the PARTNER key that applied, an AUTHORITY whose region contains
// the issuing region (national policies: ADMIN only), ADMIN. Entitlements have no partner: only
// the governors see them. Everyone else is answered as if it did not exist.
import { governs, isAdmin, isPartnerOwning } from '../auth/permissions';
import type { Viewer } from '../auth/viewer';

/** Whether the viewer governs the policies of this issuing region (null: national, ADMIN only). */
export const governsPolicyOf = (viewer: Viewer, regionCode: string | null) =>
  regionCode === null ? isAdmin(viewer) : governs(viewer, regionCode);

export const canSeeApplication = (
  viewer: Viewer,
  application: { apiKeyId: number | null },
  policy: { regionCode: string | null },
) => isPartnerOwning(viewer, application.apiKeyId) || governsPolicyOf(viewer, policy.regionCode);
