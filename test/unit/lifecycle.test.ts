// The lifecycle rules as plain functions: every (from, to) pair for every set of capacities,
// against the README's table written out here.
import { Role } from '../../src/auth/role';
import type { Viewer } from '../../src/auth/viewer';
import {
  Capacity,
  LIFECYCLE,
  allowedNextStatuses,
  capacitiesOf,
  checkTransition,
} from '../../src/referrals/lifecycle';
import { ReferralStatus } from '../../src/referrals/referral-status';

const { STAFF, CREATOR, ADMIN } = Capacity;
const STATUSES = Object.values(ReferralStatus);

const TABLE: [from: string, to: string, by: Capacity[]][] = [
  ['SUBMITTED', 'ACCEPTED', [STAFF, ADMIN]],
  ['SUBMITTED', 'DECLINED', [STAFF, ADMIN]],
  ['SUBMITTED', 'CANCELLED', [CREATOR, ADMIN]],
  ['ACCEPTED', 'IN_PROGRESS', [STAFF, ADMIN]],
  ['ACCEPTED', 'DECLINED', [STAFF, ADMIN]],
  ['ACCEPTED', 'CANCELLED', [CREATOR, ADMIN]],
  ['IN_PROGRESS', 'COMPLETED', [STAFF, ADMIN]],
  ['IN_PROGRESS', 'CANCELLED', [CREATOR, ADMIN]],
];
const WHO: Record<Capacity, string> = {
  [STAFF]: 'staff of the receiving institution',
  [CREATOR]: 'the partner that made the referral',
  [ADMIN]: 'an admin',
};

/** Every set of capacities a viewer can hold on one referral (and some it cannot). */
const CAPACITY_SETS: Capacity[][] = [
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

function outcome(from: string, to: string, capacities: Capacity[]): Outcome {
  try {
    checkTransition(from as ReferralStatus, to as ReferralStatus, capacities);
    return { ok: true };
  } catch (error) {
    const { code, field, message } = error as { code: string; field?: string; message: string };
    return field === undefined ? { code, message } : { code, field, message };
  }
}

/** What the README says must happen. */
function expected(from: string, to: string, capacities: Capacity[]): Outcome {
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
  if (step[2].some((capacity) => capacities.includes(capacity))) return { ok: true };
  const mine = next.filter(([, , by]) => by.some((capacity) => capacities.includes(capacity)));
  return {
    code: 'FORBIDDEN',
    message:
      `only ${step[2].map((capacity) => WHO[capacity]).join(' or ')} may move a ${from} referral to ${to}.` +
      (mine.length ? ` You may set ${mine.map(([, t]) => t).join(', ')}.` : ''),
  };
}

describe('the lifecycle table', () => {
  it('has exactly the moves of the README, in its order', () => {
    const rows = STATUSES.flatMap((from) =>
      LIFECYCLE[from].map((step) => [from, step.to, [...step.by].sort()]),
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
    expect(allowedNextStatuses(from as ReferralStatus)).toEqual(next);
  });
});

describe('checkTransition', () => {
  const cases = STATUSES.flatMap((from) =>
    STATUSES.flatMap((to) => CAPACITY_SETS.map((capacities) => [from, to, capacities] as const)),
  );

  it.each(cases)('%s → %s by %p', (from, to, capacities) => {
    expect(outcome(from, to, capacities)).toEqual(expected(from, to, capacities));
  });

  it('refuses IN_PROGRESS → DECLINED even to an admin who is also staff', () => {
    expect(outcome('IN_PROGRESS', 'DECLINED', [STAFF, ADMIN])).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });
});

describe('capacitiesOf', () => {
  const referral = { institutionId: 7, apiKeyId: 42 };
  // Only the fields capacitiesOf reads; the rest of a Viewer (name, key id, budget) does not matter.
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
  ] as const)('gives %s %p', (_who, who, capacities) => {
    expect(capacitiesOf(who, referral)).toEqual(capacities);
  });
});
