// Races the database must settle: concurrent moves from one status, concurrent retries.
import {
  CREATE,
  UPDATE,
  creditCodeFor,
  makeKeys,
  referralInput,
  referralUuidOf,
  serviceOf,
} from '../support/referral-fixtures';
import { startTestApi, type TestApi } from '../support/test-api';

let api: TestApi;
let keys: Awaited<ReturnType<typeof makeKeys>>;
let serviceId: string;
const creditCode = creditCodeFor('concurrency');

beforeAll(async () => {
  api = await startTestApi();
  keys = await makeKeys(api.sql, 'concurrency');
  serviceId = await serviceOf(api.sql, 'C-441900');
});
afterAll(() => api.close());

describe('concurrency', () => {
  it('lets exactly one of 20 parallel moves from SUBMITTED to ACCEPTED or DECLINED succeed; the others get CONFLICT', async () => {
    const created = await api.graphql(
      CREATE,
      { input: referralInput(serviceId, creditCode) },
      keys.partnerA,
    );
    const id = created.data!.createReferral.referral.id;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        api.graphql(
          UPDATE,
          {
            input: {
              referralId: id,
              expectedStatus: 'SUBMITTED',
              status: index % 2 ? 'ACCEPTED' : 'DECLINED',
              note: `move ${index}`,
            },
          },
          keys.staffA,
        ),
      ),
    );
    const succeeded = results.filter((result) => !result.errors);
    expect(succeeded).toHaveLength(1);
    const refused = results
      .filter((result) => result.errors)
      .map((result) => result.errors![0].extensions!.code);
    expect(refused).toEqual(Array(19).fill('CONFLICT'));

    const winner = succeeded[0].data!.updateReferralStatus.referral;
    const winningNote = winner.history.at(-1).note;
    // This referral's events, read straight from the table: one for its creation, one for the move.
    const events = await api.dataSource.query(
      `SELECT status, note FROM referral_event WHERE referral_uuid = $1 ORDER BY id`,
      [referralUuidOf(id)],
    );
    expect(events).toEqual([
      { status: 'SUBMITTED', note: '希望了解信用贷款' },
      { status: winner.status, note: winningNote },
    ]);
    expect(winningNote).toMatch(/^move \d+$/);
    const after = await api.graphql(
      `query ($id: ID!) { referral(id: $id) { status history { status } } }`,
      { id },
      keys.admin,
    );
    expect(after.data!.referral).toEqual({
      status: winner.status,
      history: [{ status: 'SUBMITTED' }, { status: winner.status }],
    });
  });

  it('lets exactly one of 20 parallel identical moves succeed even without expectedStatus', async () => {
    const created = await api.graphql(
      CREATE,
      { input: referralInput(serviceId, creditCode) },
      keys.partnerA,
    );
    const id = created.data!.createReferral.referral.id;
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        api.graphql(UPDATE, { input: { referralId: id, status: 'ACCEPTED' } }, keys.staffA),
      ),
    );
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    // A loser either lost the UPDATE race (CONFLICT) or read ACCEPTED after the winner committed (BAD_USER_INPUT).
    for (const result of results.filter((r) => r.errors))
      expect(['CONFLICT', 'BAD_USER_INPUT']).toContain(result.errors![0].extensions!.code);
    const after = await api.graphql(
      `query ($id: ID!) { referral(id: $id) { history { status } } }`,
      { id },
      keys.admin,
    );
    expect(after.data!.referral.history).toEqual([{ status: 'SUBMITTED' }, { status: 'ACCEPTED' }]);
  });

  it('creates exactly one referral from 50 parallel requests with the same idempotency key', async () => {
    const input = referralInput(serviceId, creditCode, { idempotencyKey: 'order-4711' });
    const results = await Promise.all(
      Array.from({ length: 50 }, () => api.graphql(CREATE, { input }, keys.partnerB)),
    );
    expect(results.filter((result) => result.errors)).toEqual([]);
    const ids = new Set(results.map((result) => result.data!.createReferral.referral.id));
    expect(ids.size).toBe(1);
    const [{ rows }] = await api.dataSource.query(
      `SELECT count(*)::int AS rows FROM referral r JOIN api_key k ON k.id = r.api_key_id
        WHERE r.idempotency_key = 'order-4711' AND k.name = 'concurrency partner B'`,
    );
    expect(rows).toBe(1);
    const [{ events }] = await api.dataSource.query(
      `SELECT count(*)::int AS events FROM referral_event e JOIN referral r ON r.uuid = e.referral_uuid
        JOIN api_key k ON k.id = r.api_key_id WHERE r.idempotency_key = 'order-4711' AND k.name = 'concurrency partner B'`,
    );
    expect(events).toBe(1);
  });
});
