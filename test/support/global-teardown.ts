import { Client } from 'pg';

export default async function globalTeardown(): Promise<void> {
  const run = globalThis.testRun;
  if (!run) return;
  if (run.database) {
    const client = new Client({ connectionString: run.adminUrl });
    await client.connect();
    try {
      await client.query(
        `DROP DATABASE IF EXISTS ${client.escapeIdentifier(run.database)} WITH (FORCE)`,
      );
    } finally {
      await client.end();
    }
  }
  await run.stopCluster?.();
}
