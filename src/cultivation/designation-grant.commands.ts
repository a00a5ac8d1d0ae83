// A granted list written: all or nothing, set-based whatever its length (the enterprises upserted,
// the registry's checks and the designations, their history, audit and webhooks, each one
// statement). The enterprises' rows are locked FOR UPDATE in credit-code order, the lock order of
// every registry write: of two lists granting one enterprise at once, the second waits and then
// sees the first's designation.
import { isUniqueViolation } from '../db/unique-violation';
import type { SqlRunner } from '../db/sql';
import { badInput, conflict } from '../schema/errors';
import { beijingDayOf } from '../working-calendar/calendar-days';
import type { CultivationContext } from './cultivation.context';
import {
  CHANGED_COLUMNS,
  changedRow,
  recordDesignationChanges,
  type ChangedRow,
} from './designation-changes';
import { DesignationKind } from './designation-enums';
import { checkBatch } from './designation-filter';
import type { GrantDesignationsInput } from './designation.inputs';
import {
  MAX_GRANTED_ROWS,
  checkGrantedRows,
  checkGrantor,
  listRefused,
  type GrantedRow,
  type RowProblem,
} from './granted-list';
import { designationValidOn } from './registry-today';
import { bringRegistryUpToDate } from './registry-upkeep';

/** How long a designation is valid: through the same calendar day three years on. */
export const VALID_YEARS = 3;

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
      await context.registryFollowers.granted(transaction, [...ids.values()]);
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
