// npm run bench:enterprises — latency of the enterprise directory's heaviest published read, one
// request at a time, on the seeded registry at its full scale: Guangdong's little giants, a page
// of 100 with their regions and clusters (the registry's Enterprise.designations joins the
// selection where that field exists). The bench database is seeded on first use (.data/bench-postgres).
import { openBenchNetwork, spawnApi } from './harness';
import { percentile } from './stats';

const REQUESTS = Number(process.env.REQUESTS || 300);
const WARM_UP = 30;

const QUERY = `query ($after: String) {
  enterprises(filter: { designation: [LITTLE_GIANT], regionCode: "44" }, first: 100, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { creditCode name region { code name } clusters { code name regions { code } } }
  }
}`;

async function main(): Promise<void> {
  const network = await openBenchNetwork();
  const api = await spawnApi(network.database.url, { batching: true, responseCacheSeconds: 0 });
  try {
    // The pages of the list in turn, then from the first again: every request reads a full page.
    const cursors: (string | null)[] = [null];
    const ask = async (after: string | null) => {
      const response = await fetch(api.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: QUERY, variables: { after } }),
      });
      const body = (await response.json()) as {
        errors?: unknown;
        data: { enterprises: { pageInfo: { hasNextPage: boolean; endCursor: string } } };
      };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data.enterprises.pageInfo;
    };
    for (let page = await ask(null); page.hasNextPage; page = await ask(page.endCursor))
      cursors.push(page.endCursor);
    for (let i = 0; i < WARM_UP; i++) await ask(cursors[i % cursors.length]);
    const before = await api.statementCount();
    const latencies: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const started = performance.now();
      await ask(cursors[i % cursors.length]);
      latencies.push(performance.now() - started);
    }
    const statements = ((await api.statementCount()) - before) / REQUESTS;
    latencies.sort((a, b) => a - b);
    console.log(
      `enterprises(LITTLE_GIANT in 44, first: 100) with regions and clusters, ${REQUESTS} requests over its ${cursors.length} pages one at a time:`,
    );
    console.log(
      `  median ${percentile(latencies, 50).toFixed(1)} ms   p95 ${percentile(latencies, 95).toFixed(1)} ms   ` +
        `p99 ${percentile(latencies, 99).toFixed(1)} ms   SQL statements per request ${statements}`,
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
