// Institutions in GraphQL: lookups, lists, the tree around one, and the admin mutations.
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Allow } from '../auth/permissions';
import { Role } from '../auth/role';
import { Region } from '../regions/region.entity';
import { PageArgs, pageWindow, toConnection } from '../schema/pagination';
import { CacheEffect, ChangesCache, Cost, type CostRule } from '../schema/field-policy';
import { searchCost } from '../schema/query-limits';
import { selectedFields, selectedNodeFields, selects } from '../schema/selection';
import { Contact, GeoPoint } from './contact.type';
import { InstitutionConnection } from './institution.connection';
import type { InstitutionContext } from './institution.context';
import { Institution } from './institution.entity';
import { InstitutionFilter, institutionCursorShape } from './institution-filter';
import { institutionReading } from './institution-columns';
import { createInstitution, moveInstitution, updateInstitution } from './institution.commands';
import {
  CreateInstitutionInput,
  InstitutionPayload,
  MoveInstitutionInput,
  UpdateInstitutionInput,
} from './institution.inputs';
import {
  institutionPagesByKey,
  listInstitutions,
  type InstitutionRelation,
} from './institution.queries';

export const institutionFilterArg = {
  nullable: true,
  description: 'Narrows the list; without it, every institution.',
} as const;

/** What a connection of institutions reads for the selection below it. */
const readingOf = (info: GraphQLResolveInfo) =>
  institutionReading(selectedNodeFields(info), selects(info, 'totalCount'));

/** The same page of institutions under each of many keys, through the request's loaders. */
export function institutionsBelow<K extends number | string>(
  context: InstitutionContext,
  relation: InstitutionRelation,
  field: string,
  key: K,
  page: PageArgs,
  filter: InstitutionFilter | null,
  info: GraphQLResolveInfo,
): Promise<InstitutionConnection> {
  const window = pageWindow(page, institutionCursorShape(filter), field);
  const reading = readingOf(info);
  return context.connections
    .get<K, InstitutionConnection>(
      field,
      { page, filter, reading },
      async (keys) =>
        (await institutionPagesByKey(context, relation, keys, filter, window, reading)).map(
          (keyed) => toConnection(keyed, window),
        ),
      info.fieldNodes,
    )
    .load(key);
}

/**
 * A search over all institutions (or a whole subtree) reads every name: about 25 ms of database
 * time for a short text, 85 ms for 100 characters; below one institution or in one region, far
 * fewer rows.
 */
const networkSearchCost: CostRule = { surcharge: (args) => searchCost(args, 500, 12) };
/** A search below one institution or in one region (also its services and events). */
export const localSearchCost: CostRule = { surcharge: (args) => searchCost(args, 100, 2) };

@Resolver(() => Institution)
export class InstitutionResolver {
  @Query(() => Institution, {
    nullable: true,
    description: 'An institution by its public code, e.g. C-441900; null if none has it.',
  })
  institution(
    @Arg('code', {
      description: 'Public code: C-<region> for a centre, M-<region>-NN for an agency.',
    })
    code: string,
    @Ctx() { institutions }: InstitutionContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Institution | null> {
    return institutions.byCodeFor(selectedFields(info)).load(code.trim());
  }

  @Cost(networkSearchCost)
  @Query(() => InstitutionConnection, {
    description: 'Institutions of the network: in a stable order, or by relevance when searching.',
  })
  async institutions(
    @Args() page: PageArgs,
    @Arg('filter', () => InstitutionFilter, institutionFilterArg) filter: InstitutionFilter | null,
    @Ctx() context: InstitutionContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<InstitutionConnection> {
    const window = pageWindow(page, institutionCursorShape(filter), 'Query.institutions');
    return toConnection(await listInstitutions(context, filter, window, readingOf(info)), window);
  }

  @FieldResolver(() => Region, {
    nullable: true,
    description: 'Where the institution serves; null only for the national tier.',
  })
  region(
    @Root() institution: Institution,
    @Ctx() { regions }: InstitutionContext,
  ): Promise<Region | null> | null {
    return institution.regionCode ? regions.byCode(institution.regionCode) : null;
  }

  @FieldResolver(() => Institution, {
    nullable: true,
    description: 'The institution above in the tree; null for the national centre.',
  })
  async parent(
    @Root() institution: Institution,
    @Ctx() { institutions }: InstitutionContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Institution | null> {
    if (!institution.parentId) return null;
    const fields = selectedFields(info);
    // `parent { parent … }`: the whole chain in one recursive statement, which primes the
    // loaders by key, instead of one round trip per level.
    if (fields.has('parent')) {
      return (await institutions.ancestorsFor(fields).load(institution.key))[0] ?? null;
    }
    return institutions.byKeyFor(fields).load(institution.parentId);
  }

  @FieldResolver(() => [Institution], {
    description: 'From the parent up to the national institution, nearest first.',
  })
  ancestors(
    @Root() institution: Institution,
    @Ctx() { institutions }: InstitutionContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Institution[]> {
    return institutions.ancestorsFor(selectedFields(info)).load(institution.key);
  }

  @Cost(localSearchCost)
  @FieldResolver(() => InstitutionConnection, { description: 'Institutions whose parent this is.' })
  children(
    @Root() institution: Institution,
    @Args() page: PageArgs,
    @Arg('filter', () => InstitutionFilter, institutionFilterArg) filter: InstitutionFilter | null,
    @Ctx() context: InstitutionContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<InstitutionConnection> {
    return institutionsBelow(
      context,
      'children',
      'Institution.children',
      institution.key,
      page,
      filter,
      info,
    );
  }

  @Cost(networkSearchCost)
  @FieldResolver(() => InstitutionConnection, {
    description: 'The whole subtree below this institution, at any depth.',
  })
  descendants(
    @Root() institution: Institution,
    @Args() page: PageArgs,
    @Arg('filter', () => InstitutionFilter, institutionFilterArg) filter: InstitutionFilter | null,
    @Ctx() context: InstitutionContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<InstitutionConnection> {
    return institutionsBelow(
      context,
      'descendants',
      'Institution.descendants',
      institution.key,
      page,
      filter,
      info,
    );
  }

  @FieldResolver(() => Contact, {
    nullable: true,
    description: 'How to reach the institution; null when nothing is known.',
  })
  contact(@Root() institution: Institution): Contact | null {
    const { phone, email, website, address } = institution;
    return phone || email || website || address ? { phone, email, website, address } : null;
  }

  @FieldResolver(() => GeoPoint, {
    nullable: true,
    description: 'Where the institution is; null when not surveyed.',
  })
  location(@Root() institution: Institution): GeoPoint | null {
    const { latitude, longitude } = institution;
    return latitude !== null && longitude !== null ? { latitude, longitude } : null;
  }

  @ChangesCache(CacheEffect.PUBLIC_DATA)
  @Allow([Role.ADMIN], 'create institutions')
  @Mutation(() => InstitutionPayload, {
    description: 'ADMIN. Keeping the network itself up to date.',
  })
  async createInstitution(
    @Arg('input', () => CreateInstitutionInput, { description: 'The new institution.' })
    input: CreateInstitutionInput,
    @Ctx() context: InstitutionContext,
  ) {
    return { institution: await createInstitution(context, input) };
  }

  @ChangesCache(CacheEffect.PUBLIC_DATA)
  @Allow([Role.INSTITUTION_STAFF, Role.ADMIN], 'change an institution')
  @Mutation(() => InstitutionPayload, {
    description: "ADMIN, or INSTITUTION_STAFF for its own institution's contact details.",
  })
  async updateInstitution(
    @Arg('input', () => UpdateInstitutionInput, { description: 'The changes.' })
    input: UpdateInstitutionInput,
    @Ctx() context: InstitutionContext,
  ) {
    return { institution: await updateInstitution(context, input) };
  }

  @ChangesCache(CacheEffect.PUBLIC_DATA)
  @Allow([Role.ADMIN], 'move institutions')
  @Mutation(() => InstitutionPayload, {
    description: 'ADMIN. Re-parents an institution; tier and region rules still hold afterwards.',
  })
  async moveInstitution(
    @Arg('input', () => MoveInstitutionInput, {
      description: 'The institution and its new parent.',
    })
    input: MoveInstitutionInput,
    @Ctx() context: InstitutionContext,
  ) {
    return { institution: await moveInstitution(context, input) };
  }
}

/** Institution nodes for `node(id)`. */
export const institutionNodes = {
  Institution: ({ institutions }: InstitutionContext, key: string) =>
    institutions.byKey.load(Number(key)),
};
