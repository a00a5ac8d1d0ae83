// Appeals in GraphQL: lookups and lists as the viewer may see them, submission and every move.
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Allow } from '../auth/permissions';
import { Role } from '../auth/role';
import { Institution } from '../institutions/institution.entity';
import { Enterprise } from '../referrals/enterprise.entity';
import { ReferralContact } from '../referrals/referral.types';
import { Region } from '../regions/region.entity';
import { CacheEffect, ChangesCache } from '../schema/field-policy';
import { connectionTypes, PageArgs, pageWindow, toConnection } from '../schema/pagination';
import type { AppealContext } from './appeal.context';
import { AppealChange } from './appeal-change.entity';
import { appealUuid, closeAppeal, submitAppeal, takeAppealStep } from './appeal.commands';
import { isOverdue } from './appeal-deadlines';
import { Appeal } from './appeal.entity';
import { decideAppealExtension, requestAppealExtension } from './appeal-extension.commands';
import { APPEAL_CURSOR, listAppeals } from './appeal.queries';
import { appealCode } from './appeal-record';
import {
  AppealExtension,
  AppealFilter,
  AppealPayload,
  AppealStepInput,
  CloseAppealInput,
  DecideAppealExtensionInput,
  SubmitAppealInput,
} from './appeal.types';
import { canSeeAppeal, requireAppealAccess } from './appeal-visibility';

export const AppealConnection = connectionTypes(Appeal, 'Appeal', 'appeal');
export type AppealConnection = InstanceType<typeof AppealConnection>;

/** An appeal the viewer may see, or null as if it did not exist. */
export async function visibleAppeal(context: AppealContext, uuid: string): Promise<Appeal | null> {
  const appeal = await context.appeals.byUuid.load(uuid);
  return appeal && canSeeAppeal(context.viewer, appeal) ? appeal : null;
}

const WORKERS = [Role.INSTITUTION_STAFF, Role.ADMIN];
const SUBMITTERS = [Role.PARTNER, Role.ADMIN];
const stepInput = { description: 'The appeal and what the handler says.' };

@Resolver(() => Appeal)
export class AppealResolver {
  @Query(() => Appeal, {
    nullable: true,
    description:
      'PARTNER: those it submitted; INSTITUTION_STAFF: those its institution handles or handled; AUTHORITY: those whose need lies in its region; ADMIN: all. Null for any other.',
  })
  appeal(
    @Arg('id', () => ID, { description: 'Global id of the appeal.' }) id: string,
    @Ctx() context: AppealContext,
  ): Promise<Appeal | null> {
    requireAppealAccess(context.viewer);
    return visibleAppeal(context, appealUuid(id, 'id'));
  }

  @Query(() => AppealConnection, {
    description:
      'Appeals the key may see, newest first. PUBLIC (no key) is refused with FORBIDDEN.',
  })
  async appeals(
    @Args() page: PageArgs,
    @Arg('filter', () => AppealFilter, { nullable: true, description: 'Narrows the list.' })
    filter: AppealFilter | null,
    @Ctx() context: AppealContext,
  ): Promise<AppealConnection> {
    requireAppealAccess(context.viewer);
    const window = pageWindow(page, APPEAL_CURSOR, 'Query.appeals');
    return toConnection(await listAppeals(context, filter, window), window);
  }

  @Allow(SUBMITTERS, 'submit appeals')
  @ChangesCache(CacheEffect.NONE)
  @Mutation(() => AppealPayload, {
    description:
      'PARTNER or ADMIN; routed to the nearest active PUBLIC centre of the region’s chain; idempotent per key.',
  })
  async submitAppeal(
    @Arg('input', () => SubmitAppealInput, { description: 'The enterprise and its appeal.' })
    input: SubmitAppealInput,
    @Ctx() context: AppealContext,
  ): Promise<AppealPayload> {
    return { appeal: await submitAppeal(context, input) };
  }

  @Allow(WORKERS, 'acknowledge appeals')
  @ChangesCache(CacheEffect.NONE)
  @Mutation(() => AppealPayload, { description: 'INSTITUTION_STAFF of the handler, or ADMIN.' })
  async acknowledgeAppeal(
    @Arg('input', () => AppealStepInput, stepInput) input: AppealStepInput,
    @Ctx() context: AppealContext,
  ): Promise<AppealPayload> {
    return { appeal: await takeAppealStep(context, input, 'acknowledge') };
  }

  @Allow(WORKERS, 'reply to appeals')
  @ChangesCache(CacheEffect.NONE)
  @Mutation(() => AppealPayload, { description: 'INSTITUTION_STAFF of the handler, or ADMIN.' })
  async replyToAppeal(
    @Arg('input', () => AppealStepInput, stepInput) input: AppealStepInput,
    @Ctx() context: AppealContext,
  ): Promise<AppealPayload> {
    return { appeal: await takeAppealStep(context, input, 'reply') };
  }

  @Allow(WORKERS, 'resolve appeals')
  @ChangesCache(CacheEffect.NONE)
  @Mutation(() => AppealPayload, { description: 'INSTITUTION_STAFF of the handler, or ADMIN.' })
  async resolveAppeal(
    @Arg('input', () => AppealStepInput, stepInput) input: AppealStepInput,
    @Ctx() context: AppealContext,
  ): Promise<AppealPayload> {
    return { appeal: await takeAppealStep(context, input, 'resolve') };
  }

  @Allow(WORKERS, 'request extensions of appeals')
  @ChangesCache(CacheEffect.NONE)
  @Mutation(() => AppealPayload, {
    description: 'Staff of the handler (or ADMIN), once, before resolveBy; the note is the reason.',
  })
  async requestAppealExtension(
    @Arg('input', () => AppealStepInput, { description: 'The appeal and why more time is needed.' })
    input: AppealStepInput,
    @Ctx() context: AppealContext,
  ): Promise<AppealPayload> {
    return { appeal: await requestAppealExtension(context, input) };
  }

  @Allow([...WORKERS, Role.AUTHORITY], 'decide extensions of appeals')
  @ChangesCache(CacheEffect.NONE)
  @Mutation(() => AppealPayload, {
    description:
      'Staff of the handler’s parent institution, an AUTHORITY over the appeal’s region, or ADMIN.',
  })
  async decideAppealExtension(
    @Arg('input', () => DecideAppealExtensionInput, { description: 'The appeal and the decision.' })
    input: DecideAppealExtensionInput,
    @Ctx() context: AppealContext,
  ): Promise<AppealPayload> {
    return { appeal: await decideAppealExtension(context, input) };
  }

  @Allow(SUBMITTERS, 'close appeals')
  @ChangesCache(CacheEffect.NONE)
  @Mutation(() => AppealPayload, {
    description:
      'The PARTNER that submitted it, once RESOLVED; a satisfaction of 1 or 2 reopens it once (back to SUBMITTED at the same handler, new deadlines).',
  })
  async closeAppeal(
    @Arg('input', () => CloseAppealInput, { description: 'The appeal and its satisfaction.' })
    input: CloseAppealInput,
    @Ctx() context: AppealContext,
  ): Promise<AppealPayload> {
    return { appeal: await closeAppeal(context, input) };
  }

  @FieldResolver(() => String, { description: 'Public code, e.g. SQ00012345.' })
  code(@Root() appeal: Appeal): string {
    return appealCode(appeal.seq);
  }

  @FieldResolver(() => Enterprise, { description: 'The enterprise that appealed.' })
  async enterprise(
    @Root() appeal: Appeal,
    @Ctx() { referrals }: AppealContext,
  ): Promise<Enterprise> {
    return (await referrals.enterpriseByKey.load(appeal.enterpriseId))!;
  }

  @FieldResolver(() => Region, { description: 'Where the enterprise’s need is.' })
  async region(@Root() appeal: Appeal, @Ctx() { regions }: AppealContext): Promise<Region> {
    return (await regions.byCode(appeal.regionCode))!;
  }

  @FieldResolver(() => Institution, {
    description:
      'The institution answering it now: the nearest active PUBLIC centre of the region’s chain at first, one tier up after each escalation.',
  })
  async handler(
    @Root() appeal: Appeal,
    @Ctx() { institutions }: AppealContext,
  ): Promise<Institution> {
    return (await institutions.byKey.load(appeal.handlerId))!;
  }

  @FieldResolver(() => Boolean, { description: 'A deadline passed with its step not done.' })
  overdue(@Root() appeal: Appeal, @Ctx() { clock }: AppealContext): boolean {
    return isOverdue(appeal, clock());
  }

  @FieldResolver(() => AppealExtension, {
    nullable: true,
    description: 'The extension requested in this round, and its decision; null if none.',
  })
  extension(@Root() appeal: Appeal): AppealExtension | null {
    if (!appeal.extensionRequestedAt) return null;
    return {
      reason: appeal.extensionReason!,
      requestedAt: appeal.extensionRequestedAt,
      approved: appeal.extensionApproved,
      decidedAt: appeal.extensionDecidedAt,
    };
  }

  @FieldResolver(() => [AppealChange], { description: 'Every move, oldest first.' })
  history(@Root() appeal: Appeal, @Ctx() { appeals }: AppealContext): Promise<AppealChange[]> {
    return appeals.history.load(appeal.uuid);
  }

  @FieldResolver(() => ReferralContact, {
    nullable: true,
    description:
      'Who to talk to at the enterprise (personal data, seen only by those who see the appeal).',
  })
  contact(@Root() appeal: Appeal): ReferralContact | null {
    const { contactName: name, contactPhone: phone, contactEmail: email } = appeal;
    return name || phone || email ? { name, phone, email } : null;
  }
}

@Resolver(() => AppealChange)
export class AppealChangeResolver {
  @FieldResolver(() => Institution, {
    nullable: true,
    description: 'Set when the appeal moved to another institution (escalation).',
  })
  async handler(
    @Root() change: AppealChange,
    @Ctx() { institutions }: AppealContext,
  ): Promise<Institution | null> {
    return change.handlerId === null ? null : institutions.byKey.load(change.handlerId);
  }
}

/** Appeal nodes for `node(id)`: null where the viewer may not see them. */
export const appealNodes = {
  Appeal: (context: AppealContext, key: string) => visibleAppeal(context, key),
};
