// How a process of the API ends: on SIGTERM or SIGINT it stops what it started, in order, and
// exits 0; whatever hangs, it exits within the grace period plus 15 s; a start-up that fails
// says why in one line (a stack only at debug level, for failures nobody foresaw).
import { ConfigError } from '../config';
import { EmbeddedPostgresError } from '../db/embedded-postgres';
import type { Logger } from '../logger';
import { PortInUseError } from './server';

export function stopOnTermination(log: Logger, graceMs: number, stop: () => Promise<void>): void {
  let stopping = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      log.info(`${signal} received: finishing in-flight requests`);
      setTimeout(() => {
        log.error('shutdown took too long: exiting');
        process.exit(1);
      }, graceMs + 15_000).unref();
      stop().then(
        () => process.exit(0),
        (error: Error) => {
          log.error('shutdown failed', { error: error.message });
          process.exit(1);
        },
      );
    });
  }
}

/** Reports a failed start-up, stops what had started, and exits 1. */
export async function failedStart(
  log: Logger,
  error: Error,
  stop: () => Promise<void>,
): Promise<never> {
  log.error(`start-up failed: ${error.message}`);
  const known =
    error instanceof ConfigError ||
    error instanceof PortInUseError ||
    error instanceof EmbeddedPostgresError;
  if (!known) log.debug('start-up failure detail', { stack: error.stack });
  await stop().catch(() => undefined);
  process.exit(1);
}

/** Runs each step even when one before failed; reports the failures together. */
export async function stopInOrder(
  steps: [string, (() => Promise<void>) | undefined][],
): Promise<void> {
  const failures: string[] = [];
  for (const [name, run] of steps) {
    try {
      await run?.();
    } catch (error) {
      failures.push(`${name}: ${(error as Error).message}`);
    }
  }
  if (failures.length) throw new Error(failures.join('; '));
}
