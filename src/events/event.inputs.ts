// Input and payload types of the event mutations.
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { EnterpriseInput } from '../referrals/referral.types';
import { EnterpriseScale, SpecializationLevel } from '../services/eligibility';
import { DeliveryMode } from '../services/service-enums';
import { NonNegativeInt } from '../schema/non-negative-int';
import { EventKind, OutcomeKind } from './event-enums';
import { EventRegistration } from './event-registration.entity';
import { Event } from './event.entity';

@InputType({ description: 'A new event of an institution.' })
export class CreateEventInput {
  @Field({ description: 'The institution that runs it (its public code, e.g. C-441900).' })
  organizerCode!: string;

  @Field({
    description:
      'Stable public code, unique across the network: capitals, digits and dashes (e.g. EV-441900-2026-07).',
  })
  code!: string;

  @Field({ description: 'Title (Chinese), at most 200 characters.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'English title.' })
  titleEn?: string | null;

  @Field(() => EventKind, { description: 'What kind of event it is.' })
  kind!: EventKind;

  @Field(() => String, {
    nullable: true,
    description:
      'Where it takes place (2, 4 or 6 digits), in the organizer’s region or below; defaults to the organizer’s region, required when the organizer is the national centre.',
  })
  regionCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The service category it is about (e.g. FIN-LOAN), if any.',
  })
  categoryCode?: string | null;

  @Field(() => DeliveryMode, { description: 'Online, on site or both.' })
  deliveryMode!: DeliveryMode;

  @Field(() => String, { nullable: true, description: 'Where it takes place (address or hall).' })
  venue?: string | null;

  @Field({ description: 'When it starts: ahead of now.' })
  startsAt!: Date;

  @Field({ description: 'When it ends: after it starts.' })
  endsAt!: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'When registration closes: by the start at the latest (default: the start).',
  })
  registrationClosesAt?: Date | null;

  @Field(() => Int, { description: 'Seats, at least 1.' })
  capacity!: number;

  @Field(() => [EnterpriseScale], {
    nullable: true,
    description: 'Scales it is open to; empty or left out means all.',
  })
  eligibleScales?: EnterpriseScale[] | null;

  @Field(() => SpecializationLevel, {
    nullable: true,
    description: 'Lowest standing required (default NONE).',
  })
  minSpecialization?: SpecializationLevel | null;

  @Field(() => [String], {
    nullable: true,
    description:
      'Large enterprises, funds or banks on the other side of the matchmaking (at most 50).',
  })
  counterparts?: string[] | null;
}

@InputType({ description: 'Changes to an event; fields left out stay as they are.' })
export class UpdateEventInput {
  @Field({ description: 'The event to change.' })
  code!: string;

  @Field(() => String, { nullable: true, description: 'Title (Chinese).' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'English title.' })
  titleEn?: string | null;

  @Field(() => String, { nullable: true, description: 'Where it takes place.' })
  venue?: string | null;

  @Field(() => Date, { nullable: true, description: 'When it starts: ahead of now.' })
  startsAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it ends: after it starts.' })
  endsAt?: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When registration closes: by the start at the latest.',
  })
  registrationClosesAt?: Date | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Seats: never below the seats already held; more seats go to the waitlist first, in order.',
  })
  capacity?: number | null;
}

@ObjectType({ description: 'The event after the change.' })
export class EventPayload {
  @Field(() => Event, { description: 'The event.' })
  event!: Event;
}

@InputType({ description: 'A registration of an enterprise for an event.' })
export class RegisterForEventInput {
  @Field({
    description:
      'Retrying with the same key returns the first result; nothing is registered twice.',
  })
  idempotencyKey!: string;

  @Field({ description: 'The event (its public code).' })
  eventCode!: string;

  @Field(() => EnterpriseInput, {
    description: 'The enterprise registered; upserted by its credit code, as for referrals.',
  })
  enterprise!: EnterpriseInput;
}

@ObjectType({ description: 'The registration made, found again on a retry, or changed.' })
export class EventRegistrationPayload {
  @Field(() => EventRegistration, { description: 'The registration.' })
  registration!: EventRegistration;
}

@InputType({ description: 'What came of a matchmaking event for an enterprise that attended.' })
export class RecordOutcomeInput {
  @Field({ description: 'The event (its public code).' })
  eventCode!: string;

  @Field({ description: 'The credit code of an enterprise that attended it.' })
  creditCode!: string;

  @Field(() => OutcomeKind, { description: 'Financing, procurement, technology or cooperation.' })
  kind!: OutcomeKind;

  @Field({ description: 'The bank, fund or large enterprise on the other side.' })
  counterpart!: string;

  @Field(() => NonNegativeInt, {
    nullable: true,
    description: 'Agreed amount in yuan, where there is one.',
  })
  amountYuan?: number | null;

  @Field(() => String, { nullable: true, description: 'What was agreed.' })
  note?: string | null;
}
