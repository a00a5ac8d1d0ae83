// npm run seed: adds whatever of the seeded network is missing to the database
// (DATABASE_URL, or the embedded cluster), after applying pending migrations.
// The seed entitles enterprises to AUTOMATIC policies, whose webhooks name global ids (decorated
// GraphQL types): the decorators' metadata API must be loaded first.
import 'reflect-metadata';
import { loadConfig } from '../../config';
import { START_UP_LOCK, runPendingMigrations } from '../../db/migrations';
import { createLogger, timed } from '../../logger';
import { seedNetwork } from '../../seed/seed';
import { withToolDatabase } from './tool-database';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel, undefined, config.logFormat);
  // Works beside a running `npm start`: its cluster is used, not started a second time.
  await withToolDatabase({ config, log, applicationName: 'sme-network-seed' }, async (sql) => {
    const added = await sql.withLock(START_UP_LOCK, async () => {
      await runPendingMigrations(sql.dataSource);
      return timed(log, 'seed', () =>
        seedNetwork(sql, undefined, { log, scale: config.seedScale }),
      );
    });
    log.info('seeded', { ...added });
  });
}

main().catch((error: Error) => {
  console.error(`seed failed: ${error.message}`);
  process.exit(1);
});
