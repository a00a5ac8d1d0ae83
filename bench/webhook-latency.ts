// npm run bench:webhooks — how long a partner waits for a webhook: from the change (the delivery's
// createdAt, taken in the change's transaction) to the receiver's HTTP server reading the POST.
// A database of its own (embedded, in a temporary directory), the API over HTTP, one delivery
// worker in this process with the default settings (WEBHOOK_CONCURRENCY 8), a local receiver
// that answers 204. First at rest: BENCH_REST referrals (default 50) created one at a time, each
// waiting for its webhook. Then a burst: BENCH_BURST referrals (default 1,000) created 10 at a
// time as fast as the API takes them. Prints median, p95, p99 and maximum of each, and how long
// the burst took to be created and to be delivered.
import { mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { openNetwork } from '../src/app/network';
import { createReferenceData } from '../src/app/reference-data';
import { createApiServer } from '../src/app/server';
import { createApiKey } from '../src/auth/api-key.commands';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { startWebhookWorker } from '../src/webhooks/webhook-worker';
import { freePort } from '../test/support/free-port';
import { startWebhookReceiver } from '../test/support/webhook-receiver';
import { percentile } from './stats';

const REST = Number(process.env.BENCH_REST || 50);
const BURST = Number(process.env.BENCH_BURST || 1000);
const CONCURRENCY = 10;

function summary(latencies: number[]): string {
  const sorted = [...latencies].sort((a, b) => a - b);
  return `n=${sorted.length} median ${percentile(sorted, 50)} ms, p95 ${percentile(sorted, 95)} ms, p99 ${percentile(sorted, 99)} ms, max ${sorted[sorted.length - 1]} ms`;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'webhook-bench-'));
  const config = loadConfig({
    EMBEDDED_PG_DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(await freePort()),
    RATE_LIMITS: 'off',
    RESPONSE_CACHE_SECONDS: '0',
    WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
  });
  const log = createLogger('warn');
  const network = await openNetwork(config, log);
  const server = await createApiServer({
    sql: network.sql,
    config,
    log,
    reference: createReferenceData(network.sql),
  });
  const port = await server.listen(0);
  const worker = await startWebhookWorker({
    url: network.database.url,
    sql: network.sql,
    config: config.webhooks,
    log,
  });
  const receiver = await startWebhookReceiver();
  try {
    const { key } = await createApiKey(network.sql, { role: 'PARTNER', name: 'webhook bench' });
    const call = async (query: string, variables: Record<string, unknown>) => {
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: unknown; errors?: unknown[] };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data;
    };
    await call(
      `mutation ($input: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $input) { secret } }`,
      { input: { url: receiver.url('/bench'), events: ['REFERRAL_CREATED'] } },
    );
    const [service] = await network.sql.rows<{ id: number }>(
      `SELECT s.id FROM service s JOIN institution i ON i.id = s.institution_id WHERE i.code = 'C-441900' AND s.active ORDER BY s.id LIMIT 1`,
    );
    const serviceId = Buffer.from(`Service:${service.id}`).toString('base64');
    const refer = () =>
      call(
        `mutation ($input: CreateReferralInput!) { createReferral(input: $input) { referral { id } } }`,
        {
          input: {
            idempotencyKey: randomUUID(),
            serviceId,
            enterprise: {
              creditCode: '91350100M000100Y43',
              name: '基准测试企业',
              scale: 'SMALL',
              specialization: 'NONE',
              regionCode: '441900',
            },
          },
        },
      );
    const latencyOf = (index: number) => {
      const webhook = receiver.received[index];
      return webhook.receivedAt - Date.parse(webhook.json.createdAt);
    };

    // Warm up (first statements prepared, worker connected).
    for (let i = 0; i < 5; i++) await refer();
    await receiver.waitFor(5);

    const rest: number[] = [];
    for (let i = 0; i < REST; i++) {
      const before = receiver.received.length;
      await refer();
      await receiver.waitFor(before + 1);
      rest.push(latencyOf(before));
    }
    console.log(`at rest (one change at a time): ${summary(rest)}`);

    const first = receiver.received.length;
    const started = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < BURST) {
          next++;
          await refer();
        }
      }),
    );
    const created = Date.now() - started;
    await receiver.waitFor(first + BURST, undefined, 600_000);
    const delivered = Date.now() - started;
    const burst = Array.from({ length: BURST }, (_, i) => latencyOf(first + i));
    console.log(`burst of ${BURST} changes (${CONCURRENCY} at a time): ${summary(burst)}`);
    console.log(
      `burst created in ${created} ms (${Math.round((BURST / created) * 1000)}/s), all delivered ${delivered} ms after the first change`,
    );
    const ids = new Set(receiver.received.map((webhook) => webhook.json.id));
    console.log(`deliveries received ${receiver.received.length}, distinct ids ${ids.size}`);
  } finally {
    await receiver.close();
    await worker?.stop();
    await server.stop();
    await network.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
