// Brings the network's database up for a process (the server, the benchmark): database
// (embedded unless DATABASE_URL) → pool → pending migrations → seed if empty.
import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import { openDatabase, type Database } from '../db/database';
import { installJobQueue } from '../db/job-queue';
import { START_UP_LOCK, runPendingMigrations } from '../db/migrations';
import { Sql, type StatementObserver } from '../db/sql';
import { timed, type Logger } from '../logger';
import { isNetworkEmpty, seedNetwork } from '../seed/seed';
import { createNetworkDataSource } from './data-source';

export interface OpenNetwork {
  database: Database;
  dataSource: DataSource;
  /** Runs the project's statements on the request pool. */
  sql: Sql;
  /** Closes the pool, then stops the embedded database. */
  close(): Promise<void>;
}

export interface OpenNetworkOptions {
  /** Sees every SQL statement (the benchmark counts them). */
  statementObserver?: StatementObserver;
  /** Called as soon as there is something to close, so that a failed start still cleans up. */
  onOpened?(partial: Partial<OpenNetwork>): void;
}

export async function openNetwork(
  config: Config,
  log: Logger,
  options: OpenNetworkOptions = {},
): Promise<OpenNetwork> {
  const database = await openDatabase(config, log);
  log.info('using database', { database: database.description });
  const dataSource = createNetworkDataSource({
    url: database.url,
    poolSize: config.poolSize,
    statementTimeoutMs: config.limits.statementTimeoutMs,
    poolWaitMs: config.limits.poolWaitMs,
  });
  const sql = new Sql(dataSource, options.statementObserver);
  const close = async () => {
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.stop();
  };
  options.onOpened?.({ database, dataSource, sql, close });

  await timed(log, 'connect', () => dataSource.initialize());
  // Start-up work is not a request: migrations and the seed run on a pool of their own, without
  // the statement timeout requests keep (a migration may build an index for minutes).
  const start = createNetworkDataSource({
    url: database.url,
    poolSize: 2,
    applicationName: 'sme-network-start',
  });
  await start.initialize();
  try {
    await prepareNetwork(new Sql(start), config, log);
  } finally {
    await start.destroy();
  }
  return { database, dataSource, sql, close };
}

/**
 * Pending migrations and the job queue's own schema, then the seed if the network is empty. However many processes start
 * together, one does it under an advisory lock; the others wait, then find nothing left to do.
 * `sql` needs a pool of at least two connections: one holds the lock.
 */
export async function prepareNetwork(sql: Sql, config: Config, log: Logger): Promise<void> {
  await sql.withLock(START_UP_LOCK, async () => {
    const applied = await timed(log, 'migrations', () => runPendingMigrations(sql.dataSource));
    log.info('migrations applied', { count: applied.length, names: applied });
    // The queue's schema is graphile-worker's to install and upgrade; referrals and events add
    // jobs to it in their transactions, so it must exist before the first request.
    await timed(log, 'job queue schema', () => installJobQueue(sql.url, log));
    if (config.seedOnStart && (await isNetworkEmpty(sql))) {
      const added = await timed(log, 'seed', () =>
        seedNetwork(sql, undefined, { log, scale: config.seedScale }),
      );
      log.info('network seeded', { ...added });
    } else {
      log.info('seed skipped: the network is already there');
    }
  });
}
