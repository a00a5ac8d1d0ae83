// One partner cannot take the delivery slots from the others: its slow receiver holds at most its
// key's lanes, so another partner's webhook still goes out at once; and redeliverWebhook never
// puts a second attempt of a delivery beside one queued or under way.
import { createApiKey, revokeApiKey } from '../../src/auth/api-key.commands';
import { LANES_PER_KEY } from '../../src/webhooks/webhook-outbox';
import { bearer, creditCodeFor } from '../support/referral-fixtures';
import {
  DELIVERIES,
  queueDrained,
  startWebhookNetwork,
  type WebhookNetwork,
} from '../support/webhook-fixtures';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

const TAG = 'webhook fairness';
let network: WebhookNetwork;
let slow: WebhookReceiver;
let receiver: WebhookReceiver;
/** How the receiver answers the nth POST to each path (default 204). */
const answers = new Map<string, (nth: number) => number | null | Promise<number>>();
let codes = 0;
const nextCode = () => creditCodeFor(TAG, ++codes);
const later = (ms: number, status: number) =>
  new Promise<number>((resolve) => setTimeout(() => resolve(status), ms));

const REDELIVER = `mutation ($id: ID!) { redeliverWebhook(deliveryId: $id) { id status attempts } }`;

beforeAll(async () => {
  // The default time limit of 10 s, and retries a minute apart: a retry never comes by itself
  // while a test watches.
  network = await startWebhookNetwork('webhook_fairness', {
    WEBHOOK_TIMEOUT_MS: '10000',
    WEBHOOK_RETRY_BASE_MS: '60000',
    WEBHOOK_RETRY_MAX_MS: '60000',
  });
  // A receiver that never answers: every attempt runs into the time limit.
  slow = await startWebhookReceiver(() => null);
  receiver = await startWebhookReceiver((request, nth) =>
    (answers.get(request.path) ?? (() => 204))(nth),
  );
  await network.startWorker();
}, 120_000);

afterAll(async () => {
  await slow?.close();
  await network?.close();
  await receiver?.close();
});

const deliveriesOf = async (subscriptionId: string, key: Record<string, string>) =>
  (await network.api.graphql(DELIVERIES, { id: subscriptionId }, key)).data!.node.deliveries.nodes;
const newPartner = async (name: string) => bearer((await newPartnerKey(name)).key);
const newPartnerKey = (name: string) =>
  createApiKey(network.scratch.sql, { role: 'PARTNER', name: `${TAG} ${name}` });

it('delivers a bystander partner’s webhook at once while another partner’s receiver hangs', async () => {
  // The scenario of the report: twenty subscriptions to a receiver that never answers and three
  // changes, sixty attempts of 10 s each. Without lanes they took all 8 slots, and the bystander
  // waited about a minute (about 15 s with a 2 s time limit).
  const hogKey = await newPartnerKey('hog');
  const hog = bearer(hogKey.key);
  for (let i = 0; i < 20; i++) {
    await network.subscribe(hog, slow.url(`/hog-${i}`), ['REFERRAL_CREATED']);
  }
  const bystander = await newPartner('bystander');
  await network.subscribe(bystander, receiver.url('/bystander'), ['REFERRAL_CREATED']);
  for (let i = 0; i < 3; i++) await network.createReferral(hog, nextCode());
  await slow.waitFor(1);

  const changed = Date.now();
  await network.createReferral(bystander, nextCode());
  const [told] = await receiver.waitFor(1, '/bystander', 20_000);
  expect(told.receivedAt - changed).toBeLessThan(3_000);
  // The hog's deliveries ran in its key's lanes meanwhile, never in more at once.
  expect(slow.mostAtOnce()).toBeGreaterThanOrEqual(1);
  expect(slow.mostAtOnce()).toBeLessThanOrEqual(LANES_PER_KEY);
  // Its backlog ends DEAD at once, so that the next tests find the queue drained.
  await revokeApiKey(network.scratch.sql, hogKey.apiKey.publicId);
}, 60_000);

it('refuses redeliverWebhook with CONFLICT while an attempt is queued or under way: 30 calls, one more POST', async () => {
  const partner = await newPartner('redeliverer');
  const { id: subscriptionId } = await network.subscribe(partner, receiver.url('/redeliver'), [
    'REFERRAL_CREATED',
  ]);
  // The first POST is answered at once, every later one after 5 s: long enough to be caught.
  answers.set('/redeliver', (nth) => (nth === 1 ? 204 : later(5_000, 204)));
  await network.createReferral(partner, nextCode());
  await receiver.waitFor(1, '/redeliver');
  await queueDrained(network.scratch.sql);
  const [delivered] = await deliveriesOf(subscriptionId, partner);
  expect(delivered).toMatchObject({ status: 'DELIVERED', attempts: 1 });

  const first = await network.api.graphql(REDELIVER, { id: delivered.id }, partner);
  expect(first.data!.redeliverWebhook).toMatchObject({ status: 'PENDING', attempts: 1 });
  const refusals = [];
  // Before the attempt is under way, and while it is.
  refusals.push(await network.api.graphql(REDELIVER, { id: delivered.id }, partner));
  await receiver.waitFor(2, '/redeliver');
  // Together, so that all of them come while the attempt is under way.
  refusals.push(
    ...(await Promise.all(
      Array.from({ length: 28 }, () =>
        network.api.graphql(REDELIVER, { id: delivered.id }, partner),
      ),
    )),
  );
  expect(refusals.map((r) => r.errors?.[0].extensions!.code)).toEqual(Array(29).fill('CONFLICT'));
  expect(refusals[0].errors![0].message).toMatch(
    /already has an attempt queued or under way \(status PENDING\): redeliver it once that attempt is over/,
  );

  await queueDrained(network.scratch.sql);
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(receiver.at('/redeliver').map((r) => r.headers['sme-webhook-attempt'])).toEqual([
    '1',
    '2',
  ]);
  expect((await deliveriesOf(subscriptionId, partner))[0]).toMatchObject({
    status: 'DELIVERED',
    attempts: 2,
  });

  // Once that attempt is over, a redelivery is taken again.
  const again = await network.api.graphql(REDELIVER, { id: delivered.id }, partner);
  expect(again.errors).toBeUndefined();
  await receiver.waitFor(3, '/redeliver');
  await queueDrained(network.scratch.sql);
}, 60_000);

it('brings a FAILED delivery’s retry forward instead of queueing a second one', async () => {
  const partner = await newPartner('retrier');
  const { id: subscriptionId } = await network.subscribe(partner, receiver.url('/forward'), [
    'REFERRAL_CREATED',
  ]);
  answers.set('/forward', (nth) => (nth === 1 ? 503 : 204));
  await network.createReferral(partner, nextCode());
  await receiver.waitFor(1, '/forward');
  let [failed] = await deliveriesOf(subscriptionId, partner);
  for (let tries = 0; failed.status !== 'FAILED' && tries < 100; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    [failed] = await deliveriesOf(subscriptionId, partner);
  }
  expect(failed).toMatchObject({ status: 'FAILED', attempts: 1, lastStatusCode: 503 });
  // WEBHOOK_RETRY_BASE_MS=60000: the retry is 30 to 60 s away.
  expect(new Date(failed.nextAttemptAt).getTime() - Date.now()).toBeGreaterThan(20_000);

  const forward = await network.api.graphql(REDELIVER, { id: failed.id }, partner);
  expect(forward.data!.redeliverWebhook).toMatchObject({ status: 'PENDING', attempts: 1 });
  const posts = await receiver.waitFor(2, '/forward', 10_000);
  expect(posts[1].headers['sme-webhook-attempt']).toBe('2');
  await queueDrained(network.scratch.sql);
  expect((await deliveriesOf(subscriptionId, partner))[0]).toMatchObject({
    status: 'DELIVERED',
    attempts: 2,
  });
  // The retry that was waiting is gone, not kept for later: no job of this delivery is left.
  const uuid = Buffer.from(failed.id, 'base64').toString('utf8').replace('WebhookDelivery:', '');
  const [{ count }] = await network.scratch.sql.rows<{ count: number }>(
    'SELECT count(*)::int AS count FROM graphile_worker.jobs WHERE key = $1',
    [`webhook:${uuid}`],
  );
  expect(count).toBe(0);
}, 60_000);
