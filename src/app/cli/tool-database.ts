// The database a command-line tool works on: DATABASE_URL, else the embedded cluster `npm start`
// is running, else one started for the tool and stopped after it — with a pool of the tool's own.
import type { Config } from '../../config';
import { openDatabaseForTool } from '../../db/database';
import { START_UP_LOCK, runPendingMigrations } from '../../db/migrations';
import { Sql } from '../../db/sql';
import type { Logger } from '../../logger';
import { createNetworkDataSource } from '../data-source';

export interface ToolDatabaseOptions {
  config: Config;
  log: Logger;
  /** The pool's name in pg_stat_activity, e.g. `sme-network-seed`. */
  applicationName: string;
  poolSize?: number;
}

/** Runs `work` on the tool's pool, then closes the pool and stops a cluster started for it. */
export async function withToolDatabase<T>(
  { config, log, applicationName, poolSize }: ToolDatabaseOptions,
  work: (sql: Sql) => Promise<T>,
): Promise<T> {
  const database = await openDatabaseForTool(config, log);
  const dataSource = createNetworkDataSource({ url: database.url, applicationName, poolSize });
  try {
    await dataSource.initialize();
    return await work(new Sql(dataSource));
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.stop();
  }
}

/** Applies pending migrations under the start-up lock, which a starting server may hold. */
export function migrateUnderLock(sql: Sql): Promise<unknown> {
  return sql.withLock(START_UP_LOCK, () => runPendingMigrations(sql.dataSource));
}
