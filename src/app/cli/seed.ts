// npm run seed: adds whatever of the seeded network is missing to the database
// (DATABASE_URL, or the embedded cluster), after applying pending migrations.
import { loadConfig } from '../../config';
import { openDatabaseForTool } from '../../db/database';
import { START_UP_LOCK, runPendingMigrations } from '../../db/migrations';
import { Sql } from '../../db/sql';
import { createLogger, timed } from '../../logger';
import { seedNetwork } from '../../seed/seed';
import { createNetworkDataSource } from '../data-source';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel, undefined, config.logFormat);
  // Works beside a running `npm start`: its cluster is used, not started a second time.
  const database = await openDatabaseForTool(config, log);
  const dataSource = createNetworkDataSource({
    url: database.url,
    applicationName: 'sme-network-seed',
  });
  try {
    await dataSource.initialize();
    const sql = new Sql(dataSource);
    const added = await sql.withLock(START_UP_LOCK, async () => {
      await runPendingMigrations(dataSource);
      return timed(log, 'seed', () => seedNetwork(sql));
    });
    log.info('seeded', { ...added });
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.stop();
  }
}

main().catch((error: Error) => {
  console.error(`seed failed: ${error.message}`);
  process.exit(1);
});
