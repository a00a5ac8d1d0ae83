// A database of a policies test file's own, seeded with three provinces (Beijing, Hubei with its
// province-administered cities, Guangdong with Dongguan) and the national centre: the policies'
// tests count and compare whole tables, which must not change under another file's requests.
import { createNetworkDataSource } from '../../src/app/data-source';
import { installJobQueue } from '../../src/db/job-queue';
import { runPendingMigrations } from '../../src/db/migrations';
import { Sql } from '../../src/db/sql';
import { createLogger } from '../../src/logger';
import type { NetworkPlan } from '../../src/seed/network-plan';
import { planFromDivisions, seedNetwork } from '../../src/seed/seed';
import { createScratchDatabase } from './scratch-database';
import { startTestApi, type TestApi } from './test-api';

const PROVINCES = ['11', '42', '44'];

function threeProvinces(): NetworkPlan {
  const whole = planFromDivisions();
  const inPlan = (code: string | null) =>
    code === null || PROVINCES.some((prefix) => code.startsWith(prefix));
  const institutions = whole.institutions.filter((row) => inPlan(row.regionCode));
  const codes = new Set(institutions.map((row) => row.code));
  return {
    ...whole,
    regions: whole.regions.filter((row) => inPlan(row.code)),
    institutions,
    services: whole.services.filter((row) => codes.has(row.institutionCode)),
  };
}

/** The API over a freshly seeded database of three provinces; close() drops it. */
export async function policyTestApi(
  name: string,
  env: Record<string, string> = {},
): Promise<TestApi & { drop(): Promise<void> }> {
  const scratch = await createScratchDatabase(name);
  const dataSource = createNetworkDataSource({
    url: scratch.url,
    applicationName: 'jest-policies',
  });
  await dataSource.initialize();
  try {
    await runPendingMigrations(dataSource);
    await installJobQueue(scratch.url, createLogger('warn'));
    await seedNetwork(new Sql(dataSource), threeProvinces());
  } finally {
    await dataSource.destroy();
  }
  const api = await startTestApi({ databaseUrl: scratch.url, env });
  return {
    ...api,
    async close() {
      await api.close();
    },
    drop: () => scratch.drop(),
  };
}
