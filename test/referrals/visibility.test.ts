// Who sees which referral: two partners, two institutions' staff, an admin and the public.
import {
  CREATE,
  makeKeys,
  referralInput,
  serviceOf,
  validCreditCode,
} from '../support/referral-fixtures';
import { startTestApi, type TestApi } from '../support/test-api';

let api: TestApi;
let keys: Awaited<ReturnType<typeof makeKeys>>;
/** Referral ids by who made them and where they went. */
const made: Record<string, string> = {};

beforeAll(async () => {
  api = await startTestApi();
  // Staff A works at Dongguan's centre, staff B at Beijing's.
  keys = await makeKeys(api.sql, 'visibility', ['C-441900', 'C-110000']);
  const dongguan = await serviceOf(api.sql, 'C-441900');
  const beijing = await serviceOf(api.sql, 'C-110000');
  const shared = { creditCode: validCreditCode(77) };
  for (const [name, key, service] of [
    ['A→Dongguan', keys.partnerA, dongguan],
    ['A→Beijing', keys.partnerA, beijing],
    ['B→Dongguan', keys.partnerB, dongguan],
  ] as const) {
    const { data, errors } = await api.graphql(
      CREATE,
      { input: referralInput(service, { enterprise: shared }) },
      key,
    );
    expect(errors).toBeUndefined();
    made[name] = data!.createReferral.referral.id;
  }
});
afterAll(() => api.close());

const ALL = ['A→Dongguan', 'A→Beijing', 'B→Dongguan'];
const MATRIX: [string, keyof Awaited<ReturnType<typeof makeKeys>>, string[]][] = [
  ['partner A', 'partnerA', ['A→Dongguan', 'A→Beijing']],
  ['partner B', 'partnerB', ['B→Dongguan']],
  ['Dongguan staff', 'staffA', ['A→Dongguan', 'B→Dongguan']],
  ['Beijing staff', 'staffB', ['A→Beijing']],
  ['an admin', 'admin', ALL],
];

describe.each(MATRIX)('%s', (_who, key, visible) => {
  it('reads exactly its referrals by id, and null for the others', async () => {
    for (const name of ALL) {
      const { data, errors } = await api.graphql(
        `query ($id: ID!) { referral(id: $id) { id } }`,
        { id: made[name] },
        keys[key],
      );
      expect(errors).toBeUndefined();
      expect([name, data!.referral?.id ?? null]).toEqual([
        name,
        visible.includes(name) ? made[name] : null,
      ]);
    }
  });

  it('lists exactly its referrals (of this test), newest first', async () => {
    const { data } = await api.graphql(`{ referrals(first: 100) { nodes { id } } }`, {}, keys[key]);
    const mine = data!.referrals.nodes
      .map((node: { id: string }) => node.id)
      .filter((id: string) => Object.values(made).includes(id));
    const expected = visible.map((name) => made[name]).reverse();
    expect(mine).toEqual(key === 'admin' ? expected : expected);
  });

  it('sees the enterprise’s referrals through the same eyes', async () => {
    const { data } = await api.graphql(
      `query ($id: ID!) { node(id: $id) { ... on Referral { enterprise { referrals(first: 100) { nodes { id } } } } } }`,
      { id: made[visible[0]] },
      keys[key],
    );
    const seen = data!.node.enterprise.referrals.nodes
      .map((node: { id: string }) => node.id)
      .filter((id: string) => Object.values(made).includes(id));
    expect(new Set(seen)).toEqual(new Set(visible.map((name) => made[name])));
  });

  it('sees contact details only on referrals it may see', async () => {
    const { data } = await api.graphql(
      `{ referrals(first: 100) { nodes { id contact { phone email } } } }`,
      {},
      keys[key],
    );
    const ours = data!.referrals.nodes.filter((node: { id: string }) =>
      Object.values(made).includes(node.id),
    );
    expect(ours).toHaveLength(visible.length);
    for (const node of ours)
      expect(node.contact).toEqual({ phone: '13800138000', email: 'lihua@example.cn' });
  });
});

describe('the public', () => {
  it('is refused referral lists with FORBIDDEN, saying a key is needed', async () => {
    const { errors } = await api.graphql(`{ referrals { totalCount } }`);
    expect(errors![0]).toMatchObject({
      extensions: { code: 'FORBIDDEN' },
      message: expect.stringContaining('Authorization: Bearer'),
    });
  });

  it('is refused a referral by id, and sees no referral or enterprise through node(id)', async () => {
    const byId = await api.graphql(`query ($id: ID!) { referral(id: $id) { id } }`, {
      id: made['A→Dongguan'],
    });
    expect(byId.errors![0].extensions!.code).toBe('FORBIDDEN');
    const node = await api.graphql(`query ($id: ID!) { node(id: $id) { id } }`, {
      id: made['A→Dongguan'],
    });
    expect(node.data!.node).toBeNull();
  });

  it('is PUBLIC to the viewer query, with no name or institution', async () => {
    const { data } = await api.graphql(`{ viewer { role name institution { code } } }`);
    expect(data!.viewer).toEqual({ role: 'PUBLIC', name: null, institution: null });
  });
});

describe('viewer', () => {
  it('names the client and, for staff, the institution', async () => {
    const { data } = await api.graphql(
      `{ viewer { role name institution { code } } }`,
      {},
      keys.staffA,
    );
    expect(data!.viewer).toEqual({
      role: 'INSTITUTION_STAFF',
      name: 'visibility staff A',
      institution: { code: 'C-441900' },
    });
  });
});
