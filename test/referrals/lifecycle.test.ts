// Every row of the lifecycle table of DESIGN.md, through HTTP, for every kind of caller.
import { CREATE, UPDATE, makeKeys, referralInput, serviceOf } from '../support/referral-fixtures';
import { startTestApi, type TestApi } from '../support/test-api';

let api: TestApi;
let keys: Awaited<ReturnType<typeof makeKeys>>;
let serviceId: string;

beforeAll(async () => {
  api = await startTestApi();
  keys = await makeKeys(api.sql, 'lifecycle');
  serviceId = await serviceOf(api.sql, 'C-441900'); // received by staff A's institution
});
afterAll(() => api.close());

type Caller = 'creator' | 'otherPartner' | 'staff' | 'otherStaff' | 'admin' | 'public';
const headersOf = (caller: Caller) =>
  ({
    creator: keys.partnerA,
    otherPartner: keys.partnerB,
    staff: keys.staffA,
    otherStaff: keys.staffB,
    admin: keys.admin,
    public: keys.public,
  })[caller];

/** How an admin brings a new referral to each status. */
const PATH: Record<string, string[]> = {
  SUBMITTED: [],
  ACCEPTED: ['ACCEPTED'],
  IN_PROGRESS: ['ACCEPTED', 'IN_PROGRESS'],
  COMPLETED: ['ACCEPTED', 'IN_PROGRESS', 'COMPLETED'],
  DECLINED: ['DECLINED'],
  CANCELLED: ['CANCELLED'],
};

async function referralIn(status: string): Promise<string> {
  const created = await api.graphql(CREATE, { input: referralInput(serviceId) }, keys.partnerA);
  expect(created.errors).toBeUndefined();
  const id = created.data!.createReferral.referral.id;
  for (const next of PATH[status]) {
    const moved = await api.graphql(
      UPDATE,
      { input: { referralId: id, status: next } },
      keys.admin,
    );
    expect(moved.errors).toBeUndefined();
  }
  return id;
}

const TABLE: [string, string, Caller[]][] = [
  ['SUBMITTED', 'ACCEPTED', ['staff', 'admin']],
  ['SUBMITTED', 'DECLINED', ['staff', 'admin']],
  ['ACCEPTED', 'IN_PROGRESS', ['staff', 'admin']],
  ['ACCEPTED', 'DECLINED', ['staff', 'admin']],
  ['IN_PROGRESS', 'COMPLETED', ['staff', 'admin']],
  ['SUBMITTED', 'CANCELLED', ['creator', 'admin']],
  ['ACCEPTED', 'CANCELLED', ['creator', 'admin']],
  ['IN_PROGRESS', 'CANCELLED', ['creator', 'admin']],
];
const CALLERS: Caller[] = ['creator', 'otherPartner', 'staff', 'otherStaff', 'admin', 'public'];

/** What a caller not allowed a move gets: those who cannot see the referral are told it does not exist. */
const REFUSAL: Record<Caller, string> = {
  creator: 'FORBIDDEN',
  staff: 'FORBIDDEN',
  admin: 'FORBIDDEN',
  otherPartner: 'NOT_FOUND',
  otherStaff: 'NOT_FOUND',
  public: 'FORBIDDEN',
};

describe.each(TABLE)('%s → %s', (from, to, allowed) => {
  it.each(CALLERS)('by %s', async (caller) => {
    const id = await referralIn(from);
    const { data, errors } = await api.graphql(
      UPDATE,
      { input: { referralId: id, status: to, note: 'by test' } },
      headersOf(caller),
    );
    const after = await api.graphql(
      `query ($id: ID!) { referral(id: $id) { status history { status } } }`,
      { id },
      keys.admin,
    );
    if (allowed.includes(caller)) {
      expect(errors).toBeUndefined();
      expect(data!.updateReferralStatus.referral.status).toBe(to);
      expect(data!.updateReferralStatus.referral.history.at(-1)).toMatchObject({
        status: to,
        note: 'by test',
      });
      expect(after.data!.referral.history).toHaveLength(PATH[from].length + 2);
    } else {
      expect(errors![0].extensions!.code).toBe(REFUSAL[caller]);
      expect(after.data!.referral.status).toBe(from);
      expect(after.data!.referral.history).toHaveLength(PATH[from].length + 1);
    }
  });
});

describe('moves the table does not have', () => {
  it('are BAD_USER_INPUT naming the current status and the allowed next ones', async () => {
    const id = await referralIn('SUBMITTED');
    const { errors } = await api.graphql(
      UPDATE,
      { input: { referralId: id, status: 'COMPLETED' } },
      keys.admin,
    );
    expect(errors![0]).toMatchObject({
      message:
        'the referral is SUBMITTED: it can move to ACCEPTED, DECLINED, CANCELLED, not to COMPLETED',
      extensions: { code: 'BAD_USER_INPUT', field: 'status' },
    });
  });

  it('tell a partner what it may do instead', async () => {
    const id = await referralIn('SUBMITTED');
    const { errors } = await api.graphql(
      UPDATE,
      { input: { referralId: id, status: 'ACCEPTED' } },
      keys.partnerA,
    );
    expect(errors![0].message).toBe(
      'only staff of the receiving institution or an admin may move a SUBMITTED referral to ACCEPTED. You may set CANCELLED.',
    );
  });

  it.each(['COMPLETED', 'DECLINED', 'CANCELLED'])(
    'are all refused from the final status %s, even for an admin',
    async (final) => {
      const id = await referralIn(final);
      for (const to of [
        'SUBMITTED',
        'ACCEPTED',
        'IN_PROGRESS',
        'COMPLETED',
        'DECLINED',
        'CANCELLED',
      ]) {
        const { errors } = await api.graphql(
          UPDATE,
          { input: { referralId: id, status: to } },
          keys.admin,
        );
        expect(errors![0]).toMatchObject({
          message: `the referral is ${final}, a final status: it cannot change any more`,
          extensions: { code: 'BAD_USER_INPUT' },
        });
      }
    },
  );
});
