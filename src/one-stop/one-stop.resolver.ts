// Query.oneStop, and the cost rule that prices it in the query limits.
import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { searchCost, type CostRule } from '../schema/query-limits';
import { oneStopLookup, type OneStopContext } from './one-stop.lookup';
import { DEFAULT_LIMIT_PER_TIER, OneStopInput, OneStopResult } from './one-stop.types';

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
 * A lookup returns up to `limitPerTier` matches on each of up to four tiers; its search reads
 * only the services of the chain's institutions.
 */
export const oneStopCostRule: CostRule = {
  field: 'Query.oneStop',
  multiplier: ({ input }) => {
    const limit = (input as { limitPerTier?: unknown } | undefined)?.limitPerTier;
    return 4 * (typeof limit === 'number' ? limit : DEFAULT_LIMIT_PER_TIER);
  },
  surcharge: (args) => searchCost(args, 100, 2, 'input'),
};
