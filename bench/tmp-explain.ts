import { seededRandom } from '../src/seed/deterministic';
import { openBenchNetwork, spawnApi } from './harness';
import { benchOperations } from './operations';
async function main() {
  const network = await openBenchNetwork();
  const api = await spawnApi(network.database.url, true);
  const ops = await benchOperations(network.dataSource, seededRandom(42));
  for (const name of process.argv.slice(2)) {
    const op = ops.find((o) => o.name === name)!;
    const statements = await api.recordStatements(() =>
      fetch(api.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: op.bodies[3],
      }).then((r) => r.text()),
    );
    for (const s of statements) {
      const plan = await network.dataSource.query(
        'EXPLAIN (ANALYZE, BUFFERS) ' + s.sql,
        s.parameters as unknown[],
      );
      console.log('-----', s.sql.replace(/\s+/g, ' ').slice(0, 150));
      console.log(
        plan
          .map((r: any) => r['QUERY PLAN'])
          .filter((l: string) => /Execution Time|Planning Time|actual time=.*loops/.test(l))
          .slice(0, 30)
          .join('\n'),
      );
    }
  }
  await api.stop();
  await network.close();
}
main();
