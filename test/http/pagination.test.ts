// Relay cursor connections: walking forwards and backwards visits every item once, nested lists
// page backwards too, and cursors stay valid while rows are added.
import {
  CREATE,
  creditCodeFor,
  makeKeys,
  referralInput,
  serviceOf,
} from '../support/referral-fixtures';
import { startTestApi, type TestApi } from '../support/test-api';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const forward = `query ($after: String) {
  institutions(first: 37, after: $after) {
    totalCount
    edges { cursor node { code } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;
const backward = `query ($before: String) {
  institutions(last: 37, before: $before) {
    edges { node { code } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

describe('walking institutions', () => {
  it('with first: 37 to the end visits every institution exactly once, as many as totalCount', async () => {
    const codes: string[] = [];
    let after: string | null = null;
    let totalCount = 0;
    for (;;) {
      const { data, errors }: any = await api.graphql(forward, { after });
      expect(errors).toBeUndefined();
      const connection = data.institutions;
      totalCount = connection.totalCount;
      codes.push(...connection.edges.map((edge: any) => edge.node.code));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    const [{ count }] = await api.dataSource.query(
      'SELECT count(*)::int AS count FROM institution',
    );
    expect(totalCount).toBe(count);
    expect(codes).toHaveLength(count);
    expect(new Set(codes).size).toBe(count);
  });

  it('with last: 37 from the end walks back over the same set, in the same order', async () => {
    const forwardCodes: string[] = [];
    for (let after: string | null = null; ;) {
      const { data }: any = await api.graphql(forward, { after });
      forwardCodes.push(...data.institutions.edges.map((edge: any) => edge.node.code));
      if (!data.institutions.pageInfo.hasNextPage) break;
      after = data.institutions.pageInfo.endCursor;
    }
    const pages: string[][] = [];
    for (let before: string | null = null; ;) {
      const { data, errors }: any = await api.graphql(backward, { before });
      expect(errors).toBeUndefined();
      pages.unshift(data.institutions.edges.map((edge: any) => edge.node.code));
      if (!data.institutions.pageInfo.hasPreviousPage) break;
      before = data.institutions.pageInfo.startCursor;
    }
    expect(pages.flat()).toEqual(forwardCodes);
  });

  it('pages through a search, whose cursor carries the relevance', async () => {
    const query = `query ($after: String) {
      institutions(first: 2, after: $after, filter: { search: "中小企业服务中心", regionCode: "4401" }) {
        totalCount edges { node { code } } pageInfo { hasNextPage endCursor }
      }
    }`;
    const seen: string[] = [];
    let total = 0;
    for (let after: string | null = null; ;) {
      const { data, errors }: any = await api.graphql(query, { after });
      expect(errors).toBeUndefined();
      total = data.institutions.totalCount;
      seen.push(...data.institutions.edges.map((edge: any) => edge.node.code));
      if (!data.institutions.pageInfo.hasNextPage) break;
      after = data.institutions.pageInfo.endCursor;
    }
    expect(total).toBeGreaterThan(2);
    expect(new Set(seen).size).toBe(total);
  });
});

describe('paging arguments', () => {
  it.each([
    [{ first: -1 }, 'first must be between 1 and 100, got -1'],
    [{ first: 101 }, 'first must be between 1 and 100, got 101'],
    [{ last: 0 }, 'last must be between 1 and 100, got 0'],
    [{ first: 5, last: 5 }, 'pass either first (with after) or last (with before), not both'],
  ])('refuse %p with BAD_USER_INPUT', async (args, message) => {
    const { errors } = await api.graphql(
      `query ($first: Int, $last: Int) { institutions(first: $first, last: $last) { totalCount } }`,
      args,
    );
    expect(errors![0]).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT' } });
  });

  it.each(['garbage', 'WzEsMl0', Buffer.from('["x"]').toString('base64url')])(
    'refuse the cursor %s',
    async (cursor) => {
      const { errors } = await api.graphql(
        `query ($after: String) { institutions(after: $after) { totalCount } }`,
        { after: cursor },
      );
      expect(errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
    },
  );

  it('refuses a bad cursor in a nested connection too', async () => {
    const { errors } = await api.graphql(
      `{ institution(code: "C-440000") { children(after: "nope") { totalCount } } }`,
    );
    expect(errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });
});

/** Codes of a parent's children in row-id order (the order of every list by row id), from SQL. */
async function childrenFromDb(parent: string): Promise<string[]> {
  const rows: { code: string }[] = await api.dataSource.query(
    `SELECT c.code FROM institution c JOIN institution p ON p.id = c.parent_id WHERE p.code = $1 ORDER BY c.id`,
    [parent],
  );
  return rows.map((row) => row.code);
}

describe('nested lists paged backwards', () => {
  const PROVINCES = ['C-110000', 'C-440000', 'C-650000', 'C-420000'];

  it('give each parent its last children, in order, in one request for many parents', async () => {
    const { data, errors } = await api.graphql(`{
      institutions(first: 100, filter: { tier: [PROVINCIAL], kind: [PUBLIC] }) {
        nodes { code children(last: 3) { totalCount nodes { code } pageInfo { hasNextPage hasPreviousPage } } }
      }
      probe: institution(code: "C-000000") { children(last: 3) { nodes { code } } }
    }`);
    expect(errors).toBeUndefined();
    expect(data!.institutions.nodes).toHaveLength(31);
    for (const centre of data!.institutions.nodes) {
      const expected = await childrenFromDb(centre.code);
      expect([centre.code, centre.children.nodes.map((node: any) => node.code)]).toEqual([
        centre.code,
        expected.slice(-3),
      ]);
      expect(centre.children.totalCount).toBe(expected.length);
      expect(centre.children.pageInfo).toEqual({
        hasNextPage: false,
        hasPreviousPage: expected.length > 3,
      });
    }
    expect(data!.probe.children.nodes.map((node: any) => node.code)).toEqual(
      (await childrenFromDb('C-000000')).slice(-3),
    );
  });

  it.each(PROVINCES)(
    'walk back from the end of %s’s children with last and before, visiting each once, in order',
    async (code) => {
      const expected = await childrenFromDb(code);
      expect(expected.length).toBeGreaterThan(7);
      const pages: string[][] = [];
      for (let before: string | null = null; ;) {
        const { data, errors }: any = await api.graphql(
          `query ($code: String!, $before: String) {
            institution(code: $code) { children(last: 7, before: $before) { edges { cursor node { code } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }
          }`,
          { code, before },
        );
        expect(errors).toBeUndefined();
        const { edges, pageInfo } = data.institution.children;
        pages.unshift(edges.map((edge: any) => edge.node.code));
        expect(pageInfo.hasNextPage).toBe(before !== null);
        expect(pageInfo.startCursor).toBe(edges[0].cursor);
        expect(pageInfo.endCursor).toBe(edges.at(-1).cursor);
        if (!pageInfo.hasPreviousPage) break;
        expect(edges).toHaveLength(7);
        before = pageInfo.startCursor;
      }
      expect(pages.flat()).toEqual(expected);
    },
  );

  it('give the page just before a cursor, and the page just after it going forward', async () => {
    const expected = await childrenFromDb('C-440000');
    const page = async (args: string) =>
      (
        await api.graphql(
          `{ institution(code: "C-440000") { children(${args}) { nodes { code } pageInfo { startCursor endCursor } } } }`,
        )
      ).data!.institution.children;
    const tail = await page('last: 3');
    expect(tail.nodes.map((node: any) => node.code)).toEqual(expected.slice(-3));
    const before = await page(`last: 4, before: "${tail.pageInfo.startCursor}"`);
    expect(before.nodes.map((node: any) => node.code)).toEqual(expected.slice(-7, -3));
    const after = await page(`first: 2, after: "${before.pageInfo.endCursor}"`);
    expect(after.nodes.map((node: any) => node.code)).toEqual(expected.slice(-3, -1));
  });

  it('page an institution’s services backwards as SQL orders them', async () => {
    const rows: { code: string }[] = await api.dataSource.query(
      `SELECT s.code FROM service s JOIN institution i ON i.id = s.institution_id WHERE i.code = 'C-441900' ORDER BY s.id`,
    );
    const expected = rows.map((row) => row.code);
    const first = (
      await api.graphql(
        `{ institution(code: "C-441900") { services(last: 5) { nodes { code } pageInfo { startCursor } } } }`,
      )
    ).data!.institution.services;
    expect(first.nodes.map((node: any) => node.code)).toEqual(expected.slice(-5));
    const second = (
      await api.graphql(
        `query ($before: String) { institution(code: "C-441900") { services(last: 5, before: $before) { nodes { code } } } }`,
        { before: first.pageInfo.startCursor },
      )
    ).data!.institution.services;
    expect(second.nodes.map((node: any) => node.code)).toEqual(expected.slice(-10, -5));
  });
});

describe('cursors while rows are added', () => {
  // A list of this file's own: the referrals of one partner key, newest first.
  let keys: Awaited<ReturnType<typeof makeKeys>>;
  let serviceId: string;
  const creditCode = creditCodeFor('pagination');
  beforeAll(async () => {
    keys = await makeKeys(api.sql, 'pagination');
    serviceId = await serviceOf(api.sql, 'C-441900');
  });

  async function refer(count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const { data, errors } = await api.graphql(
        CREATE,
        { input: referralInput(serviceId, creditCode) },
        keys.partnerA,
      );
      expect(errors).toBeUndefined();
      ids.push(data!.createReferral.referral.id);
    }
    return ids;
  }

  const PAGE = `query ($first: Int, $after: String, $last: Int, $before: String) {
    referrals(first: $first, after: $after, last: $last, before: $before) {
      nodes { id } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }`;
  const page = async (args: Record<string, unknown>) => {
    const { data, errors } = await api.graphql(PAGE, args, keys.partnerA);
    expect(errors).toBeUndefined();
    return {
      ids: data!.referrals.nodes.map((node: { id: string }) => node.id) as string[],
      pageInfo: data!.referrals.pageInfo,
    };
  };

  it('go on where they left off, forwards and backwards, while rows are added at the front', async () => {
    const older = await refer(10); // newest first: older[9] … older[0]
    const newestFirst = [...older].reverse();

    const one = await page({ first: 4 });
    expect(one.ids).toEqual(newestFirst.slice(0, 4));
    const added = await refer(3); // these sort before everything seen so far
    const two = await page({ first: 4, after: one.pageInfo.endCursor });
    expect(two.ids).toEqual(newestFirst.slice(4, 8));
    const moreAdded = await refer(2);
    const three = await page({ first: 4, after: two.pageInfo.endCursor });
    expect(three.ids).toEqual(newestFirst.slice(8, 10));
    expect(three.pageInfo.hasNextPage).toBe(false);

    // Back from the first page’s start: the rows added meanwhile, newest first.
    const back = await page({ last: 10, before: one.pageInfo.startCursor });
    expect(back.ids).toEqual([...added, ...moreAdded].reverse());
    expect(back.pageInfo.hasPreviousPage).toBe(false);
    expect(back.pageInfo.hasNextPage).toBe(true);
  });

  it('walk backwards from the oldest to the newest, picking up rows added on the way', async () => {
    const existing = await refer(6);
    // The whole list as it stands, newest first (this key's rows only).
    const whole = async () => {
      const ids: string[] = [];
      for (let after: string | null = null; ;) {
        const next = await page({ first: 100, after });
        ids.push(...next.ids);
        if (!next.pageInfo.hasNextPage) return ids;
        after = next.pageInfo.endCursor;
      }
    };
    const before = await whole();
    expect(before.slice(0, 6)).toEqual([...existing].reverse());

    const visited: string[] = [];
    let added: string[] = [];
    let cursor: string | null = null;
    for (let round = 0; ; round++) {
      const next = await page({ last: 5, before: cursor });
      visited.unshift(...next.ids);
      if (round === 1) added = await refer(3); // newer than anything seen: ahead of the walk
      if (!next.pageInfo.hasPreviousPage) break;
      cursor = next.pageInfo.startCursor;
    }
    expect(visited).toEqual([...[...added].reverse(), ...before]);
    expect(new Set(visited).size).toBe(visited.length);
  });
});
