// The PostgreSQL job queue (graphile-worker): the library owns its schema (`graphile_worker`),
// installs and upgrades it itself, and runs its own SQL on a pool of its own
// (application_name `sme-network-queue`). Jobs are added with `graphile_worker.add_job(...)`
// through `Sql`, inside the transaction of the change that causes them, so that a job exists
// exactly when its change committed. Several processes share the queue: a job is locked by one
// worker at a time (SELECT … FOR UPDATE SKIP LOCKED), and new jobs wake workers at once (NOTIFY).
import { Logger as QueueLogger, run, runMigrations, type TaskList } from 'graphile-worker';
import { Pool } from 'pg';
import type { Logger } from '../logger';

/** Where graphile-worker keeps jobs; statements that add jobs name it. */
export const JOB_QUEUE_SCHEMA = 'graphile_worker';

/** graphile-worker's log lines, as ours (its `warning` is our `warn`). */
function queueLogger(log: Logger): QueueLogger {
  return new QueueLogger((scope) => (level, message, meta) => {
    const fields = { ...scope, ...meta };
    if (level === 'error') log.error(message, fields);
    else if (level === 'warning') log.warn(message, fields);
    else if (level === 'info') log.info(message, fields);
    else log.debug(message, fields);
  });
}

function queuePool(url: string, max: number, applicationName: string): Pool {
  const pool = new Pool({
    connectionString: url,
    max,
    application_name: applicationName,
    connectionTimeoutMillis: 10_000,
  });
  // An idle connection that breaks (the database restarts) is dropped; the pool reconnects.
  pool.on('error', () => undefined);
  // The same for a checked-out connection: its query fails, the connection is not reused.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

/**
 * Installs or upgrades the queue's schema. Start-up calls it under the migrations' advisory
 * lock, so that of many processes starting together one does it.
 */
export async function installJobQueue(url: string, log: Logger): Promise<void> {
  const pool = queuePool(url, 2, 'sme-network-start');
  try {
    await runMigrations({ pgPool: pool, logger: queueLogger(log) });
  } finally {
    await pool.end();
  }
}

export interface JobQueueOptions {
  url: string;
  log: Logger;
  /** Jobs this process runs at once. */
  concurrency: number;
  /** How often an idle worker looks for jobs whose time has come (new jobs wake it at once). */
  pollIntervalMs: number;
  tasks: TaskList;
  /**
   * Recurring jobs, in graphile-worker's crontab format; each schedule runs once across every
   * process (its known_crontabs table), whichever processes are up.
   */
  crontab?: string;
}

export interface JobQueue {
  /** Lets running jobs finish (they are told to abort after a few seconds), then closes the pool. */
  stop(): Promise<void>;
}

/** Starts working the queue's jobs in this process. */
export async function startJobQueue(options: JobQueueOptions): Promise<JobQueue> {
  // One connection LISTENs for new jobs; the others fetch, complete and fail jobs (a connection
  // per concurrent job, as graphile-worker advises; each is held only while a statement runs).
  const pool = queuePool(options.url, options.concurrency + 1, 'sme-network-queue');
  try {
    const runner = await run({
      pgPool: pool,
      concurrency: options.concurrency,
      pollInterval: options.pollIntervalMs,
      taskList: options.tasks,
      crontab: options.crontab ?? '',
      logger: queueLogger(options.log),
      // Shutdown is the process's job (src/app/lifecycle.ts), in a fixed order.
      noHandleSignals: true,
    });
    return {
      async stop() {
        try {
          await runner.stop();
        } finally {
          await pool.end();
        }
      },
    };
  } catch (error) {
    await pool.end();
    throw error;
  }
}
