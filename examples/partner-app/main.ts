// A partner app, end to end with the client kit: it starts a webhook receiver on a local HTTP
// server, subscribes it to REFERRAL_CREATED, finds a financing service in Dongguan, refers an
// enterprise to it, and waits for the signed webhook about that referral, which it verifies.
// Run: API_URL=http://localhost:4000/graphql PARTNER_KEY=sme_… npx ts-node examples/partner-app/main.ts
// (the server needs WEBHOOK_ALLOW_PRIVATE_TARGETS=true to deliver to this local receiver).
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CreateReferralDocument,
  CreateWebhookSubscriptionDocument,
  DeleteWebhookSubscriptionDocument,
  FinancingServicesDocument,
  createClient,
  verifyWebhook,
  type WebhookPayload,
} from '../../clients/typescript';

const API_URL = process.env.API_URL ?? 'http://localhost:4000/graphql';
const PARTNER_KEY = process.env.PARTNER_KEY;
/** The enterprise referred (a valid Unified Social Credit Code). */
const CREDIT_CODE = process.env.CREDIT_CODE ?? '91350100M000100Y43';
const WAIT_MS = Number(process.env.WAIT_MS ?? 30_000);

interface Received {
  payload: WebhookPayload;
  verified: boolean;
}

/** A receiver on 127.0.0.1: answers 204 to verified deliveries, 401 to others. */
async function startReceiver(secretOf: () => string | undefined) {
  const deliveries: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const secret = secretOf();
      const verified = secret !== undefined && verifyWebhook(secret, req.headers, rawBody);
      deliveries.push({ payload: JSON.parse(rawBody) as WebhookPayload, verified });
      res.writeHead(verified ? 204 : 401).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks`,
    deliveries,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

async function main(): Promise<void> {
  if (!PARTNER_KEY)
    throw new Error('set PARTNER_KEY to a PARTNER API key (npm run keys -- create)');
  const client = createClient({ url: API_URL, apiKey: PARTNER_KEY });
  let secret: string | undefined;
  const receiver = await startReceiver(() => secret);
  let subscriptionId: string | undefined;
  try {
    const subscribed = await client.request(CreateWebhookSubscriptionDocument, {
      input: { url: receiver.url, events: ['REFERRAL_CREATED'] },
    });
    secret = subscribed.createWebhookSubscription.secret;
    subscriptionId = subscribed.createWebhookSubscription.subscription.id;

    const found = await client.request(FinancingServicesDocument, { regionCode: '441900' });
    const service = found.oneStop.tiers.flatMap((tier) => tier.matches)[0]?.service;
    if (!service) throw new Error('no financing service serves Dongguan');

    const created = await client.request(CreateReferralDocument, {
      input: {
        idempotencyKey: randomUUID(),
        serviceId: service.id,
        note: 'partner-app example',
        enterprise: {
          creditCode: CREDIT_CODE,
          name: '东莞市长安精密模具有限公司',
          scale: 'SMALL',
          specialization: 'SPECIALIZED',
          regionCode: '441900',
        },
      },
    });
    const referralId = created.createReferral.referral.id;

    const deadline = Date.now() + WAIT_MS;
    let delivery: Received | undefined;
    while (!delivery && Date.now() < deadline) {
      delivery = receiver.deliveries.find((d) => d.payload.data.referralId === referralId);
      if (!delivery) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (!delivery) throw new Error(`no webhook about referral ${referralId} within ${WAIT_MS} ms`);
    if (!delivery.verified) throw new Error('the webhook did not carry a valid signature');
    console.log(
      JSON.stringify({
        referralId,
        service: service.name,
        webhook: { id: delivery.payload.id, type: delivery.payload.type, verified: true },
      }),
    );
  } finally {
    if (subscriptionId) {
      await client.request(DeleteWebhookSubscriptionDocument, { id: subscriptionId });
    }
    await receiver.close();
  }
}

main().catch((error: Error) => {
  console.error(`partner-app: ${error.message}`);
  process.exit(1);
});
