// A migrated, seeded database of a test's own, for tests that change the network (the shared
// run database must not change under the other tests).
import { createNetworkDataSource } from '../../src/app/data-source';
import { installJobQueue } from '../../src/db/job-queue';
import { runPendingMigrations } from '../../src/db/migrations';
import { Sql } from '../../src/db/sql';
import { createLogger } from '../../src/logger';
import { seedNetwork } from '../../src/seed/seed';
import { createScratchDatabase } from './scratch-database';

export async function seededScratchDatabase(name: string) {
  const scratch = await createScratchDatabase(name);
  const dataSource = createNetworkDataSource({ url: scratch.url, applicationName: 'jest-seed' });
  await dataSource.initialize();
  try {
    await runPendingMigrations(dataSource);
    await installJobQueue(scratch.url, createLogger('warn'));
    await seedNetwork(new Sql(dataSource));
  } finally {
    await dataSource.destroy();
  }
  return scratch;
}
