// Reads from a real streaming replica: queries go to the replica, mutations to the primary, a
// key that wrote reads its own write even from a replica that has not replayed it, a replica too
// far behind or down is skipped, and /readyz tells how each database stands.
import { createNetworkDataSource } from '../../src/app/data-source';
import { prepareNetwork } from '../../src/app/network';
import { createApiKey } from '../../src/auth/api-key.commands';
import { loadConfig } from '../../src/config';
import { Sql } from '../../src/db/sql';
import { createLogger } from '../../src/logger';
import { bearer } from '../support/referral-fixtures';
import { startPrimaryAndReplica, type PrimaryAndReplica } from '../support/streaming-replica';
import { startTestApi, type TestApi } from '../support/test-api';

let databases: PrimaryAndReplica;
let api: TestApi;
let admin: Record<string, string>;
let partner: Record<string, string>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const NAME = '{ institution(code: "C-441900") { name } }';
const rename = (name: string) =>
  `mutation { updateInstitution(input: { code: "C-441900", name: "${name}" }) { institution { name } } }`;

beforeAll(async () => {
  databases = await startPrimaryAndReplica('sme_network', async (url) => {
    const dataSource = createNetworkDataSource({ url, applicationName: 'jest-seed' });
    await dataSource.initialize();
    try {
      await prepareNetwork(new Sql(dataSource), loadConfig({}), createLogger('silent'));
    } finally {
      await dataSource.destroy();
    }
  });
  api = await startTestApi({
    databaseUrl: databases.primaryUrl,
    env: { DATABASE_READ_URLS: databases.replicaUrl, MAX_REPLICA_LAG_MS: '1500' },
  });
  admin = bearer((await createApiKey(api.sql, { role: 'ADMIN', name: 'replica admin' })).key);
  partner = bearer((await createApiKey(api.sql, { role: 'PARTNER', name: 'replica app' })).key);
  // The replica has replayed the keys: every key can read from it from now on.
  await sleep(1000);
}, 120_000);

afterAll(async () => {
  await api?.close();
  await databases?.stop();
});

/** Statements the replica's and the primary's pools ran, as their own servers count them. */
async function servedBy(query: string, headers: Record<string, string> = {}) {
  const [replica] = api.server.databases().replicas;
  const before = replica.served;
  const response = await api.graphql(query, undefined, headers);
  expect(response.errors).toBeUndefined();
  return { response, fromReplica: api.server.databases().replicas[0].served > before };
}

describe('read replicas', () => {
  it('serve queries, while mutations go to the primary', async () => {
    const read = await servedBy(NAME);
    expect(read.fromReplica).toBe(true);
    expect(read.response.data!.institution.name).toBe('东莞市中小企业服务中心');
    const write = await servedBy(rename('东莞市中小企业服务中心'), admin);
    expect(write.fromReplica).toBe(false);
  });

  it('let a key that wrote read its write, while others may read the replica a moment longer', async () => {
    // The replica stops replaying: it falls behind the primary from here on.
    await databases.onReplica('SELECT pg_wal_replay_pause()');
    try {
      const renamed = await api.graphql(rename('东莞市中小企业公共服务中心'), undefined, admin);
      expect(renamed.errors).toBeUndefined();

      const writer = await servedBy(NAME, admin);
      expect(writer.fromReplica).toBe(false);
      expect(writer.response.data!.institution.name).toBe('东莞市中小企业公共服务中心');

      const other = await servedBy(NAME, partner);
      expect(other.fromReplica).toBe(true);
      expect(other.response.data!.institution.name).toBe('东莞市中小企业服务中心');

      // Past MAX_REPLICA_LAG_MS behind, nobody reads from it.
      await sleep(2500);
      const later = await servedBy(NAME, partner);
      expect(later.fromReplica).toBe(false);
      expect(later.response.data!.institution.name).toBe('东莞市中小企业公共服务中心');
      const [replica] = api.server.databases().replicas;
      expect(replica.lagMs).toBeGreaterThan(1500);
    } finally {
      await databases.onReplica('SELECT pg_wal_replay_resume()');
    }
    await sleep(1000);
    expect((await servedBy(NAME, partner)).fromReplica).toBe(true);
  });

  it('fall back to the primary when the replica is down, and /readyz says so', async () => {
    await databases.stopReplica();
    await sleep(1000);
    const read = await servedBy(NAME);
    expect(read.fromReplica).toBe(false);
    expect(read.response.data!.institution.name).toBe('东莞市中小企业公共服务中心');
    const ready = await fetch(`${api.origin}/readyz`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as any;
    expect(body.databases).toEqual([
      { name: 'primary', status: 'ready' },
      expect.objectContaining({ name: 'replica 1', status: 'unavailable' }),
    ]);
  });
});
