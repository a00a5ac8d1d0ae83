// Who sees which enterprise. The registry's lists are published: anyone sees an enterprise that
// holds a designation valid today (and, once pilots land, one enrolled in a pilot: the condition
// joins onPublishedList). Any other enterprise exists for the partners that referred it, the
// staff of the institutions it was referred to, the AUTHORITY over its region and ADMIN; to
// everyone else it is answered as if it did not exist.
import { isAdmin, isAuthority, isPartner, isStaff } from '../auth/permissions';
import type { Viewer } from '../auth/viewer';
import type { SqlParameters } from '../db/rows';
import { regionCodeRange } from '../regions/region-code';
import { designationValidOn } from './registry-today';

/**
 * SQL: the enterprise aliased `e` is on a published list — it holds a designation valid today.
 * The pilots programme adds "or enrolled in a pilot" here.
 */
export const onPublishedList = (e: string) =>
  `EXISTS (SELECT FROM designation pd WHERE pd.enterprise_id = ${e}.id AND ${designationValidOn('pd')})`;

/** SQL conditions restricting enterprises (alias `e`) to those the viewer sees; none for ADMIN. */
export function visibleEnterprises(viewer: Viewer, params: SqlParameters, e = 't'): string[] {
  if (isAdmin(viewer)) return [];
  const seen = [onPublishedList(e)];
  if (isAuthority(viewer) && viewer.regionCode) {
    const [low, high] = regionCodeRange(viewer.regionCode);
    seen.push(`${e}.region_code BETWEEN ${params.add(low)} AND ${params.add(high)}`);
  }
  if (isPartner(viewer)) {
    seen.push(
      `EXISTS (SELECT FROM referral vr WHERE vr.enterprise_id = ${e}.id AND vr.api_key_id = ${params.add(viewer.apiKeyId)}::int)`,
    );
  }
  if (isStaff(viewer)) {
    seen.push(
      `EXISTS (SELECT FROM referral vr WHERE vr.enterprise_id = ${e}.id AND vr.institution_id = ${params.add(viewer.institutionId)}::int)`,
    );
  }
  return [`(${seen.join(' OR ')})`];
}
