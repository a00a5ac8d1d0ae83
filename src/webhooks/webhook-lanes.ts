// Frees the delivery lanes (graphile-worker named queues, webhook-outbox.ts) of a process that
// died mid-attempt. graphile-worker locks a named queue while one of its jobs runs and, without a
// heartbeat in its open-source edition, frees the lock of a killed process only after four
// hours: until then every delivery of that key's lane would wait. An attempt holds its lane for
// at most its time limit plus a claim and a record, so a lane locked much longer than that
// belongs to a dead process. Hand-written because graphile-worker cannot know a process is dead;
// it goes through its public view and its own force_unlock_workers. Freeing a lane too early
// (a live attempt that outlasted the margin) costs no correctness: a job run twice finds its
// attempt claimed already and does nothing.
import { JOB_QUEUE_SCHEMA } from '../db/job-queue';
import type { Sql } from '../db/sql';
import type { Logger } from '../logger';
import { LANE_PREFIX } from './webhook-outbox';

/** Beyond the attempt's time limit: room for its claim and record on a loaded database. */
const STALE_MARGIN_MS = 10_000;

/** How often each delivering process looks for stale lanes. */
const SWEEP_EVERY_MS = 5_000;

export interface LaneSweeper {
  stop(): void;
}

/** Frees stale lanes now and every few seconds, until stopped. */
export function sweepStaleLanes(sql: Sql, timeoutMs: number, log: Logger): LaneSweeper {
  const sweep = async () => {
    try {
      await sql.rows(
        `SELECT ${JOB_QUEUE_SCHEMA}.force_unlock_workers(array_agg(DISTINCT locked_by))
           FROM ${JOB_QUEUE_SCHEMA}.jobs
          WHERE queue_name LIKE '${LANE_PREFIX}%'
            AND locked_at < now() - $1::int * interval '1 millisecond'
         HAVING count(*) > 0`,
        [timeoutMs + STALE_MARGIN_MS],
      );
    } catch (error) {
      // The database may be restarting: the next sweep tries again.
      log.warn('could not free stale webhook lanes', { error: (error as Error).message });
    }
  };
  void sweep();
  const timer = setInterval(() => void sweep(), SWEEP_EVERY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
