// Network statistics in GraphQL: networkStatistics(regionCode) and the figures of an area, each
// read through the request's statistics loaders (all areas of the answer in one statement per
// figure, see statistics-plan.ts).
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import { InstitutionKind, InstitutionTier } from '../institutions/institution-enums';
import { normalizeRegionCode } from '../regions/region-code';
import { Region } from '../regions/region.entity';
import { RegionLevel } from '../regions/region-level';
import { notFound, quote } from '../schema/errors';
import { Cost, type CostRule } from '../schema/field-policy';
import { MAX_BREAKDOWN, areasBelow, regionsOfLevelIn } from './areas';
import type { StatisticsContext } from './statistics.context';
import { loadAhead } from './statistics-plan';
import { COUNTRY } from './statistics.queries';
import {
  AppealFigures,
  CategoryCount,
  EventFigures,
  NetworkStatistics,
  ReferralFunnel,
  TierCount,
  TierCoverage,
} from './statistics.types';

const ratio = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);
const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/** The coverage figures and the region level each counts. */
const COVERED_LEVELS = [
  { tier: InstitutionTier.MUNICIPAL, level: RegionLevel.PREFECTURE },
  { tier: InstitutionTier.COUNTY, level: RegionLevel.COUNTY },
] as const;

/**
 * Each figure is one statement for every area of the request (statistics-plan.ts), whose work
 * grows with the rows of the tables it reads: priced at about 20 points per millisecond, as text
 * searches are (searchCost), from times measured on the seeded network for the country and its
 * 31 provinces — institutions 60 ms for 2,671 rows, services 150–250 ms for 11,614, the referral
 * funnel 0.5–0.6 s for 27,592 referrals (with 104,439 history lines), events 130 ms for 27,684
 * registrations. The whole country, every figure, stays under the per-request limit.
 */
const figureCost = (table: string, pointsPerRow: number): CostRule => ({
  surcharge: (_args, volume) => pointsPerRow * volume.rows(table),
  oncePerRequest: true,
});
const institutionFiguresCost = figureCost('institution', 0.5);
const serviceFiguresCost = figureCost('service', 0.25);
const referralFiguresCost = figureCost('referral', 0.4);
const eventFiguresCost = figureCost('event_registration', 0.1);
// Appeals: one pass over the appeal table per request (no history joined).
const appealFiguresCost = figureCost('appeal', 0.05);
const breakdownCost: CostRule = { multiplier: () => MAX_BREAKDOWN };

@Resolver(() => NetworkStatistics)
export class NetworkStatisticsResolver {
  @Query(() => NetworkStatistics, {
    description:
      'Figures of the network — institutions, coverage, services, referrals, events — for the whole country or a region and everything below it, with a breakdown one level down.',
  })
  async networkStatistics(
    @Arg('regionCode', () => String, {
      nullable: true,
      description:
        'A province, prefecture or county (2-, 4- or 6-digit GB/T 2260 code); the whole country when left out.',
    })
    regionCode: string | null,
    @Ctx() context: StatisticsContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<NetworkStatistics> {
    let area = COUNTRY;
    if (regionCode !== null && regionCode !== undefined) {
      area = normalizeRegionCode(regionCode, 'regionCode');
      if (!(await context.regions.byCode(area))) {
        throw notFound(`regionCode ${quote(regionCode)} names no GB/T 2260 division`, 'regionCode');
      }
    }
    loadAhead(context.statistics, area, info, await context.regions.all());
    return { area };
  }

  @FieldResolver(() => Region, {
    nullable: true,
    description: 'The region; null for the whole country.',
  })
  region(
    @Root() { area }: NetworkStatistics,
    @Ctx() { regions }: StatisticsContext,
  ): Promise<Region | null> | null {
    return area === COUNTRY ? null : regions.byCode(area);
  }

  @Cost(institutionFiguresCost)
  @FieldResolver(() => [TierCount], {
    description:
      'Active institutions by tier and kind (the national centre counts in the country).',
  })
  async institutions(
    @Root() { area }: NetworkStatistics,
    @Ctx() { statistics }: StatisticsContext,
  ): Promise<TierCount[]> {
    return statistics.institutions.load(area);
  }

  @Cost(institutionFiguresCost)
  @FieldResolver(() => [TierCoverage], {
    description:
      'MUNICIPAL: real prefectures with an active PUBLIC municipal centre; COUNTY: county-level divisions with an active PUBLIC county centre.',
  })
  async coverage(
    @Root() { area }: NetworkStatistics,
    @Ctx() { statistics, regions }: StatisticsContext,
  ): Promise<TierCoverage[]> {
    const [counts, all] = await Promise.all([statistics.institutions.load(area), regions.all()]);
    return COVERED_LEVELS.map(({ tier, level }) => {
      // At most one PUBLIC centre per region, and a tier only in regions of its level.
      const covered =
        counts.find((row) => row.tier === tier && row.kind === InstitutionKind.PUBLIC)?.count ?? 0;
      const total = regionsOfLevelIn(area, level, all);
      return { tier, regions: total, covered, ratio: ratio(covered, total) };
    });
  }

  @Cost(serviceFiguresCost)
  @FieldResolver(() => [CategoryCount], {
    description: 'Active services of active institutions by top category, in taxonomy order.',
  })
  async servicesByCategory(
    @Root() { area }: NetworkStatistics,
    @Ctx() { statistics, taxonomy }: StatisticsContext,
  ): Promise<CategoryCount[]> {
    const [rows, catalog] = await Promise.all([statistics.services.load(area), taxonomy.current()]);
    const byCategory = new Map(rows.map((row) => [row.categoryId, row]));
    return catalog.roots.map((category) => ({
      category,
      activeServices: byCategory.get(category.key)?.activeServices ?? 0,
      institutions: byCategory.get(category.key)?.institutions ?? 0,
    }));
  }

  @Cost(referralFiguresCost)
  @FieldResolver(() => ReferralFunnel, {
    description: 'Referrals to the area’s institutions: where they stand, how fast, how rated.',
  })
  async referrals(
    @Root() { area }: NetworkStatistics,
    @Ctx() { statistics }: StatisticsContext,
  ): Promise<ReferralFunnel> {
    const { ratings, goodRatings, ...funnel } = await statistics.referrals.load(area);
    return {
      ...funnel,
      completionRate: share(
        funnel.completed,
        funnel.completed + funnel.declined + funnel.cancelled,
      ),
      satisfaction: share(goodRatings, ratings),
    };
  }

  @Cost(eventFiguresCost)
  @FieldResolver(() => EventFigures, { description: 'Events held in the area.' })
  events(
    @Root() { area }: NetworkStatistics,
    @Ctx() { statistics }: StatisticsContext,
  ): Promise<EventFigures> {
    return statistics.events.load(area);
  }

  @Cost(appealFiguresCost)
  @FieldResolver(() => AppealFigures, {
    description: 'Enterprise appeals whose need lies in the area: volume, deadlines, satisfaction.',
  })
  async appeals(
    @Root() { area }: NetworkStatistics,
    @Ctx() { statistics }: StatisticsContext,
  ): Promise<AppealFigures> {
    const { resolved, resolvedOnTime, closed, satisfied, ...figures } =
      await statistics.appeals.load(area);
    return {
      ...figures,
      onTimeRate: share(resolvedOnTime, resolved),
      satisfaction: share(satisfied, closed),
    };
  }

  @Cost(breakdownCost)
  @FieldResolver(() => [NetworkStatistics], {
    description:
      'The next level’s regions, each with its own figures (provinces under the country, prefectures under a province).',
  })
  async breakdown(
    @Root() { area }: NetworkStatistics,
    @Ctx() { regions }: StatisticsContext,
  ): Promise<NetworkStatistics[]> {
    return areasBelow(area, await regions.all()).map((below) => ({ area: below }));
  }
}
