// Input, filter, payload and contact types of the referral API.
import { EmailAddressResolver } from 'graphql-scalars';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { EnterpriseScale, SpecializationLevel } from '../services/eligibility';
import { Referral } from './referral.entity';
import { ReferralStatus } from './referral-status';

@InputType({ description: 'Narrows a list of referrals; every field given must hold.' })
export class ReferralFilter {
  @Field(() => [ReferralStatus], { nullable: true, description: 'Any of these statuses.' })
  status?: ReferralStatus[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'Referrals to this institution (its public code, e.g. C-441900).',
  })
  institutionCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Referrals of the enterprise with this credit code.',
  })
  creditCode?: string | null;
}

@InputType({ description: 'The enterprise being referred; upserted by its credit code.' })
export class EnterpriseInput {
  @Field({
    description: '18-character Unified Social Credit Code; its check character is verified.',
  })
  creditCode!: string;

  @Field({ description: 'Registered name.' })
  name!: string;

  @Field(() => EnterpriseScale, { description: 'Size class.' })
  scale!: EnterpriseScale;

  @Field(() => SpecializationLevel, {
    nullable: true,
    description: 'Standing in the programme (default NONE).',
  })
  specialization?: SpecializationLevel | null;

  @Field({ description: 'Where it is registered: a 2-, 4- or 6-digit GB/T 2260 code.' })
  regionCode!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Contact person (personal data: shown only to those who see the referral).',
  })
  contactName?: string | null;

  @Field(() => String, { nullable: true, description: 'Contact phone (personal data).' })
  contactPhone?: string | null;

  @Field(() => EmailAddressResolver, {
    nullable: true,
    description: 'Contact email (personal data).',
  })
  contactEmail?: string | null;
}

@InputType({ description: 'A referral of an enterprise to a service.' })
export class CreateReferralInput {
  @Field({
    description: 'Retrying with the same key returns the first result; nothing is created twice.',
  })
  idempotencyKey!: string;

  @Field(() => EnterpriseInput, { description: 'The enterprise referred.' })
  enterprise!: EnterpriseInput;

  @Field(() => ID, { description: 'Global id of an active service.' })
  serviceId!: string;

  @Field(() => String, {
    nullable: true,
    description: 'What the receiving institution should know.',
  })
  note?: string | null;
}

@ObjectType({ description: 'The referral created, or found again on a retry.' })
export class CreateReferralPayload {
  @Field(() => Referral, { description: 'The referral.' })
  referral!: Referral;
}

@InputType({ description: 'A move of a referral to its next status.' })
export class UpdateReferralStatusInput {
  @Field(() => ID, { description: 'Global id of the referral.' })
  referralId!: string;

  @Field(() => ReferralStatus, { description: 'The status to move to.' })
  status!: ReferralStatus;

  @Field(() => ReferralStatus, {
    nullable: true,
    description:
      'The status the client last saw. When given, the move happens only from that status; if the referral has moved on meanwhile the answer is CONFLICT.',
  })
  expectedStatus?: ReferralStatus | null;

  @Field(() => String, { nullable: true, description: 'Why; kept in the history.' })
  note?: string | null;
}

@ObjectType({ description: 'The referral after the move.' })
export class UpdateReferralStatusPayload {
  @Field(() => Referral, { description: 'The referral.' })
  referral!: Referral;
}

@ObjectType({ description: 'Who to talk to at the enterprise (personal data).' })
export class ReferralContact {
  @Field(() => String, { nullable: true, description: 'Contact person.' })
  name!: string | null;

  @Field(() => String, { nullable: true, description: 'Phone.' })
  phone!: string | null;

  @Field(() => EmailAddressResolver, { nullable: true, description: 'Email.' })
  email!: string | null;
}
