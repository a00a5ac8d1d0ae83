// Brings the network's database up for a process: the server (src/main.ts), the benchmark.
// Database (embedded unless DATABASE_URL) → pool → pending migrations → seed if empty.
import type { DataSource, Logger as TypeOrmLogger } from 'typeorm';
import type { Config } from '../config';
import { timed, type Logger } from '../logger';
import { isNetworkEmpty, seedNetwork } from '../seed/seed';
import { createDataSource } from './data-source';
import { openDatabase, type Database } from './database';
import { runPendingMigrations } from './migrations';

export interface OpenNetwork {
  database: Database;
  dataSource: DataSource;
  /** Closes the pool, then stops the embedded database. */
  close(): Promise<void>;
}

export interface OpenNetworkOptions {
  /** Sees every SQL statement (the benchmark counts them). */
  statementLogger?: TypeOrmLogger;
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
  const dataSource = createDataSource({
    url: database.url,
    poolSize: config.poolSize,
    logger: options.statementLogger,
  });
  const close = async () => {
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.stop();
  };
  options.onOpened?.({ database, dataSource, close });

  await timed(log, 'connect', () => dataSource.initialize());
  const applied = await timed(log, 'migrations', () => runPendingMigrations(dataSource));
  log.info('migrations applied', { count: applied.length, names: applied.join(',') || undefined });

  if (config.seedOnStart && (await isNetworkEmpty(dataSource))) {
    const added = await timed(log, 'seed', () => seedNetwork(dataSource));
    log.info('network seeded', { ...added });
  } else {
    log.info('seed skipped: the network is already there');
  }
  return { database, dataSource, close };
}
