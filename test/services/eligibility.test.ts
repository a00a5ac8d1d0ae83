// Who a service or an event is open to, without a database: scales (none listed: every scale)
// and a minimum standing in the specialized-and-sophisticated programme. checkEligibility
// (test/events/registration-rules.test.ts) words the refusals; the seeded calendar draws its
// registrants with `admits`.
import {
  EnterpriseScale,
  SpecializationLevel,
  admits,
  admitsScale,
  admitsSpecialization,
  specializationsAtOrBelow,
} from '../../src/services/eligibility';

const { MICRO, SMALL, MEDIUM } = EnterpriseScale;
const { NONE, SPECIALIZED, LITTLE_GIANT } = SpecializationLevel;
const open = { eligibleScales: [], minSpecialization: NONE };
const smallSpecialized = { eligibleScales: [MICRO, SMALL], minSpecialization: SPECIALIZED };

describe('admitsScale', () => {
  it('admits every scale when the rule lists none, and only those listed otherwise', () => {
    expect([MICRO, SMALL, MEDIUM].map((scale) => admitsScale(open, scale))).toEqual([
      true,
      true,
      true,
    ]);
    expect([MICRO, SMALL, MEDIUM].map((scale) => admitsScale(smallSpecialized, scale))).toEqual([
      true,
      true,
      false,
    ]);
  });
});

describe('admitsSpecialization', () => {
  it('admits the minimum standing and every higher one, never a lower one', () => {
    expect(
      [NONE, SPECIALIZED, LITTLE_GIANT].map((level) =>
        admitsSpecialization(smallSpecialized, level),
      ),
    ).toEqual([false, true, true]);
    expect(
      [NONE, SPECIALIZED, LITTLE_GIANT].map((level) =>
        admitsSpecialization({ ...open, minSpecialization: LITTLE_GIANT }, level),
      ),
    ).toEqual([false, false, true]);
  });
});

describe('admits', () => {
  it('admits an enterprise only when both its scale and its standing fit', () => {
    expect(admits(smallSpecialized, { scale: SMALL, specialization: SPECIALIZED })).toBe(true);
    expect(admits(smallSpecialized, { scale: MEDIUM, specialization: LITTLE_GIANT })).toBe(false);
    expect(admits(smallSpecialized, { scale: MICRO, specialization: NONE })).toBe(false);
    expect(admits(open, { scale: MEDIUM, specialization: NONE })).toBe(true);
  });
});

describe('specializationsAtOrBelow', () => {
  it('lists the minimums that still admit a standing, lowest first', () => {
    expect(specializationsAtOrBelow(NONE)).toEqual([NONE]);
    expect(specializationsAtOrBelow(LITTLE_GIANT)).toEqual([NONE, SPECIALIZED, LITTLE_GIANT]);
  });
});
