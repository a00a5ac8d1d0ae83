// What every benchmark needs: the seeded network in its own embedded cluster (or DATABASE_URL),
// and API servers in child processes, each with a control port onto its statement log.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { loadConfig } from '../src/config';
import { openNetwork } from '../src/app/network';
import type { LoggedStatement } from '../src/db/statement-log';
import { createLogger } from '../src/logger';
import { freePort } from '../test/support/free-port';

export const ROOT = path.resolve(
  __dirname,
  '..',
  __dirname.includes(`${path.sep}dist${path.sep}`) ? '..' : '.',
);

export async function openBenchNetwork() {
  const config = loadConfig({
    ...process.env,
    EMBEDDED_PG_DATA_DIR:
      process.env.EMBEDDED_PG_DATA_DIR || path.join(ROOT, '.data/bench-postgres'),
    EMBEDDED_PG_PORT: process.env.EMBEDDED_PG_PORT || String(await freePort()),
    LOG_LEVEL: 'warn',
  });
  const network = await openNetwork(config, createLogger('warn'));
  return { ...network, poolSize: config.poolSize };
}

export interface ApiProcess {
  url: string;
  statementCount(): Promise<number>;
  /** The statements the server issues while `work` runs (nothing else may run meanwhile). */
  recordStatements(work: () => Promise<unknown>): Promise<LoggedStatement[]>;
  stop(): Promise<void>;
}

/** Starts bench/server-process in production mode and waits until it listens. */
export async function spawnApi(
  databaseUrl: string,
  options: { batching: boolean; responseCacheSeconds: number },
): Promise<ApiProcess> {
  const entry = path.join(__dirname, `server-process${path.extname(__filename)}`);
  // BENCH_NODE_ARGS passes flags to the API process, e.g. "--cpu-prof --cpu-prof-dir=.data/profiles".
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const args = [
    ...nodeArgs,
    ...(entry.endsWith('.ts') ? ['-r', 'ts-node/register/transpile-only', entry] : [entry]),
  ];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      // Budgets would throttle the load generator: the bench measures the API, not its limits.
      RATE_LIMITS: process.env.RATE_LIMITS ?? 'off',
      BENCH_DATABASE_URL: databaseUrl,
      BENCH_BATCHING: String(options.batching),
      BENCH_RESPONSE_CACHE_SECONDS: String(options.responseCacheSeconds),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const { apiPort, controlPort } = await new Promise<{ apiPort: number; controlPort: number }>(
    (resolve, reject) => {
      readline
        .createInterface({ input: child.stdout! })
        .once('line', (line) => resolve(JSON.parse(line)));
      child.once('exit', (code) =>
        reject(new Error(`the API process exited (${code}) before listening`)),
      );
    },
  );
  const control = async (what: string) =>
    (await fetch(`http://127.0.0.1:${controlPort}/${what}`)).text();
  return {
    url: `http://127.0.0.1:${apiPort}/graphql`,
    statementCount: async () => JSON.parse(await control('count')).count,
    async recordStatements(work) {
      await control('record/start');
      await work();
      return JSON.parse(await control('record/stop'));
    },
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
