// The database a test run uses, shared by global setup (which creates it) and the tests.
import { createNetworkDataSource, type NetworkDataSourceOptions } from '../../src/app/data-source';

/** Where global setup keeps the test cluster between runs (a fresh database is made per run). */
export const TEST_CLUSTER_DIR = '.data/test-postgres';

export function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the tests through jest (npm test)');
  return url;
}

/** A DataSource on the run's seeded database; destroy it in afterAll. */
export async function connectTestDatabase(options: Partial<NetworkDataSourceOptions> = {}) {
  const dataSource = createNetworkDataSource({
    url: testDatabaseUrl(),
    poolSize: 4,
    applicationName: 'jest',
    ...options,
  });
  await dataSource.initialize();
  return dataSource;
}
