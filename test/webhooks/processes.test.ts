// Deliveries across real API processes (npm start) over one database: a process killed with
// SIGKILL between a change and its delivery — one attempt under way, another not yet begun —
// loses nothing once other processes run; and processes sharing the queue never deliver the
// same attempt twice.
import { startApiProcess, post, type ApiProcess } from '../support/api-process';
import { freePort } from '../support/free-port';
import { creditCodeFor, makeKeys, referralInput, serviceOf } from '../support/referral-fixtures';
import { createScratchNetwork, type ScratchNetwork } from '../support/scratch-network';
import {
  CREATE_REFERRAL,
  MOVE_REFERRAL,
  SUBSCRIBE,
  WEBHOOK_TEST_ENV,
  queueDrained,
} from '../support/webhook-fixtures';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

const TAG = 'webhook processes';
let scratch: ScratchNetwork;
let receiver: WebhookReceiver;
let keys: Awaited<ReturnType<typeof makeKeys>>;
let serviceId: string;
const processes: ApiProcess[] = [];
let crashHangs = true;

const start = async (env: Record<string, string> = {}) => {
  const process = startApiProcess(await freePort(), {
    ...WEBHOOK_TEST_ENV,
    DATABASE_URL: scratch.url,
    RATE_LIMITS: 'off',
    RESPONSE_CACHE_SECONDS: '0',
    ...env,
  });
  processes.push(process);
  await process.waitFor('API ready at', 180_000);
  return process;
};

const call = async (
  process: ApiProcess,
  query: string,
  variables: Record<string, unknown>,
  key: Record<string, string>,
) => {
  const { body } = await post(process.url, query, variables, key);
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
};

beforeAll(async () => {
  scratch = await createScratchNetwork('webhook_processes');
  keys = await makeKeys(scratch.sql, TAG);
  serviceId = await serviceOf(scratch.sql, 'C-441900');
  receiver = await startWebhookReceiver((request) =>
    request.path === '/crash' && crashHangs ? null : 200,
  );
}, 120_000);

afterAll(async () => {
  await Promise.all(processes.map((process) => process.stop()));
  await receiver?.close();
  await scratch?.drop();
});

const deliveriesTo = (path: string) =>
  scratch.sql.rows<{ status: string; attempts: number }>(
    `SELECT d.status, d.attempts FROM webhook_delivery d JOIN webhook_subscription s ON s.id = d.subscription_id
      WHERE s.url = $1`,
    [receiver.url(path)],
  );

it('delivers after a restart what a killed process had committed, under way or not begun', async () => {
  // One delivery at a time: while the first hangs, the second waits its turn.
  const doomed = await start({ WEBHOOK_CONCURRENCY: '1' });
  await call(
    doomed,
    SUBSCRIBE,
    { input: { url: receiver.url('/crash'), events: ['REFERRAL_CREATED'] } },
    keys.partnerA,
  );
  await call(
    doomed,
    SUBSCRIBE,
    { input: { url: receiver.url('/later'), events: ['REFERRAL_STATUS_CHANGED'] } },
    keys.partnerA,
  );
  const created = await call(
    doomed,
    CREATE_REFERRAL,
    { input: referralInput(serviceId, creditCodeFor(TAG, 1)) },
    keys.partnerA,
  );
  await receiver.waitFor(1, '/crash');
  const referralId = created.createReferral.referral.id;
  await call(doomed, MOVE_REFERRAL, { input: { referralId, status: 'ACCEPTED' } }, keys.staffA);

  doomed.child.kill('SIGKILL');
  expect(await doomed.exit).toBeNull();
  expect(receiver.at('/later')).toEqual([]);
  expect(await deliveriesTo('/later')).toEqual([{ status: 'PENDING', attempts: 0 }]);
  expect(await deliveriesTo('/crash')).toEqual([{ status: 'PENDING', attempts: 1 }]);

  crashHangs = false;
  await Promise.all([start(), start()]);
  const [later] = await receiver.waitFor(1, '/later', 30_000);
  expect(later.json).toMatchObject({
    type: 'REFERRAL_STATUS_CHANGED',
    data: { referralId, status: 'ACCEPTED' },
  });
  // The attempt the kill cut short is made again (attempt 2), after its time limit and backoff.
  const crash = await receiver.waitFor(2, '/crash', 30_000);
  expect(crash.map((r) => r.headers['sme-webhook-attempt'])).toEqual(['1', '2']);
  expect(crash[1].json.id).toBe(crash[0].json.id);
  await queueDrained(scratch.sql);
  expect(await deliveriesTo('/later')).toEqual([{ status: 'DELIVERED', attempts: 1 }]);
  expect(await deliveriesTo('/crash')).toEqual([{ status: 'DELIVERED', attempts: 2 }]);
}, 300_000);

it('never delivers the same attempt twice from two processes sharing the queue', async () => {
  const [first, second] = processes.slice(1);
  await call(
    first,
    SUBSCRIBE,
    { input: { url: receiver.url('/burst'), events: ['REFERRAL_CREATED'] } },
    keys.partnerB,
  );
  const before = receiver.received.length;
  const count = 60;
  await Promise.all(
    Array.from({ length: count }, (_, i) =>
      call(
        i % 2 ? first : second,
        CREATE_REFERRAL,
        { input: referralInput(serviceId, creditCodeFor(TAG, 100 + i)) },
        keys.partnerB,
      ),
    ),
  );
  await receiver.waitFor(count, '/burst', 60_000);
  await queueDrained(scratch.sql);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const burst = receiver.at('/burst');
  expect(burst).toHaveLength(count);
  const attempts = receiver.received
    .slice(before)
    .map((r) => `${r.json.id}#${r.headers['sme-webhook-attempt']}`);
  expect(new Set(attempts).size).toBe(attempts.length);
  // Each process logs the attempts it made: together exactly the burst's, none made by both.
  const burstIds = new Set(
    burst.map((r) =>
      Buffer.from(r.json.id, 'base64').toString('utf8').replace('WebhookDelivery:', ''),
    ),
  );
  const madeBy = [first, second].map((process) =>
    process
      .records()
      .filter((record) => record.msg === 'webhook delivered' && burstIds.has(record.deliveryId))
      .map((record) => `${record.deliveryId}#${record.attempt}`),
  );
  console.log(
    `burst of ${count}: ${madeBy[0].length} delivered by one process, ${madeBy[1].length} by the other`,
  );
  expect(madeBy[0].length + madeBy[1].length).toBe(count);
  expect(madeBy[0].filter((made) => madeBy[1].includes(made))).toEqual([]);
  expect(await deliveriesTo('/burst')).toHaveLength(count);
  expect(
    (await deliveriesTo('/burst')).every((d) => d.status === 'DELIVERED' && d.attempts === 1),
  ).toBe(true);
}, 120_000);
