// Input and payload of submitReferralFeedback.
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Referral } from './referral.entity';

@InputType({ description: 'The referring partner’s rating of a completed referral.' })
export class SubmitFeedbackInput {
  @Field(() => ID, { description: 'Global id of the referral, COMPLETED, made by this key.' })
  referralId!: string;

  @Field(() => Int, { description: '1 (poor) to 5 (excellent).' })
  rating!: number;

  @Field(() => String, {
    nullable: true,
    description: 'What went well or not, in the partner’s words (at most 2,000 characters).',
  })
  comment?: string | null;
}

@ObjectType({ description: 'The referral with its feedback.' })
export class SubmitFeedbackPayload {
  @Field(() => Referral, { description: 'The referral; its feedback field holds the rating.' })
  referral!: Referral;
}
