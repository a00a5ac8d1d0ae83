// A network of its own for webhook tests: a scratch database (deliveries and queue jobs of one
// file never reach another's workers), the API over HTTP with short retries, keys, a service to
// refer to, and delivery workers the test starts and stops.
import { Sql } from '../../src/db/sql';
import { createLogger } from '../../src/logger';
import type { JobQueue } from '../../src/db/job-queue';
import type { AttemptOutcome } from '../../src/webhooks/webhook-sender';
import { startWebhookWorker } from '../../src/webhooks/webhook-worker';
import { makeKeys, referralInput, serviceOf } from './referral-fixtures';
import { createScratchNetwork, type ScratchNetwork } from './scratch-network';
import { startTestApi, type TestApi } from './test-api';

export const WEBHOOK_TEST_ENV = {
  WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
  WEBHOOK_RETRY_BASE_MS: '200',
  WEBHOOK_RETRY_MAX_MS: '2000',
  WEBHOOK_MAX_ATTEMPTS: '3',
  WEBHOOK_TIMEOUT_MS: '2000',
  WEBHOOK_POLL_INTERVAL_MS: '100',
};

export const SUBSCRIBE = `mutation ($input: CreateWebhookSubscriptionInput!) {
  createWebhookSubscription(input: $input) { secret subscription { id url events active } } }`;

export const CREATE_REFERRAL = `mutation ($input: CreateReferralInput!) {
  createReferral(input: $input) { referral { id status } } }`;

export const MOVE_REFERRAL = `mutation ($input: UpdateReferralStatusInput!) {
  updateReferralStatus(input: $input) { referral { id status } } }`;

export const DELIVERIES = `query ($id: ID!) { node(id: $id) { ... on WebhookSubscription {
  deliveries(first: 50) { totalCount nodes { id eventType status attempts lastStatusCode lastError nextAttemptAt deliveredAt payload } } } } }`;

export interface WebhookNetwork {
  scratch: ScratchNetwork;
  api: TestApi;
  keys: Awaited<ReturnType<typeof makeKeys>>;
  /** A service of C-441900 (staff A's institution). */
  serviceId: string;
  /** Starts a delivery worker (its own pool, like another process's). */
  startWorker(
    onAttempt?: (uuid: string, attempt: number, outcome: AttemptOutcome) => void,
  ): Promise<JobQueue>;
  subscribe(
    key: Record<string, string>,
    url: string,
    events: string[],
  ): Promise<{ id: string; secret: string }>;
  createReferral(key: Record<string, string>, creditCode: string): Promise<string>;
  moveReferral(key: Record<string, string>, referralId: string, status: string): Promise<void>;
  close(): Promise<void>;
}

export async function startWebhookNetwork(
  name: string,
  env: Record<string, string> = {},
): Promise<WebhookNetwork> {
  const scratch = await createScratchNetwork(name);
  const api = await startTestApi({
    databaseUrl: scratch.url,
    env: { ...WEBHOOK_TEST_ENV, ...env },
  });
  const keys = await makeKeys(scratch.sql, name);
  const serviceId = await serviceOf(scratch.sql, 'C-441900');
  const workers: JobQueue[] = [];
  const network: WebhookNetwork = {
    scratch,
    api,
    keys,
    serviceId,
    async startWorker(onAttempt) {
      const worker = await startWebhookWorker({
        url: scratch.url,
        sql: new Sql(scratch.dataSource),
        config: api.config.webhooks,
        log: createLogger('silent'),
        onAttempt,
      });
      workers.push(worker!);
      return worker!;
    },
    async subscribe(key, url, events) {
      const response = await api.graphql(SUBSCRIBE, { input: { url, events } }, key);
      if (response.errors) throw new Error(JSON.stringify(response.errors));
      const created = response.data!.createWebhookSubscription;
      return { id: created.subscription.id, secret: created.secret };
    },
    async createReferral(key, creditCode) {
      const response = await api.graphql(
        CREATE_REFERRAL,
        { input: referralInput(serviceId, creditCode) },
        key,
      );
      if (response.errors) throw new Error(JSON.stringify(response.errors));
      return response.data!.createReferral.referral.id;
    },
    async moveReferral(key, referralId, status) {
      const response = await api.graphql(MOVE_REFERRAL, { input: { referralId, status } }, key);
      if (response.errors) throw new Error(JSON.stringify(response.errors));
    },
    async close() {
      for (const worker of workers) await worker.stop();
      await api.close();
      await scratch.drop();
    },
  };
  return network;
}

/**
 * A job fetched longer ago than this is no longer running: the attempt's time limit, plus room
 * for its claim and record on a loaded machine. Only a killed process leaves older locks.
 */
const RUNNING_AT_MOST_MS = Number(WEBHOOK_TEST_ENV.WEBHOOK_TIMEOUT_MS) + 5_000;

/**
 * Waits until no delivery job is waiting or running. A running job is told by its lock, not its
 * attempts: once its attempt's claim has queued the next attempt under the same job key,
 * graphile-worker marks the running job as out of attempts (`attempts = max_attempts`), and that
 * next attempt is not due before the time limit has passed — so, counted by due jobs alone, an
 * attempt in flight looks like an empty queue.
 */
export async function queueDrained(sql: Sql, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const [{ count }] = await sql.rows<{ count: number }>(
      `SELECT count(*)::int AS count FROM graphile_worker.jobs
        WHERE task_identifier = 'deliver_webhook'
          AND (locked_at > now() - $1::int * interval '1 millisecond'
               OR (locked_at IS NULL AND run_at <= now() + interval '1 second' AND attempts < max_attempts))`,
      [RUNNING_AT_MOST_MS],
    );
    if (count === 0) return;
    if (Date.now() > deadline) throw new Error(`${count} delivery jobs still queued or running`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
