// Per-client budgets: every request is charged its estimated cost; a client over its budget gets
// 429 with when to come back, others are unaffected; the budget lives in PostgreSQL, so every
// process of a deployment draws on the same one; addresses that keep failing to authenticate are
// held off for a while.
import { createApiKey, setKeyBudget } from '../../src/auth/api-key.commands';
import { bearer } from '../support/referral-fixtures';
import { startTestApi, type TestApi } from '../support/test-api';

/** Clients are told apart by X-Forwarded-For, which a server behind TRUST_PROXY believes. */
const from = (address: string, more: Record<string, string> = {}) => ({
  'x-forwarded-for': address,
  ...more,
});

const BUDGETED = {
  RATE_LIMITS: 'postgres',
  TRUST_PROXY: 'loopback',
  ANONYMOUS_BUDGET_PER_MINUTE: '300',
  KEY_BUDGET_PER_MINUTE: '500',
  AUTH_FAILURES_PER_MINUTE: '3',
};

/** Costs 16 points: the list (1) and five times its nodes (1) with two fields (2). */
const SIXTEEN = '{ regions(first: 5) { nodes { code name } } }';

let first: TestApi;
let second: TestApi;

beforeAll(async () => {
  // Two processes of one deployment, over one database.
  first = await startTestApi({ env: BUDGETED });
  second = await startTestApi({ env: BUDGETED });
});
afterAll(async () => {
  await first.close();
  await second.close();
});

async function post(api: TestApi, query: string, headers: Record<string, string>) {
  const response = await fetch(`${api.origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as any,
  };
}

describe('per-client budgets', () => {
  it('report what is left in every answer, in extensions and RateLimit headers', async () => {
    const one = await post(first, SIXTEEN, from('198.51.100.1'));
    const two = await post(first, SIXTEEN, from('198.51.100.1'));
    expect(one.body.extensions.cost.estimated).toBe(16);
    expect(one.body.extensions.budget).toEqual({
      limit: 300,
      remaining: 284,
      resetSeconds: expect.any(Number),
    });
    expect(two.body.extensions.budget.remaining).toBe(268);
    expect(two.headers.get('ratelimit-limit')).toBe('300');
    expect(two.headers.get('ratelimit-remaining')).toBe('268');
    expect(Number(two.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
    expect(Number(two.headers.get('ratelimit-reset'))).toBeLessThanOrEqual(60);
    expect(two.headers.get('ratelimit-policy')).toBe('300;w=60');
  });

  it('refuses a client over its budget with 429 and when to retry, and leaves others alone', async () => {
    const spender = from('198.51.100.2');
    let last;
    for (let i = 0; i < 30 && (!last || last.status === 200); i++) {
      last = await post(first, SIXTEEN, spender);
    }
    expect(last!.status).toBe(429);
    const [error] = last!.body.errors;
    expect(error.extensions.code).toBe('RATE_LIMITED');
    expect(error.message).toMatch(/budget of 300 cost points per minute: retry in \d+ s/);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(last!.headers.get('ratelimit-remaining')).toBe(
      String(error.extensions.budget.remaining),
    );
    expect(last!.body.data ?? null).toBeNull();

    const bystander = await post(first, SIXTEEN, from('198.51.100.3'));
    expect(bystander.status).toBe(200);
  });

  it('is one budget for every process of the deployment', async () => {
    const client = from('198.51.100.4');
    // Spend it through the first process (18 × 16 = 288 of 300) …
    for (let i = 0; i < 18; i++) expect((await post(first, SIXTEEN, client)).status).toBe(200);
    // … and the second one knows.
    expect((await post(second, SIXTEEN, client)).status).toBe(429);
  });

  it('spends a burst through both processes at once exactly: no request more, none less', async () => {
    const client = from('198.51.100.6');
    const burst = await Promise.all(
      Array.from({ length: 40 }, (_, i) => post(i % 2 ? second : first, SIXTEEN, client)),
    );
    const served = burst.filter((answer) => answer.status === 200);
    // 18 × 16 = 288 of 300; a 19th would be 304.
    expect(served).toHaveLength(18);
    expect(burst.filter((answer) => answer.status === 429)).toHaveLength(22);
    const remaining = served.map((answer) => answer.body.extensions.budget.remaining);
    expect(remaining.sort((x, y) => y - x)).toEqual(
      Array.from({ length: 18 }, (_, i) => 300 - 16 * (i + 1)),
    );
  });

  it('charges a refused, unparsable request a point too', async () => {
    const client = from('198.51.100.5');
    expect((await post(first, '{ regions(', client)).status).toBe(400);
    const after = await post(first, SIXTEEN, client);
    expect(after.body.extensions.budget.remaining).toBe(300 - 1 - 16);
  });

  it('charges a query refused for its cost a point, not its estimate', async () => {
    // Typed in Playground: estimated at 1,000,000 points, refused; the address keeps its budget.
    const client = from('198.51.100.15');
    const mistake = await post(
      first,
      '{ institutions(first: 100) { nodes { children(first: 100) { nodes { services(first: 100) { nodes { code } } } } } } }',
      client,
    );
    expect(mistake.status).toBe(400);
    expect(mistake.body.errors[0].extensions).toMatchObject({ limit: 'cost' });
    const after = await post(first, SIXTEEN, client);
    expect(after.status).toBe(200);
    expect(after.body.extensions.budget.remaining).toBe(300 - 1 - 16);
  });

  it('gives keys their own budget, the default or one set for the key', async () => {
    const { key, apiKey } = await createApiKey(first.sql, { role: 'PARTNER', name: 'budget app' });
    const keyed = await post(first, SIXTEEN, from('198.51.100.6', bearer(key)));
    expect(keyed.body.extensions.budget).toMatchObject({ limit: 500, remaining: 484 });

    await setKeyBudget(first.sql, apiKey.publicId, 2_000);
    const raised = await post(first, SIXTEEN, from('198.51.100.6', bearer(key)));
    expect(raised.body.extensions.budget).toMatchObject({ limit: 2000, remaining: 1984 });
  });

  it('holds off an address after too many failed authentications, but never a valid key from it', async () => {
    const guesser = '198.51.100.7';
    const wrong = bearer('sme_AAAAAAAAAAAA_' + 'x'.repeat(43));
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await post(first, SIXTEEN, from(guesser, wrong))).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    const held = await post(first, SIXTEEN, from(guesser, wrong));
    expect(held.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(Number(held.headers.get('retry-after'))).toBeGreaterThan(0);

    // Behind one NAT, a partner's valid key goes through while another client guesses.
    const { key } = await createApiKey(first.sql, { role: 'PARTNER', name: 'behind the NAT' });
    const right = await post(first, SIXTEEN, from(guesser, bearer(key)));
    expect(right.status).toBe(200);
    expect(right.body.extensions.budget).toMatchObject({ limit: 500 });
    // And the address may still read without one.
    expect((await post(first, SIXTEEN, from(guesser))).status).toBe(200);
  });

  it('gives an IPv6 /64 one anonymous budget, and an IPv4-mapped address its IPv4 one', async () => {
    await post(first, SIXTEEN, from('2001:db8:1:2::1'));
    const sameNetwork = await post(first, SIXTEEN, from('2001:db8:1:2:ffff:eeee:dddd:cccc'));
    expect(sameNetwork.body.extensions.budget.remaining).toBe(300 - 32);
    const otherNetwork = await post(first, SIXTEEN, from('2001:db8:1:3::1'));
    expect(otherNetwork.body.extensions.budget.remaining).toBe(300 - 16);

    await post(first, SIXTEEN, from('198.51.100.9'));
    const mapped = await post(first, SIXTEEN, from('::ffff:198.51.100.9'));
    expect(mapped.body.extensions.budget.remaining).toBe(300 - 32);
  });

  it('reports the budget on a refusal for NUL or a lone surrogate, like on any answer', async () => {
    for (const text of ['a\u0000b', 'a\uD800b']) {
      const response = await fetch(`${first.origin}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...from('198.51.100.10') },
        body: JSON.stringify({
          query: 'query ($s: String!) { region(code: $s) { name } }',
          variables: { s: text },
        }),
      });
      const refused = { headers: response.headers, body: (await response.json()) as any };
      expect(refused.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(refused.headers.get('ratelimit-remaining')).not.toBeNull();
      expect(refused.body.extensions.budget).toBeDefined();
    }
  });
});

describe('budgets and the response cache', () => {
  it("never shows one client another client's budget in a cached answer", async () => {
    const cached = await startTestApi({ env: BUDGETED, responseCacheSeconds: 30 });
    try {
      const a = await post(cached, SIXTEEN, from('198.51.100.20'));
      await post(cached, SIXTEEN, from('198.51.100.21'));
      const b = await post(cached, SIXTEEN, from('198.51.100.21'));
      expect(a.body.extensions.budget.remaining).toBe(284);
      expect(b.body.extensions.budget.remaining).toBe(268);
      expect(b.body.data).toEqual(a.body.data);
    } finally {
      await cached.close();
    }
  });
});

describe('budget stores', () => {
  it('works from memory for a single process', async () => {
    const memory = await startTestApi({ env: { ...BUDGETED, RATE_LIMITS: 'memory' } });
    try {
      const answer = await post(memory, SIXTEEN, from('198.51.100.30'));
      expect(answer.body.extensions.budget).toMatchObject({ limit: 300, remaining: 284 });
    } finally {
      await memory.close();
    }
  });

  it('can be switched off (RATE_LIMITS=off): no budget, no headers', async () => {
    const off = await startTestApi({ env: { ...BUDGETED, RATE_LIMITS: 'off' } });
    try {
      const answer = await post(off, SIXTEEN, from('198.51.100.31'));
      expect(answer.body.extensions.budget).toBeUndefined();
      expect(answer.headers.get('ratelimit-limit')).toBeNull();
    } finally {
      await off.close();
    }
  });

  it('believes X-Forwarded-For only from the proxies TRUST_PROXY names', async () => {
    const direct = await startTestApi({ env: { ...BUDGETED, TRUST_PROXY: '' } });
    try {
      await post(direct, SIXTEEN, from('203.0.113.1'));
      const second = await post(direct, SIXTEEN, from('203.0.113.2'));
      // Both count against the one real address, 127.0.0.1.
      expect(second.body.extensions.budget.remaining).toBe(268);
    } finally {
      await direct.close();
    }
  });
});
