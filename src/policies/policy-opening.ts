// AUTOMATIC policies that open on a later day are entitled on that day by the job queue: publishing
// adds a job for the opening day (graphile-worker, in the publishing transaction); the task
// entitles every policy whose day has come and that has not been entitled yet, so a late or
// repeated run does the same work once.
import type { Task } from 'graphile-worker';
import { JOB_QUEUE_SCHEMA } from '../db/job-queue';
import type { Sql, SqlRunner } from '../db/sql';
import { BEIJING_TODAY_SQL } from '../cultivation/registry-today';
import { entitleEligible, lockEntitlements } from './policy-entitlements';

/** The graphile-worker task name. */
export const ENTITLE_OPENED_POLICIES = 'entitle_opened_policies';

/** Adds (or keeps) the job of an opening day, YYYY-MM-DD: it runs at 00:00 Beijing time. */
export async function scheduleOpening(transaction: SqlRunner, opensOn: string): Promise<void> {
  await transaction.run(
    `SELECT ${JOB_QUEUE_SCHEMA}.add_job('${ENTITLE_OPENED_POLICIES}', '{}'::json,
       run_at => ($1::date::timestamp AT TIME ZONE 'Asia/Shanghai'),
       job_key => 'policy-opening:' || $1::text, max_attempts => 10)`,
    [opensOn],
  );
}

/** Entitles every open AUTOMATIC policy not entitled yet; returns how many entitlements it made. */
export async function entitleOpenedPolicies(sql: Sql, now: Date = new Date()): Promise<number> {
  return sql.transaction(async (transaction) => {
    await lockEntitlements(transaction, 'exclusive');
    const opened = await transaction.rows<{ id: number }>(
      `UPDATE policy SET entitled_at = $1, updated_at = now()
        WHERE delivery = 'AUTOMATIC' AND status = 'PUBLISHED' AND entitled_at IS NULL
          AND opens_on <= ${BEIJING_TODAY_SQL}
       RETURNING id`,
      [now],
    );
    if (opened.length === 0) return 0;
    return entitleEligible(transaction, { policyIds: opened.map((row) => row.id) }, now);
  });
}

/** The task for the webhook worker's queue. */
export const entitleOpenedPoliciesTask =
  (sql: Sql): Task =>
  async () => {
    await entitleOpenedPolicies(sql);
  };
