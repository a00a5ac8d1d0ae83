// npm run bench:one-stop — latency of one oneStop lookup, one request at a time, over 1,000
// random counties with random needs (seeded, so every run asks the same questions).
import { seededRandom } from '../src/seed/deterministic';
import { openBenchNetwork, spawnApi } from './harness';
import { benchOperations } from './operations';
import { percentile } from './stats';

const LOOKUPS = Number(process.env.LOOKUPS || 1000);
const WARM_UP = 100;

async function main(): Promise<void> {
  const network = await openBenchNetwork();
  const api = await spawnApi(network.database.url, { batching: true, responseCacheSeconds: 0 });
  try {
    // One body per lookup: 1,000 draws of county, category, scale and specialization; the
    // warm-up draws others.
    const oneStopBodies = async (seed: number) =>
      (await benchOperations(network.sql, seededRandom(seed))).find((op) => op.name === 'oneStop')!
        .bodies;
    const bodies = await oneStopBodies(5);
    const warmUp = (await oneStopBodies(6)).slice(0, WARM_UP);
    const lookup = async (body: string) => {
      const response = await fetch(api.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      const text = await response.text();
      if (response.status !== 200 || text.includes('"errors":[')) throw new Error(text);
    };
    for (const body of warmUp) await lookup(body);
    const before = await api.statementCount();
    const latencies: number[] = [];
    for (let i = 0; i < LOOKUPS; i++) {
      const started = performance.now();
      await lookup(bodies[i % bodies.length]);
      latencies.push(performance.now() - started);
    }
    const statements = ((await api.statementCount()) - before) / LOOKUPS;
    latencies.sort((a, b) => a - b);
    console.log(
      `oneStop, ${LOOKUPS} lookups of random counties one at a time (after ${WARM_UP} warm-up lookups):`,
    );
    console.log(
      `  median ${percentile(latencies, 50).toFixed(2)} ms   p90 ${percentile(latencies, 90).toFixed(2)} ms   ` +
        `p99 ${percentile(latencies, 99).toFixed(2)} ms   max ${latencies.at(-1)!.toFixed(2)} ms   SQL statements per lookup ${statements}`,
    );
  } finally {
    await api.stop();
    await network.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
