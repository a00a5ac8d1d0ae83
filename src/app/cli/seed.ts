// npm run seed: adds whatever of the seeded network is missing to the database
// (DATABASE_URL, or the embedded cluster), after applying pending migrations.
import { loadConfig } from '../../config';
import { openDatabase } from '../../db/database';
import { runPendingMigrations } from '../../db/migrations';
import { Sql } from '../../db/sql';
import { createLogger, timed } from '../../logger';
import { seedNetwork } from '../../seed/seed';
import { createNetworkDataSource } from '../data-source';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const database = await openDatabase(config, log);
  const dataSource = createNetworkDataSource({
    url: database.url,
    applicationName: 'sme-network-seed',
  });
  try {
    await dataSource.initialize();
    await runPendingMigrations(dataSource);
    const added = await timed(log, 'seed', () => seedNetwork(new Sql(dataSource)));
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
