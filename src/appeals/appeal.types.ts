// Inputs, filter, payload and the extension of the appeals API.
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { EnterpriseInput } from '../referrals/referral.types';
import { Appeal } from './appeal.entity';
import { AppealCategory, AppealStatus } from './appeal-enums';

@InputType({ description: 'Narrows a list of appeals; every field given must hold.' })
export class AppealFilter {
  @Field(() => [AppealStatus], { nullable: true, description: 'Any of these statuses.' })
  status?: AppealStatus[] | null;

  @Field(() => [AppealCategory], { nullable: true, description: 'Any of these categories.' })
  category?: AppealCategory[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'Appeals whose need is in this region or below it (2-, 4- or 6-digit code).',
  })
  regionCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Appeals handled now by this institution (its public code, e.g. C-441900).',
  })
  handlerCode?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: a deadline passed with its step not done; false: none did.',
  })
  overdue?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description: 'Appeals of the enterprise with this credit code.',
  })
  creditCode?: string | null;
}

@InputType({ description: 'An enterprise’s appeal, routed to the nearest active PUBLIC centre.' })
export class SubmitAppealInput {
  @Field({
    description: 'Retrying with the same key returns the first result; nothing is created twice.',
  })
  idempotencyKey!: string;

  @Field(() => EnterpriseInput, { description: 'The enterprise; upserted by its credit code.' })
  enterprise!: EnterpriseInput;

  @Field(() => AppealCategory, { description: 'What it is about.' })
  category!: AppealCategory;

  @Field({ description: 'The appeal in a line (at most 200 characters).' })
  title!: string;

  @Field({ description: 'The appeal in the enterprise’s words (at most 5,000 characters).' })
  description!: string;

  @Field({ description: 'Where the need is: a 2-, 4- or 6-digit GB/T 2260 code.' })
  regionCode!: string;
}

@InputType({ description: 'A step of an appeal, with what the handler says.' })
export class AppealStepInput {
  @Field(() => ID, { description: 'Global id of the appeal.' })
  appealId!: string;

  @Field({ description: 'What was done or said; kept in the history (at most 2,000 characters).' })
  note!: string;
}

@InputType({ description: 'The submitting partner closes a resolved appeal.' })
export class CloseAppealInput {
  @Field(() => ID, { description: 'Global id of the appeal, RESOLVED.' })
  appealId!: string;

  @Field(() => Int, { description: '1 (poor) to 5 (excellent); 1 or 2 reopens it once.' })
  satisfaction!: number;

  @Field(() => String, { nullable: true, description: 'Why, in the partner’s words.' })
  comment?: string | null;
}

@InputType({ description: 'The decision on a requested extension.' })
export class DecideAppealExtensionInput {
  @Field(() => ID, { description: 'Global id of the appeal.' })
  appealId!: string;

  @Field({ description: 'Approved: resolveBy becomes the 30th working day from the latest start.' })
  approved!: boolean;

  @Field(() => String, { nullable: true, description: 'Why; kept in the history.' })
  note?: string | null;
}

@ObjectType({ description: 'The appeal after the move.' })
export class AppealPayload {
  @Field(() => Appeal, { description: 'The appeal.' })
  appeal!: Appeal;
}

@ObjectType({ description: 'A request for more time to resolve, and its decision.' })
export class AppealExtension {
  @Field({ description: 'Why the handler needs more time.' })
  reason!: string;

  @Field({ description: 'When it was requested.' })
  requestedAt!: Date;

  @Field(() => Boolean, { nullable: true, description: 'Null while undecided.' })
  approved!: boolean | null;

  @Field(() => Date, { nullable: true, description: 'When it was decided.' })
  decidedAt!: Date | null;
}
