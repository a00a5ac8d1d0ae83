// The policies' GraphQL inputs and payloads. Days are graphql-scalars' Date (YYYY-MM-DD): a forged
// day is refused by the scalar before any resolver runs.
import { DateResolver } from 'graphql-scalars';
import { Field, Float, ID, InputType, ObjectType } from 'type-graphql';
import { DesignationKind } from '../cultivation/designation-enums';
import { EnterpriseScale } from '../services/eligibility';
import { DesignatedEnterpriseInput } from '../cultivation/designation.inputs';
import { PolicyApplication } from './policy-application.entity';
import { BenefitKind, PolicyDecision, PolicyDelivery } from './policy-enums';
import { Policy } from './policy.entity';

@InputType({ description: 'The application guide (申报指南): every field required.' })
export class PolicyGuideInput {
  @Field({ description: 'Who may benefit (申报对象), at most 2,000 characters.' })
  beneficiaries!: string;

  @Field({ description: 'The conditions in the issuer’s words, at most 4,000 characters.' })
  conditions!: string;

  @Field({ description: 'The materials to prepare, at most 4,000 characters.' })
  materials!: string;

  @Field({ description: 'Where to apply or ask, at most 200 characters.' })
  office!: string;

  @Field({ description: 'The office’s telephone, e.g. 020-83133114.' })
  phone!: string;
}

@InputType({ description: 'A policy to publish.' })
export class PublishPolicyInput {
  @Field({ description: 'A new public code: capitals, digits and dashes, e.g. GD-2026-017.' })
  code!: string;

  @Field({ description: 'The title as published, at most 200 characters.' })
  title!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The issuing division (a province, a real prefecture or a county; 2, 4 or 6 digits). Empty for a national policy (ADMIN only).',
  })
  regionCode?: string | null;

  @Field({ description: 'The issuing department, e.g. 广东省工业和信息化厅.' })
  issuer!: string;

  @Field({ description: 'Its service category (FIN, DIG-CLOUD …).' })
  categoryCode!: string;

  @Field(() => BenefitKind, { description: 'What it gives.' })
  benefitKind!: BenefitKind;

  @Field(() => Float, {
    nullable: true,
    description:
      'The most one enterprise can receive, yuan (at most two decimals); null where the benefit is not a sum.',
  })
  maxAmountYuan?: number | null;

  @Field(() => PolicyDelivery, {
    description: 'AUTOMATIC entitles every eligible enterprise at once.',
  })
  delivery!: PolicyDelivery;

  @Field(() => [EnterpriseScale], { nullable: true, description: 'Empty or absent: every scale.' })
  eligibleScales?: EnterpriseScale[] | null;

  @Field(() => DesignationKind, {
    nullable: true,
    description: 'The lowest designation required (a higher rung also qualifies).',
  })
  minDesignation?: DesignationKind | null;

  @Field(() => [String], {
    nullable: true,
    description:
      'GB/T 4754-2017 code prefixes (a section letter, division, group or class), at most 50.',
  })
  industryCodes?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Only enterprises enrolled in a pilot.' })
  pilotOnly?: boolean | null;

  @Field(() => DateResolver, { description: 'The first day it may be had (Beijing).' })
  opensOn!: Date;

  @Field(() => DateResolver, {
    nullable: true,
    description: 'The last day; null: until withdrawn.',
  })
  closesOn?: Date | null;

  @Field(() => PolicyGuideInput, { description: 'The application guide, complete.' })
  guide!: PolicyGuideInput;
}

@ObjectType({ description: 'What publishPolicy and withdrawPolicy answer.' })
export class PolicyPayload {
  @Field(() => Policy, { description: 'The policy as it is now.' })
  policy!: Policy;
}

@InputType({ description: 'An application to an APPLICATION policy.' })
export class ApplyForPolicyInput {
  @Field({
    description: 'Unique per API key: a retry with the same key returns the first application.',
  })
  idempotencyKey!: string;

  @Field({ description: 'The policy (its public code).' })
  policyCode!: string;

  @Field(() => DesignatedEnterpriseInput, {
    description:
      'The enterprise; an enterprise the registry already holds keeps its recorded region, scale and industry.',
  })
  enterprise!: DesignatedEnterpriseInput;

  @Field(() => Float, {
    nullable: true,
    description: 'Yuan asked for (at most two decimals), not above the policy’s maximum.',
  })
  amountRequestedYuan?: number | null;
}

@InputType({ description: 'The issuing region’s decision on a submitted application.' })
export class DecidePolicyApplicationInput {
  @Field(() => ID, { description: 'The application.' })
  applicationId!: string;

  @Field(() => PolicyDecision, { description: 'APPROVED or DECLINED.' })
  decision!: PolicyDecision;

  @Field(() => Float, {
    nullable: true,
    description: 'Required when APPROVED: yuan, not above the policy’s maximum.',
  })
  amountApprovedYuan?: number | null;

  @Field(() => String, { nullable: true, description: 'Required when DECLINED: why.' })
  note?: string | null;
}

@InputType({ description: 'A payout of an approved application or an entitlement.' })
export class RecordPolicyPayoutInput {
  @Field(() => ID, { description: 'The application or entitlement.' })
  applicationId!: string;

  @Field(() => Float, { description: 'Yuan paid, not above the approved amount (or the maximum).' })
  amountPaidYuan!: number;

  @Field(() => DateResolver, { description: 'The day it was paid, not in the future.' })
  paidOn!: Date;
}

@ObjectType({ description: 'What the application mutations answer.' })
export class PolicyApplicationPayload {
  @Field(() => PolicyApplication, { description: 'The application as it is now.' })
  application!: PolicyApplication;
}

@InputType({ description: 'Narrows a list of policies; every field given must hold.' })
export class PolicyFilter {
  @Field(() => String, {
    nullable: true,
    description:
      "Policies that apply in this division: its own and those of every division above it, and the nation's.",
  })
  regionCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'This service category or any of its sub-categories.',
  })
  categoryCode?: string | null;

  @Field(() => [PolicyDelivery], { nullable: true, description: 'Any of these deliveries.' })
  delivery?: PolicyDelivery[] | null;

  @Field(() => [BenefitKind], { nullable: true, description: 'Any of these benefits.' })
  benefitKind?: BenefitKind[] | null;

  @Field(() => DateResolver, { nullable: true, description: 'Open on this day.' })
  openOn?: Date | null;

  @Field(() => String, { nullable: true, description: 'Words of the title or the issuer.' })
  search?: string | null;
}
