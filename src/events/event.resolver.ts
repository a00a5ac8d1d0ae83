// Events in GraphQL: the calendar (event, events), an event's fields — its registrations and
// outcomes as the viewer may see them — and the event and registration mutations.
import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  ID,
  Info,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { ANY_KEY, Allow, isAnonymous, isPartner } from '../auth/permissions';
import { Role } from '../auth/role';
import { Institution } from '../institutions/institution.entity';
import { Region } from '../regions/region.entity';
import { PageArgs, pageWindow, toConnection, BY_ROW_ID } from '../schema/pagination';
import { CacheEffect, ChangesCache, Cost, type CostRule } from '../schema/field-policy';
import { searchCost } from '../schema/query-limits';
import { selects } from '../schema/selection';
import { ServiceCategory } from '../services/service-category.entity';
import { EventConnection, EventRegistrationConnection } from './event.connection';
import type { EventContext } from './event.context';
import { EventStatus, RegistrationStatus } from './event-enums';
import { Event, eventStatus } from './event.entity';
import { EVENT_CURSOR, EventFilter } from './event-filter';
import { EventRegistration } from './event-registration.entity';
import { cancelEvent, createEvent, recordOutcome, updateEvent } from './event.commands';
import {
  CreateEventInput,
  EventPayload,
  EventRegistrationPayload,
  RecordOutcomeInput,
  RegisterForEventInput,
  UpdateEventInput,
} from './event.inputs';
import { listEvents, registrationPagesByEvent } from './event.queries';
import { MatchmakingOutcome } from './matchmaking-outcome.entity';
import {
  cancelEventRegistration,
  recordAttendance,
  registerForEvent,
} from './registration.commands';
import { ORGANIZER_KEYS, canSeeRegistration, managesEventsOf } from './registration-rules';

export const eventFilterArg = {
  nullable: true,
  description: 'Narrows the list; without it, every event of every status.',
} as const;

/** A registration the viewer may see, or null as if it did not exist. */
export async function visibleRegistration(
  { viewer, events }: EventContext,
  key: number,
): Promise<EventRegistration | null> {
  if (isAnonymous(viewer)) return null;
  const registration = await events.registrationByKey.load(key);
  if (!registration) return null;
  const event = await events.byKey.load(registration.eventId);
  return event &&
    canSeeRegistration(viewer, { organizerId: event.organizerId, apiKeyId: registration.apiKeyId })
    ? registration
    : null;
}

/** A title search reads every event's titles (a few thousand rows: a few milliseconds). */
const eventSearchCost: CostRule = { surcharge: (args) => searchCost(args, 100, 2) };

@Resolver(() => Event)
export class EventResolver {
  @Query(() => Event, {
    nullable: true,
    description: 'An event by its public code; null if none has it.',
  })
  event(
    @Arg('code', { description: 'The event’s public code.' }) code: string,
    @Ctx() { events }: EventContext,
  ): Promise<Event | null> {
    return events.byCode.load(code.trim());
  }

  @Cost(eventSearchCost)
  @Query(() => EventConnection, {
    description:
      'Events of the network, of every status unless filtered, soonest first (by start time).',
  })
  async events(
    @Args() page: PageArgs,
    @Arg('filter', () => EventFilter, eventFilterArg) filter: EventFilter | null,
    @Ctx() context: EventContext,
  ): Promise<EventConnection> {
    const window = pageWindow(page, EVENT_CURSOR, 'Query.events');
    return toConnection(await listEvents(context, filter, window), window);
  }

  @FieldResolver(() => EventStatus, {
    description: 'SCHEDULED until it ends (then COMPLETED), unless CANCELLED.',
  })
  status(@Root() event: Event, @Ctx() { clock }: EventContext): EventStatus {
    return eventStatus(event, clock());
  }

  @FieldResolver(() => Institution, { description: 'The institution that runs it.' })
  async organizer(
    @Root() event: Event,
    @Ctx() { institutions }: EventContext,
  ): Promise<Institution> {
    return (await institutions.byKey.load(event.organizerId))!;
  }

  @FieldResolver(() => Region, {
    description: 'Where it takes place (for ONLINE events: the organizer’s region).',
  })
  async region(@Root() event: Event, @Ctx() { regions }: EventContext): Promise<Region> {
    return (await regions.byCode(event.regionCode))!;
  }

  @FieldResolver(() => ServiceCategory, {
    nullable: true,
    description: 'The service category it is about, if any.',
  })
  async category(
    @Root() event: Event,
    @Ctx() { taxonomy }: EventContext,
  ): Promise<ServiceCategory | null> {
    return event.categoryId === null
      ? null
      : ((await taxonomy.current()).byKey.get(event.categoryId) ?? null);
  }

  @FieldResolver(() => Int, { description: 'Seats not held by anyone: capacity − confirmedCount.' })
  seatsLeft(@Root() event: Event): number {
    return event.capacity - event.confirmedCount;
  }

  @FieldResolver(() => EventRegistrationConnection, {
    description:
      'Visible to the organizer’s staff and ADMIN; a PARTNER sees the registrations it made; anyone else an empty list. In registration order.',
  })
  registrations(
    @Root() event: Event,
    @Args() page: PageArgs,
    @Arg('status', () => [RegistrationStatus], {
      nullable: true,
      description: 'Only registrations in any of these statuses.',
    })
    status: RegistrationStatus[] | null,
    @Ctx() context: EventContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<EventRegistrationConnection> | EventRegistrationConnection {
    const window = pageWindow(page, BY_ROW_ID, 'Event.registrations');
    const { viewer } = context;
    if (!isPartner(viewer) && !managesEventsOf(viewer, event.organizerId)) {
      // Not an error: the event still answers, with nothing of its enterprises.
      return toConnection({ items: [], total: () => 0 }, window);
    }
    const withTotals = selects(info, 'totalCount');
    return context.connections
      .get<number, EventRegistrationConnection>(
        'Event.registrations',
        { page, status, withTotals },
        async (keys) =>
          (await registrationPagesByEvent(context, keys, status, window, withTotals)).map((keyed) =>
            toConnection(keyed, window),
          ),
      )
      .load(event.key);
  }

  @FieldResolver(() => [MatchmakingOutcome], {
    description:
      'What came of it: all for the organizer’s staff and ADMIN; a PARTNER sees those of the enterprises it registered; anyone else none.',
  })
  outcomes(@Root() event: Event, @Ctx() { viewer, events }: EventContext) {
    if (!isPartner(viewer) && !managesEventsOf(viewer, event.organizerId)) {
      return [];
    }
    return events.outcomes.load(event.key);
  }

  // Every event write changes seats or statuses, which anonymous readers see.
  @ChangesCache(CacheEffect.PUBLIC_DATA)
  @Allow([Role.INSTITUTION_STAFF, Role.ADMIN], 'create events', ORGANIZER_KEYS)
  @Mutation(() => EventPayload, { description: 'INSTITUTION_STAFF of the organizer, or ADMIN.' })
  async createEvent(
    @Arg('input', () => CreateEventInput, { description: 'The new event.' })
    input: CreateEventInput,
    @Ctx() context: EventContext,
  ) {
    return { event: await createEvent(context, input) };
  }

  @ChangesCache(CacheEffect.PUBLIC_DATA)
  @Allow([Role.INSTITUTION_STAFF, Role.ADMIN], 'change events', ORGANIZER_KEYS)
  @Mutation(() => EventPayload, {
    description:
      'INSTITUTION_STAFF of the organizer, or ADMIN: title, venue, times, capacity (never below the seats held; added seats go to the waitlist first).',
  })
  async updateEvent(
    @Arg('input', () => UpdateEventInput, { description: 'The changes.' })
    input: UpdateEventInput,
    @Ctx() context: EventContext,
  ) {
    return { event: await updateEvent(context, input) };
  }

  @ChangesCache(CacheEffect.PUBLIC_DATA)
  @Allow([Role.INSTITUTION_STAFF, Role.ADMIN], 'cancel events', ORGANIZER_KEYS)
  @Mutation(() => EventPayload, {
    description:
      'INSTITUTION_STAFF of the organizer, or ADMIN, before it starts: cancels the event and every live registration.',
  })
  async cancelEvent(
    @Arg('code', { description: 'The event’s public code.' }) code: string,
    @Ctx() context: EventContext,
  ) {
    return { event: await cancelEvent(context, code) };
  }

  @ChangesCache(CacheEffect.PUBLIC_DATA)
  @Allow([Role.PARTNER, Role.ADMIN], 'register enterprises for events')
  @Mutation(() => EventRegistrationPayload, {
    description:
      'PARTNER or ADMIN. CONFIRMED while seats are left, WAITLISTED after; never overbooked.',
  })
  async registerForEvent(
    @Arg('input', () => RegisterForEventInput, { description: 'The event and the enterprise.' })
    input: RegisterForEventInput,
    @Ctx() context: EventContext,
  ) {
    return { registration: await registerForEvent(context, input) };
  }

  @ChangesCache(CacheEffect.PUBLIC_DATA)
  @Allow(ANY_KEY, 'cancel registrations')
  @Mutation(() => EventRegistrationPayload, {
    description:
      'The PARTNER that registered, the organizer’s staff or ADMIN, before the event starts; promotes the first waitlisted.',
  })
  async cancelEventRegistration(
    @Arg('registrationId', () => ID, { description: 'Global id of the registration.' })
    registrationId: string,
    @Ctx() context: EventContext,
  ) {
    return { registration: await cancelEventRegistration(context, registrationId) };
  }

  @ChangesCache(CacheEffect.PUBLIC_DATA)
  @Allow([Role.INSTITUTION_STAFF, Role.ADMIN], 'record attendance', ORGANIZER_KEYS)
  @Mutation(() => EventRegistrationPayload, {
    description: 'Organizer’s staff or ADMIN, once the event has started.',
  })
  async recordAttendance(
    @Arg('registrationId', () => ID, { description: 'Global id of the registration.' })
    registrationId: string,
    @Arg('attended', { description: 'True: ATTENDED; false: NO_SHOW.' }) attended: boolean,
    @Ctx() context: EventContext,
  ) {
    return { registration: await recordAttendance(context, registrationId, attended) };
  }

  @ChangesCache(CacheEffect.PUBLIC_DATA)
  @Allow([Role.INSTITUTION_STAFF, Role.ADMIN], 'record outcomes', ORGANIZER_KEYS)
  @Mutation(() => EventPayload, {
    description:
      'Organizer’s staff or ADMIN: what came of a matchmaking event for an enterprise that attended.',
  })
  async recordOutcome(
    @Arg('input', () => RecordOutcomeInput, { description: 'The enterprise and the result.' })
    input: RecordOutcomeInput,
    @Ctx() context: EventContext,
  ) {
    return { event: await recordOutcome(context, input) };
  }
}

/** Event and registration nodes for `node(id)`: registrations only where the viewer may see them. */
export const eventNodes = {
  Event: ({ events }: EventContext, key: string) => events.byKey.load(Number(key)),
  EventRegistration: (context: EventContext, key: string) =>
    visibleRegistration(context, Number(key)),
};
