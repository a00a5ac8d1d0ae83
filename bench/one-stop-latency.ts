// npm run bench:one-stop — latency of one oneStop lookup, one request at a time, over 1,000
// random counties with random needs (seeded, so every run asks the same questions).
import { seededRandom } from '../src/seed/deterministic';
import { startBenchServer } from './bench-server';

const LOOKUPS = Number(process.env.LOOKUPS || 1000);
const WARM_UP = 100;

const QUERY = `query ($input: OneStopInput!) {
  oneStop(input: $input) {
    tiers { tier institution { name } }
    matches { distance reason service { name category { name } } institution { name region { name } } }
  }
}`;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function main(): Promise<void> {
  const api = await startBenchServer();
  try {
    const counties: string[] = (
      await api.dataSource.query(`SELECT code FROM region WHERE level = 'COUNTY' ORDER BY code`)
    ).map((row: { code: string }) => row.code);
    const categories: string[] = (
      await api.dataSource.query('SELECT code FROM service_category ORDER BY code')
    ).map((row: { code: string }) => row.code);
    const random = seededRandom(5);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
    const input = () => ({
      regionCode: pick(counties),
      categoryCode: pick(categories),
      scale: pick(['MICRO', 'SMALL', 'MEDIUM']),
      specialization: pick(['NONE', 'SPECIALIZED', 'LITTLE_GIANT']),
      limitPerTier: 10,
    });
    const lookup = async () => {
      const response = await fetch(api.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: QUERY, variables: { input: input() } }),
      });
      const body = (await response.json()) as { errors?: unknown[] };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
    };

    for (let i = 0; i < WARM_UP; i++) await lookup();
    const latencies: number[] = [];
    const statementsBefore = api.statements.count;
    for (let i = 0; i < LOOKUPS; i++) {
      const started = performance.now();
      await lookup();
      latencies.push(performance.now() - started);
    }
    const statementsPerLookup = (api.statements.count - statementsBefore) / LOOKUPS;
    latencies.sort((a, b) => a - b);
    const mean = latencies.reduce((sum, value) => sum + value, 0) / latencies.length;
    console.log(
      `oneStop over ${LOOKUPS} random counties, one request at a time (after ${WARM_UP} warm-up lookups):`,
    );
    console.log(
      `  median ${percentile(latencies, 50).toFixed(2)} ms   p90 ${percentile(latencies, 90).toFixed(2)} ms   ` +
        `p99 ${percentile(latencies, 99).toFixed(2)} ms   max ${latencies.at(-1)!.toFixed(2)} ms   mean ${mean.toFixed(2)} ms`,
    );
    console.log(`  SQL statements per lookup: ${statementsPerLookup}`);
  } finally {
    await api.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
