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

  running.server = await createApiServer({ sql, config, log });
  const port = await running.server.listen(config.port);
  log.info(`SME service network API ready at http://localhost:${port}/graphql`, {
    startupMs: Math.round(performance.now() - startedAt),
  });
}

/**
 * Stops in dependency order: HTTP (finishing in-flight requests), pool, embedded database. Each
 * step runs even when the one before failed (a database restarted under the process must still
 * be stopped), and the failures are reported together.
 */
async function stop(running: Running, log: Logger): Promise<void> {
  const failures: string[] = [];
  const step = async (name: string, run: (() => Promise<void>) | undefined) => {
    try {
      await run?.();
    } catch (error) {
      failures.push(`${name}: ${(error as Error).message}`);
    }
  };
  await step('http', running.server && (() => running.server!.stop()));
  await step('database', running.network?.close);
  if (failures.length) throw new Error(failures.join('; '));
  log.info('stopped');
}

function main(): void {
  let log: Logger;
  let shutdownTimeoutMs: number;
  try {
    const { logLevel, logFormat, shutdownTimeoutMs: grace } = loadConfig();
    log = createLogger(logLevel, undefined, logFormat);
    shutdownTimeoutMs = grace;
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
      // Whatever hangs, the process ends: the grace period for requests, then 15 s for the rest.
      setTimeout(() => {
        log.error('shutdown took too long: exiting');
        process.exit(1);
      }, shutdownTimeoutMs + 15_000).unref();
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
