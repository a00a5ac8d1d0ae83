// The registry's GraphQL inputs and payloads: the designations' filter, a granted list, a review
// and a revocation.
import { DateResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { EnterpriseScale } from '../services/eligibility';
import { DesignationKind, DesignationStatus, ReviewOutcome } from './designation-enums';
import { Designation } from './designation.entity';

@InputType({ description: 'Narrows a list of designations; every field given must hold.' })
export class DesignationFilter {
  @Field(() => [DesignationKind], { nullable: true, description: 'Any of these kinds.' })
  kind?: DesignationKind[] | null;

  @Field(() => [DesignationStatus], {
    nullable: true,
    description: 'Any of these statuses, as of today.',
  })
  status?: DesignationStatus[] | null;

  @Field(() => String, {
    nullable: true,
    description: "The enterprise's region and everything below it.",
  })
  regionCode?: string | null;

  @Field(() => String, { nullable: true, description: 'The published batch, e.g. "2024-1".' })
  batch?: string | null;

  @Field(() => DateResolver, {
    nullable: true,
    description: 'validUntil on or before this day (reviews coming due).',
  })
  expiringBy?: Date | null;
}

@InputType({
  description:
    'An enterprise as a programme names it (a row of a published list, a pilot enrolment, a policy application); a listed one keeps what the registry holds.',
})
export class DesignatedEnterpriseInput {
  @Field({
    description:
      '18-character Unified Social Credit Code (GB 32100-2015), check character verified.',
  })
  creditCode!: string;

  @Field({ description: 'Registered name.' })
  name!: string;

  @Field({ description: 'Where it is registered: a six-digit GB/T 2260 code.' })
  regionCode!: string;

  @Field(() => EnterpriseScale, { description: 'Size class.' })
  scale!: EnterpriseScale;

  @Field(() => String, {
    nullable: true,
    description: 'GB/T 4754-2017 industry code, e.g. C3670 (a code the standard has).',
  })
  industryCode?: string | null;
}

@InputType({ description: 'A published list of one kind and batch: all granted, or none.' })
export class GrantDesignationsInput {
  @Field(() => DesignationKind, { description: 'The rung granted to every row.' })
  kind!: DesignationKind;

  @Field({ description: 'The published batch, e.g. "2024-1".' })
  batch!: string;

  @Field(() => DateResolver, {
    description:
      'First day of validity, not later than today; valid three years, through the same day.',
  })
  validFrom!: Date;

  @Field(() => [DesignatedEnterpriseInput], {
    description: 'A published list: every row checked, all granted or none.',
  })
  enterprises!: DesignatedEnterpriseInput[];
}

@ObjectType({ description: 'What a granted list wrote.' })
export class GrantDesignationsPayload {
  @Field(() => Int, { description: 'Designations granted.' })
  granted!: number;

  @Field(() => [Designation], { description: 'The designations granted, in the list’s order.' })
  designations!: Designation[];
}

@InputType({ description: 'The outcome of a designation’s review (复核).' })
export class ReviewDesignationInput {
  @Field(() => ID, { description: 'The designation, UNDER_REVIEW.' })
  designationId!: string;

  @Field(() => ReviewOutcome, { description: 'RENEWED or EXITED.' })
  outcome!: ReviewOutcome;

  @Field(() => String, {
    nullable: true,
    description: 'Why, for the history (up to 2,000 characters).',
  })
  note?: string | null;
}

@InputType({ description: 'Withdrawing a designation.' })
export class RevokeDesignationInput {
  @Field(() => ID, { description: 'The designation, ACTIVE or UNDER_REVIEW.' })
  designationId!: string;

  @Field({
    description: 'Why, for the history and the audit trail (required, up to 2,000 characters).',
  })
  reason!: string;
}

@ObjectType({ description: 'A designation after a change.' })
export class DesignationPayload {
  @Field(() => Designation, { description: 'The designation as it now stands.' })
  designation!: Designation;
}
