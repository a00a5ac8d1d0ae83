// The primary of a cluster of workers (WEB_CONCURRENCY > 1, node:cluster): it opens the database
// (starting the embedded one if need be), runs migrations and the seed once, then keeps that many
// workers serving one port — a worker that dies is replaced — and on SIGTERM lets every worker
// drain before it stops the database.
import cluster, { type Worker } from 'node:cluster';
import type { Config } from '../config';
import { openDatabase, type Database } from '../db/database';
import { Sql } from '../db/sql';
import type { Logger } from '../logger';
import { createNetworkDataSource } from './data-source';
import { failedStart, stopInOrder, stopOnTermination } from './lifecycle';
import { prepareNetwork } from './network';

/** A worker dying sooner than this after it started counts toward a crash loop. */
const EARLY_DEATH_MS = 10_000;

export function runPrimary(config: Config, log: Logger): void {
  let database: Database | undefined;
  let stopping = false;
  const startedAt = new Map<number, number>();
  let earlyDeaths = 0;

  const fork = (env: Record<string, string>) => {
    const worker = cluster.fork(env);
    startedAt.set(worker.id, Date.now());
    log.info('worker started', { worker: worker.id, workerPid: worker.process.pid });
  };

  const stop = async () => {
    stopping = true;
    await stopInOrder([
      ['workers', () => stopWorkers(Object.values(cluster.workers ?? {}), config, log)],
      ['database', database && (() => database!.stop())],
    ]);
    log.info('stopped');
  };
  stopOnTermination(log, config.shutdownTimeoutMs, stop);

  const start = async () => {
    database = await openDatabase(config, log);
    log.info('using database', { database: database.description });
    const dataSource = createNetworkDataSource({
      url: database.url,
      poolSize: 2,
      applicationName: 'sme-network-start',
    });
    await dataSource.initialize();
    try {
      await prepareNetwork(new Sql(dataSource), config, log);
    } finally {
      await dataSource.destroy();
    }
    // The workers use the database this process prepared (the embedded one included), and leave
    // migrations and the seed done.
    const env = { DATABASE_URL: database.url };
    cluster.on('exit', (worker, code, signal) => {
      if (stopping) return;
      const early = Date.now() - (startedAt.get(worker.id) ?? 0) < EARLY_DEATH_MS;
      earlyDeaths = early ? earlyDeaths + 1 : 0;
      // A worker that keeps dying at once is restarted ever more slowly, not in a tight loop.
      const delay = Math.min(30_000, early ? 1000 * 2 ** Math.min(earlyDeaths, 5) : 0);
      log.warn('worker died: starting another', {
        worker: worker.id,
        code,
        signal,
        delayMs: delay,
      });
      setTimeout(() => !stopping && fork(env), delay).unref();
    });
    for (let i = 0; i < config.workers; i++) fork(env);
    log.info('primary ready', { workers: config.workers });
  };
  start().catch((error: Error) => failedStart(log, error, stop));
}

/** SIGTERM to every worker (each finishes its requests); SIGKILL for any still there at the end. */
async function stopWorkers(workers: (Worker | undefined)[], config: Config, log: Logger) {
  const alive = workers.filter((worker): worker is Worker => !!worker && !worker.isDead());
  await Promise.all(
    alive.map(
      (worker) =>
        new Promise<void>((resolve) => {
          const kill = setTimeout(() => {
            log.warn('worker did not stop in time: killing it', { worker: worker.id });
            worker.process.kill('SIGKILL');
          }, config.shutdownTimeoutMs + 5_000);
          worker.once('exit', () => {
            clearTimeout(kill);
            resolve();
          });
          worker.process.kill('SIGTERM');
        }),
    ),
  );
}
