// The first GraphQL surface, through HTTP the way clients call it.
import { startTestApi, type TestApi } from '../support/test-api';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

describe('institution(code)', () => {
  it('returns Dongguan’s municipal centre with its region and the tree above it', async () => {
    const { data, errors } = await api.graphql(`{
      institution(code: "C-441900") {
        code name nameEn tier kind
        region { code name level parent { code name } }
        parent { code tier parent { code tier parent { code } } }
        contact { phone email website address }
      }
    }`);
    expect(errors).toBeUndefined();
    expect(data!.institution).toMatchObject({
      code: 'C-441900',
      name: '东莞市中小企业服务中心',
      nameEn: 'Dongguan SME Service Center',
      tier: 'MUNICIPAL',
      kind: 'PUBLIC',
      region: {
        code: '441900',
        name: '东莞市',
        level: 'PREFECTURE',
        parent: { code: '440000', name: '广东省' },
      },
      parent: {
        code: 'C-440000',
        tier: 'PROVINCIAL',
        parent: { code: 'C-000000', tier: 'NATIONAL', parent: null },
      },
    });
    expect(data!.institution.contact.phone).toMatch(/^(0\d{2,3}-\d{7,8}|400-\d{3}-\d{4})$/);
    expect(data!.institution.contact.address).toMatch(/^广东省东莞市.+号$/);
  });

  it('is null for a code no institution has', async () => {
    const { data, errors } = await api.graphql(`{ institution(code: "C-999999") { code } }`);
    expect(errors).toBeUndefined();
    expect(data!.institution).toBeNull();
  });

  it('has no region and no parent at the national tier', async () => {
    const { data } = await api.graphql(
      `{ institution(code: "C-000000") { tier region { code } parent { code } } }`,
    );
    expect(data!.institution).toEqual({ tier: 'NATIONAL', region: null, parent: null });
  });
});

describe('region(code)', () => {
  it.each([['44'], ['440000']])('reads %s as the province of Guangdong', async (code) => {
    const { data } = await api.graphql(
      `query ($code: String!) { region(code: $code) { code name level parent { code } } }`,
      { code },
    );
    expect(data!.region).toEqual({
      code: '440000',
      name: '广东省',
      level: 'PROVINCE',
      parent: null,
    });
  });

  it('reads 4419 as Dongguan and answers with the six-digit code', async () => {
    const { data } = await api.graphql(`{ region(code: "4419") { code name } }`);
    expect(data!.region).toEqual({ code: '441900', name: '东莞市' });
  });

  it('is null for a well-formed code that names no division (a pseudo-prefecture)', async () => {
    const { data, errors } = await api.graphql(`{ region(code: "1101") { code } }`);
    expect(errors).toBeUndefined();
    expect(data!.region).toBeNull();
  });

  it('refuses a malformed code with BAD_USER_INPUT saying what a code looks like', async () => {
    const { data, errors } = await api.graphql(`{ region(code: "4419001") { code } }`);
    expect(data).toEqual({ region: null });
    expect(errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'code' });
    expect(errors![0].message).toBe(
      "code '4419001' is not a GB/T 2260 code: use 2, 4 or 6 digits, e.g. 44, 4419 or 441900",
    );
  });
});

describe('institutions(first, after)', () => {
  const page = `query ($first: Int, $after: String) {
    institutions(first: $first, after: $after) {
      totalCount
      edges { cursor node { code } }
      pageInfo { hasNextPage hasPreviousPage endCursor }
    }
  }`;

  it('counts the whole network and pages through it without overlap', async () => {
    const first = await api.graphql(page, { first: 3 });
    const [{ count }] = await api.dataSource.query(
      'SELECT count(*)::int AS count FROM institution',
    );
    expect(first.data!.institutions.totalCount).toBe(count);
    expect(first.data!.institutions.edges).toHaveLength(3);
    expect(first.data!.institutions.edges[0].node.code).toBe('C-000000');
    expect(first.data!.institutions.pageInfo).toMatchObject({
      hasNextPage: true,
      hasPreviousPage: false,
    });

    const second = await api.graphql(page, {
      first: 3,
      after: first.data!.institutions.pageInfo.endCursor,
    });
    const codes = (result: typeof first) =>
      result.data!.institutions.edges.map((edge: { node: { code: string } }) => edge.node.code);
    expect(codes(second)).toHaveLength(3);
    expect(codes(second).filter((code: string) => codes(first).includes(code))).toEqual([]);
    expect(second.data!.institutions.pageInfo.hasPreviousPage).toBe(true);
  });

  it('defaults to 20 items', async () => {
    const { data } = await api.graphql(page);
    expect(data!.institutions.edges).toHaveLength(20);
  });

  it.each([[0], [-1], [101]])('refuses first: %d with the allowed range', async (first) => {
    const { errors } = await api.graphql(page, { first });
    expect(errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(errors![0].message).toBe(`first must be between 1 and 100, got ${first}`);
  });

  it('refuses a cursor it did not issue', async () => {
    const { errors } = await api.graphql(page, { after: 'not-a-cursor' });
    expect(errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

describe('errors', () => {
  it('never carry a stack trace', async () => {
    const { errors } = await api.graphql(`{ region(code: "x") { code } }`);
    expect(errors![0].extensions!.stacktrace).toBeUndefined();
  });

  it('answer a malformed document with 400 and a GraphQL error', async () => {
    const response = await fetch(`${api.origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ institution(code: ) }' }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
  });
});

describe('request bodies', () => {
  const LIMIT = 100 * 1024; // 100 kB, as express.json counts it

  /** A valid request for Guangdong padded with spaces inside the query to exactly `bytes`. */
  function bodyOf(bytes: number): string {
    const query = '{ region(code: "44") { code } }';
    const bare = JSON.stringify({ query });
    const body = JSON.stringify({ query: query + ' '.repeat(bytes - bare.length) });
    expect(Buffer.byteLength(body)).toBe(bytes);
    return body;
  }
  const post = (body: string) =>
    fetch(`${api.origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });

  it('are answered up to 100 kB', async () => {
    const response = await post(bodyOf(LIMIT));
    expect(response.status).toBe(200);
    expect(((await response.json()) as any).data).toEqual({ region: { code: '440000' } });
  });

  it('are refused with 413 from one byte over 100 kB', async () => {
    expect((await post(bodyOf(LIMIT + 1))).status).toBe(413);
    expect((await post(bodyOf(4 * LIMIT))).status).toBe(413);
  });
});
