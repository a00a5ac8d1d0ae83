// The registry's upkeep, run by the job queue every minute (and by tests directly, on a day of
// their choosing): designations whose review is due become UNDER_REVIEW (90 days before
// validUntil), those not renewed by validUntil become EXPIRED — each in history with the actor
// "system", audited and announced. Readers never waited for this (registry-today.ts derives the
// status from the dates); the upkeep makes the stored status and the history say it too.
// Expiry does not cascade: a little giant has a validity of its own.
import type { Task } from 'graphile-worker';
import type { Sql, SqlRunner } from '../db/sql';
import {
  CHANGED_COLUMNS,
  SYSTEM_ACTOR,
  changedRow,
  recordDesignationChanges,
  type ChangedRow,
  type DesignationAction,
} from './designation-changes';
import { DesignationStatus } from './designation-enums';
import { BEIJING_TODAY_SQL, REVIEW_OPENS_DAYS_BEFORE } from './registry-today';

/** The graphile-worker task, and its schedule: every minute, one run across every process. */
export const REGISTRY_UPKEEP = 'registry_upkeep';
export const REGISTRY_CRONTAB = `* * * * * ${REGISTRY_UPKEEP}`;

/** Rows one statement changes; the upkeep repeats until none are left (a seed's backlog). */
const ROWS_PER_STEP = 5000;

interface Step {
  to: DesignationStatus;
  action: DesignationAction;
  reason: string;
  /** Which designations (alias `d`) are due on `day`. */
  due: (day: string) => string;
}

const STEPS: Step[] = [
  {
    to: DesignationStatus.EXPIRED,
    action: 'expire',
    reason: 'not renewed by validUntil',
    due: (day) => `d.status IN ('ACTIVE', 'UNDER_REVIEW') AND d.valid_until < ${day}`,
  },
  {
    to: DesignationStatus.UNDER_REVIEW,
    action: 'review',
    reason: `review opened ${REVIEW_OPENS_DAYS_BEFORE} days before validUntil`,
    due: (day) =>
      `d.status = 'ACTIVE' AND d.valid_until - ${REVIEW_OPENS_DAYS_BEFORE} <= ${day} AND d.valid_until >= ${day}`,
  },
];

/**
 * One step for up to ROWS_PER_STEP designations, with their history, audit and webhooks.
 * SKIP LOCKED: a designation a review or revocation holds now is left to the next run.
 */
async function runStep(
  transaction: SqlRunner,
  step: Step,
  day: string,
  params: unknown[],
  enterpriseIds: readonly number[] | null,
): Promise<number> {
  const only = enterpriseIds ? ` AND d.enterprise_id = ANY($${params.length + 1}::int[])` : '';
  const rows = await transaction.rows<ChangedRow & { previous: DesignationStatus }>(
    `WITH due AS (
       SELECT d.id, d.status FROM designation d WHERE ${step.due(day)}${only}
        ORDER BY d.id LIMIT ${ROWS_PER_STEP} FOR UPDATE SKIP LOCKED
     ), changed AS (
       UPDATE designation d SET status = '${step.to}' FROM due WHERE d.id = due.id
       RETURNING d.*, due.status AS previous
     )
     SELECT ${CHANGED_COLUMNS}, d.previous FROM changed d JOIN enterprise e ON e.id = d.enterprise_id ORDER BY d.id`,
    enterpriseIds ? [...params, enterpriseIds] : params,
  );
  await recordDesignationChanges(
    transaction,
    SYSTEM_ACTOR,
    rows.map((row) => changedRow(row, step.action, row.previous, step.reason)),
  );
  return rows.length;
}

/**
 * Brings the stored statuses up to `day` (YYYY-MM-DD; today in Beijing by default), for every
 * designation or only those of some enterprises (a grant does this for its own first). Returns
 * how many expired and how many reviews opened.
 */
export async function bringRegistryUpToDate(
  runner: SqlRunner,
  options: { day?: string; enterpriseIds?: readonly number[] } = {},
): Promise<{ expired: number; reviewsOpened: number }> {
  const day = options.day ? '$1::date' : BEIJING_TODAY_SQL;
  const params = options.day ? [options.day] : [];
  const counts = [0, 0];
  for (const [index, step] of STEPS.entries()) {
    let changed: number;
    do {
      changed = await runStep(runner, step, day, params, options.enterpriseIds ?? null);
      counts[index] += changed;
    } while (changed === ROWS_PER_STEP);
  }
  return { expired: counts[0], reviewsOpened: counts[1] };
}

/** The job queue's task: the upkeep for today, in one transaction. */
export function registryUpkeepTask(sql: Sql): Task {
  return async () => {
    await sql.transaction((transaction) => bringRegistryUpToDate(transaction));
  };
}
