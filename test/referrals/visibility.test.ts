// Who sees which referral: two partners, two institutions' staff, an admin and the public.
// The referrals are all of one enterprise of this file's own, so that what a key lists can be
// compared whole, whatever other files add meanwhile.
import {
  CREATE,
  creditCodeFor,
  makeKeys,
  referralInput,
  serviceOf,
} from '../support/referral-fixtures';
import { grantDesignation } from '../support/registry-fixtures';
import { startTestApi, type TestApi } from '../support/test-api';

let api: TestApi;
let keys: Awaited<ReturnType<typeof makeKeys>>;
/** Referral ids by who made them and where they went. */
const made: Record<string, string> = {};
const creditCode = creditCodeFor('visibility');

/** Each referral's contact details, different for each so that a leak shows whose it is. */
const CONTACT: Record<string, { phone: string; email: string }> = {
  'A→Dongguan': { phone: '13800000001', email: 'a-dongguan@example.cn' },
  'A→Beijing': { phone: '13800000002', email: 'a-beijing@example.cn' },
  'B→Dongguan': { phone: '13800000003', email: 'b-dongguan@example.cn' },
};

beforeAll(async () => {
  api = await startTestApi();
  // Staff A works at Dongguan's centre, staff B at Beijing's.
  keys = await makeKeys(api.sql, 'visibility', ['C-441900', 'C-110000']);
  const dongguan = await serviceOf(api.sql, 'C-441900');
  const beijing = await serviceOf(api.sql, 'C-110000');
  // Beijing's first service is for little giants: the registry must hold the enterprise as one.
  await grantDesignation(api.sql, creditCode, 'LITTLE_GIANT');
  for (const [name, key, service] of [
    ['A→Dongguan', keys.partnerA, dongguan],
    ['A→Beijing', keys.partnerA, beijing],
    ['B→Dongguan', keys.partnerB, dongguan],
  ] as const) {
    const { phone, email } = CONTACT[name];
    const { data, errors } = await api.graphql(
      CREATE,
      {
        input: referralInput(service, creditCode, {
          enterprise: { contactPhone: phone, contactEmail: email },
        }),
      },
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

  it('lists exactly its referrals of the enterprise, newest first', async () => {
    const { data, errors } = await api.graphql(
      `query ($creditCode: String!) { referrals(first: 10, filter: { creditCode: $creditCode }) { totalCount nodes { id } } }`,
      { creditCode },
      keys[key],
    );
    expect(errors).toBeUndefined();
    const expected = visible.map((name) => made[name]).reverse();
    expect(data!.referrals.nodes.map((node: { id: string }) => node.id)).toEqual(expected);
    expect(data!.referrals.totalCount).toBe(expected.length);
  });

  it('sees the enterprise’s referrals through the same eyes, newest first', async () => {
    const { data } = await api.graphql(
      `query ($id: ID!) { node(id: $id) { ... on Referral { enterprise { creditCode referrals(first: 10) { totalCount nodes { id } } } } } }`,
      { id: made[visible[0]] },
      keys[key],
    );
    const { enterprise } = data!.node;
    expect(enterprise.creditCode).toBe(creditCode);
    expect(enterprise.referrals.nodes.map((node: { id: string }) => node.id)).toEqual(
      visible.map((name) => made[name]).reverse(),
    );
    expect(enterprise.referrals.totalCount).toBe(visible.length);
  });

  it('sees contact details only on referrals it may see, by whatever way it asks', async () => {
    const contact = `id contact { phone email }`;
    const answers = [
      await api.graphql(
        `query ($creditCode: String!) { referrals(first: 10, filter: { creditCode: $creditCode }) { nodes { ${contact} } } }`,
        { creditCode },
        keys[key],
      ),
      await api.graphql(
        `query ($a: ID!, $b: ID!, $c: ID!) {
          a: referral(id: $a) { ${contact} } b: referral(id: $b) { ${contact} } c: referral(id: $c) { ${contact} }
          na: node(id: $a) { ... on Referral { ${contact} } } nb: node(id: $b) { ... on Referral { ${contact} } }
          nc: node(id: $c) { ... on Referral { ${contact} } }
          nodes(ids: [$a, $b, $c]) { ... on Referral { ${contact} enterprise { referrals(first: 10) { nodes { ${contact} } } } } }
        }`,
        { a: made[ALL[0]], b: made[ALL[1]], c: made[ALL[2]] },
        keys[key],
      ),
    ];
    for (const answer of answers) expect(answer.errors).toBeUndefined();
    const text = JSON.stringify(answers);
    for (const name of ALL) {
      const { phone, email } = CONTACT[name];
      const seen = visible.includes(name);
      expect([name, text.includes(phone), text.includes(email)]).toEqual([name, seen, seen]);
    }
    // Wherever a referral appears, it carries its own contact details.
    const appearances = [
      ...answers[0].data!.referrals.nodes,
      ...['a', 'b', 'c', 'na', 'nb', 'nc'].map((alias) => answers[1].data![alias]),
      ...answers[1].data!.nodes.flatMap((node: any) =>
        node ? [node, ...node.enterprise.referrals.nodes] : [],
      ),
    ].filter((node) => node !== null);
    expect(appearances.length).toBeGreaterThanOrEqual(visible.length * 4);
    for (const node of appearances) {
      const name = ALL.find((candidate) => made[candidate] === node.id)!;
      expect([name, node.contact]).toEqual([name, CONTACT[name]]);
    }
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
