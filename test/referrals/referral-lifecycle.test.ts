// The referral lifecycle as plain functions, without a database: every (from, to) pair for every
// set of parties, against the README's table written out here (test/referrals/lifecycle.test.ts
// makes the same moves through HTTP).
import { Role } from '../../src/auth/role';
import type { Viewer } from '../../src/auth/viewer';
import {
  REFERRAL_TRANSITIONS,
  ReferralParty,
  referralLifecycle,
  referralPartiesOf,
} from '../../src/referrals/referral-lifecycle';
import { ReferralStatus } from '../../src/referrals/referral-status';

const { STAFF, CREATOR, ADMIN } = ReferralParty;
const STATUSES = Object.values(ReferralStatus);

const TABLE: [from: string, to: string, by: ReferralParty[]][] = [
  ['SUBMITTED', 'ACCEPTED', [STAFF, ADMIN]],
  ['SUBMITTED', 'DECLINED', [STAFF, ADMIN]],
  ['SUBMITTED', 'CANCELLED', [CREATOR, ADMIN]],
  ['ACCEPTED', 'IN_PROGRESS', [STAFF, ADMIN]],
  ['ACCEPTED', 'DECLINED', [STAFF, ADMIN]],
  ['ACCEPTED', 'CANCELLED', [CREATOR, ADMIN]],
  ['IN_PROGRESS', 'COMPLETED', [STAFF, ADMIN]],
  ['IN_PROGRESS', 'CANCELLED', [CREATOR, ADMIN]],
];
const WHO: Record<ReferralParty, string> = {
  [STAFF]: 'staff of the receiving institution',
  [CREATOR]: 'the partner that made the referral',
  [ADMIN]: 'an admin',
};

/** Every set of parties a viewer can be to one referral (and some it cannot). */
const PARTY_SETS: ReferralParty[][] = [
  [],
  [STAFF],
  [CREATOR],
  [ADMIN],
  [STAFF, CREATOR],
  [STAFF, ADMIN],
  [CREATOR, ADMIN],
  [STAFF, CREATOR, ADMIN],
];

type Outcome = { ok: true } | { code: string; field?: string; message: string };

function outcome(from: string, to: string, parties: ReferralParty[]): Outcome {
  try {
    referralLifecycle.check(from as ReferralStatus, to as ReferralStatus, parties);
    return { ok: true };
  } catch (error) {
    const { code, field, message } = error as { code: string; field?: string; message: string };
    return field === undefined ? { code, message } : { code, field, message };
  }
}

/** What the README says must happen. */
function expected(from: string, to: string, parties: ReferralParty[]): Outcome {
  const next = TABLE.filter(([f]) => f === from);
  const step = next.find(([, t]) => t === to);
  if (!step) {
    return {
      code: 'BAD_USER_INPUT',
      field: 'status',
      message:
        next.length === 0
          ? `the referral is ${from}, a final status: it cannot change any more`
          : `the referral is ${from}: it can move to ${next.map(([, t]) => t).join(', ')}, not to ${to}`,
    };
  }
  if (step[2].some((party) => parties.includes(party))) return { ok: true };
  const mine = next.filter(([, , by]) => by.some((party) => parties.includes(party)));
  return {
    code: 'FORBIDDEN',
    message:
      `only ${step[2].map((party) => WHO[party]).join(' or ')} may move a ${from} referral to ${to}.` +
      (mine.length ? ` You may set ${mine.map(([, t]) => t).join(', ')}.` : ''),
  };
}

describe('the lifecycle table', () => {
  it('has exactly the moves of the README, in its order', () => {
    const rows = STATUSES.flatMap((from) =>
      REFERRAL_TRANSITIONS[from].map((step) => [from, step.to, [...step.by].sort()]),
    );
    expect(rows).toEqual(TABLE.map(([from, to, by]) => [from, to, [...by].sort()]));
  });

  it.each([
    ['SUBMITTED', ['ACCEPTED', 'DECLINED', 'CANCELLED']],
    ['ACCEPTED', ['IN_PROGRESS', 'DECLINED', 'CANCELLED']],
    ['IN_PROGRESS', ['COMPLETED', 'CANCELLED']],
    ['COMPLETED', []],
    ['DECLINED', []],
    ['CANCELLED', []],
  ])('lets a %s referral move to %p', (from, next) => {
    expect(referralLifecycle.allowedNext(from as ReferralStatus)).toEqual(next);
  });
});

describe('referralLifecycle.check', () => {
  const cases = STATUSES.flatMap((from) =>
    STATUSES.flatMap((to) => PARTY_SETS.map((parties) => [from, to, parties] as const)),
  );

  it.each(cases)('%s → %s by %p', (from, to, parties) => {
    expect(outcome(from, to, parties)).toEqual(expected(from, to, parties));
  });

  it('refuses IN_PROGRESS → DECLINED even to an admin who is also staff', () => {
    expect(outcome('IN_PROGRESS', 'DECLINED', [STAFF, ADMIN])).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });
});

describe('referralPartiesOf', () => {
  const referral = { institutionId: 7, apiKeyId: 42 };
  // Only the fields referralPartiesOf reads; the rest of a Viewer (name, key id, budget) does not matter.
  const viewer = (role: Role, apiKeyId: number | null, institutionId: number | null) =>
    ({ role, name: 'someone', apiKeyId, institutionId }) as Viewer;

  it.each([
    ['an admin', viewer(Role.ADMIN, 1, null), [ADMIN]],
    ['an admin whose key made it', viewer(Role.ADMIN, 42, null), [ADMIN]],
    ['staff of the receiving institution', viewer(Role.INSTITUTION_STAFF, 3, 7), [STAFF]],
    ['staff of another institution', viewer(Role.INSTITUTION_STAFF, 3, 8), []],
    ['staff whose key id is the institution’s id', viewer(Role.INSTITUTION_STAFF, 7, 42), []],
    ['the partner whose key made it', viewer(Role.PARTNER, 42, null), [CREATOR]],
    ['another partner', viewer(Role.PARTNER, 43, null), []],
    ['a partner whose key id is the institution’s id', viewer(Role.PARTNER, 7, 42), []],
    ['the public', viewer(Role.PUBLIC, null, null), []],
    ['the public, even with matching ids', viewer(Role.PUBLIC, 42, 7), []],
  ] as const)('gives %s %p', (_who, who, parties) => {
    expect(referralPartiesOf(who, referral)).toEqual(parties);
  });
});
