// What one request may ask for, and what it is told when it asks too much.
import { QUERY_LIMITS } from '../../src/schema/query-limits';
import { startTestApi, type TestApi } from '../support/test-api';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

/** The estimated cost the API reports for a query. */
async function costOf(query: string, variables?: Record<string, unknown>): Promise<number> {
  const response = (await api.graphql(query, variables)) as any;
  expect(response.errors).toBeUndefined();
  expect(response.extensions.cost.limit).toBe(QUERY_LIMITS.cost);
  return response.extensions.cost.estimated;
}

describe('query limits', () => {
  it('report the estimated cost of every answer: every field 1, times the page size around it', async () => {
    // institutions: 1 + 10 × nodes (1 + code 1 + services (1 + 5 × nodes (1 + name 1))) = 1 + 10 × 13
    expect(
      await costOf(
        `{ institutions(first: 10) { nodes { code services(first: 5) { nodes { name } } } } }`,
      ),
    ).toBe(131);
  });

  it('count a connection without first or last at the default page size of 20', async () => {
    // 1 + 20 × nodes (1 + code 1)
    expect(await costOf(`{ institutions { nodes { code } } }`)).toBe(41);
    // last counts like first: 1 + 7 × nodes (1 + code 1)
    expect(await costOf(`{ institutions(last: 7) { nodes { code } } }`)).toBe(15);
  });

  it('count nodes(ids) once per id', async () => {
    const { data } = await api.graphql(
      `{ a: region(code: "44") { id } b: institution(code: "C-441900") { id } }`,
    );
    const ids = [data!.a.id, data!.b.id, 'bogus', data!.a.id, data!.b.id, 'x', 'y'];
    // 1 + 7 ids × (id 1)
    expect(await costOf(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids })).toBe(8);
    // 1 + 3 ids × (id 1 + … on Region { name } 1 + … on Institution { name tier } 2)
    expect(
      await costOf(
        `query ($ids: [ID!]!) { nodes(ids: $ids) { id ... on Region { name } ... on Institution { name tier } } }`,
        { ids: ids.slice(0, 3) },
      ),
    ).toBe(13);
    // ids written in the document count the same: 1 + 2 × 1
    expect(await costOf(`{ nodes(ids: ["${ids[0]}", "${ids[1]}"]) { id } }`)).toBe(3);
  });

  it('count oneStop as 4 × limitPerTier matches, 40 by default', async () => {
    const query = `query ($input: OneStopInput!) { oneStop(input: $input) { matches { distance } } }`;
    // 1 + 4 × 5 × matches (1 + distance 1)
    expect(await costOf(query, { input: { regionCode: '441900', limitPerTier: 5 } })).toBe(41);
    // 1 + 4 × 10 × 2
    expect(await costOf(query, { input: { regionCode: '441900' } })).toBe(81);
    // 1 + 4 × 50 × 2
    expect(await costOf(query, { input: { regionCode: '441900', limitPerTier: 50 } })).toBe(401);
    // written in the document: 1 + 4 × 3 × (matches 2 + tiers (1 + tier 1))
    expect(
      await costOf(
        `{ oneStop(input: { regionCode: "441900", limitPerTier: 3 }) { matches { distance } tiers { tier } } }`,
      ),
    ).toBe(49);
  });

  it('refuse a query nested too deep, saying by how much', async () => {
    const deep = `{ institution(code: "C-441900") { ${'parent { '.repeat(14)}code${' }'.repeat(14)} } }`;
    const response = await fetch(`${api.origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: deep }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as any;
    expect(body.errors[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      limit: 'depth',
      max: 12,
      actual: 16,
    });
    expect(body.errors[0].message).toBe(
      'query depth 16 exceeds the limit of 12: ask for fewer nested levels',
    );
  });

  it('refuse too many aliases', async () => {
    const aliases = Array.from(
      { length: 101 },
      (_, i) => `a${i}: region(code: "11") { code }`,
    ).join(' ');
    const { errors } = await api.graphql(`{ ${aliases} }`);
    expect(errors![0].extensions).toMatchObject({ limit: 'aliases', max: 100, actual: 101 });
  });

  it('refuse a query whose pages multiply beyond the cost limit, before touching the database', async () => {
    const query = `{ institutions(first: 100) { nodes { descendants(first: 100) { nodes { services(first: 100) { nodes { name } } } } } } }`;
    const { response, statements } = await api.countedGraphql(query);
    // services 1 + 100 × 2 = 201; descendants 1 + 100 × (1 + 201) = 20,201;
    // institutions 1 + 100 × (1 + 20,201) = 2,020,201
    expect(response.errors![0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      limit: 'cost',
      max: QUERY_LIMITS.cost,
      actual: 2_020_201,
    });
    expect(response.errors![0].message).toBe(
      'query cost 2020201 exceeds the limit of 25000: ask for smaller pages (first/last) or fewer nested lists',
    );
    expect(statements).toBe(0);
  });

  it('count page sizes given as variables', async () => {
    const query = `query ($n: Int) { institutions(first: $n) { nodes { services(first: $n) { nodes { name category { name } } } } } }`;
    // services 1 + n × (1 + name 1 + category 2); institutions 1 + n × (1 + services)
    expect(await costOf(query, { n: 2 })).toBe(21);
    const large = (await api.graphql(query, { n: 100 })) as any;
    expect(large.errors[0].extensions).toMatchObject({ limit: 'cost', actual: 40_201 });
  });

  it('accept a query exactly at the cost limit and refuse one just above it', async () => {
    // 99 aliases of 1 + 100 × (nodes 1 + code 1) = 99 × 201 = 19,899, and one list of
    // 1 + 100 × (nodes 1 + 50 fields) = 5,101: 25,000 in all, with 100 aliases (the most allowed).
    const aliases = Array.from(
      { length: 99 },
      (_, i) => `a${i}: regions(first: 100) { nodes { code } }`,
    ).join(' ');
    const fifty = Array.from({ length: 50 }, () => 'code').join(' ');
    const atLimit = `{ ${aliases} last: regions(first: 100) { nodes { ${fifty} } } }`;
    const answer = (await api.graphql(atLimit)) as any;
    expect(answer.errors).toBeUndefined();
    expect(answer.extensions.cost.estimated).toBe(QUERY_LIMITS.cost);
    const refused = (await api.graphql(atLimit.replace(/ }$/, ' __typename }'))) as any;
    expect(refused.errors[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      limit: 'cost',
      max: 25_000,
      actual: 25_001,
    });
  });
});
