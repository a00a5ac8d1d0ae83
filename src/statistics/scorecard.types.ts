// The GraphQL type of an institution's scorecard.
import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    'How an institution measures against the national demonstration-platform criteria over one calendar year.',
})
export class InstitutionScorecard {
  @Field(() => Int, { description: 'The calendar year (Beijing time).' })
  year!: number;

  @Field(() => Int, {
    description:
      'Distinct enterprises with a COMPLETED referral in the year (criterion: at least 150).',
  })
  enterprisesServed!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'Share of feedback ratings (given in the year) of 4 or 5 (criterion: at least 0.8); null without feedback.',
  })
  satisfaction!: number | null;

  @Field(() => Float, {
    description:
      'Share of active services that are FREE or SUBSIDIZED (criterion: at least 0.2); as it stands now.',
  })
  publicBenefitShare!: number;

  @Field(() => Int, {
    description:
      'Events organized that took place in the year: started in it, ended, not cancelled (criterion: at least 8).',
  })
  eventsHeld!: number;

  @Field(() => Int, {
    description: 'Appeals it resolved in the year (a figure, not a criterion).',
  })
  appealsResolved!: number;

  @Field(() => Int, {
    description:
      'Of those, resolved by their resolveBy deadline without an escalation (no deadline missed).',
  })
  appealsResolvedOnTime!: number;

  @Field({ description: 'Every criterion is met.' })
  meetsCriteria!: boolean;

  @Field(() => [String], { description: 'Each criterion not met, in plain words.' })
  shortfalls!: string[];
}
