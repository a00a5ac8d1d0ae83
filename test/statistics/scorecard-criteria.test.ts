// The national demonstration-platform criteria, judged without a database: a centre meets them
// exactly at each threshold, misses them one below, and every shortfall says in plain words what
// it did and what the criterion asks.
import {
  CRITERIA,
  percent,
  shortfalls,
  type ScorecardFigures,
} from '../../src/statistics/scorecard-criteria';

/** A centre that meets every criterion exactly at its threshold. */
const AT_THRESHOLD: ScorecardFigures = {
  year: 2025,
  enterprisesServed: 150,
  satisfaction: 0.8,
  publicBenefitShare: 0.2,
  activeServices: 10,
  eventsHeld: 8,
};

describe('the demonstration-platform criteria', () => {
  it('are 150 enterprises served, 80 % satisfied, 20 % of services free or subsidized, 8 events', () => {
    expect(CRITERIA).toEqual({
      enterprisesServed: 150,
      satisfaction: 0.8,
      publicBenefitShare: 0.2,
      eventsHeld: 8,
    });
  });

  it('are met exactly at every threshold', () => {
    expect(shortfalls(AT_THRESHOLD)).toEqual([]);
  });

  it('are met well above them', () => {
    expect(
      shortfalls({
        ...AT_THRESHOLD,
        enterprisesServed: 900,
        satisfaction: 1,
        publicBenefitShare: 1,
        eventsHeld: 40,
      }),
    ).toEqual([]);
  });

  it('name a centre that served one enterprise too few', () => {
    expect(shortfalls({ ...AT_THRESHOLD, enterprisesServed: 149 })).toEqual([
      'served 149 enterprises with a completed referral in 2025; the criterion is at least 150',
    ]);
  });

  it('name satisfaction just under 80 % without rounding it up to the threshold', () => {
    expect(shortfalls({ ...AT_THRESHOLD, satisfaction: 0.7999 })).toEqual([
      '79.9 % of ratings in 2025 were 4 or 5; the criterion is at least 80 %',
    ]);
  });

  it('name a centre that received no feedback at all', () => {
    expect(shortfalls({ ...AT_THRESHOLD, satisfaction: null })).toEqual([
      'received no feedback in 2025; the criterion is at least 80 % of ratings at 4 or 5',
    ]);
  });

  it('name too few free or subsidized services', () => {
    expect(shortfalls({ ...AT_THRESHOLD, publicBenefitShare: 0.19 })).toEqual([
      '19 % of its active services are free or subsidized; the criterion is at least 20 %',
    ]);
  });

  it('tell a centre with no active service from one with too few free ones', () => {
    expect(shortfalls({ ...AT_THRESHOLD, activeServices: 0, publicBenefitShare: 0 })).toEqual([
      'offers no active service; the criterion is at least 20 % of active services free or subsidized',
    ]);
  });

  it('name one event too few', () => {
    expect(shortfalls({ ...AT_THRESHOLD, eventsHeld: 7 })).toEqual([
      'held 7 events in 2025; the criterion is at least 8',
    ]);
  });

  it('list every shortfall, in the order of the criteria', () => {
    expect(
      shortfalls({
        year: 2024,
        enterprisesServed: 0,
        satisfaction: 0.5,
        publicBenefitShare: 0,
        activeServices: 3,
        eventsHeld: 0,
      }),
    ).toEqual([
      'served 0 enterprises with a completed referral in 2024; the criterion is at least 150',
      '50 % of ratings in 2024 were 4 or 5; the criterion is at least 80 %',
      '0 % of its active services are free or subsidized; the criterion is at least 20 %',
      'held 0 events in 2024; the criterion is at least 8',
    ]);
  });
});

describe('shares in words', () => {
  it.each([
    [0.795, '79.5 %'],
    [0.7999, '79.9 %'],
    [0.2, '20 %'],
    [1, '100 %'],
    [0, '0 %'],
  ])('writes %p as %p, cut rather than rounded', (share, words) => {
    expect(percent(share)).toBe(words);
  });
});
