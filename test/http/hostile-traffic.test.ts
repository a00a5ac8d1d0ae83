// Attacks replayed as they were sent (issue 26): each is refused or priced before it can hold the
// server, and a bystander's lookup keeps answering meanwhile.
import { performance } from 'node:perf_hooks';
import { QUERY_LIMITS } from '../../src/schema/query-limits';
import { makeKeys } from '../support/referral-fixtures';
import { startTestApi, type TestApi } from '../support/test-api';

let api: TestApi;
let keys: Awaited<ReturnType<typeof makeKeys>>;
beforeAll(async () => {
  api = await startTestApi();
  keys = await makeKeys(api.sql, 'hostile');
});
afterAll(() => api.close());

const BYSTANDER = `{ institution(code: "C-441900") { name } }`;

/** How long a bystander's lookup takes while `attack` runs (it starts just after the attack). */
async function bystanderDuring(attack: () => Promise<unknown>): Promise<number> {
  const attacking = attack();
  await new Promise((resolve) => setTimeout(resolve, 50));
  const started = performance.now();
  const answer = await api.graphql(BYSTANDER);
  const took = performance.now() - started;
  expect(answer.data).toEqual({ institution: { name: expect.any(String) } });
  await attacking;
  return took;
}

describe('a fragment-spread bomb', () => {
  // { ...F0 } fragment F0 on Query { ...F1 ...F1 } … fragment F24 on Query { __typename }
  const bomb =
    '{ ...F0 } ' +
    Array.from(
      { length: 24 },
      (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
    ).join(' ') +
    ' fragment F24 on Query { __typename }';

  it('is refused before it is walked spread by spread, and a bystander keeps its answer', async () => {
    expect(Buffer.byteLength(bomb)).toBeLessThan(1_000);
    let refusal: any;
    const took = await bystanderDuring(async () => {
      refusal = await api.graphql(bomb);
    });
    expect(refusal.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'depth' });
    expect(took).toBeLessThan(2_000);
  });
});

describe('introspection', () => {
  const walk = `__schema { types { name kind description fields(includeDeprecated: true) { name description
    args { name type { name kind ofType { name kind } } } type { name kind ofType { name kind ofType { name } } } }
    inputFields { name } enumValues(includeDeprecated: true) { name } } }`;

  it('is priced by the size of the schema, not 1 point a field', async () => {
    const answer = (await api.graphql(`{ ${walk} }`)) as any;
    expect(answer.errors).toBeUndefined();
    const types = answer.data.__schema.types;
    const fields = types.reduce((n: number, t: any) => n + (t.fields?.length ?? 0), 0);
    // At least a point for every type and field the walk could list; still askable on its own.
    expect(answer.extensions.cost.estimated).toBeGreaterThan(types.length + fields);
    expect(answer.extensions.cost.estimated).toBeLessThan(QUERY_LIMITS.cost / 10);
  });

  it('refuses 100 aliases of a full walk for their size, before measuring them', async () => {
    const hundred = `{ ${Array.from({ length: 100 }, (_, i) => `a${i}: ${walk}`).join(' ')} }`;
    const answer = await api.graphql(hundred, undefined, keys.partnerA);
    expect(answer.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'tokens' });
  });

  it('refuses as many aliases as the token bound lets through for their cost, and a bystander keeps its answer during 24 of them', async () => {
    const forty = `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: ${walk}`).join(' ')} }`;
    const took = await bystanderDuring(async () => {
      const answers = await Promise.all(
        Array.from({ length: 24 }, () => api.graphql(forty, undefined, keys.partnerA)),
      );
      for (const answer of answers) {
        expect(answer.errors![0].extensions).toMatchObject({ limit: 'cost' });
      }
    });
    expect(took).toBeLessThan(2_000);
  });
});

describe('network statistics and scorecards', () => {
  it('price the national figures by the rows they read, and keep them askable', async () => {
    const [{ referrals }] = await api.sql.rows<{ referrals: number }>(
      'SELECT count(*)::int AS referrals FROM referral',
    );
    const funnel = (await api.graphql(`{ networkStatistics { referrals { completed } } }`)) as any;
    expect(funnel.errors).toBeUndefined();
    // The funnel reads every referral with its history: 0.5–0.6 s for the seeded 27,592.
    expect(funnel.extensions.cost.estimated).toBeGreaterThan(0.3 * referrals);
    const everything = (await api.graphql(`{ networkStatistics {
      institutions { tier count } coverage { tier ratio } servicesByCategory { activeServices }
      referrals { completed satisfaction } events { events registrations }
      breakdown { region { code } institutions { count } referrals { completed } } } }`)) as any;
    expect(everything.errors).toBeUndefined();
    expect(everything.extensions.cost.estimated).toBeLessThanOrEqual(QUERY_LIMITS.cost);
  });

  it('keep a bystander answering while one key asks for the national funnel 30 times at once', async () => {
    const funnel = `{ networkStatistics { referrals { completed medianHoursToAccept } } }`;
    const took = await bystanderDuring(() =>
      Promise.all(Array.from({ length: 30 }, () => api.graphql(funnel, undefined, keys.partnerA))),
    );
    expect(took).toBeLessThan(2_000);
  });

  it('refuse 25 aliased pages of 100 scorecards', async () => {
    const pages = Array.from(
      { length: 25 },
      (_, i) =>
        `p${i}: institutions(first: 100) { nodes { scorecard(year: 2025) { meetsCriteria } } }`,
    ).join(' ');
    const answer = (await api.graphql(`{ ${pages} }`, undefined, keys.partnerA)) as any;
    expect(answer.errors[0].extensions).toMatchObject({ limit: 'cost' });
  });
});

describe('variable defaults', () => {
  it('price a page size a variable declares by default as that page size', async () => {
    const query = `query($n: Int = 100) { institutions(first: $n) { nodes { children(first: $n) { nodes { services(first: $n) { nodes { code } } } } } } }`;
    const { response, statements } = await api.countedGraphql(query);
    // services 1 + 100 × 2; children 1 + 100 × (1 + 201); institutions 1 + 100 × (1 + 20,201)
    expect(response.errors![0].extensions).toMatchObject({ limit: 'cost', actual: 2_020_201 });
    expect(statements).toBe(0);
  });
});
