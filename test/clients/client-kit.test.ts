// The TypeScript client kit: its generated code is current with schema/schema.graphql, its
// verifier is the README's and accepts what the server signs, its client is typed and reports
// error codes, and the example partner app runs end to end against the real server.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GENERATED_FILE, generateClient } from '../../clients/typescript/codegen';
import {
  CreateWebhookSubscriptionDocument,
  GraphQLRequestError,
  WebhookSubscriptionsDocument,
  createClient,
  verifyWebhook,
} from '../../clients/typescript';
import { webhookSignature } from '../../src/webhooks/webhook-signature';
import { creditCodeFor } from '../support/referral-fixtures';
import { startWebhookNetwork, type WebhookNetwork } from '../support/webhook-fixtures';

const ROOT = path.resolve(__dirname, '../..');
const TAG = 'client kit';

describe('generated code', () => {
  it('is what GraphQL Code Generator makes of schema/schema.graphql now (npm run client:generate)', async () => {
    expect(readFileSync(GENERATED_FILE, 'utf8')).toBe(await generateClient());
  }, 30_000);
});

describe('verifyWebhook', () => {
  const secret = 'whsec_kit';
  const body = '{"id":"x","type":"REFERRAL_CREATED","data":{}}';
  const headers = (timestamp: number, signature = webhookSignature(secret, timestamp, body)) => ({
    'sme-webhook-timestamp': String(timestamp),
    'sme-webhook-signature': signature,
  });

  it('accepts what the server signs, and nothing changed or replayed', () => {
    const now = Math.floor(Date.now() / 1000);
    expect(verifyWebhook(secret, headers(now), body)).toBe(true);
    expect(verifyWebhook(secret, headers(now), body.replace('x', 'y'))).toBe(false);
    expect(verifyWebhook('whsec_other', headers(now), body)).toBe(false);
    expect(verifyWebhook(secret, headers(now - 310), body)).toBe(false);
    expect(verifyWebhook(secret, headers(now + 310), body)).toBe(false);
    expect(verifyWebhook(secret, headers(now, 'abc'), body)).toBe(false);
    expect(verifyWebhook(secret, {}, body)).toBe(false);
  });

  it('is the README’s verification snippet, word for word', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const snippet = /### Verifying a delivery \(TypeScript\)[\s\S]*?```ts\n([\s\S]+?)```/.exec(
      readme,
    )![1];
    const kit = readFileSync(path.join(ROOT, 'clients/typescript/webhooks.ts'), 'utf8');
    const verifier = /import \{ createHmac[\s\S]+?\n}\n/.exec(kit)![0];
    expect(verifier.replace(/\n\n+/g, '\n')).toBe(snippet.replace(/\n\n+/g, '\n'));
  });
});

describe('against the real server', () => {
  let network: WebhookNetwork;
  const rawKey = (key: Record<string, string>) => key.authorization.replace(/^Bearer /, '');

  beforeAll(async () => {
    network = await startWebhookNetwork('client_kit');
    await network.startWorker();
  }, 120_000);
  afterAll(() => network?.close());

  it('returns typed data, and throws with the error code', async () => {
    const client = createClient({
      url: `${network.api.origin}/graphql`,
      apiKey: rawKey(network.keys.partnerB),
    });
    const list = await client.request(WebhookSubscriptionsDocument, { first: 5 });
    expect(list.webhookSubscriptions.totalCount).toBe(0);
    const refused = await client
      .request(CreateWebhookSubscriptionDocument, {
        input: { url: 'https://169.254.169.254/', events: ['REFERRAL_CREATED'] },
      })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(GraphQLRequestError);
    expect((refused as GraphQLRequestError).code).toBe('BAD_USER_INPUT');
    const anonymous = createClient({ url: `${network.api.origin}/graphql` });
    await expect(anonymous.request(WebhookSubscriptionsDocument, {})).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('runs the example partner app end to end: subscribe, refer, receive, verify', async () => {
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', 'examples/partner-app/main.ts'],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          API_URL: `${network.api.origin}/graphql`,
          PARTNER_KEY: rawKey(network.keys.partnerA),
          CREDIT_CODE: creditCodeFor(TAG, 1),
          WAIT_MS: '20000',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect({ code, output }).toMatchObject({ code: 0 });
    const result = JSON.parse(output.trim().split('\n').pop()!);
    expect(result.webhook).toMatchObject({ type: 'REFERRAL_CREATED', verified: true });
    const [row] = await network.scratch.sql.rows<{ status: string }>(
      `SELECT d.status FROM webhook_delivery d WHERE d.data->>'referralId' = $1`,
      [result.referralId],
    );
    expect(row.status).toBe('DELIVERED');
    // It cleaned up after itself.
    const [{ active }] = await network.scratch.sql.rows<{ active: number }>(
      `SELECT count(*) FILTER (WHERE active)::int AS active FROM webhook_subscription`,
    );
    expect(active).toBe(0);
  }, 90_000);
});
