// Subscriptions through /graphql: who may make them, which URLs are refused and why, the secret
// shown once and kept only encrypted, listing and deleting.
import { createApiKey } from '../../src/auth/api-key.commands';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { createApiServer } from '../../src/app/server';
import { Sql } from '../../src/db/sql';
import { createNetworkDataSource } from '../../src/app/data-source';
import { bearer, makeKeys } from '../support/referral-fixtures';
import { startTestApi, type TestApi } from '../support/test-api';
import { testDatabaseUrl } from '../support/test-database';
import { SUBSCRIBE } from '../support/webhook-fixtures';

const TAG = 'webhook subscriptions';
let api: TestApi;
let keys: Awaited<ReturnType<typeof makeKeys>>;

beforeAll(async () => {
  // The shared database: subscriptions of this file's own keys only, no worker runs here.
  api = await startTestApi();
  keys = await makeKeys(api.sql, TAG);
});

afterAll(async () => {
  await api?.close();
});

const subscribe = (key: Record<string, string>, url: string, events = ['REFERRAL_CREATED']) =>
  api.graphql(SUBSCRIBE, { input: { url, events } }, key);

describe('URL rules (no private targets allowed)', () => {
  it.each([
    [
      'http://127.0.0.1/hook',
      /points at a loopback address: webhooks go to public addresses only \(for development, set WEBHOOK_ALLOW_PRIVATE_TARGETS=true on the server to allow loopback and private ones\)/,
    ],
    ['http://[::1]/hook', /points at a loopback address/],
    ['https://10.1.2.3/hook', /points at a private \(RFC 1918\) address/],
    ['https://192.168.0.10/hook', /private \(RFC 1918\)/],
    ['https://2130706433/hook', /points at a loopback address/],
    [
      'https://localhost/hook',
      /names the host localhost, which resolves to a loopback address: webhooks go to public addresses only .*WEBHOOK_ALLOW_PRIVATE_TARGETS=true/,
    ],
    [
      'http://169.254.169.254/latest/meta-data',
      /points at a link-local address: webhooks never go there, whatever the server's settings; use a public address/,
    ],
    ['https://[fd00:ec2::254]/', /points at a cloud metadata address: webhooks never go there/],
    ['https://[::ffff:169.254.169.254]/', /a link-local address: webhooks never go there/],
    ['https://224.0.0.1/', /a multicast address: webhooks never go there/],
    ['https://0.0.0.0/', /an unspecified address: webhooks never go there/],
    ['ftp://example.com/hook', /uses the scheme ftp: webhooks are POSTed to https:\/\/ URLs/],
    ['https://user:pw@example.com/hook', /carries credentials/],
    ['https://no-such-host.invalid/hook', /does not resolve: check the name/],
    [
      'https://93.184.215.14:8443/hook',
      /uses port 8443: webhooks go to port 443 \(https:\/\/\) or 80 \(http:\/\/\) \(for development, set WEBHOOK_ALLOW_PRIVATE_TARGETS=true on the server to allow any port\)/,
    ],
    ['http://93.184.215.14:22/hook', /uses port 22/],
  ])('refuses %s with BAD_USER_INPUT saying why', async (url, why) => {
    const response = await subscribe(keys.partnerA, url);
    expect(response.data).toBeNull();
    expect(response.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'url' });
    expect(response.errors![0].message).toMatch(why);
  });

  it('never says which address a refused host name resolves to', async () => {
    // localhost resolves to 127.0.0.1 and/or ::1: the refusal names the kind, not the address.
    const response = await subscribe(keys.partnerA, 'https://localhost/hook');
    const message = response.errors![0].message;
    expect(message).toMatch(/resolves to a loopback address/);
    expect(message).not.toMatch(/127\.0\.0\.1|::1/);
  });

  it('takes the web ports 443 and 80, however written', async () => {
    for (const url of ['https://93.184.215.14:443/ports', 'http://93.184.215.14:80/ports']) {
      const response = await subscribe(keys.partnerB, url);
      expect(response.errors).toBeUndefined();
      expect(response.data!.createWebhookSubscription.subscription.url).toBe(
        url.replace(/:(443|80)\//, '/'),
      );
    }
  });

  it('refuses a URL longer than 2,048 characters', async () => {
    const response = await subscribe(keys.partnerA, `https://example.com/${'a'.repeat(3000)}`);
    expect(response.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(response.errors![0].message).toMatch(/use at most 2048/);
  });

  it('refuses NUL characters like every other input', async () => {
    const response = await subscribe(keys.partnerA, 'https://example.com/a\u0000b');
    expect(response.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('refuses an empty list of events', async () => {
    const response = await subscribe(keys.partnerA, 'https://93.184.215.14/hook', []);
    expect(response.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'events',
    });
  });
});

describe('who may subscribe', () => {
  it.each([
    ['PUBLIC', () => keys.public, /send a PARTNER, AUTHORITY or ADMIN key: Authorization: Bearer/],
    ['INSTITUTION_STAFF', () => keys.staffA, /only PARTNER, AUTHORITY or ADMIN keys/],
  ])('refuses %s with FORBIDDEN', async (_role, key, why) => {
    const response = await subscribe(key(), 'https://93.184.215.14/hook');
    expect(response.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect(response.errors![0].message).toMatch(why);
    const listed = await api.graphql('{ webhookSubscriptions { totalCount } }', {}, key());
    expect(listed.errors![0].extensions!.code).toBe('FORBIDDEN');
  });
});

it('shows the secret once, keeps it only encrypted, lists and deletes subscriptions per key', async () => {
  const created = await subscribe(keys.partnerA, 'https://93.184.215.14/orders?x=1', [
    'REFERRAL_STATUS_CHANGED',
    'REFERRAL_STATUS_CHANGED',
    'EVENT_REGISTRATION_CHANGED',
  ]);
  expect(created.errors).toBeUndefined();
  const { secret, subscription } = created.data!.createWebhookSubscription;
  expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
  expect(subscription).toMatchObject({
    url: 'https://93.184.215.14/orders?x=1',
    events: ['REFERRAL_STATUS_CHANGED', 'EVENT_REGISTRATION_CHANGED'],
    active: true,
  });

  // At rest: neither the secret nor any part of it.
  const [row] = await api.sql.rows<{ secret_ciphertext: Buffer }>(
    `SELECT s.secret_ciphertext FROM webhook_subscription s JOIN api_key k ON k.id = s.api_key_id
      WHERE k.name = $1 AND s.url = $2`,
    [`${TAG} partner A`, 'https://93.184.215.14/orders?x=1'],
  );
  expect(row.secret_ciphertext.includes(Buffer.from(secret.slice(6)))).toBe(false);
  expect(row.secret_ciphertext.toString('latin1')).not.toContain(secret.slice(6, 20));

  // Never in any later answer: the type has no such field.
  const introspection = await api.graphql(
    '{ __type(name: "WebhookSubscription") { fields { name } } }',
  );
  expect(introspection.data!.__type.fields.map((f: { name: string }) => f.name).sort()).toEqual([
    'active',
    'createdAt',
    'deliveries',
    'events',
    'id',
    'url',
  ]);

  const listA = await api.graphql(
    '{ webhookSubscriptions { totalCount nodes { id } } }',
    {},
    keys.partnerA,
  );
  expect(listA.data!.webhookSubscriptions.nodes.map((n: { id: string }) => n.id)).toContain(
    subscription.id,
  );
  const listB = await api.graphql(
    '{ webhookSubscriptions { totalCount nodes { id } } }',
    {},
    keys.partnerB,
  );
  expect(listB.data!.webhookSubscriptions.nodes.map((n: { id: string }) => n.id)).not.toContain(
    subscription.id,
  );
  const nodeB = await api.graphql(
    'query ($id: ID!) { node(id: $id) { id } }',
    { id: subscription.id },
    keys.partnerB,
  );
  expect(nodeB.data!.node).toBeNull();

  const DELETE = 'mutation ($id: ID!) { deleteWebhookSubscription(id: $id) }';
  const byB = await api.graphql(DELETE, { id: subscription.id }, keys.partnerB);
  expect(byB.errors![0].extensions!.code).toBe('NOT_FOUND');
  expect((await api.graphql(DELETE, { id: subscription.id }, keys.partnerA)).data).toEqual({
    deleteWebhookSubscription: true,
  });
  expect((await api.graphql(DELETE, { id: subscription.id }, keys.partnerA)).data).toEqual({
    deleteWebhookSubscription: false,
  });
  const after = await api.graphql('{ webhookSubscriptions { nodes { id } } }', {}, keys.partnerA);
  expect(after.data!.webhookSubscriptions.nodes.map((n: { id: string }) => n.id)).not.toContain(
    subscription.id,
  );
  const malformed = await api.graphql(DELETE, { id: 'nonsense' }, keys.partnerA);
  expect(malformed.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
});

describe('in production', () => {
  it('refuses plain http:// even to a public address, and a private one even when allowed', async () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      WEBHOOK_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      RATE_LIMITS: 'off',
      RESPONSE_CACHE_SECONDS: '0',
    });
    const dataSource = createNetworkDataSource({ url: testDatabaseUrl(), poolSize: 2 });
    await dataSource.initialize();
    const server = await createApiServer({
      sql: new Sql(dataSource),
      config,
      log: createLogger('silent'),
    });
    try {
      const port = await server.listen(0);
      const post = async (url: string): Promise<any> =>
        (
          await fetch(`http://127.0.0.1:${port}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...keys.partnerA },
            body: JSON.stringify({
              query: SUBSCRIBE,
              variables: { input: { url, events: ['REFERRAL_CREATED'] } },
            }),
          })
        ).json();
      const http = await post('http://93.184.215.14/hook');
      expect(http.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(http.errors[0].message).toMatch(
        /uses plain http:\/\/: this deployment delivers to https:\/\/ URLs only/,
      );
      const metadata = await post('https://169.254.169.254/');
      expect(metadata.errors[0].message).toMatch(
        /points at a link-local address: webhooks never go there/,
      );
    } finally {
      await server.stop();
      await dataSource.destroy();
    }
  });
});

it('lets an ADMIN key delete any key’s subscription', async () => {
  const created = await subscribe(keys.partnerB, 'https://93.184.215.14/admin-deletes');
  const { id } = created.data!.createWebhookSubscription.subscription;
  const DELETE = 'mutation ($id: ID!) { deleteWebhookSubscription(id: $id) }';
  const byAdmin = await api.graphql(DELETE, { id }, keys.admin);
  expect(byAdmin.errors).toBeUndefined();
  expect(byAdmin.data).toEqual({ deleteWebhookSubscription: true });
  const listB = await api.graphql('{ webhookSubscriptions { nodes { id } } }', {}, keys.partnerB);
  expect(listB.data!.webhookSubscriptions.nodes.map((n: { id: string }) => n.id)).not.toContain(id);
});

it('names the rule when a key has too many subscriptions', async () => {
  const { key } = await createApiKey(api.sql, { role: 'PARTNER', name: `${TAG} busy partner` });
  for (let i = 0; i < 20; i++) {
    const response = await subscribe(bearer(key), `https://93.184.215.14/hook/${i}`);
    expect(response.errors).toBeUndefined();
  }
  const refused = await subscribe(bearer(key), 'https://93.184.215.14/hook/20');
  expect(refused.errors![0].extensions!.code).toBe('CONFLICT');
  expect(refused.errors![0].message).toMatch(
    /has 20 webhook subscriptions, the most allowed: delete one/,
  );
});

it('lets a key subscribe a URL twice (to rotate a secret), not a third time', async () => {
  const { key } = await createApiKey(api.sql, { role: 'PARTNER', name: `${TAG} repeater` });
  const url = 'https://93.184.215.14/same';
  const first = await subscribe(bearer(key), url);
  expect(first.errors).toBeUndefined();
  // The fragment is never sent: the same receiver.
  expect((await subscribe(bearer(key), `${url}#rotated`)).errors).toBeUndefined();
  for (const again of [url, `${url}#third`]) {
    const refused = await subscribe(bearer(key), again);
    expect(refused.errors![0].extensions!.code).toBe('CONFLICT');
    expect(refused.errors![0].message).toMatch(
      /has 2 webhook subscriptions to this URL, the most allowed \(one, and a second while rotating its secret\): delete one first/,
    );
  }
  // Another URL, or another key's subscription to this one, is not counted.
  expect((await subscribe(bearer(key), `${url}?v=2`)).errors).toBeUndefined();
  expect((await subscribe(keys.partnerB, url)).errors).toBeUndefined();
  // Deleting one makes room again.
  const DELETE = 'mutation ($id: ID!) { deleteWebhookSubscription(id: $id) }';
  const { id } = first.data!.createWebhookSubscription.subscription;
  expect((await api.graphql(DELETE, { id }, bearer(key))).errors).toBeUndefined();
  expect((await subscribe(bearer(key), url)).errors).toBeUndefined();
});

it('reads the deliveries of a whole page of subscriptions in the same statements as of one', async () => {
  const LIST = `{ webhookSubscriptions(first: 10) { totalCount nodes { id url deliveries(first: 5, status: [DEAD, FAILED]) { totalCount nodes { id status } } } } }`;
  const statementsFor = async (subscriptions: number) => {
    const { key } = await createApiKey(api.sql, {
      role: 'PARTNER',
      name: `${TAG} batching ${subscriptions}`,
    });
    for (let i = 0; i < subscriptions; i++) {
      expect(
        (await subscribe(bearer(key), `https://93.184.215.14/batch/${i}`)).errors,
      ).toBeUndefined();
    }
    const { response, statements } = await api.countedGraphql(LIST, {}, bearer(key));
    expect(response.errors).toBeUndefined();
    expect(response.data!.webhookSubscriptions.nodes).toHaveLength(subscriptions);
    return statements;
  };
  const one = await statementsFor(1);
  expect(await statementsFor(5)).toBe(one);
  expect(one).toBeLessThanOrEqual(5);
});
