// Who sees which appeal: the key that submitted it, staff of the institutions that handle or
// handled it, an AUTHORITY those whose need lies in its region, ADMIN all, PUBLIC none. Others'
// appeals are answered as if they did not exist.
import {
  ANY_KEY,
  isAdmin,
  isAuthority,
  isAuthorityOver,
  isStaff,
  requireRole,
} from '../auth/permissions';
import { Role } from '../auth/role';
import type { Viewer } from '../auth/viewer';
import type { SqlParameters } from '../db/rows';
import { regionCodeRange } from '../regions/region-code';

export interface AppealAudience {
  apiKeyId: number;
  regionCode: string;
  handlerId: number;
  previousHandlerIds: readonly number[];
}

export function canSeeAppeal(viewer: Viewer, appeal: AppealAudience): boolean {
  if (isAdmin(viewer)) return true;
  if (isAuthority(viewer)) return isAuthorityOver(viewer, appeal.regionCode);
  if (isStaff(viewer))
    return (
      viewer.institutionId === appeal.handlerId ||
      appeal.previousHandlerIds.includes(viewer.institutionId!)
    );
  return viewer.apiKeyId !== null && viewer.apiKeyId === appeal.apiKeyId;
}

/** Anonymous callers get a clear refusal rather than an empty list that looks like "no appeals". */
export function requireAppealAccess(viewer: Viewer): void {
  requireRole(viewer, [...ANY_KEY, Role.AUTHORITY], 'see appeals');
}

/** SQL restricting appeals (alias `t`) to those the viewer sees; none for an admin. */
export function visibleAppeals(viewer: Viewer, params: SqlParameters): string[] {
  if (isAdmin(viewer)) return [];
  if (isAuthority(viewer)) {
    if (viewer.regionCode === null) return ['false'];
    const [low, high] = regionCodeRange(viewer.regionCode);
    return [`t.region_code BETWEEN ${params.add(low)} AND ${params.add(high)}`];
  }
  if (isStaff(viewer)) {
    const institution = params.add(viewer.institutionId);
    return [
      // The earlier handlers' test as the partial index appeal_previous_handler_ids_idx reads it.
      `(t.handler_id = ${institution} OR (t.previous_handler_ids <> '{}' AND t.previous_handler_ids @> ARRAY[${institution}]::int[]))`,
    ];
  }
  if (viewer.apiKeyId !== null) return [`t.api_key_id = ${params.add(viewer.apiKeyId)}`];
  return ['false'];
}
