// The lifecycle of a policy application (and of an entitlement without applying), as a
// transition table for the shared machine. GOVERNOR: an AUTHORITY whose region contains the
// issuing region, or ADMIN; SYSTEM: the policy's withdrawal, or the registry ending the
// designation an entitlement rested on.
import { LifecycleMachine, type Transitions } from '../schema/lifecycle-machine';
import { PolicyApplicationStatus } from './policy-enums';

export type PolicyApplicationParty = 'GOVERNOR' | 'SYSTEM';

const { ENTITLED, SUBMITTED, APPROVED, DECLINED, PAID } = PolicyApplicationStatus;

const TRANSITIONS: Transitions<PolicyApplicationStatus, PolicyApplicationParty> = {
  // An entitlement is approved by the registry's word: it is paid, or declined.
  [ENTITLED]: [
    { to: PAID, by: ['GOVERNOR'] },
    { to: DECLINED, by: ['GOVERNOR', 'SYSTEM'] },
  ],
  [SUBMITTED]: [
    { to: APPROVED, by: ['GOVERNOR'] },
    { to: DECLINED, by: ['GOVERNOR', 'SYSTEM'] },
  ],
  // An approval is a promise to pay: withdrawing the policy does not take it back.
  [APPROVED]: [{ to: PAID, by: ['GOVERNOR'] }],
  [DECLINED]: [],
  [PAID]: [],
};

export const policyApplicationLifecycle = new LifecycleMachine({
  subject: 'policy application',
  field: 'applicationId',
  transitions: TRANSITIONS,
  who: {
    GOVERNOR: 'an AUTHORITY key of the issuing region or an ADMIN key',
    SYSTEM: 'the system (a withdrawal or the registry)',
  },
});

/** Statuses that still await money: what a withdrawal or a revocation may end. */
export const UNPAID_ENTITLEMENT = ENTITLED;
/** Open: not yet decided. */
export const OPEN_APPLICATION = SUBMITTED;
