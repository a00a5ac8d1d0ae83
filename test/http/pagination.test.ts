// Relay cursor connections: walking forwards and backwards visits every item once.
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
