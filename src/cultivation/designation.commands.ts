// A designation's review and revocation. Each locks the enterprise's row FOR UPDATE first, as
// referrals and registrations lock it before reading what the registry holds
// (verified-standing.ts): a revocation and a referral are settled by that lock.
import { isAdmin, requireGovernorOf } from '../auth/permissions';
import type { SqlRunner, SqlTransaction } from '../db/sql';
import { badInput, DomainError, notFound, quote } from '../schema/errors';
import { optionalText, requiredText, shownText } from '../schema/input';
import { requireNodeKey } from '../schema/global-id';
import type { CultivationContext } from './cultivation.context';
import {
  CHANGED_COLUMNS,
  changedRow,
  recordDesignationChanges,
  type ChangedRow,
  type DesignationChanged,
} from './designation-changes';
import { DesignationKind, DesignationStatus, ReviewOutcome } from './designation-enums';
import { VALID_YEARS } from './designation-grant.commands';
import { DesignationParty, designationLifecycle } from './designation-lifecycle';
import { designationsOn } from './designation-reads';
import type { ReviewDesignationInput, RevokeDesignationInput } from './designation.inputs';
import { requireProvinceKey } from './granted-list';
import { REVIEW_OPENS_DAYS_BEFORE } from './registry-today';

interface LockedDesignation extends ChangedRow {
  enterprise_id: number;
  granted_by_code: string | null;
  /** Status as of today (registry-today.ts). */
  today: DesignationStatus;
  review_opens: string;
}

/**
 * The designation, its enterprise's row locked FOR UPDATE first (the registry's lock order), and
 * the viewer's right to change it: the granting province's AUTHORITY key or ADMIN; LITTLE_GIANT
 * only ADMIN. NOT_FOUND for an id that names none.
 */
async function lockedDesignation(
  transaction: SqlRunner,
  context: CultivationContext,
  designationId: string,
  action: string,
): Promise<LockedDesignation> {
  const key = Number(requireNodeKey(designationId, 'Designation', 'designationId'));
  const rows = await transaction.rows<LockedDesignation>(
    `WITH locked AS (
       SELECT e.* FROM enterprise e WHERE e.id = (SELECT enterprise_id FROM designation WHERE id = $1) FOR UPDATE
     )
     SELECT ${CHANGED_COLUMNS}, d.enterprise_id, d.granted_by_code, t.status AS today,
            to_char(d.valid_until - ${REVIEW_OPENS_DAYS_BEFORE}, 'YYYY-MM-DD') AS review_opens
       FROM designation d JOIN ${designationsOn()} t ON t.id = d.id JOIN locked e ON e.id = d.enterprise_id
      WHERE d.id = $1
        FOR UPDATE OF d`,
    [key],
  );
  if (rows.length === 0)
    throw notFound(`designationId ${quote(designationId)} names no designation`, 'designationId');
  const designation = rows[0];
  const { viewer } = context;
  requireProvinceKey(viewer, action);
  if (designation.kind === DesignationKind.LITTLE_GIANT && !isAdmin(viewer)) {
    throw new DomainError(
      'FORBIDDEN',
      `may not ${action}: LITTLE_GIANT is the nation's designation, changed only with an ADMIN key`,
    );
  }
  if (designation.granted_by_code) {
    requireGovernorOf(
      viewer,
      designation.granted_by_code,
      action,
      `the designation (granted by ${designation.granted_by_code})`,
    );
  }
  return designation;
}

/**
 * Moves one designation (whose stored status was `from`) and, when a SPECIALIZED_SME ends, the
 * same enterprise's live LITTLE_GIANT with it; their history, audit and webhooks.
 */
async function moveDesignation(
  transaction: SqlTransaction,
  context: CultivationContext,
  designation: LockedDesignation,
  move: { to: DesignationStatus; renew: boolean; action: 'review' | 'revoke'; reason: string },
): Promise<void> {
  const [moved] = await transaction.rows<ChangedRow>(
    `WITH moved AS (
       UPDATE designation d SET status = $2,
              valid_until = CASE WHEN $3 THEN (d.valid_until + interval '${VALID_YEARS} years')::date ELSE d.valid_until END
        WHERE d.id = $1 RETURNING d.*)
     SELECT ${CHANGED_COLUMNS} FROM moved d JOIN enterprise e ON e.id = d.enterprise_id`,
    [designation.id, move.to, move.renew],
  );
  const changes: DesignationChanged[] = [
    {
      ...changedRow(moved, move.action, designation.today, move.reason),
      previousValidUntil: designation.valid_until,
    },
  ];
  const ends = move.to === DesignationStatus.EXPIRED || move.to === DesignationStatus.REVOKED;
  if (ends && designation.kind === DesignationKind.SPECIALIZED_SME) {
    const why = `its SPECIALIZED_SME ${move.to === DesignationStatus.REVOKED ? 'was revoked' : 'exited at review'}: ${move.reason}`;
    const giants = await transaction.rows<ChangedRow & { previous: DesignationStatus }>(
      `WITH ended AS (
         UPDATE designation d SET status = $2
          WHERE d.enterprise_id = $1 AND d.kind = 'LITTLE_GIANT' AND d.status IN ('ACTIVE', 'UNDER_REVIEW')
          RETURNING d.*, (SELECT t.status FROM ${designationsOn()} t WHERE t.id = d.id) AS previous)
       SELECT ${CHANGED_COLUMNS}, d.previous FROM ended d JOIN enterprise e ON e.id = d.enterprise_id`,
      [designation.enterprise_id, move.to],
    );
    changes.push(...giants.map((row) => changedRow(row, move.action, row.previous, why)));
  }
  await recordDesignationChanges(transaction, context.viewer, changes);
  const enterprise = [designation.enterprise_id];
  if (ends) await context.registryFollowers.ended(transaction, enterprise, move.reason);
  else if (move.renew) await context.registryFollowers.granted(transaction, enterprise);
}

/** A move of one designation, decided once it is locked and the viewer's right checked. */
type Move = Parameters<typeof moveDesignation>[3];

/** Locks the designation, lets `decide` check and choose the move, makes it; the row id. */
function changeDesignation(
  context: CultivationContext,
  designationId: string,
  action: string,
  decide: (designation: LockedDesignation) => Move,
): Promise<number> {
  return context.sql.transaction(async (transaction) => {
    const designation = await lockedDesignation(transaction, context, designationId, action);
    const move = decide(designation);
    designationLifecycle.check(designation.today, move.to, [DesignationParty.GOVERNOR]);
    await moveDesignation(transaction, context, designation, move);
    return designation.id;
  });
}

/** A review's outcome: RENEWED (three more years from the old validUntil) or EXITED (ends now). */
export function reviewDesignation(
  context: CultivationContext,
  input: ReviewDesignationInput,
): Promise<number> {
  const note = shownText(optionalText(input.note, 'note', 2000), 'note', { lines: true });
  return changeDesignation(context, input.designationId, 'review designations', (designation) => {
    if (designation.today === DesignationStatus.ACTIVE) {
      throw badInput(
        `the designation's review opens on ${designation.review_opens}, ${REVIEW_OPENS_DAYS_BEFORE} days before its validUntil ${designation.valid_until}: review it then`,
        'designationId',
      );
    }
    const renew = input.outcome === ReviewOutcome.RENEWED;
    return {
      to: renew ? DesignationStatus.ACTIVE : DesignationStatus.EXPIRED,
      renew,
      action: 'review',
      reason: note ? `${input.outcome}: ${note}` : input.outcome,
    };
  });
}

/** Withdraws a designation, with a reason; a SPECIALIZED_SME takes the LITTLE_GIANT with it. */
export function revokeDesignation(
  context: CultivationContext,
  input: RevokeDesignationInput,
): Promise<number> {
  const reason = shownText(requiredText(input.reason, 'reason', 2000), 'reason', { lines: true })!;
  return changeDesignation(context, input.designationId, 'revoke designations', () => ({
    to: DesignationStatus.REVOKED,
    renew: false,
    action: 'revoke',
    reason,
  }));
}
