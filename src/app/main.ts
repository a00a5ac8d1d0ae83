// The process behind `npm start`: config → database (embedded unless DATABASE_URL) →
// migrations → seed if the network is empty → HTTP server; and the reverse on SIGTERM/SIGINT.
import 'reflect-metadata';
import { ConfigError, loadConfig } from '../config';
import { EmbeddedPostgresError } from '../db/embedded-postgres';
import { createLogger, type Logger } from '../logger';
import { openNetwork, type OpenNetwork } from './network';
import { PortInUseError, createApiServer, type ApiServer } from './server';

interface Running {
  network?: Partial<OpenNetwork>;
  server?: ApiServer;
}

async function start(running: Running, log: Logger): Promise<void> {
  const config = loadConfig();
  const startedAt = performance.now();
  const { sql } = await openNetwork(config, log, {
    onOpened: (network) => (running.network = network),
  });

  running.server = await createApiServer({
    sql,
    log,
    exposeErrorDetails: config.exposeErrorDetails,
    shutdownTimeoutMs: config.shutdownTimeoutMs,
    responseCacheSeconds: config.responseCacheSeconds,
  });
  const port = await running.server.listen(config.port);
  log.info(`SME service network API ready at http://localhost:${port}/graphql`, {
    startupMs: Math.round(performance.now() - startedAt),
  });
}

/** Stops in dependency order: HTTP (finishing in-flight requests), pool, embedded database. */
async function stop(running: Running, log: Logger): Promise<void> {
  if (running.server) await running.server.stop();
  if (running.network?.close) await running.network.close();
  log.info('stopped');
}

function main(): void {
  let log: Logger;
  try {
    log = createLogger(loadConfig().logLevel);
  } catch (error) {
    console.error(`configuration error: ${(error as Error).message}`);
    process.exit(1);
  }
  const running: Running = {};
  let stopping = false;

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      log.info(`${signal} received: finishing in-flight requests`);
      stop(running, log).then(
        () => process.exit(0),
        (error: Error) => {
          log.error('shutdown failed', { error: error.message });
          process.exit(1);
        },
      );
    });
  }

  start(running, log).catch(async (error: Error) => {
    // Known failures (bad config, port taken, database unreachable) need no stack trace.
    log.error(`start-up failed: ${error.message}`);
    const known =
      error instanceof ConfigError ||
      error instanceof PortInUseError ||
      error instanceof EmbeddedPostgresError;
    if (!known) log.debug('start-up failure detail', { stack: error.stack });
    await stop(running, log).catch(() => undefined);
    process.exit(1);
  });
}

main();
