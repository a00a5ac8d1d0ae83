// The escalation sweep on the shared job queue: graphile-worker's cron adds one sweep a minute
// across all processes, so a late appeal moves up within a minute of its deadline. Every API
// process runs the task; a sweep that overlaps another (a slow one, a second process) moves
// nothing twice (appeal-escalation.ts).
import type { Task } from 'graphile-worker';
import { startJobQueue, type JobQueue } from '../db/job-queue';
import type { Sql } from '../db/sql';
import type { Logger } from '../logger';
import type { WorkingCalendar } from '../working-calendar/working-calendar';
import { escalateLateAppeals } from './appeal-escalation';

export const ESCALATE_LATE_APPEALS = 'escalate_late_appeals';

export interface EscalationOptions {
  sql: Sql;
  workingCalendar: WorkingCalendar;
  log: Logger;
  /** "Now" for the sweep; tests hand in a clock of their own. */
  clock?: () => Date;
}

export function escalationTask({
  sql,
  workingCalendar,
  log,
  clock = () => new Date(),
}: EscalationOptions): Task {
  return async () => {
    const moved = await escalateLateAppeals(sql, await workingCalendar.schedules(), clock());
    if (moved > 0) log.info('late appeals escalated', { count: moved });
  };
}

/** Starts sweeping in this process: one job at a time, the sweep once a minute. */
export function startAppealEscalation(
  options: EscalationOptions & { url: string; pollIntervalMs?: number },
): Promise<JobQueue> {
  return startJobQueue({
    url: options.url,
    log: options.log,
    concurrency: 1,
    pollIntervalMs: options.pollIntervalMs ?? 2000,
    tasks: { [ESCALATE_LATE_APPEALS]: escalationTask(options) },
    crontab: `* * * * * ${ESCALATE_LATE_APPEALS} ?max=1`,
  });
}
