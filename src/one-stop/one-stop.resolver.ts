import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../schema/context';
import { oneStopLookup } from './one-stop.service';
import { OneStopInput, OneStopResult } from './one-stop.types';

@Resolver()
export class OneStopResolver {
  @Query(() => OneStopResult, {
    description:
      'One-stop service: the institutions that serve an enterprise’s need, from its own region up to the nation (county → municipal → provincial → national).',
  })
  oneStop(
    @Arg('input', () => OneStopInput) input: OneStopInput,
    @Ctx() context: RequestContext,
  ): Promise<OneStopResult> {
    return oneStopLookup(context, input);
  }
}
