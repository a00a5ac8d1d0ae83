// The fields of a registration (its event, enterprise, contact and history) and of an outcome.
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Enterprise } from '../referrals/enterprise.entity';
import { ReferralContact } from '../referrals/referral.types';
import { NonNegativeInt } from '../schema/non-negative-int';
import type { EventContext } from './event.context';
import { EventRegistrationChange } from './event-registration-change.entity';
import { EventRegistration } from './event-registration.entity';
import { Event } from './event.entity';
import { MatchmakingOutcome } from './matchmaking-outcome.entity';

@Resolver(() => EventRegistration)
export class EventRegistrationResolver {
  @FieldResolver(() => Event, { description: 'The event.' })
  async event(
    @Root() registration: EventRegistration,
    @Ctx() { events }: EventContext,
  ): Promise<Event> {
    return (await events.byKey.load(registration.eventId))!;
  }

  @FieldResolver(() => Enterprise, { description: 'The enterprise registered.' })
  async enterprise(
    @Root() registration: EventRegistration,
    @Ctx() { referrals }: EventContext,
  ): Promise<Enterprise> {
    return (await referrals.enterpriseByKey.load(registration.enterpriseId))!;
  }

  @FieldResolver(() => ReferralContact, {
    nullable: true,
    description:
      'Who to talk to at the enterprise (personal data, seen only by those who see the registration).',
  })
  contact(@Root() registration: EventRegistration): ReferralContact | null {
    const { contactName: name, contactPhone: phone, contactEmail: email } = registration;
    return name || phone || email ? { name, phone, email } : null;
  }

  @FieldResolver(() => [EventRegistrationChange], {
    description: 'Every status change, oldest first.',
  })
  history(
    @Root() registration: EventRegistration,
    @Ctx() { events }: EventContext,
  ): Promise<EventRegistrationChange[]> {
    return events.history.load(registration.key);
  }
}

@Resolver(() => MatchmakingOutcome)
export class MatchmakingOutcomeResolver {
  @FieldResolver(() => Enterprise, { description: 'The enterprise it came to.' })
  async enterprise(
    @Root() outcome: MatchmakingOutcome,
    @Ctx() { referrals }: EventContext,
  ): Promise<Enterprise> {
    return (await referrals.enterpriseByKey.load(outcome.enterpriseId))!;
  }

  @FieldResolver(() => NonNegativeInt, {
    nullable: true,
    description: 'Agreed amount in yuan, where there is one.',
  })
  amountYuan(@Root() outcome: MatchmakingOutcome): number | null {
    return outcome.amountYuan === null ? null : Number(outcome.amountYuan);
  }
}
