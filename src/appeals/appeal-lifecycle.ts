// The appeal lifecycle as a table for the one lifecycle machine: each step once and in order by
// the handler's staff (or an admin), closing and the one reopening by the key that submitted it.
// Extensions are not status moves: who may request and decide them is in the same words below.
import { isAdmin, isAuthorityOver, isStaffOf } from '../auth/permissions';
import type { Viewer } from '../auth/viewer';
import { forbidden } from '../schema/errors';
import { LifecycleMachine, type Transitions } from '../schema/lifecycle-machine';
import { AppealStatus } from './appeal-enums';

/** Which party to one appeal a viewer acts as. */
export enum AppealParty {
  /** Staff of the institution handling it now. */
  HANDLER = 'HANDLER',
  /** The key that submitted it. */
  SUBMITTER = 'SUBMITTER',
  /** Staff of the handler's parent institution: they decide extensions. */
  SUPERVISOR = 'SUPERVISOR',
  /** An AUTHORITY whose region holds the appeal's: it decides extensions too. */
  AUTHORITY = 'AUTHORITY',
  ADMIN = 'ADMIN',
}

const { SUBMITTED, ACKNOWLEDGED, REPLIED, RESOLVED, CLOSED } = AppealStatus;
const WORKERS = [AppealParty.HANDLER, AppealParty.ADMIN];

export const APPEAL_TRANSITIONS: Transitions<AppealStatus, AppealParty> = {
  [SUBMITTED]: [{ to: ACKNOWLEDGED, by: WORKERS }],
  [ACKNOWLEDGED]: [{ to: REPLIED, by: WORKERS }],
  [REPLIED]: [{ to: RESOLVED, by: WORKERS }],
  // SUBMITTED again: a dissatisfied close reopens it (once; see closeAppeal).
  [RESOLVED]: [
    { to: CLOSED, by: [AppealParty.SUBMITTER] },
    { to: SUBMITTED, by: [AppealParty.SUBMITTER] },
  ],
  [CLOSED]: [],
};

const WHO: Record<AppealParty, string> = {
  [AppealParty.HANDLER]: 'staff of the handling institution',
  [AppealParty.SUBMITTER]: 'the key that submitted the appeal',
  [AppealParty.SUPERVISOR]: 'staff of the handling institution’s parent',
  [AppealParty.AUTHORITY]: 'an AUTHORITY over the appeal’s region',
  [AppealParty.ADMIN]: 'an admin',
};

export const appealLifecycle = new LifecycleMachine({
  subject: 'appeal',
  field: 'appealId',
  transitions: APPEAL_TRANSITIONS,
  who: WHO,
});

/** The ids that make a viewer a party to an appeal. */
export interface AppealParties {
  handlerId: number;
  apiKeyId: number;
  regionCode: string;
  /** The handler's parent institution (null for the national centre). */
  handlerParentId: number | null;
}

/** Which parties to this appeal the viewer is. */
export function appealPartiesOf(viewer: Viewer, appeal: AppealParties): AppealParty[] {
  const parties: AppealParty[] = [];
  if (isAdmin(viewer)) parties.push(AppealParty.ADMIN);
  if (isStaffOf(viewer, appeal.handlerId)) parties.push(AppealParty.HANDLER);
  if (appeal.handlerParentId !== null && isStaffOf(viewer, appeal.handlerParentId))
    parties.push(AppealParty.SUPERVISOR);
  if (isAuthorityOver(viewer, appeal.regionCode)) parties.push(AppealParty.AUTHORITY);
  if (viewer.apiKeyId !== null && viewer.apiKeyId === appeal.apiKeyId)
    parties.push(AppealParty.SUBMITTER);
  return parties;
}

/** Who requests an extension, and who decides it. */
export const EXTENSION_REQUESTERS = WORKERS;
export const EXTENSION_DECIDERS = [
  AppealParty.SUPERVISOR,
  AppealParty.AUTHORITY,
  AppealParty.ADMIN,
];

/** FORBIDDEN unless one of `parties` is among `allowed`, worded as the machine words it. */
export function requireParty(
  parties: readonly AppealParty[],
  allowed: readonly AppealParty[],
  action: string,
): void {
  if (allowed.some((party) => parties.includes(party))) return;
  throw forbidden(`only ${allowed.map((party) => WHO[party]).join(' or ')} may ${action}`);
}
