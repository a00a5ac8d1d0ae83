// The GraphQL types of network statistics: figures of a region and everything below it.
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { InstitutionKind, InstitutionTier } from '../institutions/institution-enums';
import { ServiceCategory } from '../services/service-category.entity';

@ObjectType({ description: 'Active institutions of one tier and kind.' })
export class TierCount {
  @Field(() => InstitutionTier, { description: 'The tier.' })
  tier!: InstitutionTier;

  @Field(() => InstitutionKind, { description: 'PUBLIC centres or MARKET agencies.' })
  kind!: InstitutionKind;

  @Field(() => Int, { description: 'Active institutions of that tier and kind.' })
  count!: number;
}

@ObjectType({
  description: 'How many regions of a level have an active PUBLIC centre of their own.',
})
export class TierCoverage {
  @Field(() => InstitutionTier, {
    description:
      'MUNICIPAL: real prefectures with an active PUBLIC centre; COUNTY: county-level divisions with one.',
  })
  tier!: InstitutionTier;

  @Field(() => Int, { description: 'Regions of that level in the area.' })
  regions!: number;

  @Field(() => Int, { description: 'Of those, regions with an active PUBLIC centre.' })
  covered!: number;

  @Field(() => Float, { description: 'covered ÷ regions; 0 where the area has no such region.' })
  ratio!: number;
}

@ObjectType({ description: 'Active services of one top category.' })
export class CategoryCount {
  @Field(() => ServiceCategory, { description: 'The top category (its sub-categories included).' })
  category!: ServiceCategory;

  @Field(() => Int, { description: 'Active services of active institutions in it.' })
  activeServices!: number;

  @Field(() => Int, { description: 'Active institutions offering at least one of them.' })
  institutions!: number;
}

@ObjectType({
  description:
    'Referrals to the institutions of the area, by current status, with how fast they were handled.',
})
export class ReferralFunnel {
  @Field(() => Int, { description: 'Now SUBMITTED.' })
  submitted!: number;

  @Field(() => Int, { description: 'Now ACCEPTED.' })
  accepted!: number;

  @Field(() => Int, { description: 'Now IN_PROGRESS.' })
  inProgress!: number;

  @Field(() => Int, { description: 'Now COMPLETED.' })
  completed!: number;

  @Field(() => Int, { description: 'Now DECLINED.' })
  declined!: number;

  @Field(() => Int, { description: 'Now CANCELLED.' })
  cancelled!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Median hours from submission to acceptance; null when none was accepted.',
  })
  medianHoursToAccept!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Median hours from submission to completion; null when none was completed.',
  })
  medianHoursToComplete!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'completed ÷ (completed + declined + cancelled); null when nothing has ended.',
  })
  completionRate!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Share of feedback ratings of 4 or 5; null without feedback.',
  })
  satisfaction!: number | null;
}

@ObjectType({ description: 'Events held in the area (not cancelled) and what came of them.' })
export class EventFigures {
  @Field(() => Int, { description: 'Events taking place in the area, not cancelled.' })
  events!: number;

  @Field(() => Int, { description: 'Their registrations, not cancelled.' })
  registrations!: number;

  @Field(() => Int, { description: 'Distinct enterprises among those registrations.' })
  enterprises!: number;

  @Field(() => Int, { description: 'Registrations marked ATTENDED.' })
  attended!: number;

  @Field(() => Int, { description: 'Matchmaking outcomes recorded.' })
  outcomes!: number;

  @Field(() => Float, { description: 'Sum of the outcomes’ amounts, in yuan.' })
  amountYuan!: number;
}

@ObjectType({ description: 'Enterprise appeals whose need lies in the area.' })
export class AppealFigures {
  @Field(() => Int, { description: 'Appeals received.' })
  received!: number;

  @Field(() => Int, { description: 'Of those, not yet resolved.' })
  open!: number;

  @Field(() => Int, { description: 'Open, with a deadline passed and its step not done.' })
  overdue!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'Resolved by their resolveBy deadline and never escalated (no deadline missed) ÷ resolved; null when none resolved.',
  })
  onTimeRate!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Median working days from submission to resolution (the mainland calendar); null when none resolved.',
  })
  medianWorkingDaysToResolve!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Share of satisfaction 4 or 5 among closed appeals; null without any.',
  })
  satisfaction!: number | null;
}

/**
 * Figures of the network in an area: the whole country (key `000000`) or a region and everything
 * below it. Each figure is a field, read (batched for every area of the request) when asked for.
 */
@ObjectType({
  description:
    'Figures of the network in a region and everything below it (the whole country when regionCode is omitted).',
})
export class NetworkStatistics {
  /** The area: a six-digit region code, or COUNTRY. */
  area!: string;
}
