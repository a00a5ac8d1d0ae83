// What one request may ask for, and what it is told when it asks too much.
import { QUERY_LIMITS } from '../../src/schema/query-limits';
import { startTestApi, type TestApi } from '../support/test-api';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

describe('query limits', () => {
  it('report the estimated cost of every answer', async () => {
    const response = (await api.graphql(
      `{ institutions(first: 10) { nodes { code services(first: 5) { nodes { name } } } } }`,
    )) as any;
    // 1 (institutions) + 1 (nodes) … with 10 × (code + services: 1 + 5 × name): counted by the same walk.
    expect(response.extensions.cost).toEqual({
      estimated: expect.any(Number),
      limit: QUERY_LIMITS.cost,
    });
    expect(response.extensions.cost.estimated).toBeGreaterThan(50);
    expect(response.extensions.cost.estimated).toBeLessThan(200);
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
    expect(response.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      limit: 'cost',
      max: QUERY_LIMITS.cost,
    });
    expect(statements).toBe(0);
  });

  it('count page sizes given as variables', async () => {
    const query = `query ($n: Int) { institutions(first: $n) { nodes { services(first: $n) { nodes { name category { name } } } } } }`;
    const small = (await api.graphql(query, { n: 2 })) as any;
    const large = (await api.graphql(query, { n: 100 })) as any;
    expect(small.extensions.cost.estimated).toBeLessThan(30);
    expect(large.errors[0].extensions.limit).toBe('cost');
  });
});
