// The designation lifecycle as a table for the one lifecycle machine: the system opens reviews
// and expires what was not renewed; the granting province (or ADMIN) renews, exits or revokes.
import { LifecycleMachine, type Transitions } from '../schema/lifecycle-machine';
import { DesignationStatus } from './designation-enums';

export enum DesignationParty {
  /** The granting province's AUTHORITY key, or ADMIN (for LITTLE_GIANT: ADMIN only). */
  GOVERNOR = 'GOVERNOR',
  /** The job queue's upkeep. */
  SYSTEM = 'SYSTEM',
}

const { ACTIVE, UNDER_REVIEW, EXPIRED, REVOKED } = DesignationStatus;
const { GOVERNOR, SYSTEM } = DesignationParty;

export const DESIGNATION_TRANSITIONS: Transitions<DesignationStatus, DesignationParty> = {
  [ACTIVE]: [
    { to: UNDER_REVIEW, by: [SYSTEM] },
    { to: REVOKED, by: [GOVERNOR] },
    { to: EXPIRED, by: [SYSTEM] },
  ],
  [UNDER_REVIEW]: [
    // RENEWED: three more years.
    { to: ACTIVE, by: [GOVERNOR] },
    // EXITED by the governor, or not renewed by validUntil.
    { to: EXPIRED, by: [GOVERNOR, SYSTEM] },
    { to: REVOKED, by: [GOVERNOR] },
  ],
  [EXPIRED]: [],
  [REVOKED]: [],
};

export const designationLifecycle = new LifecycleMachine({
  subject: 'designation',
  field: 'designationId',
  transitions: DESIGNATION_TRANSITIONS,
  who: {
    [GOVERNOR]: 'the granting province’s AUTHORITY key or an ADMIN key',
    [SYSTEM]: 'the registry’s upkeep (the job queue)',
  },
});
