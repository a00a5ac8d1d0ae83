// A referral and its history commit together or not at all: when writing the history event
// fails, the creation or the move it belongs to leaves no trace. The failure is made by a trigger
// on a database of this test's own (the shared one must keep its schema).
import { createApiKey } from '../../src/auth/api-key.commands';
import {
  CREATE,
  UPDATE,
  bearer,
  creditCodeFor,
  referralInput,
  referralUuidOf,
  serviceOf,
} from '../support/referral-fixtures';
import { createScratchNetwork, type ScratchNetwork } from '../support/scratch-network';
import { startTestApi, type TestApi } from '../support/test-api';

let network: ScratchNetwork;
let api: TestApi;
let partner: Record<string, string>;
let staff: Record<string, string>;
let serviceId: string;

beforeAll(async () => {
  network = await createScratchNetwork('atomicity');
  api = await startTestApi({ databaseUrl: network.url });
  const key = async (role: string, name: string, institutionCode?: string) =>
    bearer((await createApiKey(network.sql, { role, name, institutionCode })).key);
  partner = await key('PARTNER', 'atomicity partner');
  staff = await key('INSTITUTION_STAFF', 'atomicity staff', 'C-441900');
  serviceId = await serviceOf(network.sql, 'C-441900');
  await network.dataSource.query(`
    CREATE TABLE refused_event (status text PRIMARY KEY);
    CREATE FUNCTION refuse_event() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM refused_event WHERE status = NEW.status::text) THEN
        RAISE EXCEPTION 'history refused by the test';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER refuse_event BEFORE INSERT ON referral_event
      FOR EACH ROW EXECUTE FUNCTION refuse_event();`);
});
afterAll(async () => {
  await api?.close();
  await network?.drop();
});

/** From now on, the history refuses events of these statuses (and only these). */
async function refuseEvents(...statuses: string[]) {
  await network.dataSource.query('DELETE FROM refused_event');
  for (const status of statuses)
    await network.dataSource.query('INSERT INTO refused_event (status) VALUES ($1)', [status]);
}

const state = async (referralId: string) => {
  const uuid = referralUuidOf(referralId);
  const [referral] = await network.dataSource.query('SELECT status FROM referral WHERE uuid = $1', [
    uuid,
  ]);
  const events: { status: string }[] = await network.dataSource.query(
    'SELECT status FROM referral_event WHERE referral_uuid = $1 ORDER BY id',
    [uuid],
  );
  return { status: referral?.status ?? null, history: events.map((event) => event.status) };
};

describe('a move and its history event', () => {
  it('are both undone when the event cannot be written: the referral keeps its status', async () => {
    await refuseEvents();
    const created = await api.graphql(
      CREATE,
      { input: referralInput(serviceId, creditCodeFor('atomicity', 1)) },
      partner,
    );
    expect(created.errors).toBeUndefined();
    const id = created.data!.createReferral.referral.id;

    await refuseEvents('ACCEPTED');
    const refused = await api.graphql(
      UPDATE,
      { input: { referralId: id, status: 'ACCEPTED' } },
      staff,
    );
    expect(refused.data).toBeNull();
    expect(refused.errors![0].extensions!.code).toBe('INTERNAL_SERVER_ERROR');
    expect(refused.errors![0].message).not.toMatch(/history refused|referral_event|INSERT/);
    expect(await state(id)).toEqual({ status: 'SUBMITTED', history: ['SUBMITTED'] });

    // The same move goes through, with its event, once the history accepts it.
    await refuseEvents();
    const accepted = await api.graphql(
      UPDATE,
      { input: { referralId: id, status: 'ACCEPTED' } },
      staff,
    );
    expect(accepted.errors).toBeUndefined();
    expect(await state(id)).toEqual({ status: 'ACCEPTED', history: ['SUBMITTED', 'ACCEPTED'] });
  });

  it('are both undone at creation: no referral and no enterprise are left behind', async () => {
    const creditCode = creditCodeFor('atomicity', 2);
    const input = referralInput(serviceId, creditCode);
    await refuseEvents('SUBMITTED');
    const refused = await api.graphql(CREATE, { input }, partner);
    expect(refused.errors![0].extensions!.code).toBe('INTERNAL_SERVER_ERROR');
    const left = await network.dataSource.query(
      `SELECT (SELECT count(*) FROM referral WHERE idempotency_key = $1)::int AS referrals,
              (SELECT count(*) FROM enterprise WHERE credit_code = $2)::int AS enterprises`,
      [input.idempotencyKey, creditCode],
    );
    expect(left).toEqual([{ referrals: 0, enterprises: 0 }]);

    // A retry with the same idempotency key, once the history accepts it, creates it afresh.
    await refuseEvents();
    const retried = await api.graphql(CREATE, { input }, partner);
    expect(retried.errors).toBeUndefined();
    expect(await state(retried.data!.createReferral.referral.id)).toEqual({
      status: 'SUBMITTED',
      history: ['SUBMITTED'],
    });
  });
});
