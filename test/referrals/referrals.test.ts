// Creating, retrying and listing referrals as a partner app does, through HTTP.
import {
  CREATE,
  UPDATE,
  creditCodeFor,
  makeKeys,
  referralInput,
  serviceOf,
} from '../support/referral-fixtures';
import { startTestApi, type TestApi } from '../support/test-api';

const logLines: string[] = [];
let api: TestApi;
let keys: Awaited<ReturnType<typeof makeKeys>>;
let serviceId: string;

beforeAll(async () => {
  api = await startTestApi({ logSink: (line) => logLines.push(line) });
  keys = await makeKeys(api.sql, 'referrals');
  serviceId = await serviceOf(api.sql, 'C-441900');
});
afterAll(() => api.close());

/** This file's enterprise n (other files refer enterprises of their own). */
const enterprise = (n = 0) => creditCodeFor('referrals', n);

/**
 * The rows of this file: referrals made by its keys and their events, and the enterprises of
 * `creditCodes` as they stand. Other files write to the same tables meanwhile.
 */
const ownRows = async (creditCodes: string[] = [enterprise()]) => {
  const [counts] = await api.dataSource.query(
    `SELECT (SELECT count(*) FROM referral r JOIN api_key k ON k.id = r.api_key_id
              WHERE k.name LIKE 'referrals %')::int AS referrals,
            (SELECT count(*) FROM referral_event e JOIN referral r ON r.uuid = e.referral_uuid
               JOIN api_key k ON k.id = r.api_key_id WHERE k.name LIKE 'referrals %')::int AS events,
            (SELECT coalesce(json_agg(json_build_object('code', credit_code, 'name', name, 'updated', updated_at)
                                      ORDER BY credit_code), '[]')
               FROM enterprise WHERE credit_code = ANY($1)) AS enterprises`,
    [creditCodes],
  );
  return counts;
};

let refusedCase = 0;

describe('createReferral', () => {
  it('submits a referral to the institution of the service, with its first history event', async () => {
    const before = await ownRows();
    const { data, errors } = await api.graphql(
      CREATE,
      { input: referralInput(serviceId, enterprise()) },
      keys.partnerA,
    );
    expect(errors).toBeUndefined();
    expect(data!.createReferral.referral).toMatchObject({
      status: 'SUBMITTED',
      institution: { code: 'C-441900' },
      enterprise: { creditCode: enterprise() },
      history: [{ status: 'SUBMITTED', actor: 'referrals partner A' }],
    });
    const after = await ownRows();
    expect([after.referrals, after.events]).toEqual([before.referrals + 1, before.events + 1]);
  });

  it('returns the first referral when retried with the same key and payload', async () => {
    const input = referralInput(serviceId, enterprise());
    const first = await api.graphql(CREATE, { input }, keys.partnerA);
    const before = await ownRows();
    const retry = await api.graphql(CREATE, { input }, keys.partnerA);
    expect(retry.data!.createReferral.referral.id).toBe(first.data!.createReferral.referral.id);
    expect(await ownRows()).toEqual(before);
  });

  it('refuses the same key with a different payload as CONFLICT, changing nothing', async () => {
    const input = referralInput(serviceId, enterprise());
    await api.graphql(CREATE, { input }, keys.partnerA);
    const before = await ownRows();
    const { errors } = await api.graphql(
      CREATE,
      { input: { ...input, note: 'something else' } },
      keys.partnerA,
    );
    expect(errors![0]).toMatchObject({
      extensions: { code: 'CONFLICT' },
      message: expect.stringContaining(input.idempotencyKey),
    });
    expect(await ownRows()).toEqual(before);
  });

  it('keeps idempotency keys per client: another partner may use the same key', async () => {
    const input = referralInput(serviceId, enterprise(), { idempotencyKey: 'shared-key-1' });
    const a = await api.graphql(CREATE, { input }, keys.partnerA);
    const b = await api.graphql(CREATE, { input }, keys.partnerB);
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    expect(a.data!.createReferral.referral.id).not.toBe(b.data!.createReferral.referral.id);
  });

  it.each([
    [
      { enterprise: { creditCode: '91441900MA4W12345X' } },
      'BAD_USER_INPUT',
      'enterprise.creditCode',
      /check character should be/,
    ],
    [
      { enterprise: { creditCode: '123' } },
      'BAD_USER_INPUT',
      'enterprise.creditCode',
      /18 characters/,
    ],
    [
      { enterprise: { regionCode: '44190' } },
      'BAD_USER_INPUT',
      'enterprise.regionCode',
      /2, 4 or 6 digits/,
    ],
    [
      { enterprise: { regionCode: '999999' } },
      'NOT_FOUND',
      'enterprise.regionCode',
      /names no GB\/T 2260 division/,
    ],
    [{ enterprise: { name: '  ' } }, 'BAD_USER_INPUT', 'enterprise.name', /must not be empty/],
    [
      { enterprise: { contactPhone: 'call me' } },
      'BAD_USER_INPUT',
      'enterprise.contactPhone',
      /phone number/,
    ],
    [
      { serviceId: 'SW5zdGl0dXRpb246MQ==' },
      'BAD_USER_INPUT',
      'serviceId',
      /not the id of a Service/,
    ],
    [
      { serviceId: Buffer.from('Service:2147483000').toString('base64') },
      'NOT_FOUND',
      'serviceId',
      /names no service/,
    ],
    [{ idempotencyKey: '' }, 'BAD_USER_INPUT', 'idempotencyKey', /must not be empty/],
  ])('refuses %p with %s on %s, changing nothing', async (overrides, code, field, message) => {
    // An enterprise known already (whose name must stay) and one never seen (which must not appear).
    const known = enterprise(1);
    const fresh = creditCodeFor('referrals refused', refusedCase++);
    await api.graphql(CREATE, { input: referralInput(serviceId, known) }, keys.partnerA);
    const before = await ownRows([known, fresh]);
    for (const creditCode of [known, fresh]) {
      const input = referralInput(serviceId, creditCode, {
        ...overrides,
        enterprise: { name: '不应保存的名称', ...((overrides as any).enterprise ?? {}) },
      });
      const { data, errors } = await api.graphql(CREATE, { input }, keys.partnerA);
      expect(data).toBeNull();
      expect(errors![0]).toMatchObject({ extensions: { code, field } });
      expect(errors![0].message).toMatch(message);
    }
    expect(await ownRows([known, fresh])).toEqual(before);
  });

  it('refuses a withdrawn service', async () => {
    const [row] = await api.dataSource.query(`SELECT id FROM service WHERE NOT active LIMIT 1`);
    const { errors } = await api.graphql(
      CREATE,
      {
        input: referralInput(serviceId, enterprise(), {
          serviceId: Buffer.from(`Service:${row.id}`).toString('base64'),
        }),
      },
      keys.partnerA,
    );
    expect(errors![0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'serviceId' },
      message: expect.stringMatching(/withdrawn/),
    });
  });

  it.each([
    ['institution staff', 'staffA'],
    ['the public', 'public'],
  ] as const)('is FORBIDDEN for %s, changing nothing', async (_who, key) => {
    const fresh = creditCodeFor('referrals forbidden', key);
    const before = await ownRows([fresh]);
    const { errors } = await api.graphql(
      CREATE,
      { input: referralInput(serviceId, fresh) },
      keys[key],
    );
    expect(errors![0].extensions!.code).toBe('FORBIDDEN');
    expect(await ownRows([fresh])).toEqual(before);
  });

  it('updates the enterprise by its credit code rather than making another', async () => {
    const creditCode = enterprise(501);
    const query = `mutation ($input: CreateReferralInput!) { createReferral(input: $input) { referral { enterprise { id name } } } }`;
    const first = await api.graphql(
      query,
      { input: referralInput(serviceId, creditCode, { enterprise: { name: '旧名称有限公司' } }) },
      keys.partnerA,
    );
    const { data } = await api.graphql(
      query,
      { input: referralInput(serviceId, creditCode, { enterprise: { name: '新名称有限公司' } }) },
      keys.partnerB,
    );
    expect(data!.createReferral.referral.enterprise).toEqual({
      id: first.data!.createReferral.referral.enterprise.id,
      name: '新名称有限公司',
    });
    const [{ count }] = await api.dataSource.query(
      'SELECT count(*)::int AS count FROM enterprise WHERE credit_code = $1',
      [creditCode],
    );
    expect(count).toBe(1);
  });
});

describe('referrals(filter)', () => {
  it('filters by status, institution and credit code, newest first', async () => {
    const creditCode = enterprise(900);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { data } = await api.graphql(
        CREATE,
        { input: referralInput(serviceId, creditCode) },
        keys.partnerB,
      );
      ids.push(data!.createReferral.referral.id);
    }
    await api.graphql(
      UPDATE,
      { input: { referralId: ids[1], status: 'CANCELLED' } },
      keys.partnerB,
    );
    const list = async (filter: object) =>
      (
        await api.graphql(
          `query ($filter: ReferralFilter) { referrals(first: 100, filter: $filter) { nodes { id } } }`,
          { filter },
          keys.partnerB,
        )
      ).data!.referrals.nodes.map((node: { id: string }) => node.id);
    expect(await list({ creditCode })).toEqual([...ids].reverse());
    expect(await list({ creditCode, status: ['SUBMITTED'] })).toEqual([ids[2], ids[0]]);
    expect(await list({ creditCode, status: ['CANCELLED'], institutionCode: 'C-441900' })).toEqual([
      ids[1],
    ]);
    expect(await list({ creditCode, institutionCode: 'C-110000' })).toEqual([]);
  });

  it('refuses a malformed credit code in the filter', async () => {
    const { errors } = await api.graphql(
      `{ referrals(filter: { creditCode: "123" }) { totalCount } }`,
      {},
      keys.admin,
    );
    expect(errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'filter.creditCode' });
  });

  it('issues the same number of statements for 5 and 50 referrals with history, enterprise, service and institution', async () => {
    for (let i = 0; i < 50; i++)
      await api.graphql(CREATE, { input: referralInput(serviceId, enterprise(i)) }, keys.partnerA);
    const query = `query ($first: Int!) {
      referrals(first: $first) {
        nodes { status history { status actor at } enterprise { name region { name } } service { name category { name } } institution { name } }
      }
    }`;
    // Partner A's own list, which holds these 50 and more.
    const few = await api.countedGraphql(query, { first: 5 }, keys.partnerA);
    const many = await api.countedGraphql(query, { first: 50 }, keys.partnerA);
    expect(many.response.errors).toBeUndefined();
    expect(many.response.data!.referrals.nodes).toHaveLength(50);
    expect(many.statements).toBe(few.statements);
    expect(many.statements).toBeLessThanOrEqual(8);
  });
});

describe('personal data', () => {
  it('never reaches the logs', async () => {
    await api.graphql(
      CREATE,
      {
        input: referralInput(serviceId, enterprise(), {
          enterprise: { contactPhone: '13911112222', contactEmail: 'secret@corp.cn' },
        }),
      },
      keys.partnerA,
    );
    await api.graphql(
      CREATE,
      {
        input: referralInput(serviceId, 'X', { enterprise: { contactPhone: '13911112222' } }),
      },
      keys.partnerA,
    );
    const logs = logLines.join('');
    // The operations were logged, variables included, with the personal fields blanked out.
    expect(logs).toContain('"client":"referrals partner A"');
    expect(logs).toMatch(/"contactPhone":"\[redacted\]"/);
    expect(logs).toContain(enterprise());
    for (const secret of [
      '13800138000',
      'lihua@example.cn',
      '13911112222',
      'secret@corp.cn',
      '李华',
    ])
      expect(logs).not.toContain(secret);
  });
});
