// The referral lifecycle (docs/referrals.md) as data: which status may follow which, and who may make
// the move. Everything else is refused and changes nothing.
import { isAdmin, isPartnerOwning, isStaffOf } from '../auth/permissions';
import type { Viewer } from '../auth/viewer';
import { badInput, forbidden } from '../schema/errors';
import { ReferralStatus } from './referral-status';

/** In what capacity a viewer acts on one referral. */
export enum Capacity {
  /** Staff of the receiving institution. */
  STAFF = 'STAFF',
  /** The partner whose key made the referral. */
  CREATOR = 'CREATOR',
  ADMIN = 'ADMIN',
}

const { SUBMITTED, ACCEPTED, IN_PROGRESS, COMPLETED, DECLINED, CANCELLED } = ReferralStatus;
const WORKERS = [Capacity.STAFF, Capacity.ADMIN];
const CANCELLERS = [Capacity.CREATOR, Capacity.ADMIN];

export const LIFECYCLE: Record<ReferralStatus, { to: ReferralStatus; by: Capacity[] }[]> = {
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

export const allowedNextStatuses = (from: ReferralStatus) => LIFECYCLE[from].map((step) => step.to);

export interface ReferralParties {
  institutionId: number;
  apiKeyId: number;
}

export function capacitiesOf(viewer: Viewer, referral: ReferralParties): Capacity[] {
  const capacities: Capacity[] = [];
  if (isAdmin(viewer)) capacities.push(Capacity.ADMIN);
  if (isStaffOf(viewer, referral.institutionId)) capacities.push(Capacity.STAFF);
  if (isPartnerOwning(viewer, referral.apiKeyId)) capacities.push(Capacity.CREATOR);
  return capacities;
}

const WHO: Record<Capacity, string> = {
  [Capacity.STAFF]: 'staff of the receiving institution',
  [Capacity.CREATOR]: 'the partner that made the referral',
  [Capacity.ADMIN]: 'an admin',
};

/** Throws BAD_USER_INPUT when the status cannot follow, FORBIDDEN when this viewer may not move it. */
export function checkTransition(
  from: ReferralStatus,
  to: ReferralStatus,
  capacities: Capacity[],
): void {
  const step = LIFECYCLE[from].find((candidate) => candidate.to === to);
  if (!step) {
    const next = allowedNextStatuses(from);
    throw badInput(
      next.length === 0
        ? `the referral is ${from}, a final status: it cannot change any more`
        : `the referral is ${from}: it can move to ${next.join(', ')}, not to ${to}`,
      'status',
    );
  }
  if (!step.by.some((capacity) => capacities.includes(capacity))) {
    const mine = LIFECYCLE[from].filter((candidate) =>
      candidate.by.some((capacity) => capacities.includes(capacity)),
    );
    const yours = mine.length
      ? ` You may set ${mine.map((candidate) => candidate.to).join(', ')}.`
      : '';
    throw forbidden(
      `only ${step.by.map((capacity) => WHO[capacity]).join(' or ')} may move a ${from} referral to ${to}.${yours}`,
    );
  }
}
