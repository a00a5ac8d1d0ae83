// What a careless or hostile client gets back when the request itself is bad: JSON errors with a
// code and a request id, never HTML or a stack; NUL and lone surrogates refused in every text
// input, naming the input; bad values quoted by their start only; forged or foreign cursors
// refused; slow senders cut off; and nothing of the body in the logs.
import net from 'node:net';
import { createApiKey } from '../../src/auth/api-key.commands';
import { bearer, serviceOf } from '../support/referral-fixtures';
import { startTestApi, type TestApi } from '../support/test-api';

let api: TestApi;
let admin: Record<string, string>;
let partner: Record<string, string>;
let serviceId: string;
const logLines: string[] = [];

beforeAll(async () => {
  api = await startTestApi({
    logSink: (line) => logLines.push(line),
    env: { HTTP_REQUEST_TIMEOUT_MS: '1500' },
  });
  admin = bearer((await createApiKey(api.sql, { role: 'ADMIN', name: 'hygiene admin' })).key);
  partner = bearer((await createApiKey(api.sql, { role: 'PARTNER', name: 'hygiene app' })).key);
  serviceId = await serviceOf(api.sql, 'C-441900');
});
afterAll(() => api.close());

async function send(body: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${api.origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) };
}

describe('bodies that are not GraphQL requests', () => {
  it('answers malformed JSON with 400 and a JSON error, no HTML, no stack, nothing of the body logged', async () => {
    const answer = await send(
      '{"query": "{ viewer { role } }", "variables": {"phone": "13912345678"',
    );
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    const { errors } = answer.json();
    expect(errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(errors[0].extensions.requestId).toBe(answer.headers.get('x-request-id'));
    expect(answer.text).not.toMatch(/<html|<pre|at \/|node_modules/i);
    expect(logLines.join('')).not.toContain('13912345678');
  });

  it('answers a body over 100 kB with 413 and a JSON error, and takes one just under', async () => {
    const padding = (size: number) =>
      JSON.stringify({ query: '{ viewer { role } }', variables: { pad: 'x'.repeat(size) } });
    const over = await send(padding(101 * 1024));
    expect(over.status).toBe(413);
    expect(over.json().errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect(over.text).not.toMatch(/<html|stack/i);
    const under = await send(padding(99 * 1024));
    expect(under.status).toBe(200);
    expect(under.json().data.viewer.role).toBe('PUBLIC');
  });

  it('answers a GET query only with a header a browser cannot send across sites (CSRF)', async () => {
    const url = `${api.origin}/graphql?query=${encodeURIComponent('{ region(code: "44") { name } }')}`;
    const plain = await fetch(url);
    expect(plain.status).toBe(400);
    const refusal = ((await plain.json()) as any).errors[0];
    expect(refusal.extensions.code).toBe('BAD_REQUEST');
    expect(refusal.message).toContain('apollo-require-preflight');
    const preflighted = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect(preflighted.status).toBe(200);
    expect(((await preflighted.json()) as any).data.region.name).toBe('广东省');
  });

  it('answers paths nobody serves with a JSON 404', async () => {
    const response = await fetch(`${api.origin}/graphq`, { method: 'POST' });
    expect(response.status).toBe(404);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('gives every answer a request id, keeping a sane one the client sent', async () => {
    const mine = await send(JSON.stringify({ query: '{ viewer { role } }' }), {
      'x-request-id': 'client-42-abcdef',
    });
    expect(mine.headers.get('x-request-id')).toBe('client-42-abcdef');
    const forged = await send(JSON.stringify({ query: '{ viewer { role } }' }), {
      'x-request-id': 'x'.repeat(500),
    });
    expect(forged.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses an empty Authorization header instead of treating it as no key', async () => {
    const answer = await send(JSON.stringify({ query: '{ viewer { role } }' }), {
      authorization: '',
    });
    expect(answer.status).toBe(401);
    expect(answer.json().errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('cuts off a client that sends its body too slowly', async () => {
    const started = Date.now();
    const closed = await new Promise<string>((resolve) => {
      const socket = net.connect(Number(new URL(api.origin).port), '127.0.0.1', () => {
        socket.write(
          'POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"que',
        );
      });
      let received = '';
      socket.on('data', (chunk) => (received += chunk));
      socket.on('close', () => resolve(received));
    });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(closed).toMatch(/^HTTP\/1\.1 408/);
  });
});

const REFERRAL = `mutation ($input: CreateReferralInput!) { createReferral(input: $input) { referral { id } } }`;
const referral = (
  patch: Record<string, unknown> = {},
  enterprise: Record<string, unknown> = {},
) => ({
  input: {
    idempotencyKey: 'hygiene-1',
    serviceId,
    note: '需要贷款',
    ...patch,
    enterprise: {
      creditCode: '91350100M000100Y43',
      name: '东莞市长安精密模具有限公司',
      scale: 'SMALL',
      regionCode: '441900',
      contactName: '李华',
      contactPhone: '13800138000',
      ...enterprise,
    },
  },
});
const NUL = 'ab\u0000cd';

/** [input, operation, variables, the field the error must name] — every free-text input. */
const TEXT_INPUTS: [string, string, Record<string, unknown>, string][] = [
  [
    'institutions search',
    'query ($s: String) { institutions(filter: { search: $s }) { totalCount } }',
    { s: NUL },
    's',
  ],
  [
    'services search',
    'query ($s: String) { services(filter: { search: $s }) { totalCount } }',
    { s: NUL },
    's',
  ],
  [
    'one-stop search',
    'query ($s: String) { oneStop(input: { regionCode: "441900", search: $s }) { matches { reason } } }',
    { s: NUL },
    's',
  ],
  ['institution code', 'query ($c: String!) { institution(code: $c) { name } }', { c: NUL }, 'c'],
  ['region code', 'query ($c: String!) { region(code: $c) { name } }', { c: NUL }, 'c'],
  [
    'referrals institutionCode',
    'query ($c: String) { referrals(filter: { institutionCode: $c }) { totalCount } }',
    { c: NUL },
    'c',
  ],
  [
    'createReferral idempotencyKey',
    REFERRAL,
    referral({ idempotencyKey: NUL }),
    'input.idempotencyKey',
  ],
  ['createReferral note', REFERRAL, referral({ note: NUL }), 'input.note'],
  ['enterprise name', REFERRAL, referral({}, { name: NUL }), 'input.enterprise.name'],
  [
    'enterprise contactName',
    REFERRAL,
    referral({}, { contactName: NUL }),
    'input.enterprise.contactName',
  ],
  [
    'enterprise creditCode',
    REFERRAL,
    referral({}, { creditCode: NUL }),
    'input.enterprise.creditCode',
  ],
  ...(['name', 'nameEn', 'code'] as const).map(
    (field): [string, string, Record<string, unknown>, string] => [
      `createInstitution ${field}`,
      'mutation ($input: CreateInstitutionInput!) { createInstitution(input: $input) { institution { code } } }',
      {
        input: {
          code: 'M-441900-90',
          name: '测试机构',
          tier: 'MUNICIPAL',
          kind: 'MARKET',
          regionCode: '441900',
          [field]: NUL,
        },
      },
      `input.${field}`,
    ],
  ),
  ...(['phone', 'address'] as const).map(
    (field): [string, string, Record<string, unknown>, string] => [
      `updateInstitution contact.${field}`,
      'mutation ($input: UpdateInstitutionInput!) { updateInstitution(input: $input) { institution { code } } }',
      { input: { code: 'C-441900', contact: { [field]: NUL } } },
      `input.contact.${field}`,
    ],
  ),
  [
    'updateInstitution name',
    'mutation ($input: UpdateInstitutionInput!) { updateInstitution(input: $input) { institution { code } } }',
    { input: { code: 'C-441900', name: NUL } },
    'input.name',
  ],
  [
    'updateInstitution nameEn',
    'mutation ($input: UpdateInstitutionInput!) { updateInstitution(input: $input) { institution { code } } }',
    { input: { code: 'C-441900', nameEn: NUL } },
    'input.nameEn',
  ],
  ...(['name', 'nameEn', 'description', 'code', 'institutionCode'] as const).map(
    (field): [string, string, Record<string, unknown>, string] => [
      `createService ${field}`,
      'mutation ($input: CreateServiceInput!) { createService(input: $input) { service { code } } }',
      {
        input: {
          institutionCode: 'C-441900',
          code: 'S-HYGIENE-1',
          name: '测试服务',
          categoryCode: 'FIN',
          deliveryMode: 'ONLINE',
          fee: 'FREE',
          [field]: NUL,
        },
      },
      `input.${field}`,
    ],
  ),
  ...(['name', 'nameEn', 'description'] as const).map(
    (field): [string, string, Record<string, unknown>, string] => [
      `updateService ${field}`,
      'mutation ($input: UpdateServiceInput!) { updateService(input: $input) { service { code } } }',
      { input: { code: 'S-HYGIENE-1', [field]: NUL } },
      `input.${field}`,
    ],
  ),
  [
    'updateReferralStatus note',
    'mutation ($input: UpdateReferralStatusInput!) { updateReferralStatus(input: $input) { referral { id } } }',
    { input: { referralId: 'UmVmZXJyYWw6MQ==', status: 'ACCEPTED', note: NUL } },
    'input.note',
  ],
];

describe('text that is not text', () => {
  it.each(TEXT_INPUTS)(
    'refuses NUL in %s, naming the input',
    async (_name, query, variables, field) => {
      const response = await api.graphql(query, variables, admin);
      expect(response.errors).toHaveLength(1);
      expect(response.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(response.errors![0].message).toContain('NUL');
      expect(response.data ?? null).toBeNull();
    },
  );

  it('refuses NUL written into the document itself', async () => {
    const response = await api.graphql(
      '{ institutions(filter: { search: "ab\\u0000cd" }) { totalCount } }',
    );
    expect(response.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'filter.search',
    });
  });

  it('checks the variables of every request, also of a document it has taken before', async () => {
    // A document's own literals are checked once (the server keeps one parsed copy of it); its
    // variables are new with every request.
    const query =
      'query ($s: String) { services(first: 1, filter: { search: $s }) { totalCount } }';
    expect((await api.graphql(query, { s: '融资' })).errors).toBeUndefined();
    const refused = await api.graphql(query, { s: NUL });
    expect(refused.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 's' });
  });

  it('refuses a document with NUL however often it is sent', async () => {
    const query = '{ services(first: 1, filter: { search: "x\\u0000y" }) { totalCount } }';
    for (let attempt = 0; attempt < 3; attempt++) {
      const response = await api.graphql(query);
      expect(response.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    }
  });

  it('refuses lone surrogates, so that two different idempotency keys never become one', async () => {
    for (const key of ['x\uDBFFy', 'x\uD800y', 'x\uDC00y']) {
      const response = await api.graphql(REFERRAL, referral({ idempotencyKey: key }), partner);
      expect(response.errors![0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.idempotencyKey',
      });
    }
    // A proper pair (an emoji) is text and is taken.
    const emoji = await api.graphql(REFERRAL, referral({ idempotencyKey: 'hygiene-😀' }), partner);
    expect(emoji.errors).toBeUndefined();
  });

  it('wrote nothing for any refused input', async () => {
    const [{ count }] = await api.sql.rows<{ count: number }>(
      `SELECT count(*)::int AS count FROM institution WHERE code = 'M-441900-90'
        UNION ALL SELECT count(*)::int FROM service WHERE code = 'S-HYGIENE-1'
        UNION ALL SELECT count(*)::int FROM referral WHERE idempotency_key LIKE 'x%y'`,
    );
    expect(count).toBe(0);
    const [{ name }] = await api.sql.rows<{ name: string }>(
      `SELECT name FROM institution WHERE code = 'C-441900'`,
    );
    expect(name).toBe('东莞市中小企业服务中心');
  });
});

describe('values quoted in errors', () => {
  it('quotes only the start of a huge bad value', async () => {
    const code = '9'.repeat(90_000);
    const response = await api.graphql('query ($c: String!) { region(code: $c) { name } }', {
      c: code,
    });
    expect(response.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(response.errors![0].message.length).toBeLessThan(300);
    expect(response.errors![0].message).toContain('(90000 characters)');
  });
});

describe('cursors', () => {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  it('refuses a forged cursor whose row id does not fit PostgreSQL', async () => {
    const response = await api.graphql(
      'query ($after: String) { institutions(first: 2, after: $after, filter: { search: "东莞" }) { totalCount } }',
      { after: encode([1, 99999999999]) },
    );
    expect(response.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
  });

  it("refuses one list's cursor in another list", async () => {
    const services = await api.graphql('{ services(first: 1) { pageInfo { endCursor } } }');
    const cursor = services.data!.services.pageInfo.endCursor;
    const same = await api.graphql(
      `query ($after: String) { services(first: 1, after: $after) { nodes { code } } }`,
      { after: cursor },
    );
    expect(same.errors).toBeUndefined();
    const other = await api.graphql(
      `query ($after: String) { institutions(first: 1, after: $after) { nodes { code } } }`,
      { after: cursor },
    );
    expect(other.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

describe('what the logs keep', () => {
  it('logs neither keys, nor contact details, nor bodies', async () => {
    logLines.length = 0;
    const [, key] = partner.authorization.split(' ');
    const made = await api.graphql(
      REFERRAL,
      referral(
        { idempotencyKey: 'hygiene-logs' },
        { contactName: '王小明', contactPhone: '13711112222', contactEmail: 'wang@example.cn' },
      ),
      partner,
    );
    expect(made.errors).toBeUndefined();
    const logs = logLines.join('');
    expect(logs).toContain('"msg":"graphql"');
    for (const secret of [key, '王小明', '13711112222', 'wang@example.cn']) {
      expect(logs).not.toContain(secret);
    }
    const entry = logLines.map((line) => JSON.parse(line)).find((line) => line.msg === 'graphql');
    expect(entry).toMatchObject({ role: 'PARTNER', statements: expect.any(Number) });
    expect(entry.keyId).toMatch(/^[A-Za-z0-9]{12}$/);
    expect(entry.requestId).toEqual(expect.any(String));
  });

  it('records the codes the client got, not INTERNAL_SERVER_ERROR', async () => {
    const logged = async (query: string) => {
      logLines.length = 0;
      const answer = await api.graphql(query);
      const entry = logLines.map((line) => JSON.parse(line)).find((line) => line.msg === 'graphql');
      return { got: answer.errors!.map((error) => error.extensions!.code), logged: entry.errors };
    };
    const missing = await logged('{ oneStop(input: { regionCode: "999999" }) { tiers { tier } } }');
    expect(missing).toEqual({ got: ['NOT_FOUND'], logged: ['NOT_FOUND'] });
    const malformed = await logged('{ oneStop(input: { regionCode: "12ab" }) { tiers { tier } } }');
    expect(malformed).toEqual({ got: ['BAD_USER_INPUT'], logged: ['BAD_USER_INPUT'] });
  });
});

describe('schema details', () => {
  it('can hide introspection and field suggestions', async () => {
    const closed = await startTestApi({
      env: { INTROSPECTION: 'false', FIELD_SUGGESTIONS: 'false' },
    });
    try {
      const introspection = await closed.graphql('{ __schema { queryType { name } } }');
      expect(introspection.errors![0].message).toMatch(/introspection/i);
      const typo = await closed.graphql('{ instituton(code: "C-441900") { name } }');
      expect(typo.errors![0].message).not.toMatch(/Did you mean/);
    } finally {
      await closed.close();
    }
    const typo = await api.graphql('{ instituton(code: "C-441900") { name } }');
    expect(typo.errors![0].message).toMatch(/Did you mean "institution"/);
  });
});
