// /readyz tells an orchestrator whether to send traffic: only with the schema fully migrated.
import { createNetworkDataSource } from '../../src/app/data-source';
import { createApiServer } from '../../src/app/server';
import { runPendingMigrations } from '../../src/db/migrations';
import { Sql } from '../../src/db/sql';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { createScratchDatabase } from '../support/scratch-database';

describe('/readyz', () => {
  it('is 503 while migrations are pending and 200 once they are applied', async () => {
    const scratch = await createScratchDatabase('readiness');
    const dataSource = createNetworkDataSource({
      url: scratch.url,
      applicationName: 'jest-readiness',
    });
    await dataSource.initialize();
    const server = await createApiServer({
      sql: new Sql(dataSource),
      config: loadConfig({ RATE_LIMITS: 'off' }),
      log: createLogger('silent'),
    });
    const port = await server.listen(0);
    try {
      const pending = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(pending.status).toBe(503);
      expect(await pending.json()).toEqual({
        status: 'unavailable',
        reason: 'migrations pending',
        pending: dataSource.migrations.map((migration) => migration.name),
      });
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

      await runPendingMigrations(dataSource);
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    } finally {
      await server.stop();
      await dataSource.destroy();
      await scratch.drop();
    }
  });
});
