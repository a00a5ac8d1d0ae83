// Policies in GraphQL: the library (policy, policies), matching (policyMatches), a policy's
// fields, publishing and withdrawing.
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
import { Region } from '../regions/region.entity';
import { CacheEffect, ChangesCache, Cost, type CostRule } from '../schema/field-policy';
import { PageArgs, pageWindow, toConnection } from '../schema/pagination';
import { searchCost } from '../schema/query-limits';
import { ServiceCategory } from '../services/service-category.entity';
import { governsPolicyOf } from './application-visibility';
import { publishPolicy, withdrawPolicy } from './policy.commands';
import { PolicyConnection } from './policy.connection';
import type { PolicyContext } from './policy.context';
import { Policy } from './policy.entity';
import { PolicyFilter, PolicyPayload, PublishPolicyInput } from './policy.inputs';
import { matchPolicies } from './policy-matching';
import { listPolicies } from './policy.queries';
import { PolicyFigures, PolicyGuide, PolicyMatch } from './policy.types';
import { calendarDate, yuan } from './stored-values';

/** A title search reads every policy's title (a thousand rows: a millisecond or two). */
const policySearchCost: CostRule = { surcharge: (args) => searchCost(args, 100, 2) };
/** A match lists every open policy of up to four tiers: priced as a long page. */
const matchesCost: CostRule = { multiplier: () => 100 };

@Resolver(() => Policy)
export class PolicyResolver {
  @Query(() => Policy, {
    nullable: true,
    description: 'A policy by its public code; null if none has it.',
  })
  policy(
    @Arg('code', { description: 'The policy’s public code.' }) code: string,
    @Ctx() { policies }: PolicyContext,
  ): Promise<Policy | null> {
    return policies.byCode.load(code.trim());
  }

  @Cost(policySearchCost)
  @Query(() => PolicyConnection, {
    description: 'Policies of every tier and status unless filtered, oldest first.',
  })
  async policies(
    @Args() page: PageArgs,
    @Arg('filter', () => PolicyFilter, {
      nullable: true,
      description: 'Narrows the list; without it, every policy.',
    })
    filter: PolicyFilter | null,
    @Ctx() context: PolicyContext,
  ): Promise<PolicyConnection> {
    const window = pageWindow(page, undefined, 'Query.policies');
    return toConnection(await listPolicies(context, filter, window), window);
  }

  @Cost(matchesCost)
  @Query(() => [PolicyMatch], {
    description:
      'Every published policy that applies where the enterprise is, matched condition by condition against the registry; one statement.',
  })
  async policyMatches(
    @Arg('creditCode', { description: 'The enterprise’s Unified Social Credit Code.' })
    creditCode: string,
    @Arg('includeIneligible', () => Boolean, {
      nullable: true,
      description: 'Also the policies whose conditions it does not meet (default false).',
    })
    includeIneligible: boolean | null,
    @Ctx() context: PolicyContext,
  ): Promise<PolicyMatch[]> {
    const { matches } = await matchPolicies(context, creditCode, {
      includeIneligible: includeIneligible ?? false,
    });
    context.policies.prime(matches.map((match) => match.policy));
    return matches;
  }

  @FieldResolver(() => Region, {
    nullable: true,
    description: 'The issuing division; null for national policies.',
  })
  async region(@Root() policy: Policy, @Ctx() { regions }: PolicyContext): Promise<Region | null> {
    return policy.regionCode === null ? null : regions.byCode(policy.regionCode);
  }

  @FieldResolver(() => ServiceCategory, { description: 'Its service category.' })
  async category(
    @Root() policy: Policy,
    @Ctx() { taxonomy }: PolicyContext,
  ): Promise<ServiceCategory> {
    return (await taxonomy.current()).byKey.get(policy.categoryId)!;
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description: 'The most one enterprise can receive, yuan; null where the benefit is not a sum.',
  })
  maxAmountYuan(@Root() policy: Policy): number | null {
    return yuan(policy.maxAmountYuan);
  }

  @FieldResolver(() => DateResolver, { description: 'The first day it may be had (Beijing).' })
  opensOn(@Root() policy: Policy): string {
    return calendarDate(policy.opensOn);
  }

  @FieldResolver(() => DateResolver, {
    nullable: true,
    description: 'The last day; null: until withdrawn.',
  })
  closesOn(@Root() policy: Policy): string | null {
    return calendarDate(policy.closesOn);
  }

  @FieldResolver(() => PolicyGuide, { description: 'The application guide (申报指南).' })
  guide(@Root() policy: Policy): PolicyGuide {
    return {
      beneficiaries: policy.guideBeneficiaries,
      conditions: policy.guideConditions,
      materials: policy.guideMaterials,
      office: policy.guideOffice,
      phone: policy.guidePhone,
    };
  }

  @FieldResolver(() => PolicyFigures, {
    nullable: true,
    description: "The issuing region's AUTHORITY and ADMIN; null for anyone else.",
  })
  async figures(
    @Root() policy: Policy,
    @Ctx() { viewer, policies }: PolicyContext,
  ): Promise<PolicyFigures | null> {
    return governsPolicyOf(viewer, policy.regionCode) ? policies.figures.load(policy.key) : null;
  }

  // Anonymous readers read the library: cached answers go once a policy is published.
  @ChangesCache(CacheEffect.PUBLIC_DATA)
  @Allow([Role.AUTHORITY, Role.ADMIN], 'publish policies')
  @Mutation(() => PolicyPayload, {
    description:
      'AUTHORITY of its region or ADMIN (national policies: ADMIN). An AUTOMATIC policy entitles every eligible enterprise in the same transaction.',
  })
  async publishPolicy(
    @Arg('input', () => PublishPolicyInput, { description: 'The policy, with its complete guide.' })
    input: PublishPolicyInput,
    @Ctx() context: PolicyContext,
  ): Promise<PolicyPayload> {
    return { policy: await publishPolicy(context, input) };
  }

  @ChangesCache(CacheEffect.PUBLIC_DATA)
  @Allow([Role.AUTHORITY, Role.ADMIN], 'withdraw policies')
  @Mutation(() => PolicyPayload, {
    description:
      'AUTHORITY of its region or ADMIN (national policies: ADMIN): open applications and unpaid entitlements end DECLINED, "policy withdrawn".',
  })
  async withdrawPolicy(
    @Arg('code', { description: 'The policy’s public code.' }) code: string,
    @Ctx() context: PolicyContext,
  ): Promise<PolicyPayload> {
    return { policy: await withdrawPolicy(context, code) };
  }
}

export const policyNodes = {
  Policy: ({ policies }: PolicyContext, key: string) => policies.byKey.load(Number(key)),
};
