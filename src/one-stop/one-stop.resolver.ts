// Query.oneStop, and the cost rule that prices it in the query limits.
import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { searchCost, type CostRule } from '../schema/query-limits';
import { oneStopLookup, type OneStopContext } from './one-stop.lookup';
import {
  DEFAULT_EVENTS_PER_TIER,
  DEFAULT_LIMIT_PER_TIER,
  OneStopInput,
  OneStopResult,
} from './one-stop.types';

@Resolver()
export class OneStopResolver {
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

/**
 * A lookup returns up to `limitPerTier` matches and `eventsPerTier` events on each of up to four
 * tiers: whatever is selected below it counts that many times over; its search reads only the
 * services of the chain's institutions.
 */
export const oneStopCostRule: CostRule = {
  field: 'Query.oneStop',
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
