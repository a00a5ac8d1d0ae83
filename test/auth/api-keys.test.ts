// API keys: made by `npm run keys`, stored as hashes, checked on every request.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { createApiKey, revokeApiKey } from '../../src/auth/api-key.commands';
import { bearer } from '../support/referral-fixtures';
import { startTestApi, type TestApi } from '../support/test-api';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const VIEWER = `{ viewer { role name } }`;

describe('API keys', () => {
  it('are long, recognisable and random', async () => {
    const { key } = await createApiKey(api.sql, {
      role: 'PARTNER',
      name: 'keys test format',
    });
    expect(key).toMatch(/^sme_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    const { key: other } = await createApiKey(api.sql, {
      role: 'PARTNER',
      name: 'keys test format',
    });
    expect(other).not.toBe(key);
  });

  it('are stored only as the SHA-256 of the whole key: no column of the key’s row holds the key', async () => {
    const { key, apiKey } = await createApiKey(api.sql, {
      role: 'ADMIN',
      name: 'keys test storage',
    });
    const [row]: Record<string, unknown>[] = await api.dataSource.query(
      'SELECT * FROM api_key WHERE public_id = $1',
      [apiKey.publicId],
    );
    expect(key.startsWith(`sme_${apiKey.publicId}_`)).toBe(true);
    expect((row.key_hash as Buffer).toString('hex')).toBe(
      createHash('sha256').update(key, 'utf8').digest('hex'),
    );
    const dump = JSON.stringify(
      Object.values(row).map((value) => (Buffer.isBuffer(value) ? value.toString('hex') : value)),
    );
    expect(dump).not.toContain(key);
    expect(dump).not.toContain(key.slice(17)); // the secret part
  });

  it('answer a wrong secret for a known id exactly as an unknown id: nothing tells which ids exist', async () => {
    const { key } = await createApiKey(api.sql, { role: 'PARTNER', name: 'keys test probing' });
    const publicId = key.slice(4, 16);
    const secret = key.slice(17);
    const flipped = (secret[0] === 'A' ? 'B' : 'A') + secret.slice(1);
    const answer = async (candidate: string) => {
      const response = await fetch(`${api.origin}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearer(candidate) },
        body: JSON.stringify({ query: VIEWER }),
      });
      const body = (await response.json()) as any;
      return { status: response.status, errors: body.errors, data: body.data };
    };
    const wrongSecret = await answer(`sme_${publicId}_${flipped}`);
    const unknownId = await answer(`sme_${'A'.repeat(12)}_${secret}`);
    expect(wrongSecret.status).toBe(401);
    expect(wrongSecret.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(wrongSecret.errors[0].message).toMatch(/unknown/);
    expect(wrongSecret).toEqual(unknownId);
    // The key itself still works.
    expect((await api.graphql(VIEWER, {}, bearer(key))).data!.viewer.role).toBe('PARTNER');
  });

  it('make the request PARTNER, INSTITUTION_STAFF or ADMIN', async () => {
    const { key } = await createApiKey(api.sql, {
      role: 'INSTITUTION_STAFF',
      name: 'keys test staff',
      institutionCode: 'C-441900',
    });
    const { data } = await api.graphql(
      `{ viewer { role name institution { code } } }`,
      {},
      bearer(key),
    );
    expect(data!.viewer).toEqual({
      role: 'INSTITUTION_STAFF',
      name: 'keys test staff',
      institution: { code: 'C-441900' },
    });
  });

  it('stop working on the request after revocation', async () => {
    const { key, apiKey } = await createApiKey(api.sql, {
      role: 'PARTNER',
      name: 'keys test revoke',
    });
    expect((await api.graphql(VIEWER, {}, bearer(key))).data!.viewer.role).toBe('PARTNER');
    await revokeApiKey(api.sql, apiKey.publicId);
    const response = await fetch(`${api.origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(key) },
      body: JSON.stringify({ query: VIEWER }),
    });
    expect(response.status).toBe(401);
    const body = (await response.json()) as any;
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(body.errors[0].message).toMatch(/was revoked/);
  });

  it.each([
    [
      'an unknown key',
      'Bearer sme_AAAAAAAAAAAA_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      /unknown/,
    ],
    ['a malformed key', 'Bearer hunter2', /malformed/],
    ['another scheme', 'Basic dXNlcjpwYXNz', /expected "Bearer <API key>"/],
  ])(
    'refuse %s with UNAUTHENTICATED, never falling back to PUBLIC',
    async (_what, authorization, message) => {
      const { data, errors } = await api.graphql(VIEWER, {}, { authorization });
      expect(data).toBeUndefined();
      expect(errors![0].extensions!.code).toBe('UNAUTHENTICATED');
      expect(errors![0].message).toMatch(message);
    },
  );

  it('refuse a staff key without an institution and a partner key bound to one', async () => {
    await expect(createApiKey(api.sql, { role: 'INSTITUTION_STAFF', name: 'x' })).rejects.toThrow(
      /--institution CODE is required/,
    );
    await expect(
      createApiKey(api.sql, { role: 'PARTNER', name: 'x', institutionCode: 'C-441900' }),
    ).rejects.toThrow(/allowed for no other role/);
    await expect(createApiKey(api.sql, { role: 'PUBLIC', name: 'x' })).rejects.toThrow(
      /not a key role/,
    );
  });

  it('refuse an AUTHORITY key without a region and any other key bound to one', async () => {
    await expect(createApiKey(api.sql, { role: 'AUTHORITY', name: 'x' })).rejects.toThrow(
      /--region CODE is required for AUTHORITY keys/,
    );
    await expect(
      createApiKey(api.sql, { role: 'ADMIN', name: 'x', regionCode: '440000' }),
    ).rejects.toThrow(/allowed for no other role/);
    // The table holds the same rule, whatever writes to it.
    await expect(
      api.dataSource.query(
        `INSERT INTO api_key (public_id, key_hash, name, role) VALUES ('xxxxxxxxxxxx', '\\x00', 'x', 'AUTHORITY')`,
      ),
    ).rejects.toThrow(/api_key_region_check/);
  });

  it('let an AUTHORITY key send a published list as large as an ADMIN import', async () => {
    const { key } = await createApiKey(api.sql, {
      role: 'AUTHORITY',
      name: 'keys test large body',
      regionCode: '320000',
    });
    // About 1 MB: refused as too large for a partner, read (and answered) for the authority.
    const padding = ' '.repeat(1_000_000);
    const send = (authorization: Record<string, string>) =>
      fetch(`${api.origin}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...authorization },
        body: JSON.stringify({ query: `${VIEWER}${padding}` }),
      });
    const { key: partner } = await createApiKey(api.sql, { role: 'PARTNER', name: 'x' });
    expect((await send(bearer(partner))).status).toBe(413);
    const answer = await send(bearer(key));
    expect(answer.status).not.toBe(413);
  });
});

describe('npm run keys', () => {
  // Asynchronous, so that the API server in this process keeps serving meanwhile.
  const keys = (...args: string[]) =>
    new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ['-r', 'ts-node/register/transpile-only', 'src/app/cli/keys.ts', ...args],
        {
          cwd: path.resolve(__dirname, '../..'),
          env: { ...process.env, DATABASE_URL: process.env.TEST_DATABASE_URL },
        },
        (error, stdout, stderr) =>
          resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });

  it('creates a key that works, lists it without the key, and revokes it', async () => {
    const created = await keys('create', '--role', 'PARTNER', '--name', 'keys cli test');
    expect(created.status).toBe(0);
    const key = created.stdout.trim().split('\n').at(-1)!;
    const id = /with id (\w+)/.exec(created.stdout)![1];
    expect((await api.graphql(VIEWER, {}, bearer(key))).data!.viewer).toEqual({
      role: 'PARTNER',
      name: 'keys cli test',
    });

    const listed = await keys('list');
    expect(listed.status).toBe(0);
    expect(listed.stdout).not.toContain(key.slice(17));
    // A header row, then one row per key under it.
    const [header, ...rows] = listed.stdout.trim().split('\n');
    const columns = header.split('\t');
    expect(columns).toEqual([
      'ID',
      'ROLE',
      'INSTITUTION',
      'REGION',
      'BUDGET',
      'STATUS',
      'CREATED',
      'NAME',
    ]);
    const row = rows.map((line) => line.split('\t')).find((cells) => cells[0] === id)!;
    expect(Object.fromEntries(columns.map((column, at) => [column, row[at]]))).toMatchObject({
      ROLE: 'PARTNER',
      INSTITUTION: '-',
      REGION: '-',
      BUDGET: 'default',
      STATUS: 'active',
      NAME: 'keys cli test',
    });

    expect((await keys('revoke', id)).status).toBe(0);
    expect((await api.graphql(VIEWER, {}, bearer(key))).errors![0].extensions!.code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('explains a wrong role in one line', async () => {
    const result = await keys('create', '--role', 'KING', '--name', 'x');
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      "keys: --role 'KING' is not a key role: use one of PARTNER, INSTITUTION_STAFF, AUTHORITY, ADMIN",
    );
  });

  it('binds an AUTHORITY key to the region it names, in any of its GB/T 2260 spellings', async () => {
    const created = await keys(
      'create',
      '--role',
      'AUTHORITY',
      '--region',
      '44',
      '--name',
      '广东省工业和信息化厅',
    );
    expect(created.status).toBe(0);
    expect(created.stdout).toContain('governing 440000');
    const key = created.stdout.trim().split('\n').at(-1)!;
    const { data } = await api.graphql(
      '{ viewer { role name region { code name level } } }',
      {},
      bearer(key),
    );
    expect(data!.viewer).toEqual({
      role: 'AUTHORITY',
      name: '广东省工业和信息化厅',
      region: { code: '440000', name: '广东省', level: 'PROVINCE' },
    });
    const listed = await keys('list');
    const id = /with id (\w+)/.exec(created.stdout)![1];
    expect(listed.stdout.split('\n').find((line) => line.startsWith(id))).toContain(
      '\tAUTHORITY\t-\t440000\t',
    );
  });

  it('refuses an AUTHORITY key for a county, or for a code that names no division', async () => {
    const county = await keys('create', '--role', 'AUTHORITY', '--region', '440305', '--name', 'x');
    expect(county.status).toBe(1);
    expect(county.stderr.trim()).toBe(
      'keys: --region 440305 (南山区) is a county-level division: AUTHORITY keys govern a province or a prefecture-level division',
    );
    const nowhere = await keys('create', '--role', 'AUTHORITY', '--region', '4499', '--name', 'x');
    expect(nowhere.status).toBe(1);
    expect(nowhere.stderr.trim()).toBe("keys: --region '449900' names no GB/T 2260 division");
    const malformed = await keys('create', '--role', 'AUTHORITY', '--region', '44a', '--name', 'x');
    expect(malformed.stderr.trim()).toMatch(/^keys: --region '44a' is not a GB\/T 2260 code/);
  });
});
