// Institution.events: declared here, beside the events it lists, so that institutions need not
// know events. The same page under every institution of a request comes from one statement.
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { Institution } from '../institutions/institution.entity';
import { localSearchCost } from '../institutions/institution.resolver';
import { Cost } from '../schema/field-policy';
import { PageArgs, pageWindow, toConnection } from '../schema/pagination';
import { selects } from '../schema/selection';
import { EventConnection } from './event.connection';
import type { EventContext } from './event.context';
import { EVENT_CURSOR, EventFilter } from './event-filter';
import { eventFilterArg } from './event.resolver';
import { eventPagesByOrganizer } from './event.queries';

@Resolver(() => Institution)
export class InstitutionEventsResolver {
  @Cost(localSearchCost)
  @FieldResolver(() => EventConnection, {
    description:
      'Events the institution organizes, of every status unless filtered, soonest first.',
  })
  events(
    @Root() institution: Institution,
    @Args() page: PageArgs,
    @Arg('filter', () => EventFilter, eventFilterArg) filter: EventFilter | null,
    @Ctx() context: EventContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<EventConnection> {
    const window = pageWindow(page, EVENT_CURSOR, 'Institution.events');
    const withTotals = selects(info, 'totalCount');
    return context.connections
      .get<number, EventConnection>(
        'Institution.events',
        { page, filter, withTotals },
        async (keys) =>
          (await eventPagesByOrganizer(context, keys, filter, window, withTotals)).map((keyed) =>
            toConnection(keyed, window),
          ),
      )
      .load(institution.key);
  }
}
