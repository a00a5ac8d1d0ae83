// npm run bench:replica — how far a streaming replica falls behind under a burst of writes. A
// primary and a real streaming replica from the embedded binaries (as the scale tests make them),
// the API in this process reading from the replica, then BENCH_WRITES mutations (10 at a time)
// through the API while the replica's lag is sampled every 20 ms as the API's monitor sees it and
// directly (replay position against the primary's). Prints the lag's median, p99 and maximum, and
// how long the replica took to catch up after the last write.
import { Client } from 'pg';
import { createNetworkDataSource } from '../src/app/data-source';
import { prepareNetwork } from '../src/app/network';
import { createReferenceData } from '../src/app/reference-data';
import { createApiServer } from '../src/app/server';
import { createApiKey } from '../src/auth/api-key.commands';
import { loadConfig } from '../src/config';
import { Sql } from '../src/db/sql';
import { createLogger } from '../src/logger';
import { startPrimaryAndReplica } from '../test/support/streaming-replica';
import { percentile } from './stats';

const WRITES = Number(process.env.BENCH_WRITES || 1000);
const CONCURRENCY = 10;

async function main(): Promise<void> {
  const databases = await startPrimaryAndReplica('sme_network', async (url) => {
    const dataSource = createNetworkDataSource({ url, applicationName: 'bench-seed' });
    await dataSource.initialize();
    await prepareNetwork(new Sql(dataSource), loadConfig({}), createLogger('silent'));
    await dataSource.destroy();
  });
  const config = loadConfig({
    RATE_LIMITS: 'off',
    RESPONSE_CACHE_SECONDS: '0',
    DATABASE_READ_URLS: databases.replicaUrl,
  });
  const dataSource = createNetworkDataSource({ url: databases.primaryUrl, poolSize: 10 });
  await dataSource.initialize();
  const sql = new Sql(dataSource);
  const server = await createApiServer({
    sql,
    config,
    log: createLogger('warn'),
    reference: createReferenceData(sql),
  });
  const port = await server.listen(0);
  const { key } = await createApiKey(sql, { role: 'ADMIN', name: 'replica bench' });
  const codes = (
    await sql.rows<{ code: string }>(
      `SELECT code FROM institution WHERE kind = 'PUBLIC' AND tier = 'COUNTY' ORDER BY id LIMIT 200`,
    )
  ).map((row) => row.code);

  const lags: number[] = [];
  let sampling = true;
  const sample = (async () => {
    while (sampling) {
      const [replica] = server.databases().replicas;
      if (replica.lagMs !== null) lags.push(replica.lagMs);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();

  // Directly, every 20 ms: the primary's WAL position (remembered with when it was reached) and
  // the replica's replay position; the replica is behind by at least the time since the primary
  // first passed the position it has replayed, and by the bytes between the two.
  const primary = new Client({ connectionString: databases.primaryUrl });
  const replica = new Client({ connectionString: databases.replicaUrl });
  await Promise.all([primary.connect(), replica.connect()]);
  const position = async (client: Client, fn: string) =>
    Number((await client.query(`SELECT pg_wal_lsn_diff(${fn}(), '0/0')::bigint AS at`)).rows[0].at);
  const primaryHistory: { at: number; time: number }[] = [];
  const directLags: number[] = [];
  const byteLags: number[] = [];
  const direct = (async () => {
    while (sampling) {
      const time = performance.now();
      const primaryAt = await position(primary, 'pg_current_wal_lsn');
      primaryHistory.push({ at: primaryAt, time });
      const replayed = await position(replica, 'pg_last_wal_replay_lsn');
      const passed = primaryHistory.find((entry) => entry.at > replayed);
      directLags.push(passed ? performance.now() - passed.time : 0);
      byteLags.push(Math.max(0, primaryAt - replayed));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();

  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < WRITES) {
        const code = codes[next++ % codes.length];
        const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          body: JSON.stringify({
            query: `mutation { updateInstitution(input: { code: "${code}", contact: { phone: "400-${String(next).padStart(3, '0')}-0000" } }) { institution { code } } }`,
          }),
        });
        if (!response.ok) throw new Error(`write failed: ${response.status}`);
      }
    }),
  );
  const burstMs = performance.now() - started;
  const ended = performance.now();
  while ((server.databases().replicas[0].lagMs ?? 1) > 0) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const catchUpMs = performance.now() - ended;
  sampling = false;
  await sample;
  await direct;
  await Promise.all([primary.end(), replica.end()]);

  const sorted = [...lags].sort((a, b) => a - b);
  const summary = (values: number[]) => {
    const ordered = [...values].sort((a, b) => a - b);
    return {
      median: Math.round(percentile(ordered, 50)),
      p99: Math.round(percentile(ordered, 99)),
      max: Math.round(ordered.at(-1) ?? 0),
      samples: ordered.length,
    };
  };
  console.log(
    JSON.stringify(
      {
        writes: WRITES,
        concurrency: CONCURRENCY,
        burstMs: Math.round(burstMs),
        writesPerSecond: Math.round((WRITES / burstMs) * 1000),
        lagMs: {
          median: percentile(sorted, 50),
          p99: percentile(sorted, 99),
          max: sorted.at(-1) ?? 0,
          samples: sorted.length,
        },
        catchUpMsAfterLastWrite: Math.round(catchUpMs),
        note: 'lagMs: as the API sees it, how long ago the primary was where the replica is (250 ms polling)',
        directLagMs: summary(directLags),
        directLagBytes: summary(byteLags),
        directNote:
          'sampled every 20 ms: time since the primary first passed the replayed position (a lower bound, 20 ms resolution) and WAL bytes not yet replayed',
      },
      null,
      2,
    ),
  );
  await server.stop();
  await dataSource.destroy();
  await databases.stop();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
