// OneStopTier.events: declared here, beside the events it lists, so that one-stop need not know
// events. Every tier of a request is answered by one statement (a DataLoader batch over the
// tiers' regions), whatever the region and eventsPerTier.
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { OneStopTier } from '../one-stop/one-stop.types';
import type { EventContext } from './event.context';
import { Event } from './event.entity';
import { NATIONAL_STEP, upcomingEventsByStep, type TierEventCriteria } from './event.queries';

@Resolver(() => OneStopTier)
export class OneStopTierEventsResolver {
  @FieldResolver(() => [Event], {
    description:
      'Upcoming events of this tier’s institutions that fit the enterprise (scale, standing, category asked), soonest first; at most eventsPerTier.',
  })
  async events(@Root() tier: OneStopTier, @Ctx() context: EventContext): Promise<Event[]> {
    const { regionCode, scale, specialization, categoryKeys, eventsPerTier } = tier.eventQuery;
    if (eventsPerTier === 0) return [];
    const criteria: TierEventCriteria = {
      scale,
      specialization,
      categoryKeys,
      limit: eventsPerTier,
    };
    return context.connections
      .get<string, Event[]>('OneStopTier.events', criteria, async (steps) => {
        const { events, organizers } = await upcomingEventsByStep(
          context.sql,
          steps,
          criteria,
          context.clock(),
        );
        // Event.organizer, usually asked alongside, costs no further statement.
        context.institutions.prime(organizers);
        context.events.prime(events.flat());
        return events;
      })
      .load(regionCode ?? NATIONAL_STEP);
  }
}
