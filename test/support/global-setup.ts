// Starts the embedded PostgreSQL for the whole run (or uses DATABASE_URL's server), creates a
// fresh database named after the run, applies the migrations and seeds the real network once.
import 'reflect-metadata';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createNetworkDataSource } from '../../src/app/data-source';
import { ensureDatabase } from '../../src/db/database';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres';
import { installJobQueue } from '../../src/db/job-queue';
import { runPendingMigrations } from '../../src/db/migrations';
import { Sql } from '../../src/db/sql';
import { createLogger, type Logger } from '../../src/logger';
import { seedNetwork } from '../../src/seed/seed';
import { freePort } from './free-port';
import { TEST_CLUSTER_DIR } from './test-database';

export interface TestRun {
  adminUrl: string;
  /** The run's seeded database; none for a run that needs only the server. */
  database?: string;
  stopCluster?: () => Promise<void>;
}

declare global {
  var testRun: TestRun | undefined;
}

/**
 * The tests seed this share of the registry's published scale (4,400 of its 222,000 enterprises:
 * the whole registry would add minutes to every run and to every test that seeds a scratch
 * database); test/seed/registry-seed.test.ts checks the full plan's figures. Set before the seed
 * so that the test processes, which inherit it, seed scratch databases alike.
 */
export const TEST_SEED_SCALE = '0.02';

export default async function globalSetup(): Promise<void> {
  process.env.SEED_SCALE ??= TEST_SEED_SCALE;
  const log = createLogger('warn');
  const database = `test_${Date.now()}_${process.pid}`;
  const { adminUrl, stopCluster } = await startTestServer(log);
  await ensureDatabase(adminUrl, database);
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  process.env.TEST_DATABASE_URL = url.toString();

  const dataSource = createNetworkDataSource({
    url: url.toString(),
    applicationName: 'jest-setup',
  });
  await dataSource.initialize();
  try {
    await runPendingMigrations(dataSource);
    await installJobQueue(url.toString(), log);
    await seedNetwork(new Sql(dataSource));
  } finally {
    await dataSource.destroy();
  }
  globalThis.testRun = { adminUrl, database, stopCluster };
}

/**
 * The PostgreSQL server of the run: DATABASE_URL's, or the embedded cluster started here (and
 * stopped by `stopCluster`); TEST_ADMIN_DATABASE_URL names its maintenance database.
 */
export async function startTestServer(
  log: Logger,
): Promise<{ adminUrl: string; stopCluster?: () => Promise<void> }> {
  let adminUrl: string;
  let stopCluster: (() => Promise<void>) | undefined;
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = '/postgres';
    adminUrl = url.toString();
  } else {
    // The cluster is kept between runs; a second run while one is going gets one of its own.
    const kept = path.resolve(__dirname, '../..', TEST_CLUSTER_DIR);
    const dataDir = existsSync(path.join(kept, 'postmaster.pid'))
      ? mkdtempSync(path.join(os.tmpdir(), 'sme-test-postgres-'))
      : kept;
    // Two test files at a time may each run several API processes (pools, listeners, job queues)
    // beside the test's own pools: more than PostgreSQL's default 100 connections at peaks.
    const cluster = await startEmbeddedPostgres({
      dataDir,
      port: await freePort(),
      log,
      settings: { max_connections: '300' },
    });
    adminUrl = cluster.adminUrl;
    stopCluster = async () => {
      await cluster.stop();
      if (dataDir !== kept) rmSync(dataDir, { recursive: true, force: true });
    };
  }
  process.env.TEST_ADMIN_DATABASE_URL = adminUrl;
  return { adminUrl, stopCluster };
}
