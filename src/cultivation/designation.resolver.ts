// The registry in GraphQL: the designations list (published: PUBLIC reads it), a designation's
// fields, and the grant, review and revocation mutations of province AUTHORITY and ADMIN keys.
import { DateResolver } from 'graphql-scalars';
import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Allow } from '../auth/permissions';
import { Role } from '../auth/role';
import { Enterprise } from '../referrals/enterprise.entity';
import { Region } from '../regions/region.entity';
import { CacheEffect, ChangesCache } from '../schema/field-policy';
import { BY_ROW_ID, PageArgs, pageWindow, toConnection } from '../schema/pagination';
import type { CultivationContext } from './cultivation.context';
import { DesignationChange } from './designation-change.entity';
import { DesignationStatus } from './designation-enums';
import { calendarDay } from './designation-reads';
import { DesignationConnection } from './designation.connection';
import { Designation } from './designation.entity';
import { grantDesignations } from './designation-grant.commands';
import { reviewDesignation, revokeDesignation } from './designation.commands';
import {
  DesignationFilter,
  DesignationPayload,
  GrantDesignationsInput,
  GrantDesignationsPayload,
  ReviewDesignationInput,
  RevokeDesignationInput,
} from './designation.inputs';
import { listDesignations } from './designation.queries';

/** Who changes the registry, as refusals name them. */
const GOVERNORS = [Role.AUTHORITY, Role.ADMIN] as const;

async function designationPayload(
  { designations }: CultivationContext,
  key: number,
): Promise<DesignationPayload> {
  return { designation: (await designations.byKey.load(key))! };
}

@Resolver(() => Designation)
export class DesignationResolver {
  @Query(() => DesignationConnection, {
    description:
      'Designations of the registry (published lists: anyone may read them), oldest grant first.',
  })
  async designations(
    @Args() page: PageArgs,
    @Arg('filter', () => DesignationFilter, {
      nullable: true,
      description: 'Narrows the list; without it, every designation of every status.',
    })
    filter: DesignationFilter | null,
    @Ctx() context: CultivationContext,
  ): Promise<DesignationConnection> {
    const window = pageWindow(page, BY_ROW_ID, 'Query.designations');
    return toConnection(await listDesignations(context, filter, window), window);
  }

  @FieldResolver(() => Enterprise, { description: 'The enterprise that holds it.' })
  async enterprise(
    @Root() designation: Designation,
    @Ctx() { referrals }: CultivationContext,
  ): Promise<Enterprise> {
    return (await referrals.enterpriseByKey.load(designation.enterpriseId))!;
  }

  @FieldResolver(() => Region, {
    nullable: true,
    description: 'The province that granted it; null for LITTLE_GIANT (granted by the nation).',
  })
  grantedBy(
    @Root() designation: Designation,
    @Ctx() { regions }: CultivationContext,
  ): Promise<Region | null> | null {
    return designation.grantedByCode ? regions.byCode(designation.grantedByCode) : null;
  }

  @FieldResolver(() => DateResolver, { description: 'First day of validity (Beijing).' })
  validFrom(@Root() designation: Designation): string {
    return calendarDay(designation.validFrom);
  }

  @FieldResolver(() => DateResolver, {
    description: 'Last day of validity (Beijing): three years on, or more once renewed.',
  })
  validUntil(@Root() designation: Designation): string {
    return calendarDay(designation.validUntil);
  }

  @FieldResolver(() => DesignationStatus, {
    description:
      'As of today: never ACTIVE after validUntil (EXPIRED), UNDER_REVIEW from 90 days before it.',
  })
  status(@Root() designation: Designation): DesignationStatus {
    // Every read of a designation goes through designationsOn(): `status` is today's already.
    return designation.status;
  }

  @FieldResolver(() => [DesignationChange], { description: 'Every change, oldest first.' })
  history(
    @Root() designation: Designation,
    @Ctx() { designations }: CultivationContext,
  ): Promise<DesignationChange[]> {
    return designations.history.load(designation.key);
  }

  @ChangesCache(CacheEffect.PUBLIC_DATA)
  @Allow(GOVERNORS, 'grant designations')
  @Mutation(() => GrantDesignationsPayload, {
    description:
      "AUTHORITY of the province (INNOVATIVE_SME, SPECIALIZED_SME in it) or ADMIN; LITTLE_GIANT only ADMIN, and only for enterprises with an ACTIVE or UNDER_REVIEW SPECIALIZED_SME. A refused list is one GraphQL error (FORBIDDEN if any row lies outside the key's province, else BAD_USER_INPUT) with extensions.rows [{ line, field, message }]; nothing is granted.",
  })
  async grantDesignations(
    @Arg('input', () => GrantDesignationsInput, { description: 'The published list.' })
    input: GrantDesignationsInput,
    @Ctx() context: CultivationContext,
  ): Promise<GrantDesignationsPayload> {
    const keys = await grantDesignations(context, input);
    const designations = await context.designations.byKey.loadMany(keys);
    return { granted: keys.length, designations: designations as Designation[] };
  }

  @ChangesCache(CacheEffect.PUBLIC_DATA)
  @Allow(GOVERNORS, 'review designations')
  @Mutation(() => DesignationPayload, {
    description: 'The granting authority or ADMIN: RENEWED (three more years) or EXITED.',
  })
  async reviewDesignation(
    @Arg('input', () => ReviewDesignationInput, { description: 'The review’s outcome.' })
    input: ReviewDesignationInput,
    @Ctx() context: CultivationContext,
  ): Promise<DesignationPayload> {
    return designationPayload(context, await reviewDesignation(context, input));
  }

  @ChangesCache(CacheEffect.PUBLIC_DATA)
  @Allow(GOVERNORS, 'revoke designations')
  @Mutation(() => DesignationPayload, {
    description:
      "The granting authority or ADMIN; revoking SPECIALIZED_SME revokes the enterprise's LITTLE_GIANT with it.",
  })
  async revokeDesignation(
    @Arg('input', () => RevokeDesignationInput, { description: 'The designation and why.' })
    input: RevokeDesignationInput,
    @Ctx() context: CultivationContext,
  ): Promise<DesignationPayload> {
    return designationPayload(context, await revokeDesignation(context, input));
  }
}

/** Designation nodes for `node(id)`: published, so anyone sees them. */
export const designationNodes = {
  Designation: ({ designations }: CultivationContext, key: string) =>
    designations.byKey.load(Number(key)),
};
