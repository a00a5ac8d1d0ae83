// The lifecycle table of the README through HTTP: every move of the table by every kind of
// caller, and every move the table does not have, for every kind of caller. The expected answers
// come from the table written out below, not from src/referrals/referral-lifecycle.ts.
import {
  CREATE,
  UPDATE,
  creditCodeFor,
  makeKeys,
  referralInput,
  serviceOf,
} from '../support/referral-fixtures';
import { startTestApi, type TestApi } from '../support/test-api';

let api: TestApi;
let keys: Awaited<ReturnType<typeof makeKeys>>;
let serviceId: string;
const creditCode = creditCodeFor('lifecycle');

beforeAll(async () => {
  api = await startTestApi();
  keys = await makeKeys(api.sql, 'lifecycle');
  serviceId = await serviceOf(api.sql, 'C-441900'); // received by staff A's institution
});
afterAll(() => api.close());

type Caller = 'creator' | 'otherPartner' | 'staff' | 'otherStaff' | 'admin' | 'public';
const CALLERS: Caller[] = ['creator', 'otherPartner', 'staff', 'otherStaff', 'admin', 'public'];
const headersOf = (caller: Caller) =>
  ({
    creator: keys.partnerA,
    otherPartner: keys.partnerB,
    staff: keys.staffA,
    otherStaff: keys.staffB,
    admin: keys.admin,
    public: keys.public,
  })[caller];
const NAME: Partial<Record<Caller, string>> = {
  creator: 'lifecycle partner A',
  staff: 'lifecycle staff A',
  admin: 'lifecycle admin',
};

const STATUSES = ['SUBMITTED', 'ACCEPTED', 'IN_PROGRESS', 'COMPLETED', 'DECLINED', 'CANCELLED'];
const FINAL = ['COMPLETED', 'DECLINED', 'CANCELLED'];

/** The README's table: from, to, who may make the move. */
const TABLE: [from: string, to: string, allowed: Caller[]][] = [
  ['SUBMITTED', 'ACCEPTED', ['staff', 'admin']],
  ['SUBMITTED', 'DECLINED', ['staff', 'admin']],
  ['SUBMITTED', 'CANCELLED', ['creator', 'admin']],
  ['ACCEPTED', 'IN_PROGRESS', ['staff', 'admin']],
  ['ACCEPTED', 'DECLINED', ['staff', 'admin']],
  ['ACCEPTED', 'CANCELLED', ['creator', 'admin']],
  ['IN_PROGRESS', 'COMPLETED', ['staff', 'admin']],
  ['IN_PROGRESS', 'CANCELLED', ['creator', 'admin']],
];
const nextOf = (from: string) => TABLE.filter(([f]) => f === from).map(([, to]) => to);

/** Every (from, to) of a status that is not final which the table does not have. */
const ILLEGAL: [string, string][] = STATUSES.filter((from) => !FINAL.includes(from)).flatMap(
  (from) =>
    STATUSES.filter((to) => !nextOf(from).includes(to)).map((to): [string, string] => [from, to]),
);

/** How an admin brings a new referral to each status. */
const PATH: Record<string, string[]> = {
  SUBMITTED: [],
  ACCEPTED: ['ACCEPTED'],
  IN_PROGRESS: ['ACCEPTED', 'IN_PROGRESS'],
  COMPLETED: ['ACCEPTED', 'IN_PROGRESS', 'COMPLETED'],
  DECLINED: ['DECLINED'],
  CANCELLED: ['CANCELLED'],
};
const historyOf = (status: string) => ['SUBMITTED', ...PATH[status]];

/**
 * What a caller gets for a move it may not make. Those who cannot see the referral are told it
 * does not exist (the public, that it needs a key) before the move is looked at; for those who
 * see it, a move the table does not have is BAD_USER_INPUT, a move of the table by the wrong
 * role FORBIDDEN — and an admin may make every move of the table.
 */
const REFUSAL: Record<Caller, { illegal: string; wrongRole: string | null }> = {
  creator: { illegal: 'BAD_USER_INPUT', wrongRole: 'FORBIDDEN' },
  staff: { illegal: 'BAD_USER_INPUT', wrongRole: 'FORBIDDEN' },
  admin: { illegal: 'BAD_USER_INPUT', wrongRole: null },
  otherPartner: { illegal: 'NOT_FOUND', wrongRole: 'NOT_FOUND' },
  otherStaff: { illegal: 'NOT_FOUND', wrongRole: 'NOT_FOUND' },
  public: { illegal: 'FORBIDDEN', wrongRole: 'FORBIDDEN' },
};

const WHO: Partial<Record<Caller, string>> = {
  staff: 'staff of the receiving institution',
  creator: 'the partner that made the referral',
  admin: 'an admin',
};

/** The message a caller who sees the referral gets for a move of the table it may not make. */
function wrongRoleMessage(from: string, to: string, allowed: Caller[], caller: Caller): string {
  const mine = TABLE.filter(([f, , who]) => f === from && who.includes(caller)).map(([, t]) => t);
  const yours = mine.length ? ` You may set ${mine.join(', ')}.` : '';
  return `only ${allowed.map((who) => WHO[who]).join(' or ')} may move a ${from} referral to ${to}.${yours}`;
}

async function referralIn(status: string): Promise<string> {
  const created = await api.graphql(
    CREATE,
    { input: referralInput(serviceId, creditCode) },
    keys.partnerA,
  );
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

/** The referral as an admin reads it: its status and the statuses of its history. */
async function stateOf(id: string): Promise<{ status: string; history: string[] }> {
  const { data } = await api.graphql(
    `query ($id: ID!) { referral(id: $id) { status history { status } } }`,
    { id },
    keys.admin,
  );
  return {
    status: data!.referral.status,
    history: data!.referral.history.map((event: { status: string }) => event.status),
  };
}

it('has an admin among those allowed every move of the table', () => {
  expect(TABLE.every(([, , allowed]) => allowed.includes('admin'))).toBe(true);
  expect(ILLEGAL).toHaveLength(10);
  expect(ILLEGAL).toContainEqual(['IN_PROGRESS', 'DECLINED']);
});

describe.each(TABLE)('%s → %s', (from, to, allowed) => {
  it.each(CALLERS)('by %s', async (caller) => {
    const id = await referralIn(from);
    const { data, errors } = await api.graphql(
      UPDATE,
      { input: { referralId: id, status: to, note: 'by test' } },
      headersOf(caller),
    );
    if (allowed.includes(caller)) {
      expect(errors).toBeUndefined();
      expect(data!.updateReferralStatus.referral.status).toBe(to);
      expect(data!.updateReferralStatus.referral.history.at(-1)).toEqual({
        status: to,
        note: 'by test',
        actor: NAME[caller],
      });
      expect(await stateOf(id)).toEqual({ status: to, history: [...historyOf(from), to] });
    } else {
      const code = REFUSAL[caller].wrongRole;
      expect(errors![0].extensions).toMatchObject({ code });
      if (code === 'FORBIDDEN' && caller !== 'public')
        expect(errors![0].message).toBe(wrongRoleMessage(from, to, allowed, caller));
      expect(await stateOf(id)).toEqual({ status: from, history: historyOf(from) });
    }
  });
});

describe('moves the table does not have', () => {
  it.each(ILLEGAL)('refuses to move a %s referral to %s, for everyone', async (from, to) => {
    const id = await referralIn(from);
    for (const caller of CALLERS) {
      const { data, errors } = await api.graphql(
        UPDATE,
        { input: { referralId: id, status: to, note: 'must not happen' } },
        headersOf(caller),
      );
      expect([caller, data?.updateReferralStatus ?? null]).toEqual([caller, null]);
      expect([caller, errors![0].extensions!.code]).toEqual([caller, REFUSAL[caller].illegal]);
      if (REFUSAL[caller].illegal === 'BAD_USER_INPUT') {
        expect(errors![0]).toMatchObject({
          message: `the referral is ${from}: it can move to ${nextOf(from).join(', ')}, not to ${to}`,
          extensions: { field: 'status' },
        });
      }
    }
    expect(await stateOf(id)).toEqual({ status: from, history: historyOf(from) });
  });

  it.each(FINAL)('refuses every move from the final status %s, for everyone', async (final) => {
    const id = await referralIn(final);
    for (const to of STATUSES) {
      for (const caller of CALLERS) {
        const { errors } = await api.graphql(
          UPDATE,
          { input: { referralId: id, status: to } },
          headersOf(caller),
        );
        expect([caller, to, errors![0].extensions!.code]).toEqual([
          caller,
          to,
          REFUSAL[caller].illegal,
        ]);
        if (REFUSAL[caller].illegal === 'BAD_USER_INPUT')
          expect(errors![0].message).toBe(
            `the referral is ${final}, a final status: it cannot change any more`,
          );
      }
    }
    expect(await stateOf(id)).toEqual({ status: final, history: historyOf(final) });
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
});

describe('expectedStatus', () => {
  it('refuses a move from a status the referral is no longer in with CONFLICT, changing nothing', async () => {
    const id = await referralIn('ACCEPTED');
    const { errors } = await api.graphql(
      UPDATE,
      { input: { referralId: id, status: 'DECLINED', expectedStatus: 'SUBMITTED' } },
      keys.staffA,
    );
    expect(errors![0]).toMatchObject({
      message: 'the referral is ACCEPTED, not SUBMITTED as expected: reload it and decide again',
      extensions: { code: 'CONFLICT' },
    });
    expect(await stateOf(id)).toEqual({ status: 'ACCEPTED', history: historyOf('ACCEPTED') });
  });

  it('lets the move through when the referral is in the status expected', async () => {
    const id = await referralIn('ACCEPTED');
    const { errors } = await api.graphql(
      UPDATE,
      { input: { referralId: id, status: 'IN_PROGRESS', expectedStatus: 'ACCEPTED' } },
      keys.staffA,
    );
    expect(errors).toBeUndefined();
    expect(await stateOf(id)).toEqual({
      status: 'IN_PROGRESS',
      history: [...historyOf('ACCEPTED'), 'IN_PROGRESS'],
    });
  });
});
