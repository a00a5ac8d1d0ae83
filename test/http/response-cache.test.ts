// Anonymous directory answers are reused for a while; nothing else is. The cache keys on what is
// executed, holds a bounded number of bytes, drops expired answers on its own, and is emptied in
// every process when the network changes.
import { createHash } from 'node:crypto';
import { createApiKey } from '../../src/auth/api-key.commands';
import { bearer } from '../support/referral-fixtures';
import { seededScratchDatabase } from '../support/seeded-scratch';
import { startTestApi, type TestApi } from '../support/test-api';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ responseCacheSeconds: 30 });
});
afterAll(() => api.close());

const PAGE = `query ($code: String!) { institutions(first: 5, filter: { regionCode: $code }) { nodes { code parent { code } } } }`;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function post(origin: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

describe('the response cache', () => {
  it('answers a repeated anonymous query without touching the database', async () => {
    const first = await api.countedGraphql(PAGE, { code: '32' });
    const second = await api.countedGraphql(PAGE, { code: '32' });
    expect(first.statements).toBeGreaterThan(0);
    expect(second.statements).toBe(0);
    expect(second.response.data).toEqual(first.response.data);
  });

  it('keys the cache by variables', async () => {
    await api.countedGraphql(PAGE, { code: '33' });
    const other = await api.countedGraphql(PAGE, { code: '34' });
    expect(other.statements).toBeGreaterThan(0);
    expect(other.response.data!.institutions.nodes[0].code).toBe('C-340000');
  });

  it('does not keep answers with errors', async () => {
    // Partial data: the first field reads the database, the second is refused.
    const partial = `{ a: institutions(first: 1) { nodes { code } } b: institutions(first: 0) { totalCount } }`;
    const first = await api.countedGraphql(partial);
    expect(first.response.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(first.statements).toBeGreaterThan(0);
    const second = await api.countedGraphql(partial);
    expect(second.statements).toBe(first.statements);
  });

  it('gives each persisted query its own answer, even under the same operation name', async () => {
    const beijing = 'query Region { region(code: "11") { name } }';
    const guangdong = 'query Region { region(code: "44") { name } }';
    for (const query of [guangdong, beijing]) {
      const persisted = { version: 1, sha256Hash: sha256(query) };
      const registered = await post(api.origin, {
        query,
        extensions: { persistedQuery: persisted },
      });
      expect(registered.status).toBe(200);
    }
    const byHash = (query: string) =>
      post(api.origin, {
        operationName: 'Region',
        extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query) } },
      });
    expect((await byHash(guangdong)).body.data.region.name).toBe('广东省');
    expect((await byHash(beijing)).body.data.region.name).toBe('北京市');
    expect((await byHash(guangdong)).body.data.region.name).toBe('广东省');
  });

  it('answers an unknown operation name with 400, not a server error', async () => {
    const answer = await post(api.origin, {
      query: 'query A { viewer { role } }',
      operationName: 'B',
    });
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].extensions.code).toBe('OPERATION_RESOLUTION_FAILURE');
  });
});

describe('the response cache, bounded', () => {
  it('holds no more bytes than RESPONSE_CACHE_MAX_BYTES, however many answers it is given', async () => {
    const small = await startTestApi({
      responseCacheSeconds: 30,
      env: { RESPONSE_CACHE_MAX_BYTES: '200000' },
    });
    try {
      // 80 different answers of about 10 kB each: four times what the cache may hold.
      for (let page = 1; page <= 80; page++) {
        const response = await small.graphql(
          `{ services(first: ${page}) { nodes { code name nameEn description } } }`,
        );
        expect(response.errors).toBeUndefined();
      }
      const { entries, bytes } = small.server.responseCache.size;
      expect(bytes).toBeLessThanOrEqual(200_000);
      expect(bytes).toBeGreaterThan(100_000);
      expect(entries).toBeLessThan(80);
    } finally {
      await small.close();
    }
  });

  it('drops expired answers on its own, without the same query coming back', async () => {
    const brief = await startTestApi({ responseCacheSeconds: 1 });
    try {
      await brief.graphql('{ region(code: "45") { name } }');
      expect(brief.server.responseCache.size.entries).toBe(1);
      await sleep(2500);
      expect(brief.server.responseCache.size.entries).toBe(0);
    } finally {
      await brief.close();
    }
  });
});

describe('the response cache, when the network changes', () => {
  let scratch: Awaited<ReturnType<typeof seededScratchDatabase>>;
  let first: TestApi;
  let second: TestApi;
  let admin: Record<string, string>;

  beforeAll(async () => {
    scratch = await seededScratchDatabase('response_cache');
    // Two processes of one deployment, over one database.
    first = await startTestApi({ databaseUrl: scratch.url, responseCacheSeconds: 30 });
    second = await startTestApi({ databaseUrl: scratch.url, responseCacheSeconds: 30 });
    admin = bearer((await createApiKey(first.sql, { role: 'ADMIN', name: 'cache admin' })).key);
  });
  afterAll(async () => {
    await first.close();
    await second.close();
    await scratch.drop();
  });

  const READ = '{ institution(code: "C-441900") { name contact { phone } } }';
  const rename = (name: string) =>
    `mutation { updateInstitution(input: { code: "C-441900", name: "${name}" }) { institution { name } } }`;

  // On a database of its own: no other file's write can empty the cache between its requests and
  // hide an answer stored for a key.
  it('neither serves nor stores an answer for a request made with a key', async () => {
    const { key } = await createApiKey(first.sql, { role: 'PARTNER', name: 'cache test' });
    const keyed = await second.countedGraphql(PAGE, { code: '35' }, bearer(key));
    const keyedAgain = await second.countedGraphql(PAGE, { code: '35' }, bearer(key));
    // The key check is one statement; the page itself is read again in full.
    expect(keyed.statements).toBeGreaterThan(1);
    expect(keyedAgain.statements).toBe(keyed.statements);
    // Nothing was kept for the keyed requests: the first anonymous one reads, the next is a hit.
    expect((await second.countedGraphql(PAGE, { code: '35' })).statements).toBeGreaterThan(0);
    expect((await second.countedGraphql(PAGE, { code: '35' })).statements).toBe(0);
  });

  it('empties the writing process at once and every other process within a second', async () => {
    expect((await first.graphql(READ)).data!.institution.name).toBe('东莞市中小企业服务中心');
    expect((await second.graphql(READ)).data!.institution.name).toBe('东莞市中小企业服务中心');
    // Both now answer from their caches.
    expect((await second.countedGraphql(READ)).statements).toBe(0);

    const renamed = await first.graphql(rename('东莞市中小企业公共服务中心'), undefined, admin);
    expect(renamed.errors).toBeUndefined();
    expect((await first.graphql(READ)).data!.institution.name).toBe('东莞市中小企业公共服务中心');
    await sleep(1000);
    expect((await second.graphql(READ)).data!.institution.name).toBe('东莞市中小企业公共服务中心');
  });

  it('keeps its answers after a write that anonymous readers cannot see', async () => {
    await second.graphql(READ);
    const refused = await first.graphql(rename('x'), undefined, {}); // no key: FORBIDDEN
    expect(refused.errors![0].extensions!.code).toBe('FORBIDDEN');
    const viewer = await first.graphql('mutation { __typename }', undefined, admin);
    expect(viewer.errors).toBeUndefined();
    await sleep(300);
    expect((await second.countedGraphql(READ)).statements).toBe(0);
  });
});
