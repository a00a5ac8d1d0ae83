// npm run bench:workers — what WEB_CONCURRENCY buys on this machine, and what shared budgets
// cost. The API as `npm start` runs it in production (dist/src/app/main.js: a primary and N
// node:cluster workers sharing one port) on the bench's seeded database, response cache off so
// every request is worked in full. Configurations are every combination of BENCH_WORKERS (1,2,4),
// BENCH_BUDGETS (off; `postgres` charges every request to one shared budget — all requests come
// from one address, the worst case) and BENCH_API_DIRS (this checkout; a comma-separated list of
// other built checkouts compares commits). They take turns within each of BENCH_ROUNDS rounds (3),
// BENCH_SECONDS (4) per operation at BENCH_CLIENTS concurrent clients (50), so the machine's noise
// hits them alike. Prints median requests/s and latency, and the speed-up over the first worker
// count of the same checkout and budgets.
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { seededRandom } from '../src/seed/deterministic';
import { freePort } from '../test/support/free-port';
import { ROOT, openBenchNetwork } from './harness';
import { loadGraphql, type LoadResult } from './load';
import { benchOperations } from './operations';
import { median } from './stats';

const SECONDS = Number(process.env.BENCH_SECONDS || 4);
const ROUNDS = Math.max(1, Math.round(Number(process.env.BENCH_ROUNDS) || 3));
const CLIENTS = Number(process.env.BENCH_CLIENTS || 50);
const WORKERS = (process.env.BENCH_WORKERS || '1,2,4').split(',').map(Number);
const BUDGETS = (process.env.BENCH_BUDGETS || 'off').split(',').map((store) => store.trim());
const CHECKOUTS = (process.env.BENCH_API_DIRS || ROOT).split(',').map((dir) => path.resolve(dir));
const OPERATIONS = (process.env.BENCH_OPERATIONS || 'oneStop,institutionPage,institutionByCode')
  .split(',')
  .map((name) => name.trim());

interface Cluster {
  url: string;
  stop(): Promise<void>;
}

interface Configuration {
  checkout: string;
  budgets: string;
  workers: number;
}

/** Starts `node dist/src/app/main.js` of a checkout and waits until /readyz answers 200. */
async function startCluster(databaseUrl: string, run: Configuration): Promise<Cluster> {
  const { checkout, budgets, workers } = run;
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(checkout, 'dist', 'src', 'app', 'main.js')],
    {
      cwd: checkout,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(port),
        DATABASE_URL: databaseUrl,
        WEB_CONCURRENCY: String(workers),
        RESPONSE_CACHE_SECONDS: '0',
        RATE_LIMITS: budgets,
        // A budget no load generator spends: the bench measures what charging costs.
        ANONYMOUS_BUDGET_PER_MINUTE: String(1e9),
        SEED_ON_START: 'false',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API exited (${child.exitCode}) at start`);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`)
      .then((response) => response.status === 200)
      .catch(() => false);
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`${workers} workers not ready within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

async function main(): Promise<void> {
  const network = await openBenchNetwork();
  const operations = (await benchOperations(network.sql, seededRandom(42))).filter((operation) =>
    OPERATIONS.includes(operation.name),
  );
  const configurations = CHECKOUTS.flatMap((checkout) =>
    BUDGETS.flatMap((budgets) => WORKERS.map((workers) => ({ checkout, budgets, workers }))),
  );
  const keyOf = (operation: string, run: Configuration) =>
    `${operation} ${path.basename(run.checkout)} budgets=${run.budgets} workers=${run.workers}`;
  const results = new Map<string, LoadResult[]>();
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      for (const run of configurations) {
        const cluster = await startCluster(network.database.url, run);
        try {
          for (const operation of operations) {
            await loadGraphql(cluster.url, operation.bodies, CLIENTS, 1); // warm-up
            const result = await loadGraphql(cluster.url, operation.bodies, CLIENTS, SECONDS);
            const key = keyOf(operation.name, run);
            results.set(key, [...(results.get(key) ?? []), result]);
            process.stderr.write(
              `round ${round}: ${key}: ${result.requestsPerSecond.toFixed(1)} req/s\n`,
            );
          }
        } finally {
          await cluster.stop();
        }
      }
    }
  } finally {
    await network.close();
  }

  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  console.log(
    `\n${cpu}, ${os.cpus().length} cores; ${CLIENTS} clients, median of ${ROUNDS} interleaved rounds of ${SECONDS} s; response cache off\n`,
  );
  console.log(
    '| operation | checkout | budgets | workers | req/s | p50 ms | p99 ms | errors | × first worker count |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  const rate = (runs: LoadResult[]) => median(runs.map((r) => r.requestsPerSecond));
  for (const operation of operations) {
    for (const run of configurations) {
      const runs = results.get(keyOf(operation.name, run))!;
      const base = rate(results.get(keyOf(operation.name, { ...run, workers: WORKERS[0] }))!);
      const p = (pick: (r: LoadResult) => number) => median(runs.map(pick)).toFixed(1);
      console.log(
        `| ${operation.name} | ${path.basename(run.checkout)} | ${run.budgets} | ${run.workers} | ${rate(runs).toFixed(1)} | ${p((r) => r.p50)} | ${p((r) => r.p99)} | ${runs.reduce((sum, r) => sum + r.errors, 0)} | ${(rate(runs) / base).toFixed(2)} |`,
      );
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
