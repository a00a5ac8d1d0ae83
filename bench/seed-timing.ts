// npm run bench:seed — the seed's time per step on a fresh database of a fresh embedded
// PostgreSQL cluster (a temporary directory, removed afterwards): migrations, then seedNetwork with
// its steps logged. SEED_SCALE as for npm start (default 1, the published scale).
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createNetworkDataSource } from '../src/app/data-source';
import { seedScale } from '../src/config';
import { ensureDatabase } from '../src/db/database';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres';
import { installJobQueue } from '../src/db/job-queue';
import { runPendingMigrations } from '../src/db/migrations';
import { Sql } from '../src/db/sql';
import { createLogger, timed } from '../src/logger';
import { seedNetwork } from '../src/seed/seed';
import { freePort } from '../test/support/free-port';

async function main(): Promise<void> {
  const log = createLogger('info', undefined, 'pretty');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sme-seed-timing-'));
  const cluster = await startEmbeddedPostgres({ dataDir, port: await freePort(), log });
  try {
    await ensureDatabase(cluster.adminUrl, 'seed_timing');
    const url = cluster.databaseUrl('seed_timing');
    const dataSource = createNetworkDataSource({ url, applicationName: 'sme-network-seed' });
    await dataSource.initialize();
    try {
      await timed(log, 'migrations', () => runPendingMigrations(dataSource));
      await installJobQueue(url, log);
      await timed(log, 'seed', () =>
        seedNetwork(new Sql(dataSource), undefined, { log, scale: seedScale() }),
      );
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await cluster.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
