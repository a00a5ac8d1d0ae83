import { seededRandom } from '../src/seed/deterministic';
import { openBenchNetwork, spawnApi } from './harness';
import { loadApi } from './load';
import { benchOperations } from './operations';
async function main() {
  const network = await openBenchNetwork();
  const api = await spawnApi(network.database.url, true);
  const op = (await benchOperations(network.dataSource, seededRandom(42))).find(
    (o) => o.name === process.argv[2],
  )!;
  await loadApi(api.url, op.bodies, 10, 2);
  console.log(await loadApi(api.url, op.bodies, 10, 6));
  await api.stop();
  await network.close();
}
main();
