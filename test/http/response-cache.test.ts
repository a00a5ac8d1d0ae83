// Anonymous directory answers are reused for a while; nothing else is.
import { createApiKey } from '../../src/auth/api-key.commands';
import { bearer } from '../support/referral-fixtures';
import { startTestApi, type TestApi } from '../support/test-api';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ responseCacheSeconds: 30 });
});
afterAll(() => api.close());

const PAGE = `query ($code: String!) { institutions(first: 5, filter: { regionCode: $code }) { nodes { code parent { code } } } }`;

describe('the response cache', () => {
  it('answers a repeated anonymous query without touching the database', async () => {
    const first = await api.countedGraphql(PAGE, { code: '32' });
    const second = await api.countedGraphql(PAGE, { code: '32' });
    expect(first.statements).toBeGreaterThan(0);
    expect(second.statements).toBe(0);
    expect(second.response).toEqual(first.response);
  });

  it('keys the cache by variables', async () => {
    await api.countedGraphql(PAGE, { code: '33' });
    const other = await api.countedGraphql(PAGE, { code: '34' });
    expect(other.statements).toBeGreaterThan(0);
    expect(other.response.data!.institutions.nodes[0].code).toBe('C-340000');
  });

  it('never serves requests made with a key from it', async () => {
    const { key } = await createApiKey(api.sql, { role: 'PARTNER', name: 'cache test' });
    await api.countedGraphql(PAGE, { code: '35' }, bearer(key));
    const again = await api.countedGraphql(PAGE, { code: '35' }, bearer(key));
    expect(again.statements).toBeGreaterThan(0);
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
});
