// NetworkStatistics.pilots: the digital-transformation pilots of an area (every pilot city in it),
// read with the other figures, one statement for every area of the answer (statistics-plan.ts).
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { progressOf } from '../pilots/pilot-progress';
import { PilotProgress } from '../pilots/pilot.types';
import { Cost, type CostRule } from '../schema/field-policy';
import type { StatisticsContext } from './statistics.context';
import { NetworkStatistics } from './statistics.types';

/**
 * One statement for every area, reading every pilot enterprise once with its verified level:
 * about 40,000 rows in 150 ms on the seeded network, priced as the other figures (about 20
 * points per millisecond).
 */
const pilotFiguresCost: CostRule = {
  surcharge: (_args, volume) => 0.1 * volume.rows('pilot_enterprise'),
  oncePerRequest: true,
};

@Resolver(() => NetworkStatistics)
export class PilotStatisticsResolver {
  @Cost(pilotFiguresCost)
  @FieldResolver(() => PilotProgress, {
    description:
      'Digital-transformation pilots of the area’s pilot cities: enterprises by stage reached, specialized ones enrolled (from the registry), accepted at level 2 or above, subsidies paid.',
  })
  async pilots(
    @Root() { area }: NetworkStatistics,
    @Ctx() { statistics }: StatisticsContext,
  ): Promise<PilotProgress> {
    return progressOf(await statistics.pilots.load(area));
  }
}
