// Stateless processes over one PostgreSQL: started together on an empty database they migrate
// and seed it exactly once; afterwards nothing one process keeps changes what another answers —
// budgets, idempotency, concurrent moves and cached answers are the same through either.
import { createHash, randomUUID } from 'node:crypto';
import { createNetworkDataSource } from '../../src/app/data-source';
import { createApiKey } from '../../src/auth/api-key.commands';
import { Sql } from '../../src/db/sql';
import { migrations } from '../../migrations';
import { startApiProcess, post, type ApiProcess } from '../support/api-process';
import { freePort } from '../support/free-port';
import { bearer, referralInput } from '../support/referral-fixtures';
import { createScratchDatabase } from '../support/scratch-database';

let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let processes: ApiProcess[] = [];
let sql: Sql;
let first: ApiProcess;
let second: ApiProcess;

const ENV = {
  RATE_LIMITS: 'postgres',
  TRUST_PROXY: 'loopback',
  ANONYMOUS_BUDGET_PER_MINUTE: '300',
  RESPONSE_CACHE_SECONDS: '30',
};
const from = (address: string, more: Record<string, string> = {}) => ({
  'x-forwarded-for': address,
  ...more,
});

beforeAll(async () => {
  scratch = await createScratchDatabase('processes');
  const ports = await Promise.all(Array.from({ length: 5 }, () => freePort()));
  processes = ports.map((port) =>
    startApiProcess(port, { ...ENV, DATABASE_URL: scratch.url, SEED_ON_START: 'true' }),
  );
  await Promise.all(processes.map((process) => process.waitFor('API ready at', 180_000)));
  [first, second] = processes;
  const dataSource = createNetworkDataSource({ url: scratch.url, applicationName: 'jest' });
  await dataSource.initialize();
  sql = new Sql(dataSource);
}, 240_000);

afterAll(async () => {
  await Promise.all(processes.map((process) => process.stop()));
  await sql?.dataSource.destroy();
  await scratch?.drop();
});

describe('five processes started at once on an empty database', () => {
  it('migrate and seed it exactly once, and all become ready', async () => {
    const logs = processes.map((process) => process.records());
    const applied = logs.map(
      (records) => records.find((record) => record.msg === 'migrations applied')?.count,
    );
    expect(applied.filter((count) => count === migrations.length)).toHaveLength(1);
    expect(applied.filter((count) => count === 0)).toHaveLength(4);
    const seeded = logs.filter((records) =>
      records.some((record) => record.msg === 'network seeded'),
    );
    expect(seeded).toHaveLength(1);
    const [{ count }] = await sql.rows<{ count: number }>(
      'SELECT count(*)::int AS count FROM migrations',
    );
    expect(count).toBe(migrations.length);
    for (const process of processes) {
      expect((await fetch(process.url.replace('/graphql', '/readyz'))).status).toBe(200);
    }
  });
});

describe('two processes of one deployment', () => {
  it('draw on one budget: spent through one, refused by the other', async () => {
    const client = from('198.51.100.40');
    const query = '{ regions(first: 5) { nodes { code name } } }'; // 16 points
    for (let i = 0; i < 18; i++) {
      expect((await post(first.url, query, undefined, client)).status).toBe(200);
    }
    const refused = await post(second.url, query, undefined, client);
    expect(refused.status).toBe(429);
    expect(refused.body.errors[0].extensions.code).toBe('RATE_LIMITED');
  });

  it('make one referral of 50 concurrent retries with one idempotency key, spread over both', async () => {
    const partner = bearer(
      (await createApiKey(sql, { role: 'PARTNER', name: 'two processes' })).key,
    );
    const [{ id }] = await sql.rows<{ id: number }>(
      `SELECT s.id FROM service s JOIN institution i ON i.id = s.institution_id
        WHERE i.code = 'C-441900' AND s.active ORDER BY s.id LIMIT 1`,
    );
    const input = referralInput(
      Buffer.from(`Service:${id}`).toString('base64'),
      '91350100M000100Y43',
      { idempotencyKey: `processes-${randomUUID()}` },
    );
    const create = `mutation ($input: CreateReferralInput!) { createReferral(input: $input) { referral { id } } }`;
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        post(
          (i % 2 ? first : second).url,
          create,
          { input },
          from(`198.51.100.${50 + (i % 5)}`, partner),
        ),
      ),
    );
    const ids = new Set(answers.map((answer) => answer.body.data?.createReferral.referral.id));
    expect(answers.filter((answer) => answer.body.errors)).toEqual([]);
    expect(ids.size).toBe(1);
    const [{ count }] = await sql.rows<{ count: number }>(
      'SELECT count(*)::int AS count FROM referral WHERE idempotency_key = $1',
      [input.idempotencyKey],
    );
    expect(count).toBe(1);

    // Ten moves from SUBMITTED, five through each process: exactly one wins.
    const staff = bearer(
      (
        await createApiKey(sql, {
          role: 'INSTITUTION_STAFF',
          name: 'two desks',
          institutionCode: 'C-441900',
        })
      ).key,
    );
    const referralId = [...ids][0];
    const move = `mutation ($input: UpdateReferralStatusInput!) { updateReferralStatus(input: $input) { referral { status } } }`;
    const moves = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        post(
          (i % 2 ? first : second).url,
          move,
          {
            input: {
              referralId,
              status: i % 4 ? 'ACCEPTED' : 'DECLINED',
              expectedStatus: 'SUBMITTED',
            },
          },
          from('198.51.100.60', staff),
        ),
      ),
    );
    expect(moves.filter((answer) => !answer.body.errors)).toHaveLength(1);
    expect(
      moves.filter((answer) => answer.body.errors?.[0].extensions.code === 'CONFLICT'),
    ).toHaveLength(9);
    const [{ events }] = await sql.rows<{ events: number }>(
      `SELECT count(*)::int AS events FROM referral_event e JOIN referral r ON r.uuid = e.referral_uuid
        WHERE r.idempotency_key = $1`,
      [input.idempotencyKey],
    );
    expect(events).toBe(2); // SUBMITTED and the one move that won
  });

  it('show a change made through one in the other’s cached answers within a second', async () => {
    const admin = bearer(
      (await createApiKey(sql, { role: 'ADMIN', name: 'two processes admin' })).key,
    );
    const read = '{ institution(code: "C-440000") { name } }';
    const reader = from('198.51.100.70');
    expect((await post(second.url, read, undefined, reader)).body.data.institution.name).toBe(
      '广东省中小企业服务中心',
    );
    const renamed = await post(
      first.url,
      'mutation { updateInstitution(input: { code: "C-440000", name: "广东省中小企业公共服务中心" }) { institution { name } } }',
      undefined,
      from('198.51.100.71', admin),
    );
    expect(renamed.body.errors).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await post(second.url, read, undefined, reader)).body.data.institution.name).toBe(
      '广东省中小企业公共服务中心',
    );
  });

  it('accept through one a persisted query registered through the other', async () => {
    const query = '{ region(code: "46") { name } }';
    const hash = createHash('sha256').update(query).digest('hex');
    const persisted = { persistedQuery: { version: 1, sha256Hash: hash } };
    const register = await fetch(first.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...from('198.51.100.80') },
      body: JSON.stringify({ query, extensions: persisted }),
    });
    expect(register.status).toBe(200);
    const byHash = await fetch(second.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...from('198.51.100.80') },
      body: JSON.stringify({ extensions: persisted }),
    });
    expect(((await byHash.json()) as any).data.region.name).toBe('海南省');
  });
});
