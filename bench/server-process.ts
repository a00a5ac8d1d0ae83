// The API under test, in its own process, in production mode: the same server as `npm start`
// on BENCH_DATABASE_URL, plus a control port (loopback only) through which the benchmark reads
// the server's statement log and the bytes it allocates. BENCH_BATCHING=false switches
// DataLoader batching off (the floor).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AllocationMeter } from './allocation';
import { createNetworkDataSource } from '../src/app/data-source';
import { createApiServer } from '../src/app/server';
import { loadConfig } from '../src/config';
import { Sql } from '../src/db/sql';
import { StatementLog } from '../src/db/statement-log';
import { createLogger } from '../src/logger';

async function main(): Promise<void> {
  const statements = new StatementLog();
  const allocation = new AllocationMeter();
  const config = loadConfig({
    ...process.env,
    RESPONSE_CACHE_SECONDS: process.env.BENCH_RESPONSE_CACHE_SECONDS ?? '0',
  });
  const dataSource = createNetworkDataSource({
    url: process.env.BENCH_DATABASE_URL!,
    poolSize: config.poolSize,
    statementTimeoutMs: config.limits.statementTimeoutMs,
    poolWaitMs: config.limits.poolWaitMs,
  });
  await dataSource.initialize();
  const server = await createApiServer({
    sql: new Sql(dataSource, statements),
    config,
    log: createLogger('warn'),
    loaderSettings: { batch: process.env.BENCH_BATCHING !== 'false' },
  });
  const apiPort = await server.listen(0);

  const control = http.createServer((request, response) => {
    const reply = (body: unknown) => response.end(JSON.stringify(body));
    if (request.url === '/count') return reply({ count: statements.count });
    if (request.url === '/record/start') return reply(statements.startRecording());
    if (request.url === '/record/stop') return reply(statements.stopRecording());
    if (request.url === '/allocation/start') return reply(allocation.start());
    if (request.url === '/allocation/stop') return reply({ bytes: allocation.stop() });
    response.statusCode = 404;
    response.end();
  });
  control.listen(0, '127.0.0.1', () => {
    // The parent reads the two ports from this line.
    process.stdout.write(
      `${JSON.stringify({ apiPort, controlPort: (control.address() as AddressInfo).port })}\n`,
    );
  });
  process.on('SIGTERM', async () => {
    control.close();
    await server.stop();
    await dataSource.destroy();
    process.exit(0);
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
