import type { DataSource } from 'typeorm';
import { createNetworkDataSource } from '../../src/app/data-source';
import { pendingMigrations, runPendingMigrations } from '../../src/db/migrations';
import { Sql } from '../../src/db/sql';
import { watchBusyClients } from '../support/busy-clients';
import { createScratchDatabase } from '../support/scratch-database';

let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let db: DataSource;
let sql: Sql;

beforeAll(async () => {
  scratch = await createScratchDatabase('migrations');
  db = createNetworkDataSource({ url: scratch.url, applicationName: 'jest-migrations' });
  await db.initialize();
  sql = new Sql(db);
});

afterAll(async () => {
  await db.destroy();
  await scratch.drop();
});

const tables = async () =>
  (
    await db.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)
  ).map((row: { tablename: string }) => row.tablename);

describe('migrations', () => {
  it('apply on an empty database and leave nothing pending', async () => {
    expect(await pendingMigrations(sql)).toEqual(db.migrations.map((migration) => migration.name));
    await runPendingMigrations(db);
    expect(await pendingMigrations(sql)).toEqual([]);
    expect(await tables()).toEqual([
      'api_key',
      'appeal',
      'appeal_change',
      'audit_entry',
      'cluster',
      'cluster_region',
      'designation',
      'designation_change',
      'enterprise',
      'event',
      'event_registration',
      'event_registration_change',
      'institution',
      'matchmaking_outcome',
      'migrations',
      'persisted_query',
      'pilot_city',
      'pilot_enterprise',
      'pilot_stage_change',
      'policy',
      'policy_application',
      'policy_application_change',
      'referral',
      'referral_event',
      'referral_feedback',
      'region',
      'seed_info',
      'service',
      'service_category',
      'webhook_delivery',
      'webhook_subscription',
      'working_calendar_year',
    ]);
  });

  it('build exactly the schema the entities describe (migration:generate would find nothing)', async () => {
    const busy = watchBusyClients();
    const diff = await db.driver.createSchemaBuilder().log().finally(busy.stop);
    expect(diff.upQueries.map((query) => query.query)).toEqual([]);
    // TypeORM reads the schema with Promise.all over one connection; ours sends them in turn.
    expect(busy.sentWhileBusy).toBe(0);
  });

  it('revert down to an empty schema and apply again', async () => {
    for (let i = 0; i < db.migrations.length; i++)
      await db.undoLastMigration({ transaction: 'each' });
    expect(await tables()).toEqual(['migrations']);
    const [{ types }] = await db.query(`SELECT count(*)::int AS types FROM pg_type t
      JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typtype = 'e'`);
    expect(types).toBe(0);
    await runPendingMigrations(db);
    expect(await pendingMigrations(sql)).toEqual([]);
  });
});
