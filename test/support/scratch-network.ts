// A migrated database of a test's own, seeded with the real network of a few provinces only:
// for tests that must change rows (or the schema) that the shared database must keep.
import type { DataSource } from 'typeorm';
import { createNetworkDataSource } from '../../src/app/data-source';
import { installJobQueue } from '../../src/db/job-queue';
import { runPendingMigrations } from '../../src/db/migrations';
import { Sql } from '../../src/db/sql';
import { createLogger } from '../../src/logger';
import { planFromDivisions, seedNetwork } from '../../src/seed/seed';
import { createScratchDatabase } from './scratch-database';

export interface ScratchNetwork {
  url: string;
  dataSource: DataSource;
  /** The test's own statements on the scratch database. */
  sql: Sql;
  drop(): Promise<void>;
}

/**
 * A scratch database holding the seeded network of `provinces` (two-digit codes) and the national
 * centre: every region, institution and service of the plan there, the whole taxonomy.
 */
export async function createScratchNetwork(
  name: string,
  provinces: string[] = ['44'],
): Promise<ScratchNetwork> {
  const scratch = await createScratchDatabase(name);
  const dataSource = createNetworkDataSource({ url: scratch.url, applicationName: `jest-${name}` });
  await dataSource.initialize();
  const sql = new Sql(dataSource);
  await runPendingMigrations(dataSource);
  await installJobQueue(scratch.url, createLogger('warn'));
  const plan = planFromDivisions();
  const inProvinces = (code: string | null) =>
    code === null || provinces.includes(code.slice(0, 2));
  const institutions = plan.institutions.filter((row) => inProvinces(row.regionCode));
  const codes = new Set(institutions.map((row) => row.code));
  await seedNetwork(sql, {
    regions: plan.regions.filter((row) => inProvinces(row.code)),
    categories: plan.categories,
    institutions,
    services: plan.services.filter((row) => codes.has(row.institutionCode)),
  });
  return {
    url: scratch.url,
    dataSource,
    sql,
    async drop() {
      await dataSource.destroy();
      await scratch.drop();
    },
  };
}
