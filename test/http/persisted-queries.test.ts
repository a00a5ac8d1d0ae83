// Automatic persisted queries under attack: a store anyone may write to is bounded in bytes — no
// document over the per-document cap is kept, the process's copy is bounded by bytes, the table
// is trimmed to PERSISTED_QUERIES_MAX_BYTES — and a request that breaks the protocol is a client
// error with a code, never INTERNAL_SERVER_ERROR.
import { createHash } from 'node:crypto';
import { createNetworkDataSource } from '../../src/app/data-source';
import { PERSISTED_QUERY_LIMITS } from '../../src/app/persisted-queries';
import { runPendingMigrations } from '../../src/db/migrations';
import { createScratchDatabase } from '../support/scratch-database';
import { startTestApi, type TestApi } from '../support/test-api';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

async function post(api: TestApi, body: unknown) {
  const response = await fetch(`${api.origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

/** Registers `query` the way Apollo Client's persisted-query link does. */
const register = (api: TestApi, query: string) =>
  post(api, { query, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query) } } });

/** A valid document of about `bytes` bytes: the padding is a comment, which is not a token. */
const padded = (tag: string, bytes: number) =>
  `{ __typename }\n# ${tag} ${'x'.repeat(bytes - tag.length - 20)}\n`;

async function storedBytes(api: TestApi, like: string) {
  const [row] = await api.sql.rows<{ documents: number; bytes: number }>(
    `SELECT count(*)::int AS documents, coalesce(sum(octet_length(query)), 0)::int AS bytes
       FROM persisted_query WHERE query LIKE $1`,
    [like],
  );
  return row;
}

describe('the persisted-query protocol, broken', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startTestApi()));
  afterAll(() => api.close());

  it.each([
    ['an unknown version', { version: 2, sha256Hash: sha256('{ __typename }') }, '{ __typename }'],
    [
      'a hash that is not the query’s',
      { version: 1, sha256Hash: sha256('other') },
      '{ __typename }',
    ],
    ['a hash that is not a string', { version: 1, sha256Hash: 12 }, '{ __typename }'],
  ])('refuses %s as a client error', async (_what, persistedQuery, query) => {
    const answer = await post(api, { query, extensions: { persistedQuery } });
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('answers an unknown hash with PERSISTED_QUERY_NOT_FOUND, as clients expect', async () => {
    const answer = await post(api, {
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256('never registered') } },
    });
    expect(answer.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});

describe('what registrations may store', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startTestApi()));
  afterAll(() => api.close());

  it('keeps no document over the per-document cap: 72 kB registrations leave the store as it was', async () => {
    const cachedBefore = api.server.persistedQueries.cachedBytes();
    for (let i = 0; i < 40; i++) {
      const answer = await register(api, padded(`pq-huge-${i}`, 72_000));
      // The query itself is answered; only its keeping is refused.
      expect(answer.body.data).toEqual({ __typename: 'Query' });
    }
    expect(await storedBytes(api, '%pq-huge-%')).toEqual({ documents: 0, bytes: 0 });
    expect(api.server.persistedQueries.cachedBytes()).toBe(cachedBefore);
    // The client is told to send the document again, as for any document the store lacks.
    const byHash = await post(api, {
      extensions: {
        persistedQuery: { version: 1, sha256Hash: sha256(padded('pq-huge-0', 72_000)) },
      },
    });
    expect(byHash.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('keeps documents under the cap, and answers them by hash', async () => {
    const query = padded('pq-small', 2_000);
    await register(api, query);
    const byHash = await post(api, {
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query) } },
    });
    expect(byHash.body.data).toEqual({ __typename: 'Query' });
  });
});

describe('the store, bounded in bytes', () => {
  let api: TestApi;
  let drop: () => Promise<void>;
  const MAX_BYTES = 200_000;

  beforeAll(async () => {
    // Trimming works on the whole table: a database of its own, so that no other test's
    // documents are trimmed away.
    const scratch = await createScratchDatabase('persisted_queries');
    drop = scratch.drop;
    const dataSource = createNetworkDataSource({ url: scratch.url, applicationName: 'jest-pq' });
    await dataSource.initialize();
    await runPendingMigrations(dataSource);
    await dataSource.destroy();
    api = await startTestApi({
      databaseUrl: scratch.url,
      env: { PERSISTED_QUERIES_MAX_BYTES: String(MAX_BYTES) },
    });
  });
  afterAll(async () => {
    await api.close();
    await drop();
  });

  it('trims the table to PERSISTED_QUERIES_MAX_BYTES, least recently used out first', async () => {
    const size = PERSISTED_QUERY_LIMITS.documentBytes - 1_000;
    for (let i = 0; i < 60; i++) {
      expect((await register(api, padded(`pq-trim-${i}`, size))).status).toBe(200);
    }
    // Registrations are written after the answer; trimming follows them.
    let stored = await storedBytes(api, '%pq-trim-%');
    for (let wait = 0; wait < 50 && stored.bytes > MAX_BYTES; wait++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      stored = await storedBytes(api, '%pq-trim-%');
    }
    expect(stored.bytes).toBeLessThanOrEqual(MAX_BYTES);
    expect(stored.documents).toBeGreaterThan(0);
    // The newest survived.
    expect((await storedBytes(api, '%pq-trim-59 %')).documents).toBe(1);
    expect(api.server.persistedQueries.cachedBytes()).toBeLessThanOrEqual(
      PERSISTED_QUERY_LIMITS.cachedBytes,
    );
  });
});
