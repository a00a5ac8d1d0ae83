// One request, or a crowd of them, must not stall everyone: text search is priced by what it
// costs, heavy statements hold at most half the pool, a statement and a request have time
// limits, and waiting for a connection is bounded — overflow answers 503 at once rather than
// queueing for tens of seconds. "Within 2 s" below is a liveness bound, not a speed claim.
import { startTestApi, type TestApi } from '../support/test-api';

const LONG = '中小企业融资服务数字化转型人才培训知识产权跨境贸易'.repeat(5).slice(0, 100);
const SEARCH = (text: string) =>
  `{ services(first: 1, filter: { search: "${text}" }) { totalCount } }`;
const NORMAL = '{ institution(code: "C-441900") { name parent { name } } }';

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
}

async function post(api: TestApi, query: string) {
  const response = await fetch(`${api.origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as any,
  };
}

describe('the search stall, replayed', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startTestApi()));
  afterAll(() => api.close());

  it('refuses 100 aliased long searches before they run, by their price', async () => {
    const aliased = `{ ${Array.from({ length: 100 }, (_, i) => `s${i}: services(first: 1, filter: { search: "${LONG}" }) { totalCount }`).join(' ')} }`;
    const { result, ms } = await timed(() => api.countedGraphql(aliased));
    expect(result.statements).toBe(0);
    expect(result.response.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      limit: 'cost',
      max: 25_000,
    });
    // One long search over the catalogue costs 3,000 + 100 per character, times 100 aliases.
    expect((result.response.errors![0].extensions as any).actual).toBe(100 * (1 + 13_000 + 1));
    expect(ms).toBeLessThan(2000);
  });

  it('prices each request of one document by its own variables', async () => {
    // Measures are kept per parsed document and variables: a repeat costs what it cost before,
    // other variables what they cost.
    const query =
      'query ($n: Int!, $s: String) { services(first: $n, filter: { search: $s }) { totalCount nodes { code } } }';
    const cost = async (variables: Record<string, unknown>) =>
      (await api.graphql(query, variables)).extensions?.cost?.estimated as number;
    const small = await cost({ n: 1 });
    const large = await cost({ n: 50 });
    const searched = await cost({ n: 1, s: '融资' });
    expect(large).toBeGreaterThan(small);
    expect(searched).toBe(small + 3_200);
    expect(await cost({ n: 1 })).toBe(small);
    expect(await cost({ n: 50 })).toBe(large);
  });

  it('prices a search by its length, and a search below one institution far lower', async () => {
    const cost = async (query: string) =>
      (await api.graphql(query)).extensions?.cost?.estimated as number;
    expect(await cost(SEARCH('融资'))).toBe(1 + 3_200 + 1);
    expect(await cost(SEARCH(LONG))).toBe(1 + 13_000 + 1);
    expect(
      await cost(
        '{ institution(code: "C-441900") { services(first: 1, filter: { search: "融资" }) { totalCount } } }',
      ),
    ).toBe(1 + (1 + 104 + 1));
    expect(
      await cost('{ institutions(first: 1, filter: { search: "东莞" }) { totalCount } }'),
    ).toBe(1 + 524 + 1);
  });

  it('keeps ordinary requests answering while twenty long searches run at once', async () => {
    const searches = Array.from({ length: 20 }, () => post(api, SEARCH(LONG)));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const { result, ms } = await timed(() => post(api, NORMAL));
    expect(result.body.data.institution.name).toBe('东莞市中小企业服务中心');
    expect(ms).toBeLessThan(2000);
    // Searches share half the pool: each answers, or is told at once that the service is busy.
    const statuses = (await Promise.all(searches)).map((search) => search.status);
    expect(statuses.filter((status) => status !== 200 && status !== 503)).toEqual([]);
    expect(statuses).toContain(200);
  });

  it('serves a burst of 200 ordinary requests with the default limits', async () => {
    const burst = await startTestApi({ env: { DB_POOL_SIZE: '10' } });
    try {
      const answers = await Promise.all(Array.from({ length: 200 }, () => post(burst, NORMAL)));
      expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
    } finally {
      await burst.close();
    }
  });
});

describe('time limits', () => {
  it('stops a statement that runs past DB_STATEMENT_TIMEOUT_MS: 503 TIMEOUT, retry later', async () => {
    const api = await startTestApi({ env: { DB_STATEMENT_TIMEOUT_MS: '100' } });
    try {
      const answer = await post(api, SEARCH(LONG));
      expect(answer.status).toBe(503);
      expect(answer.body.errors[0].extensions.code).toBe('TIMEOUT');
      expect(answer.body.errors[0].message).toMatch(/took too long/);
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
      // The connection it used serves the next request.
      expect((await post(api, NORMAL)).status).toBe(200);
    } finally {
      await api.close();
    }
  });

  it('stops issuing statements for a request past REQUEST_TIMEOUT_MS', async () => {
    const api = await startTestApi({
      env: { REQUEST_TIMEOUT_MS: '300', DB_CONNECTIONS_PER_REQUEST: '1' },
    });
    try {
      const text = LONG.slice(0, 50);
      const many = `{ ${Array.from({ length: 20 }, (_, i) => `i${i}: institutions(first: 1, filter: { search: "${text}${i}" }) { totalCount }`).join(' ')} }`;
      const { result: answer, ms } = await timed(() => post(api, many));
      expect(answer.status).toBe(503);
      const codes = new Set(answer.body.errors.map((error: any) => error.extensions.code));
      expect(codes).toEqual(new Set(['TIMEOUT']));
      expect(answer.body.errors[0].message).toMatch(/ran out of its time for database work/);
      expect(ms).toBeLessThan(2000);
    } finally {
      await api.close();
    }
  });
});

describe('waiting for a connection', () => {
  it('answers 503 at once when every connection a search may use is busy', async () => {
    // Two connections: searches may hold one; each waits at most 100 ms for it.
    const api = await startTestApi({ env: { DB_POOL_SIZE: '2', DB_POOL_WAIT_MS: '100' } });
    try {
      const answers = await Promise.all(Array.from({ length: 6 }, () => post(api, SEARCH(LONG))));
      const busy = answers.filter((answer) => answer.status === 503);
      expect(busy.length).toBeGreaterThan(0);
      expect(busy[0].body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
      expect(busy[0].body.errors[0].message).toMatch(/busy/);
      expect(busy[0].headers.get('retry-after')).toBe('1');
      expect(answers.some((answer) => answer.status === 200)).toBe(true);
    } finally {
      await api.close();
    }
  });
});
