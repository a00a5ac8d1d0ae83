// Referrals in GraphQL: lookups and lists as the viewer may see them, creation and moves.
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ANY_KEY, Allow, isAdmin, isAnonymous } from '../auth/permissions';
import { Role } from '../auth/role';
import { Institution } from '../institutions/institution.entity';
import { CacheEffect, ChangesCache } from '../schema/field-policy';
import { connectionTypes, PageArgs, pageWindow, toConnection } from '../schema/pagination';
import { Service } from '../services/service.entity';
import { Enterprise } from './enterprise.entity';
import type { ReferralContext } from './referral.context';
import { ReferralEvent } from './referral-event.entity';
import { Referral } from './referral.entity';
import { REFERRAL_CURSOR, listReferrals } from './referral.queries';
import { createReferral, referralUuid, updateReferralStatus } from './referral.commands';
import {
  CreateReferralInput,
  CreateReferralPayload,
  ReferralContact,
  ReferralFilter,
  UpdateReferralStatusInput,
  UpdateReferralStatusPayload,
} from './referral.types';
import { canSee, requireReferralAccess } from './visibility';

export const ReferralConnection = connectionTypes(Referral, 'Referral', 'referral');
export type ReferralConnection = InstanceType<typeof ReferralConnection>;

/** A referral the viewer may see, or null as if it did not exist. */
export async function visibleReferral(
  context: ReferralContext,
  uuid: string,
): Promise<Referral | null> {
  const referral = await context.referrals.byUuid.load(uuid);
  return referral && canSee(context.viewer, referral) ? referral : null;
}

/** An enterprise the viewer sees through one of its referrals, or null as if it did not exist. */
export async function visibleEnterprise(
  { viewer, referrals }: ReferralContext,
  key: number,
): Promise<Enterprise | null> {
  if (isAnonymous(viewer)) return null;
  const enterprise = await referrals.enterpriseByKey.load(key);
  if (!enterprise || isAdmin(viewer)) return enterprise;
  return (await referrals.enterpriseVisible.load(key)) ? enterprise : null;
}

@Resolver(() => Referral)
export class ReferralResolver {
  @Query(() => Referral, {
    nullable: true,
    description:
      'PARTNER: its own referrals; INSTITUTION_STAFF: referrals to its institution; ADMIN: all. Null for any other.',
  })
  referral(
    @Arg('id', () => ID, { description: 'Global id of the referral.' }) id: string,
    @Ctx() context: ReferralContext,
  ): Promise<Referral | null> {
    requireReferralAccess(context.viewer);
    return visibleReferral(context, referralUuid(id, 'id'));
  }

  @Query(() => ReferralConnection, {
    description:
      'Referrals the key may see, newest first. PUBLIC (no key) is refused with FORBIDDEN.',
  })
  async referrals(
    @Args() page: PageArgs,
    @Arg('filter', () => ReferralFilter, { nullable: true, description: 'Narrows the list.' })
    filter: ReferralFilter | null,
    @Ctx() context: ReferralContext,
  ): Promise<ReferralConnection> {
    requireReferralAccess(context.viewer);
    const window = pageWindow(page, REFERRAL_CURSOR, 'Query.referrals');
    return toConnection(await listReferrals(context, filter, window), window);
  }

  @Allow([Role.PARTNER, Role.ADMIN], 'create referrals')
  @ChangesCache(CacheEffect.NONE)
  @Mutation(() => CreateReferralPayload, {
    description: 'PARTNER or ADMIN. Refers an enterprise to a service.',
  })
  async createReferral(
    @Arg('input', () => CreateReferralInput, { description: 'The enterprise and the service.' })
    input: CreateReferralInput,
    @Ctx() context: ReferralContext,
  ) {
    return { referral: await createReferral(context, input) };
  }

  @Allow(ANY_KEY, 'change referrals')
  @ChangesCache(CacheEffect.NONE)
  @Mutation(() => UpdateReferralStatusPayload, {
    description:
      'INSTITUTION_STAFF of the receiving institution, or ADMIN; PARTNER may only set CANCELLED on its own.',
  })
  async updateReferralStatus(
    @Arg('input', () => UpdateReferralStatusInput, {
      description: 'The referral and its next status.',
    })
    input: UpdateReferralStatusInput,
    @Ctx() context: ReferralContext,
  ) {
    return { referral: await updateReferralStatus(context, input) };
  }

  @FieldResolver(() => Enterprise, { description: 'The enterprise referred.' })
  async enterprise(
    @Root() referral: Referral,
    @Ctx() { referrals }: ReferralContext,
  ): Promise<Enterprise> {
    return (await referrals.enterpriseByKey.load(referral.enterpriseId))!;
  }

  @FieldResolver(() => Service, { description: 'The service it was referred to.' })
  async service(
    @Root() referral: Referral,
    @Ctx() { services }: ReferralContext,
  ): Promise<Service> {
    return (await services.byKey.load(referral.serviceId))!;
  }

  @FieldResolver(() => Institution, { description: 'Institution that delivers the service.' })
  async institution(
    @Root() referral: Referral,
    @Ctx() { institutions }: ReferralContext,
  ): Promise<Institution> {
    return (await institutions.byKey.load(referral.institutionId))!;
  }

  @FieldResolver(() => [ReferralEvent], { description: 'Every status change, oldest first.' })
  history(
    @Root() referral: Referral,
    @Ctx() { referrals }: ReferralContext,
  ): Promise<ReferralEvent[]> {
    return referrals.history.load(referral.uuid);
  }

  @FieldResolver(() => ReferralContact, {
    nullable: true,
    description:
      'Who to talk to at the enterprise (personal data, seen only by those who see the referral).',
  })
  contact(@Root() referral: Referral): ReferralContact | null {
    const { contactName: name, contactPhone: phone, contactEmail: email } = referral;
    return name || phone || email ? { name, phone, email } : null;
  }
}

/** Referral and enterprise nodes for `node(id)`: null where the viewer may not see them. */
export const referralNodes = {
  Referral: (context: ReferralContext, key: string) => visibleReferral(context, key),
  Enterprise: (context: ReferralContext, key: string) => visibleEnterprise(context, Number(key)),
};
