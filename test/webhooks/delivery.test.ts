// Deliveries end to end: a change through /graphql, its delivery through the queue to a local
// receiver — exactly once per matching subscription, signed; retried with backoff; DEAD after the
// attempt limit; queued again by redeliverWebhook; stopped by a revoked key.
import { createApiKey, revokeApiKey } from '../../src/auth/api-key.commands';
import {
  CANCEL_EVENT,
  CANCEL_REGISTRATION,
  CREATE_EVENT,
  REGISTER,
  eventInput,
  registrationInput,
} from '../events/event-fixtures';
import { creditCodeFor } from '../support/referral-fixtures';
import {
  DELIVERIES,
  queueDrained,
  startWebhookNetwork,
  type WebhookNetwork,
} from '../support/webhook-fixtures';
import {
  signatureIsValid,
  startWebhookReceiver,
  type WebhookReceiver,
} from '../support/webhook-receiver';

const TAG = 'webhook delivery';
let network: WebhookNetwork;
let receiver: WebhookReceiver;
/** How the receiver answers the nth POST to each path (default 204). */
const answers = new Map<string, (nth: number) => number | null | Promise<number>>();
let codes = 0;
const nextCode = () => creditCodeFor(TAG, ++codes);

beforeAll(async () => {
  network = await startWebhookNetwork('webhook_delivery');
  receiver = await startWebhookReceiver((request, nth) =>
    (answers.get(request.path) ?? (() => 204))(nth),
  );
  await network.startWorker();
}, 120_000);

afterAll(async () => {
  await network?.close();
  await receiver?.close();
});

const deliveriesOf = async (subscriptionId: string, key: Record<string, string>) =>
  (await network.api.graphql(DELIVERIES, { id: subscriptionId }, key)).data!.node.deliveries;

it('tells each matching subscription of a status change exactly once, signed with its own secret', async () => {
  const { keys } = network;
  const statusA = await network.subscribe(keys.partnerA, receiver.url('/a-status'), [
    'REFERRAL_STATUS_CHANGED',
  ]);
  const createdA = await network.subscribe(keys.partnerA, receiver.url('/a-created'), [
    'REFERRAL_CREATED',
  ]);
  const bothA = await network.subscribe(keys.partnerA, receiver.url('/a-both'), [
    'REFERRAL_CREATED',
    'REFERRAL_STATUS_CHANGED',
  ]);
  const statusB = await network.subscribe(keys.partnerB, receiver.url('/b-status'), [
    'REFERRAL_STATUS_CHANGED',
  ]);

  const referralId = await network.createReferral(keys.partnerA, nextCode());
  await network.moveReferral(keys.staffA, referralId, 'ACCEPTED');
  await receiver.waitFor(1, '/a-status');
  await receiver.waitFor(2, '/a-both');
  await queueDrained(network.scratch.sql);

  const [status] = receiver.at('/a-status');
  expect(receiver.at('/a-status')).toHaveLength(1);
  expect(status.json).toMatchObject({
    type: 'REFERRAL_STATUS_CHANGED',
    data: { referralId, status: 'ACCEPTED', previousStatus: 'SUBMITTED' },
  });
  expect(status.headers['sme-webhook-id']).toBe(status.json.id);
  expect(status.headers['sme-webhook-event']).toBe('REFERRAL_STATUS_CHANGED');
  expect(status.headers['sme-webhook-attempt']).toBe('1');
  expect(
    Math.abs(Number(status.headers['sme-webhook-timestamp']) - Date.now() / 1000),
  ).toBeLessThan(30);
  expect(signatureIsValid(status, statusA.secret)).toBe(true);
  expect(signatureIsValid(status, bothA.secret)).toBe(false);

  expect(receiver.at('/a-created').map((r) => r.json.type)).toEqual(['REFERRAL_CREATED']);
  expect(receiver.at('/a-created')[0].json.data).toEqual({ referralId, status: 'SUBMITTED' });
  expect(signatureIsValid(receiver.at('/a-created')[0], createdA.secret)).toBe(true);
  expect(
    receiver
      .at('/a-both')
      .map((r) => r.json.type)
      .sort(),
  ).toEqual(['REFERRAL_CREATED', 'REFERRAL_STATUS_CHANGED']);
  expect(receiver.at('/a-both').every((r) => signatureIsValid(r, bothA.secret))).toBe(true);
  // Another partner's referral: partner B is never told.
  expect(receiver.at('/b-status')).toEqual([]);
  expect((await deliveriesOf(statusB.id, keys.partnerB)).totalCount).toBe(0);

  const [delivery] = (await deliveriesOf(statusA.id, keys.partnerA)).nodes;
  expect(delivery).toMatchObject({
    id: status.json.id,
    status: 'DELIVERED',
    attempts: 1,
    lastStatusCode: 204,
    lastError: null,
    nextAttemptAt: null,
  });
  expect(delivery.payload).toEqual(status.json);
});

it('counts an attempt that waits for a slow receiver as under way until its outcome is recorded', async () => {
  // The first batch's "exactly once" checks wait for the queue to drain, then look at what came.
  // An attempt in flight must keep the queue from looking drained, though graphile-worker marks
  // its job as out of attempts once the claim has queued the next attempt (due only after the
  // time limit): a drain that missed it let a test read a receiver the POST had not yet reached.
  const { keys } = network;
  answers.set('/slow', () => new Promise((resolve) => setTimeout(() => resolve(204), 1_000)));
  const slow = await network.subscribe(keys.partnerA, receiver.url('/slow'), ['REFERRAL_CREATED']);
  await network.createReferral(keys.partnerA, nextCode());

  await receiver.waitFor(1, '/slow');
  await queueDrained(network.scratch.sql);
  const [delivery] = (await deliveriesOf(slow.id, keys.partnerA)).nodes;
  expect(delivery).toMatchObject({ status: 'DELIVERED', attempts: 1, lastStatusCode: 204 });
});

it('retries a receiver that fails twice with growing waits, and delivers on the third attempt', async () => {
  const { keys } = network;
  answers.set('/flaky', (nth) => (nth <= 2 ? 503 : 200));
  const flaky = await network.subscribe(keys.partnerA, receiver.url('/flaky'), [
    'REFERRAL_CREATED',
  ]);
  await network.createReferral(keys.partnerA, nextCode());

  const posts = await receiver.waitFor(3, '/flaky');
  await queueDrained(network.scratch.sql);
  expect(receiver.at('/flaky')).toHaveLength(3);
  expect(new Set(posts.map((p) => p.json.id)).size).toBe(1);
  expect(posts.map((p) => p.headers['sme-webhook-attempt'])).toEqual(['1', '2', '3']);
  expect(posts.every((p) => signatureIsValid(p, flaky.secret))).toBe(true);
  // Base 200 ms: the first wait is drawn from [100, 200] ms, the second from [200, 400] ms.
  const firstWait = posts[1].receivedAt - posts[0].receivedAt;
  const secondWait = posts[2].receivedAt - posts[1].receivedAt;
  expect(firstWait).toBeGreaterThanOrEqual(90);
  expect(secondWait).toBeGreaterThanOrEqual(190);
  // …and not the fallback a crashed attempt leaves (time limit 2 s + backoff).
  expect(secondWait).toBeLessThan(1500);

  const [delivery] = (await deliveriesOf(flaky.id, keys.partnerA)).nodes;
  expect(delivery).toMatchObject({ status: 'DELIVERED', attempts: 3, lastStatusCode: 200 });
});

it('gives up after the attempt limit (DEAD), and redeliverWebhook tries once more', async () => {
  const { keys } = network;
  let healthy = false;
  answers.set('/down', () => (healthy ? 200 : 500));
  const down = await network.subscribe(keys.partnerA, receiver.url('/down'), ['REFERRAL_CREATED']);
  await network.createReferral(keys.partnerA, nextCode());

  await receiver.waitFor(3, '/down');
  await queueDrained(network.scratch.sql);
  // WEBHOOK_MAX_ATTEMPTS=3: never a fourth.
  await new Promise((resolve) => setTimeout(resolve, 600));
  expect(receiver.at('/down')).toHaveLength(3);
  const [dead] = (await deliveriesOf(down.id, keys.partnerA)).nodes;
  expect(dead).toMatchObject({
    status: 'DEAD',
    attempts: 3,
    lastStatusCode: 500,
    nextAttemptAt: null,
  });
  expect(dead.lastError).toMatch(/answered 500: "receiver says no".*attempt 3 of 3/);

  healthy = true;
  const redelivered = await network.api.graphql(
    `mutation ($id: ID!) { redeliverWebhook(deliveryId: $id) { id status attempts } }`,
    { id: dead.id },
    keys.partnerA,
  );
  expect(redelivered.data!.redeliverWebhook).toEqual({
    id: dead.id,
    status: 'PENDING',
    attempts: 3,
  });
  const posts = await receiver.waitFor(4, '/down');
  await queueDrained(network.scratch.sql);
  expect(posts[3].json.id).toBe(dead.id);
  expect(posts[3].headers['sme-webhook-attempt']).toBe('4');
  expect(signatureIsValid(posts[3], down.secret)).toBe(true);
  const [after] = (await deliveriesOf(down.id, keys.partnerA)).nodes;
  expect(after).toMatchObject({ status: 'DELIVERED', attempts: 4, lastStatusCode: 200 });

  // Another partner cannot queue it again: as if it did not exist.
  const foreign = await network.api.graphql(
    `mutation ($id: ID!) { redeliverWebhook(deliveryId: $id) { id } }`,
    { id: dead.id },
    keys.partnerB,
  );
  expect(foreign.errors![0].extensions!.code).toBe('NOT_FOUND');

  // An ADMIN key reaches every key's deliveries.
  const byAdmin = await network.api.graphql(
    `mutation ($id: ID!) { redeliverWebhook(deliveryId: $id) { id status } }`,
    { id: dead.id },
    keys.admin,
  );
  expect(byAdmin.errors).toBeUndefined();
  expect(byAdmin.data!.redeliverWebhook).toEqual({ id: dead.id, status: 'PENDING' });
  await receiver.waitFor(5, '/down');
  await queueDrained(network.scratch.sql);
});

it('delivers nothing more to a subscription whose key was revoked', async () => {
  const { keys, scratch } = network;
  const partner = await createApiKey(scratch.sql, {
    role: 'PARTNER',
    name: `${TAG} revoked partner`,
  });
  const key = { authorization: `Bearer ${partner.key}` };
  answers.set('/revoked', () => null); // the first attempt never answers: a retry will be due
  await network.subscribe(key, receiver.url('/revoked'), [
    'REFERRAL_CREATED',
    'REFERRAL_STATUS_CHANGED',
  ]);
  const referralId = await network.createReferral(key, nextCode());
  await receiver.waitFor(1, '/revoked');

  await revokeApiKey(scratch.sql, partner.apiKey.publicId);
  // A change after the revocation queues nothing; the retry of the one under way ends DEAD.
  await network.moveReferral(keys.staffA, referralId, 'ACCEPTED');
  const deadline = Date.now() + 15_000;
  let rows: { status: string; last_error: string | null; event_type: string }[] = [];
  while (Date.now() < deadline) {
    rows = await scratch.sql.rows(
      `SELECT d.status, d.last_error, d.event_type FROM webhook_delivery d
         JOIN webhook_subscription s ON s.id = d.subscription_id JOIN api_key k ON k.id = s.api_key_id
        WHERE k.public_id = $1`,
      [partner.apiKey.publicId],
    );
    if (rows.every((row) => row.status === 'DEAD')) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ status: 'DEAD', event_type: 'REFERRAL_CREATED' });
  expect(rows[0].last_error).toMatch(/revoked/);
  expect(receiver.at('/revoked')).toHaveLength(1);
}, 30_000);

it('tells the registering partner of each registration change: made, promoted from the waitlist, event cancelled', async () => {
  const { keys, api } = network;
  const registrations = await network.subscribe(keys.partnerA, receiver.url('/registrations'), [
    'EVENT_REGISTRATION_CHANGED',
  ]);
  const otherPartner = await network.subscribe(keys.partnerB, receiver.url('/registrations-b'), [
    'EVENT_REGISTRATION_CHANGED',
  ]);
  const event = 'T-WEBHOOK-REG';
  const created = await api.graphql(
    CREATE_EVENT,
    { input: eventInput(event, { capacity: 1 }) },
    keys.staffA,
  );
  expect(created.errors).toBeUndefined();
  const register = async (n: number) => {
    const response = await api.graphql(
      REGISTER,
      { input: registrationInput(event, creditCodeFor(TAG, `reg-${n}`)) },
      keys.partnerA,
    );
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data!.registerForEvent.registration.id as string;
  };
  const seated = await register(1);
  const waiting = await register(2);
  await receiver.waitFor(2, '/registrations');
  // The seat comes free: the waitlisted one is promoted in the same transaction.
  await api.graphql(CANCEL_REGISTRATION, { id: seated }, keys.partnerA);
  await receiver.waitFor(4, '/registrations');
  await api.graphql(CANCEL_EVENT, { code: event }, keys.staffA);
  const posts = await receiver.waitFor(5, '/registrations');
  await queueDrained(network.scratch.sql);

  const told = posts.map((p) => [
    p.json.data.registrationId,
    p.json.data.previousStatus,
    p.json.data.status,
  ]);
  expect(told).toEqual(
    expect.arrayContaining([
      [seated, null, 'CONFIRMED'],
      [waiting, null, 'WAITLISTED'],
      [seated, 'CONFIRMED', 'CANCELLED'],
      [waiting, 'WAITLISTED', 'CONFIRMED'],
      [waiting, 'CONFIRMED', 'CANCELLED'],
    ]),
  );
  expect(posts).toHaveLength(5);
  expect(
    posts.every(
      (p) => p.json.type === 'EVENT_REGISTRATION_CHANGED' && p.json.data.eventCode === event,
    ),
  ).toBe(true);
  expect(posts.every((p) => signatureIsValid(p, registrations.secret))).toBe(true);
  // No personal data in the payload, and nothing for the partner that did not register.
  expect(posts.map((p) => p.body).join()).not.toMatch(/李华|13800138000|lihua/);
  expect(receiver.at('/registrations-b')).toEqual([]);
  expect((await deliveriesOf(otherPartner.id, keys.partnerB)).totalCount).toBe(0);
});
