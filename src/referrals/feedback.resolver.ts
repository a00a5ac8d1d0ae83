// Feedback in GraphQL: Referral.feedback (seen by whoever sees the referral) and
// submitReferralFeedback (the partner that made it).
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Allow } from '../auth/permissions';
import { Role } from '../auth/role';
import { CacheEffect, ChangesCache } from '../schema/field-policy';
import { FEEDBACK_GIVERS, submitReferralFeedback } from './feedback.commands';
import { SubmitFeedbackInput, SubmitFeedbackPayload } from './feedback.types';
import type { ReferralContext } from './referral.context';
import { Referral } from './referral.entity';
import { ReferralFeedback } from './referral-feedback.entity';

@Resolver(() => Referral)
export class ReferralFeedbackResolver {
  @FieldResolver(() => ReferralFeedback, {
    nullable: true,
    description: 'The referring partner’s rating, once given; null before.',
  })
  feedback(
    @Root() referral: Referral,
    @Ctx() { referrals }: ReferralContext,
  ): Promise<ReferralFeedback | null> {
    return referrals.feedback.load(referral.uuid);
  }

  @Allow([Role.PARTNER], 'rate referrals', FEEDBACK_GIVERS)
  @ChangesCache(CacheEffect.NONE)
  @Mutation(() => SubmitFeedbackPayload, {
    description:
      'The PARTNER that made the referral, once it is COMPLETED; once per referral (a retry with the same rating answers the same, a different one is CONFLICT).',
  })
  async submitReferralFeedback(
    @Arg('input', () => SubmitFeedbackInput, { description: 'The referral and its rating.' })
    input: SubmitFeedbackInput,
    @Ctx() context: ReferralContext,
  ) {
    return { referral: await submitReferralFeedback(context, input) };
  }
}
