// Read statements run as named prepared statements, planned once per connection. Their text
// never carries values, page sizes included, so paging does not grow what a connection holds.
import { startTestApi, type TestApi } from '../support/test-api';

let api: TestApi;

// One connection: every statement of the server, and the count below, share one session.
beforeAll(async () => (api = await startTestApi({ poolSize: 1 })));
afterAll(() => api.close());

/** Prepared statements the server's one connection holds, read through that connection. */
async function heldStatements(): Promise<number> {
  const [{ count }] = await api.sql.rows<{ count: number }>(
    'SELECT count(*)::int AS count FROM pg_prepared_statements',
  );
  return count;
}

const FIELDS = ['code', 'name', 'nameEn', 'tier', 'kind', 'active', 'createdAt', 'updatedAt'];

/** A nested page of services under a page of institutions, of `size` items each. */
const page = (size: number, fields: string[]) => `{
  institutions(first: ${size}, filter: { regionCode: "44" }) {
    totalCount
    nodes { ${fields.join(' ')} services(first: ${size}) { nodes { code name } } children(last: ${size}) { nodes { code } } }
  }
}`;

describe('prepared statements', () => {
  it('stay as many after 20 page sizes and 20 selections as after the first request', async () => {
    await api.graphql(page(1, FIELDS));
    const afterFirst = await heldStatements();

    for (let size = 1; size <= 20; size++) {
      expect((await api.graphql(page(size, FIELDS))).errors).toBeUndefined();
    }
    for (let i = 0; i < 20; i++) {
      const selection = FIELDS.filter((_, index) => (i >> index) % 2 === 0 || index === 0);
      expect((await api.graphql(page(5 + i, selection))).errors).toBeUndefined();
    }
    expect(await heldStatements()).toBe(afterFirst);
  });
});
