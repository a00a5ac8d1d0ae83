// importNetwork over HTTP, as clients call it: ADMIN only; a province-sized body is accepted from
// an ADMIN key and refused (413) from any other, decided before the body is read; the import is
// exempt from the per-request deadline. Dry runs only: the run's shared database is not changed.
import { IMPORT_HEADER, csvRow, dongguanAgency } from '../support/import-files';
import { makeKeys } from '../support/referral-fixtures';
import { startTestApi, type TestApi } from '../support/test-api';

const IMPORT = `mutation ($input: ImportNetworkInput!) {
  importNetwork(input: $input) { dryRun rows created updated unchanged errors { line field message } }
}`;

/** `count` rows of new MARKET agencies in Dongguan, as CSV with its header. */
const agencies = (count: number) =>
  [IMPORT_HEADER, ...Array.from({ length: count }, (_, n) => csvRow(dongguanAgency(n)))].join('\n');

let api: TestApi;
let keys: Awaited<ReturnType<typeof makeKeys>>;

beforeAll(async () => {
  // A deadline no import of thousands of rows could keep: the import must be exempt from it.
  api = await startTestApi({ env: { REQUEST_TIMEOUT_MS: '100' } });
  keys = await makeKeys(api.sql, 'import-http');
});
afterAll(() => api?.close());

describe('importNetwork over HTTP', () => {
  it('is for ADMIN keys only', async () => {
    for (const headers of [keys.public, keys.partnerA, keys.staffA]) {
      const { errors } = await api.graphql(
        IMPORT,
        { input: { csv: agencies(1), dryRun: true } },
        headers,
      );
      expect(errors![0].extensions!.code).toBe('FORBIDDEN');
    }
  });

  it('accepts a province-sized body from an ADMIN key, past the request deadline', async () => {
    const csv = agencies(6_000);
    expect(Buffer.byteLength(csv)).toBeGreaterThan(1_000_000);
    const { data, errors } = await api.graphql(
      IMPORT,
      { input: { csv, dryRun: true } },
      keys.admin,
    );
    expect(errors).toBeUndefined();
    expect(data!.importNetwork).toEqual({
      dryRun: true,
      rows: 6_000,
      created: 6_000,
      updated: 0,
      unchanged: 0,
      errors: [],
    });
    const [{ count }] = await api.sql.rows<{ count: number }>(
      `SELECT count(*)::int AS count FROM institution WHERE code ~ '^M-441900-[0-9]{3,4}$'`,
    );
    expect(count).toBe(0);
  });

  it('refuses the same body from any other key with 413', async () => {
    const body = JSON.stringify({ query: IMPORT, variables: { input: { csv: agencies(6_000) } } });
    for (const headers of [keys.partnerA, keys.public]) {
      const response = await fetch(`${api.origin}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
      expect(response.status).toBe(413);
    }
  });

  it('tells each key the limit it exceeded: 100kb, or 32mb for an ADMIN key', async () => {
    const tooLarge = (bytes: number) =>
      JSON.stringify({ query: IMPORT, variables: { input: { csv: 'x'.repeat(bytes) } } });
    const refusal = async (body: string, headers: Record<string, string>) => {
      const response = await fetch(`${api.origin}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
      expect(response.status).toBe(413);
      return ((await response.json()) as any).errors[0].message as string;
    };
    expect(await refusal(tooLarge(200_000), keys.partnerA)).toContain('larger than 100kb');
    expect(await refusal(tooLarge(33 * 1024 * 1024), keys.admin)).toContain('larger than 32mb');
  });

  it('reports the bad rows of a file sent over HTTP by line and column', async () => {
    const csv = `${agencies(2)}\ninstitution,M-441900-X,名称,,COUNTY,MARKET,441900,,,,,,,,,,,,,,,`;
    const { data } = await api.graphql<any>(IMPORT, { input: { csv, dryRun: true } }, keys.admin);
    expect(data.importNetwork.errors).toEqual([
      {
        line: 4,
        field: 'tier',
        message: expect.stringContaining('tier COUNTY does not fit 东莞市 (441900), a PREFECTURE'),
      },
    ]);
    expect(data.importNetwork.created).toBe(0);
  });
});
