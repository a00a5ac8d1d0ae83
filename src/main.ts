// The process behind `npm start`: config → database (embedded unless DATABASE_URL) →
// migrations → seed if the network is empty → HTTP server; and the reverse on SIGTERM/SIGINT.
import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from './config';
import { createDataSource } from './db/data-source';
import { openDatabase, type Database } from './db/database';
import { EmbeddedPostgresError } from './db/embedded-postgres';
import { runPendingMigrations } from './db/migrations';
import { createLogger, timed, type Logger } from './logger';
import { isNetworkEmpty, seedNetwork } from './seed/seed';
import { PortInUseError, createApiServer, type ApiServer } from './server';

interface Running {
  database?: Database;
  dataSource?: DataSource;
  server?: ApiServer;
}

async function start(running: Running, log: Logger): Promise<void> {
  const config = loadConfig();
  const startedAt = performance.now();

  running.database = await openDatabase(config, log);
  log.info('using database', { database: running.database.description });

  const dataSource = createDataSource({ url: running.database.url, poolSize: config.poolSize });
  running.dataSource = dataSource;
  await timed(log, 'connect', () => dataSource.initialize());
  const applied = await timed(log, 'migrations', () => runPendingMigrations(dataSource));
  log.info('migrations applied', { count: applied.length, names: applied.join(',') || undefined });

  if (config.seedOnStart && (await isNetworkEmpty(dataSource))) {
    const added = await timed(log, 'seed', () => seedNetwork(dataSource));
    log.info('network seeded', { ...added });
  } else {
    log.info('seed skipped: the network is already there');
  }

  running.server = await createApiServer({
    dataSource,
    log,
    exposeErrorDetails: config.exposeErrorDetails,
    shutdownTimeoutMs: config.shutdownTimeoutMs,
  });
  const port = await running.server.listen(config.port);
  log.info(`SME service network API ready at http://localhost:${port}/graphql`, {
    startupMs: Math.round(performance.now() - startedAt),
  });
}

/** Stops in dependency order: HTTP (finishing in-flight requests), pool, embedded database. */
async function stop(running: Running, log: Logger): Promise<void> {
  if (running.server) await running.server.stop();
  if (running.dataSource?.isInitialized) await running.dataSource.destroy();
  if (running.database) await running.database.stop();
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
