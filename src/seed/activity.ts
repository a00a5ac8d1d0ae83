// How busy each seeded institution is: referrals a year, how fast it accepts them, how its clients
// rate it, how many events it runs beyond the calendar's. A few centres in the big manufacturing
// provinces work at the level of the national demonstration platforms (and meet every criterion);
// provincial centres and a few municipal ones are busy; most centres and agencies see a handful of
// referrals a year. Deterministic: keyed by the institution's code.
import { InstitutionKind, InstitutionTier } from '../institutions/institution-enums';
import { between, chance } from './deterministic';
import type { InstitutionRow } from './network-plan';

/** Centres seeded at demonstration-platform level, where the plan has them. */
export const DEMONSTRATION_CENTRES = [
  'C-440000',
  'C-330000',
  'C-320000',
  'C-370000',
  'C-441900',
  'C-440300',
  'C-330100',
  'C-320500',
];

export interface Activity {
  /** Referrals received in a whole year. */
  referralsPerYear: number;
  /** Median hours from submission to acceptance. */
  acceptHours: number;
  /** Chance that a rating is 4 or 5. */
  quality: number;
  /** Events of its own series in the year before the seed's (trainings, briefings, sessions). */
  seriesEvents: number;
}

export function activityOf(institution: InstitutionRow): Activity {
  const key = `activity:${institution.code}`;
  const quality = 0.55 + chance(`${key}:quality`) * 0.42;
  const acceptHours = between(`${key}:accept`, 12, 72);
  if (DEMONSTRATION_CENTRES.includes(institution.code)) {
    return { referralsPerYear: 260, acceptHours: 8, quality: 0.93, seriesEvents: 10 };
  }
  if (institution.kind === InstitutionKind.MARKET) {
    return { referralsPerYear: between(key, 0, 3), acceptHours, quality, seriesEvents: 0 };
  }
  switch (institution.tier) {
    case InstitutionTier.NATIONAL:
      return { referralsPerYear: 80, acceptHours: 24, quality: 0.88, seriesEvents: 4 };
    case InstitutionTier.PROVINCIAL:
      return {
        referralsPerYear: between(key, 60, 180),
        acceptHours,
        quality,
        seriesEvents: between(`${key}:events`, 2, 9),
      };
    case InstitutionTier.MUNICIPAL:
      return chance(`${key}:busy`) < 0.15
        ? {
            referralsPerYear: between(key, 40, 140),
            acceptHours,
            quality,
            seriesEvents: between(`${key}:events`, 1, 6),
          }
        : { referralsPerYear: between(key, 2, 14), acceptHours, quality, seriesEvents: 0 };
    case InstitutionTier.COUNTY:
      return { referralsPerYear: between(key, 0, 4), acceptHours, quality, seriesEvents: 0 };
  }
}
