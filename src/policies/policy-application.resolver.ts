// Policy applications in GraphQL: their fields as the viewer may see them, the list
// (policyApplications), and applying, deciding and paying.
import { DateResolver } from 'graphql-scalars';
import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  Float,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Allow } from '../auth/permissions';
import { Role } from '../auth/role';
import { Enterprise } from '../referrals/enterprise.entity';
import { CacheEffect, ChangesCache } from '../schema/field-policy';
import { PageArgs, pageWindow, toConnection } from '../schema/pagination';
import { beijingDayOf } from '../working-calendar/calendar-days';
import { canSeeApplication } from './application-visibility';
import { isPastPayBy } from './pay-by';
import { PolicyApplicationChange } from './policy-application-change.entity';
import {
  applyForPolicy,
  decidePolicyApplication,
  recordPolicyPayout,
} from './policy-application.commands';
import { PolicyApplication } from './policy-application.entity';
import { PolicyApplicationConnection } from './policy.connection';
import type { PolicyContext } from './policy.context';
import { PolicyApplicationStatus } from './policy-enums';
import { Policy } from './policy.entity';
import {
  ApplyForPolicyInput,
  DecidePolicyApplicationInput,
  PolicyApplicationPayload,
  RecordPolicyPayoutInput,
} from './policy.inputs';
import { listApplications } from './policy.queries';
import { calendarDate, yuan } from './stored-values';

const APPLICATION_KEYS = {
  who: 'PARTNER keys (their own), AUTHORITY keys (their region) or ADMIN keys',
};
const GOVERNOR_KEYS = { who: 'AUTHORITY keys of the issuing region or ADMIN keys' };

/** An application the viewer may see, or null as if it did not exist. */
async function visibleApplication(
  { viewer, policies }: PolicyContext,
  key: number,
): Promise<PolicyApplication | null> {
  const application = await policies.applicationByKey.load(key);
  if (!application) return null;
  const policy = await policies.byKey.load(application.policyId);
  return policy && canSeeApplication(viewer, application, policy) ? application : null;
}

@Resolver(() => PolicyApplication)
export class PolicyApplicationResolver {
  @Allow([Role.PARTNER, Role.AUTHORITY, Role.ADMIN], 'list policy applications', APPLICATION_KEYS)
  @Query(() => PolicyApplicationConnection, {
    description: 'PARTNER: its own; AUTHORITY: of policies issued in its region; ADMIN: all.',
  })
  async policyApplications(
    @Args() page: PageArgs,
    @Arg('policyCode', () => String, { nullable: true, description: 'Only those to this policy.' })
    policyCode: string | null,
    @Arg('status', () => [PolicyApplicationStatus], {
      nullable: true,
      description: 'Only those in one of these statuses.',
    })
    status: PolicyApplicationStatus[] | null,
    @Ctx() context: PolicyContext,
  ): Promise<PolicyApplicationConnection> {
    const window = pageWindow(page, undefined, 'Query.policyApplications');
    return toConnection(await listApplications(context, policyCode, status, window), window);
  }

  @FieldResolver(() => Policy, { description: 'The policy.' })
  async policy(
    @Root() application: PolicyApplication,
    @Ctx() { policies }: PolicyContext,
  ): Promise<Policy> {
    return (await policies.byKey.load(application.policyId))!;
  }

  @FieldResolver(() => Enterprise, { description: 'The enterprise.' })
  async enterprise(
    @Root() application: PolicyApplication,
    @Ctx() { referrals }: PolicyContext,
  ): Promise<Enterprise> {
    return (await referrals.enterpriseByKey.load(application.enterpriseId))!;
  }

  @FieldResolver(() => Float, { nullable: true, description: 'Yuan asked for.' })
  amountRequestedYuan(@Root() application: PolicyApplication): number | null {
    return yuan(application.amountRequestedYuan);
  }

  @FieldResolver(() => Float, { nullable: true, description: 'Yuan approved.' })
  amountApprovedYuan(@Root() application: PolicyApplication): number | null {
    return yuan(application.amountApprovedYuan);
  }

  @FieldResolver(() => Float, { nullable: true, description: 'Yuan paid.' })
  amountPaidYuan(@Root() application: PolicyApplication): number | null {
    return yuan(application.amountPaidYuan);
  }

  @FieldResolver(() => DateResolver, {
    nullable: true,
    description:
      '60 working days from approval (or from entitlement), in the mainland’s working calendar.',
  })
  payBy(@Root() application: PolicyApplication): string | null {
    return calendarDate(application.payBy);
  }

  @FieldResolver({ description: 'Entitled or approved, and still unpaid after payBy.' })
  overdue(@Root() application: PolicyApplication, @Ctx() { clock }: PolicyContext): boolean {
    const payBy = calendarDate(application.payBy);
    const unpaid =
      application.status === PolicyApplicationStatus.ENTITLED ||
      application.status === PolicyApplicationStatus.APPROVED;
    return unpaid && payBy !== null && isPastPayBy(payBy, beijingDayOf(clock()));
  }

  @FieldResolver(() => [PolicyApplicationChange], { description: 'Every change, oldest first.' })
  history(
    @Root() application: PolicyApplication,
    @Ctx() { policies }: PolicyContext,
  ): Promise<PolicyApplicationChange[]> {
    return policies.history.load(application.key);
  }

  @ChangesCache(CacheEffect.NONE)
  @Allow([Role.PARTNER, Role.ADMIN], 'apply for policies')
  @Mutation(() => PolicyApplicationPayload, {
    description: 'PARTNER or ADMIN; APPLICATION policies only; idempotent per key.',
  })
  async applyForPolicy(
    @Arg('input', () => ApplyForPolicyInput, { description: 'The policy and the enterprise.' })
    input: ApplyForPolicyInput,
    @Ctx() context: PolicyContext,
  ): Promise<PolicyApplicationPayload> {
    return { application: await applyForPolicy(context, input) };
  }

  @ChangesCache(CacheEffect.NONE)
  @Allow([Role.AUTHORITY, Role.ADMIN], 'decide policy applications', GOVERNOR_KEYS)
  @Mutation(() => PolicyApplicationPayload, {
    description: 'AUTHORITY of the issuing region or ADMIN.',
  })
  async decidePolicyApplication(
    @Arg('input', () => DecidePolicyApplicationInput, { description: 'The decision.' })
    input: DecidePolicyApplicationInput,
    @Ctx() context: PolicyContext,
  ): Promise<PolicyApplicationPayload> {
    return { application: await decidePolicyApplication(context, input) };
  }

  @ChangesCache(CacheEffect.NONE)
  @Allow([Role.AUTHORITY, Role.ADMIN], 'record policy payouts', GOVERNOR_KEYS)
  @Mutation(() => PolicyApplicationPayload, {
    description: 'AUTHORITY of the issuing region or ADMIN: PAID, not above the approved amount.',
  })
  async recordPolicyPayout(
    @Arg('input', () => RecordPolicyPayoutInput, { description: 'The payout.' })
    input: RecordPolicyPayoutInput,
    @Ctx() context: PolicyContext,
  ): Promise<PolicyApplicationPayload> {
    return { application: await recordPolicyPayout(context, input) };
  }
}

export const policyApplicationNodes = {
  PolicyApplication: (context: PolicyContext, key: string) =>
    visibleApplication(context, Number(key)),
};
