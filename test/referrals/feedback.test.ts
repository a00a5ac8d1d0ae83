// Feedback on referrals: the PARTNER that made a referral rates it once it is COMPLETED, once
// (the same rating again answers the same, a different one is CONFLICT); nobody else may, and a
// referral not yet completed cannot be rated; the rating is visible to whoever sees the referral.
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

const FEEDBACK = `mutation ($input: SubmitFeedbackInput!) {
  submitReferralFeedback(input: $input) { referral { id status feedback { rating comment at } } }
}`;
const PATH = ['ACCEPTED', 'IN_PROGRESS', 'COMPLETED'];

let api: TestApi;
let keys: Awaited<ReturnType<typeof makeKeys>>;
let serviceId: string;
let made = 0;

beforeAll(async () => {
  api = await startTestApi();
  keys = await makeKeys(api.sql, 'feedback');
  serviceId = await serviceOf(api.sql, 'C-441900');
});
afterAll(() => api?.close());

/** A referral of partner A, moved by an admin through `steps` of the lifecycle. */
async function referral(steps: number): Promise<string> {
  const created = await api.graphql<any>(
    CREATE,
    { input: referralInput(serviceId, creditCodeFor('feedback', made++)) },
    keys.partnerA,
  );
  expect(created.errors).toBeUndefined();
  const id = created.data!.createReferral.referral.id;
  for (const status of PATH.slice(0, steps)) {
    const moved = await api.graphql(UPDATE, { input: { referralId: id, status } }, keys.admin);
    expect(moved.errors).toBeUndefined();
  }
  return id;
}

const rate = (
  referralId: string,
  rating: number,
  headers: Record<string, string>,
  comment?: string,
) => api.graphql<any>(FEEDBACK, { input: { referralId, rating, comment } }, headers);

describe('submitReferralFeedback', () => {
  it('lets the partner that made a completed referral rate it once, and shows the rating to whoever sees it', async () => {
    const id = await referral(3);
    const first = await rate(id, 5, keys.partnerA, '对接及时，已获授信');
    expect(first.errors).toBeUndefined();
    expect(first.data.submitReferralFeedback.referral.feedback).toMatchObject({
      rating: 5,
      comment: '对接及时，已获授信',
    });
    // A retry answers the same; a different second rating is refused and changes nothing.
    const retry = await rate(id, 5, keys.partnerA, '对接及时，已获授信');
    expect(retry.errors).toBeUndefined();
    const changed = await rate(id, 2, keys.partnerA);
    expect(changed.errors![0].extensions!.code).toBe('CONFLICT');
    for (const headers of [keys.partnerA, keys.staffA, keys.admin]) {
      const { data } = await api.graphql<any>(
        `query ($id: ID!) { referral(id: $id) { feedback { rating comment } } }`,
        { id },
        headers,
      );
      expect(data.referral.feedback).toEqual({ rating: 5, comment: '对接及时，已获授信' });
    }
    const stored = await api.sql.rows(
      `SELECT rating FROM referral_feedback WHERE referral_uuid = $1`,
      [referralUuidOf(id)],
    );
    expect(stored).toEqual([{ rating: 5 }]);
  });

  it('refuses every other caller: another partner, staff, admin, the public', async () => {
    const id = await referral(3);
    const expected: [Record<string, string>, string][] = [
      [keys.partnerB, 'NOT_FOUND'],
      [keys.staffA, 'FORBIDDEN'],
      [keys.admin, 'FORBIDDEN'],
      [keys.public, 'FORBIDDEN'],
    ];
    for (const [headers, code] of expected) {
      const { errors } = await rate(id, 4, headers);
      expect([code, errors?.[0]?.extensions?.code]).toEqual([code, code]);
    }
    const { data } = await api.graphql<any>(
      `query ($id: ID!) { referral(id: $id) { feedback { rating } } }`,
      { id },
      keys.partnerA,
    );
    expect(data.referral.feedback).toBeNull();
  });

  it('refuses a referral that is not completed, and a rating out of 1–5', async () => {
    for (const steps of [0, 1, 2]) {
      const id = await referral(steps);
      const { errors } = await rate(id, 4, keys.partnerA);
      expect(errors![0].extensions!.code).toBe('BAD_USER_INPUT');
      expect(errors![0].message).toContain('it can be rated once it is COMPLETED');
    }
    const id = await referral(3);
    for (const rating of [0, 6]) {
      const { errors } = await rate(id, rating, keys.partnerA);
      expect(errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    }
    const { errors } = await rate(id, 3, keys.partnerA, 'x'.repeat(2001));
    expect(errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });
});
