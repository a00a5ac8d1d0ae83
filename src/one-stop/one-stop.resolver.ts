// Query.oneStop, and the cost rule that prices it.
import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { Cost, type CostRule } from '../schema/field-policy';
import { searchCost } from '../schema/query-limits';
import { oneStopLookup, type OneStopContext } from './one-stop.lookup';
import {
  DEFAULT_EVENTS_PER_TIER,
  DEFAULT_LIMIT_PER_TIER,
  OneStopInput,
  OneStopResult,
} from './one-stop.types';

/**
 * A lookup returns up to `limitPerTier` matches and `eventsPerTier` events on each of up to four
 * tiers: whatever is selected below it counts that many times over; its search reads only the
 * services of the chain's institutions.
 */
const oneStopCost: CostRule = {
  multiplier: ({ input }) => {
    const { limitPerTier: limit, eventsPerTier: events } =
      (input as { limitPerTier?: unknown; eventsPerTier?: unknown } | undefined) ?? {};
    return (
      4 *
      Math.max(
        typeof limit === 'number' ? limit : DEFAULT_LIMIT_PER_TIER,
        typeof events === 'number' ? events : DEFAULT_EVENTS_PER_TIER,
      )
    );
  },
  surcharge: (args) => searchCost(args, 100, 2, 'input'),
};

@Resolver()
export class OneStopResolver {
  @Cost(oneStopCost)
  @Query(() => OneStopResult, {
    description:
      'One-stop service: the institutions that serve an enterprise’s need, from its own region up to the nation (county → municipal → provincial → national).',
  })
  oneStop(
    @Arg('input', () => OneStopInput, { description: 'Where the enterprise is and what it needs.' })
    input: OneStopInput,
    @Ctx() context: OneStopContext,
  ): Promise<OneStopResult> {
    return oneStopLookup(context, input);
  }
}
