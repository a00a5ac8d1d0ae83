// The policies' GraphQL object types that are not tables: the guide, a condition as matching
// judged it, a match, and a policy's figures.
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { PolicyApplication } from './policy-application.entity';
import { Policy } from './policy.entity';

@ObjectType({ description: 'The application guide every published policy carries (申报指南).' })
export class PolicyGuide {
  @Field({ description: 'Who may benefit (申报对象).' })
  beneficiaries!: string;

  @Field({ description: 'The conditions in the issuer’s words (申报条件).' })
  conditions!: string;

  @Field({ description: 'The materials to prepare (申报材料).' })
  materials!: string;

  @Field({ description: 'Where to apply or ask (受理部门).' })
  office!: string;

  @Field({ description: 'The office’s telephone (咨询电话).' })
  phone!: string;
}

/** The names PolicyCondition.condition takes, in the order matching lists them. */
export type ConditionName = 'region' | 'window' | 'scale' | 'designation' | 'industry' | 'pilot';

@ObjectType({ description: 'One condition of a policy, checked against the registry.' })
export class PolicyCondition {
  @Field({ description: 'scale, designation, industry, region, pilot, window.' })
  condition!: ConditionName;

  @Field({ description: 'Whether the enterprise meets it.' })
  met!: boolean;

  @Field({
    description:
      'In plain words, e.g. “requires SPECIALIZED_SME; the registry holds none for this enterprise”.',
  })
  detail!: string;
}

@ObjectType({
  description: 'A policy that applies where the enterprise is, condition by condition.',
})
export class PolicyMatch {
  @Field(() => Policy, { description: 'The policy.' })
  policy!: Policy;

  @Field({ description: 'Every condition met.' })
  eligible!: boolean;

  @Field(() => [PolicyCondition], { description: 'Region and window first, then the others.' })
  conditions!: PolicyCondition[];

  @Field(() => PolicyApplication, {
    nullable: true,
    description:
      'Set when the enterprise is entitled (AUTOMATIC) or has applied, and the viewer may see it.',
  })
  application!: PolicyApplication | null;
}

@ObjectType({
  description:
    'Applications to a policy (or to every policy a region issued), by status, with amounts.',
})
export class PolicyFigures {
  @Field(() => Int, { description: 'Entitled without applying, not yet paid.' })
  entitled!: number;

  @Field(() => Int, { description: 'Submitted, not yet decided.' })
  submitted!: number;

  @Field(() => Int, { description: 'Approved, not yet paid.' })
  approved!: number;

  @Field(() => Int, { description: 'Declined (by the region, a withdrawal or the registry).' })
  declined!: number;

  @Field(() => Int, { description: 'Paid.' })
  paid!: number;

  @Field(() => Int, { description: 'Entitled or approved, unpaid after payBy.' })
  overdue!: number;

  @Field(() => Float, { description: 'Yuan approved, paid or not yet.' })
  amountApprovedYuan!: number;

  @Field(() => Float, { description: 'Yuan paid.' })
  amountPaidYuan!: number;
}
