// npm run bench:fixed-cost — what every request costs the API process however little it asks:
// CPU per request of answers served whole from the response cache (no SQL), the same body over
// and over from 10 clients. With BENCH_API_DIR (another built checkout) both servers run on the
// same database and take turns, round by round, so that the machine's noise hits both alike.
import { CpuMeter } from './cpu';
import { openBenchNetwork, spawnApi, type ApiProcess } from './harness';
import { loadGraphql } from './load';
import { median } from './stats';

const ROUNDS = Number(process.env.BENCH_ROUNDS || 12);
const SECONDS = Number(process.env.BENCH_SECONDS || 3);
const CLIENTS = 10;

interface Figures {
  cpu: number[];
  requestsPerSecond: number[];
}

async function main(): Promise<void> {
  const network = await openBenchNetwork();
  const servers: [string, ApiProcess][] = [];
  try {
    const [{ pid }] = await network.sql.rows<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const cpu = CpuMeter.forCluster(pid);
    const [{ code }] = await network.sql.rows<{ code: string }>(
      `SELECT code FROM institution WHERE tier = 'PROVINCIAL' AND kind = 'PUBLIC' ORDER BY code LIMIT 1`,
    );
    const body = JSON.stringify({
      query: `query Descendants($code: String!) {
        institution(code: $code) { name descendants(first: 100) { totalCount nodes { code name tier kind } } } }`,
      variables: { code },
    });
    // This checkout's server, then (BENCH_API_DIR) the other one's.
    const other = process.env.BENCH_API_DIR;
    servers.push(['this', await spawnApi(network.database.url, { ...cached, checkout: null })]);
    if (other) servers.unshift([other, await spawnApi(network.database.url, cached)]);
    const figures = new Map<string, Figures>();
    for (const [name, api] of servers) {
      await loadGraphql(api.url, [body], CLIENTS, 1); // fills the cache, warms the process
      figures.set(name, { cpu: [], requestsPerSecond: [] });
    }
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [name, api] of servers) {
        const before = await api.statementCount();
        const result = await cpu.measure(api.pid, () =>
          loadGraphql(api.url, [body], CLIENTS, SECONDS),
        );
        // Every answer must have come from the cache, or this measures something else.
        if ((await api.statementCount()) !== before || result.errors > 0 || !result.cpu) {
          throw new Error(`${name}: not every request was an error-free cache hit`);
        }
        figures.get(name)!.cpu.push(result.cpu.server);
        figures.get(name)!.requestsPerSecond.push(result.requestsPerSecond);
        process.stderr.write(
          `round ${round} ${name}: ${result.cpu.server.toFixed(3)} ms CPU/request, ${result.requestsPerSecond.toFixed(0)} requests/s\n`,
        );
      }
    }
    for (const [name, { cpu: perRequest, requestsPerSecond }] of figures) {
      console.log(
        `${name}: ${median(perRequest).toFixed(3)} ms CPU/request, ${median(requestsPerSecond).toFixed(0)} requests/s (medians of ${ROUNDS} rounds of ${SECONDS} s, ${CLIENTS} clients)`,
      );
    }
    if (servers.length === 2) {
      const [[otherName], [thisName]] = servers;
      const ratios = figures
        .get(thisName)!
        .cpu.map((value, round) => value / figures.get(otherName)!.cpu[round]);
      console.log(
        `this ÷ other CPU/request, median of the rounds' ratios: ${median(ratios).toFixed(2)}`,
      );
    }
  } finally {
    for (const [, api] of servers) await api.stop();
    await network.close();
  }
}

/** The API as deployed would answer: the response cache on, long enough for the whole run. */
const cached = { batching: true, responseCacheSeconds: 3600 };

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
