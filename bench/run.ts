// npm run bench: the API against the limit of its own design, side by side in one run.
// For each operation: the API at 1, 10 and 50 concurrent clients, every request worked in full
// (response cache off); the same SQL statements replayed straight through pg at the same
// concurrency (the limit); the API with DataLoader batching switched off (the floor); and the
// API as `npm start` runs it, with its anonymous response cache. BENCH_SECONDS sets the length
// of each measurement.
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import type { LoggedStatement } from '../src/db/statement-log';
import { seededRandom } from '../src/seed/deterministic';
import { ROOT, openBenchNetwork, spawnApi, type ApiProcess } from './harness';
import { loadApi, loadRaw, type LoadResult } from './load';
import { benchOperations, type Operation } from './operations';
import { chart, table, writeReport, type OperationResult, type RunReport } from './report';

const SECONDS = Number(process.env.BENCH_SECONDS || 4);
const LEVELS = [1, 10, 50];
const FLOOR_LEVEL = 10;
const SAMPLES = 20;

async function measuredApi(api: ApiProcess, op: Operation, concurrency: number) {
  const before = await api.statementCount();
  const result = await loadApi(api.url, op.bodies, concurrency, SECONDS);
  const statements = (await api.statementCount()) - before;
  return { ...result, statementsPerRequest: statements / Math.max(1, result.requests) };
}

/** The statements one request of each sample body makes the server issue. */
async function captureStatements(api: ApiProcess, op: Operation): Promise<LoggedStatement[][]> {
  const sets: LoggedStatement[][] = [];
  for (const body of op.bodies.slice(0, SAMPLES)) {
    sets.push(
      await api.recordStatements(() =>
        fetch(api.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        }).then((r) => r.text()),
      ),
    );
  }
  return sets;
}

async function main(): Promise<void> {
  const started = Date.now();
  const network = await openBenchNetwork();
  const [{ server_version: version }] = await network.sql.rows<{ server_version: string }>(
    'SHOW server_version',
  );
  const operations = await benchOperations(network.sql, seededRandom(42));
  const batched = await spawnApi(network.database.url, { batching: true, responseCacheSeconds: 0 });
  const unbatched = await spawnApi(network.database.url, {
    batching: false,
    responseCacheSeconds: 0,
  });
  const cached = await spawnApi(network.database.url, { batching: true, responseCacheSeconds: 30 });
  const pool = new Pool({ connectionString: network.database.url, max: network.poolSize });
  const results: OperationResult[] = [];
  try {
    for (const op of operations) {
      process.stderr.write(`${op.name}: `);
      await loadApi(batched.url, op.bodies, 10, 2); // warm-up: plans prepared, reference data loaded
      const samples = await captureStatements(batched, op);
      const api: Record<number, LoadResult & { statementsPerRequest: number }> = {};
      const raw: Record<number, LoadResult> = {};
      for (const level of LEVELS) {
        api[level] = await measuredApi(batched, op, level);
        raw[level] = await loadRaw(pool, samples, level, SECONDS);
        process.stderr.write(`${level} `);
      }
      await loadApi(unbatched.url, op.bodies, FLOOR_LEVEL, 1); // warm-up
      const floor = await measuredApi(unbatched, op, FLOOR_LEVEL);
      await loadApi(cached.url, op.bodies, FLOOR_LEVEL, 1); // warm-up
      const withCache = await measuredApi(cached, op, FLOOR_LEVEL);
      process.stderr.write('floor cached\n');
      results.push({
        name: op.name,
        statementsPerRequest: samples.reduce((sum, set) => sum + set.length, 0) / samples.length,
        api,
        raw,
        unbatched: { ...floor, concurrency: FLOOR_LEVEL },
        cached: { ...withCache, concurrency: FLOOR_LEVEL },
      });
    }
  } finally {
    await pool.end();
    await batched.stop();
    await unbatched.stop();
    await cached.stop();
    await network.close();
  }

  const report: RunReport = {
    date: new Date().toISOString(),
    seconds: SECONDS,
    machine: {
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.cpus().length,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      postgres: version,
    },
    operations: results,
  };
  const files = writeReport(path.join(ROOT, 'bench/results'), report, chart(report, FLOOR_LEVEL));
  console.log(table(report, LEVELS));
  console.log(
    `\n${report.machine.cpu}, ${report.machine.cores} cores, Node ${report.machine.node}, PostgreSQL ${version}; ${SECONDS} s per measurement, ${Math.round((Date.now() - started) / 1000)} s in all.`,
  );
  console.log(
    `Figures: ${path.relative(process.cwd(), files.json)}; chart: ${path.relative(process.cwd(), files.svg)}`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
