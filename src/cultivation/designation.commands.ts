// The registry's writes: a granted list (all or nothing, set-based whatever its length), a
// review's outcome and a revocation. Every write locks the enterprises' rows first (FOR UPDATE, in
// credit-code order), as referrals and registrations lock them FOR SHARE (verified-standing.ts):
// two lists granting one enterprise, or a revocation and a referral, are settled by that lock.
import { isAdmin, requireGovernorOf } from '../auth/permissions';
import { isUniqueViolation } from '../db/unique-violation';
import type { SqlRunner } from '../db/sql';
import { badInput, conflict, DomainError, notFound, quote } from '../schema/errors';
import { optionalText, requiredText, shownText } from '../schema/input';
import { requireNodeKey } from '../schema/node';
import { beijingDayOf } from '../working-calendar/calendar-days';
import type { CultivationContext } from './cultivation.context';
import {
  CHANGED_COLUMNS,
  changedRow,
  recordDesignationChanges,
  type ChangedRow,
  type DesignationChanged,
} from './designation-changes';
import { DesignationKind, DesignationStatus, ReviewOutcome } from './designation-enums';
import { checkBatch } from './designation-filter';
import { DesignationParty, designationLifecycle } from './designation-lifecycle';
import { designationsOn } from './designation-reads';
import type {
  GrantDesignationsInput,
  ReviewDesignationInput,
  RevokeDesignationInput,
} from './designation.inputs';
import {
  MAX_GRANTED_ROWS,
  checkGrantedRows,
  checkGrantor,
  listRefused,
  requireProvinceKey,
  type GrantedRow,
  type RowProblem,
} from './granted-list';
import { REVIEW_OPENS_DAYS_BEFORE, designationValidOn } from './registry-today';
import { bringRegistryUpToDate } from './registry-upkeep';

/** How long a designation is valid: through the same calendar day three years on. */
const VALID_YEARS = 3;

const dayOf = (date: Date) => date.toISOString().slice(0, 10);

/** validFrom: not later than today, and not so early that the designation has lapsed already. */
function checkValidFrom(validFrom: string, today: string): void {
  if (validFrom > today) {
    throw badInput(
      `validFrom ${validFrom} is later than today (${today}, Beijing): grant a list once it is published`,
      'validFrom',
    );
  }
  const lapsedBefore = `${Number(today.slice(0, 4)) - VALID_YEARS}${today.slice(4)}`;
  if (validFrom < lapsedBefore) {
    throw badInput(
      `validFrom ${validFrom} is more than ${VALID_YEARS} years ago: its designations would have lapsed already`,
      'validFrom',
    );
  }
}

/**
 * Upserts the rows' enterprises in credit-code order (the lock order of every registry write);
 * the registry's name, region, scale and industry win from now on. Their row ids by credit code.
 */
async function upsertListedEnterprises(
  transaction: SqlRunner,
  rows: readonly GrantedRow[],
): Promise<Map<string, number>> {
  const sorted = [...rows].sort((a, b) => (a.creditCode < b.creditCode ? -1 : 1));
  const upserted = await transaction.rows<{ id: number; credit_code: string }>(
    `INSERT INTO enterprise (credit_code, name, region_code, scale, industry_code, registry_listed_at)
     SELECT x.credit_code, x.name, x.region_code, x.scale, x.industry_code, now()
       FROM unnest($1::text[], $2::text[], $3::text[], $4::enterprise_scale[], $5::text[]) WITH ORDINALITY
            AS x(credit_code, name, region_code, scale, industry_code, n)
      ORDER BY x.n
     ON CONFLICT (credit_code) DO UPDATE
       SET name = EXCLUDED.name, region_code = EXCLUDED.region_code, scale = EXCLUDED.scale,
           industry_code = COALESCE(EXCLUDED.industry_code, enterprise.industry_code),
           registry_listed_at = COALESCE(enterprise.registry_listed_at, now()), updated_at = now()
     RETURNING id, credit_code`,
    [
      sorted.map((row) => row.creditCode),
      sorted.map((row) => row.name),
      sorted.map((row) => row.regionCode),
      sorted.map((row) => row.scale),
      sorted.map((row) => row.industryCode),
    ],
  );
  return new Map(upserted.map((row) => [row.credit_code, row.id]));
}

/**
 * The rows the registry refuses as it stands (under the rows' locks): an enterprise already
 * holding a live designation of the kind; for LITTLE_GIANT, one without a SPECIALIZED_SME valid
 * on validFrom.
 */
async function registryProblems(
  transaction: SqlRunner,
  kind: DesignationKind,
  validFrom: string,
  rows: readonly GrantedRow[],
  ids: Map<string, number>,
): Promise<RowProblem[]> {
  const found = await transaction.rows<{ id: number; holds: string | null; qualifies: boolean }>(
    `SELECT e.id,
            (SELECT d.batch || ', valid through ' || to_char(d.valid_until, 'YYYY-MM-DD')
               FROM designation d
              WHERE d.enterprise_id = e.id AND d.kind = $2 AND d.status IN ('ACTIVE', 'UNDER_REVIEW')) AS holds,
            ($2 <> 'LITTLE_GIANT' OR EXISTS (
               SELECT 1 FROM designation s
                WHERE s.enterprise_id = e.id AND s.kind = 'SPECIALIZED_SME' AND ${designationValidOn('s', '$3::date')})) AS qualifies
       FROM enterprise e WHERE e.id = ANY($1::int[])`,
    [[...ids.values()], kind, validFrom],
  );
  const byId = new Map(found.map((row) => [row.id, row]));
  const problems: RowProblem[] = [];
  for (const row of rows) {
    const state = byId.get(ids.get(row.creditCode)!)!;
    if (state.holds !== null) {
      problems.push({
        line: row.line,
        field: 'creditCode',
        message: `${row.creditCode} already holds a live ${kind} (batch ${state.holds}): one per enterprise; leave it off the list or revoke that one first`,
      });
    }
    if (!state.qualifies) {
      problems.push({
        line: row.line,
        field: 'creditCode',
        message: `${row.creditCode} holds no ACTIVE or UNDER_REVIEW SPECIALIZED_SME on ${validFrom}: LITTLE_GIANT is granted only to specialized SMEs`,
      });
    }
  }
  return problems;
}

/** Grants a published list: every row checked, all granted or none. The ids granted, in list order. */
export async function grantDesignations(
  context: CultivationContext,
  input: GrantDesignationsInput,
): Promise<number[]> {
  const { viewer, sql } = context;
  checkGrantor(viewer, input.kind);
  const batch = checkBatch(input.batch, 'batch');
  const validFrom = dayOf(input.validFrom);
  checkValidFrom(validFrom, beijingDayOf(context.clock()));
  const count = input.enterprises.length;
  if (count === 0 || count > MAX_GRANTED_ROWS) {
    throw badInput(
      `enterprises holds ${count} rows: a list holds 1 to ${MAX_GRANTED_ROWS}; split a longer one into several calls`,
      'enterprises',
    );
  }
  const { granted, problems, outside } = checkGrantedRows(
    input.enterprises,
    await context.regions.all(),
    viewer,
  );
  if (problems.length > 0) throw listRefused(problems, outside);

  try {
    return await sql.transaction(async (transaction) => {
      const ids = await upsertListedEnterprises(transaction, granted);
      // A designation that lapsed but was not yet marked EXPIRED still holds the unique index.
      await bringRegistryUpToDate(transaction, { enterpriseIds: [...ids.values()] });
      const refused = await registryProblems(transaction, input.kind, validFrom, granted, ids);
      if (refused.length > 0) throw listRefused(refused, false);

      const inserted = await transaction.rows<ChangedRow>(
        `WITH inserted AS (
           INSERT INTO designation (enterprise_id, kind, granted_by_code, batch, valid_from, valid_until, status)
           SELECT x.id, $2, x.granted_by, $3, $4::date, ($4::date + interval '${VALID_YEARS} years')::date, 'ACTIVE'
             FROM unnest($1::int[], $5::text[]) WITH ORDINALITY AS x(id, granted_by, n)
            ORDER BY x.n
           RETURNING *)
         SELECT ${CHANGED_COLUMNS} FROM inserted d JOIN enterprise e ON e.id = d.enterprise_id ORDER BY d.id`,
        [
          granted.map((row) => ids.get(row.creditCode)!),
          input.kind,
          batch,
          validFrom,
          granted.map((row) =>
            input.kind === DesignationKind.LITTLE_GIANT ? null : row.provinceCode,
          ),
        ],
      );
      await recordDesignationChanges(
        transaction,
        viewer,
        inserted.map((row) => changedRow(row, 'grant', null, null)),
      );
      return inserted.map((row) => row.id);
    });
  } catch (error) {
    // The enterprises' row locks make a concurrent list see this one's grants and refuse the row
    // (above); the index is the last word should any writer skip the locks.
    if (isUniqueViolation(error, 'designation_live_key')) {
      throw conflict(
        `another list granted a live ${input.kind} to one of these enterprises meanwhile: nothing was granted; read the registry and send the list again`,
      );
    }
    throw error;
  }
}

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
  transaction: SqlRunner,
  context: CultivationContext,
  designation: LockedDesignation,
  move: { to: DesignationStatus; renew: boolean; action: 'review' | 'revoke'; reason: string },
): Promise<void> {
  const [moved] = await transaction.rows<ChangedRow>(
    `WITH moved AS (
       UPDATE designation d SET status = $2,
              valid_until = CASE WHEN $3 THEN (d.valid_until + interval '3 years')::date ELSE d.valid_until END
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
