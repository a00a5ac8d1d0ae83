import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Institution } from '../institutions/institution.entity';
import type { RequestContext } from '../schema/context';
import { connectionTypes, PageArgs, pageWindow } from '../schema/pagination';
import { Service } from '../services/service.entity';
import { Enterprise } from './enterprise.entity';
import { ReferralEvent } from './referral-event.entity';
import { Referral } from './referral.entity';
import { REFERRAL_CURSOR, listReferrals, type ReferralQueryContext } from './referral.queries';
import { createReferral, referralUuid, updateReferralStatus } from './referral.service';
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

export const referralQueryContext = ({
  dataSource,
  viewer,
  loaders,
}: RequestContext): ReferralQueryContext => ({
  dataSource,
  viewer,
  prime: loaders.primeReferrals,
});

/** A referral the viewer may see, or null as if it did not exist. */
export async function visibleReferral(
  context: RequestContext,
  uuid: string,
): Promise<Referral | null> {
  const referral = await context.loaders.referralByUuid.load(uuid);
  return referral && canSee(context.viewer, referral) ? referral : null;
}

@Resolver(() => Referral)
export class ReferralResolver {
  @Query(() => Referral, {
    nullable: true,
    description:
      'PARTNER: its own referrals; INSTITUTION_STAFF: referrals to its institution; ADMIN: all. Null for any other.',
  })
  referral(
    @Arg('id', () => ID) id: string,
    @Ctx() context: RequestContext,
  ): Promise<Referral | null> {
    requireReferralAccess(context.viewer);
    return visibleReferral(context, referralUuid(id, 'id'));
  }

  @Query(() => ReferralConnection, {
    description:
      'Referrals the key may see, newest first. PUBLIC (no key) is refused with FORBIDDEN.',
  })
  referrals(
    @Args() page: PageArgs,
    @Arg('filter', () => ReferralFilter, { nullable: true, description: 'Narrows the list.' })
    filter: ReferralFilter | null,
    @Ctx() context: RequestContext,
  ): Promise<ReferralConnection> {
    requireReferralAccess(context.viewer);
    return listReferrals(referralQueryContext(context), filter, pageWindow(page, REFERRAL_CURSOR));
  }

  @Mutation(() => CreateReferralPayload, {
    description: 'PARTNER or ADMIN. Refers an enterprise to a service.',
  })
  async createReferral(
    @Arg('input', () => CreateReferralInput) input: CreateReferralInput,
    @Ctx() context: RequestContext,
  ) {
    return { referral: await createReferral(context, input) };
  }

  @Mutation(() => UpdateReferralStatusPayload, {
    description:
      'INSTITUTION_STAFF of the receiving institution, or ADMIN; PARTNER may only set CANCELLED on its own.',
  })
  async updateReferralStatus(
    @Arg('input', () => UpdateReferralStatusInput) input: UpdateReferralStatusInput,
    @Ctx() context: RequestContext,
  ) {
    return { referral: await updateReferralStatus(context, input) };
  }

  @FieldResolver(() => Enterprise, { description: 'The enterprise referred.' })
  async enterprise(
    @Root() referral: Referral,
    @Ctx() { loaders }: RequestContext,
  ): Promise<Enterprise> {
    return (await loaders.enterpriseByKey.load(referral.enterpriseId))!;
  }

  @FieldResolver(() => Service, { description: 'The service it was referred to.' })
  async service(@Root() referral: Referral, @Ctx() { loaders }: RequestContext): Promise<Service> {
    return (await loaders.serviceByKey.load(referral.serviceId))!;
  }

  @FieldResolver(() => Institution, { description: 'Institution that delivers the service.' })
  async institution(
    @Root() referral: Referral,
    @Ctx() { loaders }: RequestContext,
  ): Promise<Institution> {
    return (await loaders.institutionByKey.load(referral.institutionId))!;
  }

  @FieldResolver(() => [ReferralEvent], { description: 'Every status change, oldest first.' })
  history(
    @Root() referral: Referral,
    @Ctx() { loaders }: RequestContext,
  ): Promise<ReferralEvent[]> {
    return loaders.historyByReferral.load(referral.uuid);
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
