// Institution.scorecard(year): how an institution measures against the national
// demonstration-platform criteria over one calendar year.
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Institution } from '../institutions/institution.entity';
import { badInput } from '../schema/errors';
import { Cost, type CostRule } from '../schema/field-policy';
import { shortfalls } from './scorecard-criteria';
import type { StatisticsContext } from './statistics.context';
import { InstitutionScorecard } from './scorecard.types';

/** Years the network could have figures for; others are a mistake (a two-digit year, a typo). */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;

/**
 * One statement reads every scorecard of a request, but its work grows with each institution's
 * referrals (histories, feedback), services and events: 2,500 scorecards took 2.7 s on the seeded
 * network (1.1 ms each), the 100 busiest institutions' 430 ms. Priced at 4 points per referral of
 * an average institution — about 2 ms at 20 points a millisecond — growing with the data.
 */
const scorecardCost: CostRule = {
  surcharge: (_args, volume) =>
    (4 * volume.rows('referral')) / Math.max(1, volume.rows('institution')),
};

@Resolver(() => Institution)
export class InstitutionScorecardResolver {
  @Cost(scorecardCost)
  @FieldResolver(() => InstitutionScorecard, {
    description:
      'How the institution measures against the national demonstration-platform criteria over one calendar year (Beijing time).',
  })
  async scorecard(
    @Root() institution: Institution,
    @Arg('year', () => Int, { description: `A calendar year, ${FIRST_YEAR} to ${LAST_YEAR}.` })
    year: number,
    @Ctx() { scorecards }: StatisticsContext,
  ): Promise<InstitutionScorecard> {
    if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) {
      throw badInput(
        `year must be a calendar year from ${FIRST_YEAR} to ${LAST_YEAR}, got ${year}`,
        'year',
      );
    }
    const row = await scorecards.of(year).load(institution.key);
    const figures = {
      year,
      enterprisesServed: row.enterprisesServed,
      satisfaction: row.ratings === 0 ? null : row.goodRatings / row.ratings,
      publicBenefitShare:
        row.activeServices === 0 ? 0 : row.publicBenefitServices / row.activeServices,
      activeServices: row.activeServices,
      eventsHeld: row.eventsHeld,
      appealsResolved: row.appealsResolved,
      appealsResolvedOnTime: row.appealsResolvedOnTime,
    };
    const missed = shortfalls(figures);
    return { ...figures, meetsCriteria: missed.length === 0, shortfalls: missed };
  }
}
