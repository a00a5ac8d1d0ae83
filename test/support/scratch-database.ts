// An empty database of its own, for tests that must change the schema or the server.
import { Client } from 'pg';
import { ensureDatabase } from '../../src/db/database';

export async function createScratchDatabase(
  name: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = process.env.TEST_ADMIN_DATABASE_URL;
  if (!adminUrl)
    throw new Error('TEST_ADMIN_DATABASE_URL is not set: run the tests through jest (npm test)');
  const database = `${name}_${Date.now()}_${process.pid}`;
  await ensureDatabase(adminUrl, database);
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(
          `DROP DATABASE IF EXISTS ${client.escapeIdentifier(database)} WITH (FORCE)`,
        );
      } finally {
        await client.end();
      }
    },
  };
}
