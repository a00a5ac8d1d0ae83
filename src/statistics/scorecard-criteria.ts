// The national demonstration-platform criteria for SME public service institutions, as pure
// rules: the thresholds, whether an institution meets them, and each shortfall in plain words.
// Unit-tested without a database; scorecard.queries.ts measures the figures they judge.

export const CRITERIA = {
  /** Distinct enterprises with a COMPLETED referral in the year. */
  enterprisesServed: 150,
  /** Share of feedback ratings of 4 or 5. */
  satisfaction: 0.8,
  /** Share of active services that are FREE or SUBSIDIZED. */
  publicBenefitShare: 0.2,
  /** Events organized that took place in the year. */
  eventsHeld: 8,
} as const;

export interface ScorecardFigures {
  year: number;
  enterprisesServed: number;
  /** null without feedback in the year. */
  satisfaction: number | null;
  publicBenefitShare: number;
  /** Active services, to tell "none" from "too few free ones". */
  activeServices: number;
  eventsHeld: number;
}

/** 0.795 → "79.5 %": cut, not rounded, so that a share just below a threshold never reads as it. */
export function percent(share: number): string {
  return `${Math.floor(share * 1000) / 10} %`;
}

/** Each criterion the figures miss, in plain words; empty when every one is met. */
export function shortfalls(figures: ScorecardFigures): string[] {
  const { year } = figures;
  const missed: string[] = [];
  if (figures.enterprisesServed < CRITERIA.enterprisesServed) {
    missed.push(
      `served ${figures.enterprisesServed} enterprises with a completed referral in ${year}; the criterion is at least ${CRITERIA.enterprisesServed}`,
    );
  }
  if (figures.satisfaction === null) {
    missed.push(
      `received no feedback in ${year}; the criterion is at least ${percent(CRITERIA.satisfaction)} of ratings at 4 or 5`,
    );
  } else if (figures.satisfaction < CRITERIA.satisfaction) {
    missed.push(
      `${percent(figures.satisfaction)} of ratings in ${year} were 4 or 5; the criterion is at least ${percent(CRITERIA.satisfaction)}`,
    );
  }
  if (figures.activeServices === 0) {
    missed.push(
      `offers no active service; the criterion is at least ${percent(CRITERIA.publicBenefitShare)} of active services free or subsidized`,
    );
  } else if (figures.publicBenefitShare < CRITERIA.publicBenefitShare) {
    missed.push(
      `${percent(figures.publicBenefitShare)} of its active services are free or subsidized; the criterion is at least ${percent(CRITERIA.publicBenefitShare)}`,
    );
  }
  if (figures.eventsHeld < CRITERIA.eventsHeld) {
    missed.push(
      `held ${figures.eventsHeld} events in ${year}; the criterion is at least ${CRITERIA.eventsHeld}`,
    );
  }
  return missed;
}
