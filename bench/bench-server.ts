// The API as the benchmarks see it: its own embedded cluster under .data/bench-postgres (or
// DATABASE_URL), seeded, and the server on a free port, every SQL statement counted.
import path from 'node:path';
import { loadConfig } from '../src/config';
import { openNetwork } from '../src/db/open-network';
import { StatementLog } from '../src/db/statement-log';
import { createLogger } from '../src/logger';
import { createApiServer } from '../src/server';
import { freePort } from '../test/support/free-port';

export async function startBenchServer() {
  const config = loadConfig({
    ...process.env,
    EMBEDDED_PG_DATA_DIR:
      process.env.EMBEDDED_PG_DATA_DIR || path.resolve(__dirname, '..', '.data/bench-postgres'),
    EMBEDDED_PG_PORT: process.env.EMBEDDED_PG_PORT || String(await freePort()),
    LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
  });
  const log = createLogger(config.logLevel);
  const statements = new StatementLog();
  const network = await openNetwork(config, log, { statementLogger: statements });
  const server = await createApiServer({
    dataSource: network.dataSource,
    log,
    exposeErrorDetails: false,
  });
  const port = await server.listen(0);
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    dataSource: network.dataSource,
    statements,
    async stop() {
      await server.stop();
      await network.close();
    },
  };
}
