// The referral lifecycle (docs/referrals.md) as a table for the one lifecycle machine: which
// status may follow which, and which party to the referral may make the move. Everything else is
// refused and changes nothing.
import { isAdmin, isPartnerOwning, isStaffOf } from '../auth/permissions';
import type { Viewer } from '../auth/viewer';
import { LifecycleMachine, type Transitions } from '../schema/lifecycle-machine';
import { ReferralStatus } from './referral-status';

/** Which party to one referral a viewer acts as. */
export enum ReferralParty {
  /** Staff of the receiving institution. */
  STAFF = 'STAFF',
  /** The partner whose key made the referral. */
  CREATOR = 'CREATOR',
  ADMIN = 'ADMIN',
}

const { SUBMITTED, ACCEPTED, IN_PROGRESS, COMPLETED, DECLINED, CANCELLED } = ReferralStatus;
const WORKERS = [ReferralParty.STAFF, ReferralParty.ADMIN];
const CANCELLERS = [ReferralParty.CREATOR, ReferralParty.ADMIN];

export const REFERRAL_TRANSITIONS: Transitions<ReferralStatus, ReferralParty> = {
  [SUBMITTED]: [
    { to: ACCEPTED, by: WORKERS },
    { to: DECLINED, by: WORKERS },
    { to: CANCELLED, by: CANCELLERS },
  ],
  [ACCEPTED]: [
    { to: IN_PROGRESS, by: WORKERS },
    { to: DECLINED, by: WORKERS },
    { to: CANCELLED, by: CANCELLERS },
  ],
  [IN_PROGRESS]: [
    { to: COMPLETED, by: WORKERS },
    { to: CANCELLED, by: CANCELLERS },
  ],
  [COMPLETED]: [],
  [DECLINED]: [],
  [CANCELLED]: [],
};

export const referralLifecycle = new LifecycleMachine({
  subject: 'referral',
  field: 'status',
  transitions: REFERRAL_TRANSITIONS,
  who: {
    [ReferralParty.STAFF]: 'staff of the receiving institution',
    [ReferralParty.CREATOR]: 'the partner that made the referral',
    [ReferralParty.ADMIN]: 'an admin',
  },
});

/** The ids that make a viewer a party to a referral. */
export interface ReferralParties {
  institutionId: number;
  apiKeyId: number;
}

/** Which parties to this referral the viewer is (none: the viewer may make no move on it). */
export function referralPartiesOf(viewer: Viewer, referral: ReferralParties): ReferralParty[] {
  const parties: ReferralParty[] = [];
  if (isAdmin(viewer)) parties.push(ReferralParty.ADMIN);
  if (isStaffOf(viewer, referral.institutionId)) parties.push(ReferralParty.STAFF);
  if (isPartnerOwning(viewer, referral.apiKeyId)) parties.push(ReferralParty.CREATOR);
  return parties;
}
